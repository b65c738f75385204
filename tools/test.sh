#!/usr/bin/env bash
# Install what the tests need (Debian packages when root, a venv) and run the whole suite:
# lint, types, layering, then pytest on the offscreen Qt platform. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-packages.sh test
bash tools/venv.sh test
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1

echo "== ruff"; .venv/bin/ruff check archiveviewer tests
echo "== mypy"; .venv/bin/mypy
echo "== import-linter"; .venv/bin/lint-imports
echo "== pytest"; exec .venv/bin/pytest "$@"
