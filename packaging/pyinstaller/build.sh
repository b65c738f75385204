#!/usr/bin/env bash
# Build the one-folder bundle (build/bundle/dist/archiveviewer/), then smoke-start it:
#   bash packaging/pyinstaller/build.sh
# Needs the project's venv (tools/venv.sh); installs PyInstaller into it. The smoke start
# (smoke.py) runs the bundle under Xvfb and prints its size and start-up time.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || bash tools/venv.sh
.venv/bin/python -m pip install -q --disable-pip-version-check "pyinstaller>=6"
.venv/bin/pyinstaller --noconfirm --log-level WARN \
    --distpath build/bundle/dist --workpath build/bundle/work packaging/pyinstaller/archiveviewer.spec
exec .venv/bin/python packaging/pyinstaller/smoke.py build/bundle/dist/archiveviewer
