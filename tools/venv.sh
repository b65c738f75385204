#!/usr/bin/env bash
# Make (or refresh) the project's virtual environment in .venv.
#   tools/venv.sh           the program
#   tools/venv.sh test      the program and what its tests need
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=""
[ "${1:-}" = test ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
