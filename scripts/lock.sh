#!/usr/bin/env bash
# Regenerate requirements.txt, the pinned lock that scripts/setup.sh and CI install from, out of pyproject.toml
# ([project] dependencies + the `test` extra). Run after adding or changing a dependency in pyproject.toml:
#   bash scripts/lock.sh             # keep existing pins where they still satisfy pyproject.toml
#   bash scripts/lock.sh --upgrade   # move every pin to the newest allowed version
set -euo pipefail
cd "$(dirname "$0")/.."
tools=${LOCK_TOOLS:-${TMPDIR:-/tmp}/cchc-lock-tools}
if [ ! -x "$tools/bin/pip-compile" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet "pip-tools==7.6.2"
fi
CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh" "$tools/bin/pip-compile" --quiet --extra test --strip-extras \
  --allow-unsafe --no-emit-index-url --no-emit-find-links --output-file requirements.txt "$@" pyproject.toml
