#!/usr/bin/env bash
# Install archiveviewer and start it. With no account configured it opens the sample archive.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-packages.sh run
bash tools/venv.sh
exec .venv/bin/python -m archiveviewer "$@"
