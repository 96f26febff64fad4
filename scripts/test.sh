#!/usr/bin/env bash
# Set up everything (Python packages, Debian chromium and nginx for the browser and server tests), check lint, format
# and types, then run the whole test suite. Extra arguments go to pytest (e.g. `bash scripts/test.sh tests/test_feeds.py`).
# With CI set (or CCHC_SLOW=1), also runs the slow tests (a fresh virtualenv with `pip install .`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Debian packages the tests drive, installed in one apt run where missing: chromium (browser tests), a JRE
# (HTML validator), nginx and rsync (server config and deploy), LibreOffice and poppler (annex rendered to PDF).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# axe-core for the accessibility tests, decap-cms (the web editor copied into site/admin/) and decap-server,
# pinned in package.json / package-lock.json.
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/decap-cms/dist/decap-cms.js ] \
  || [ ! -f node_modules/decap-server/dist/index.js ]; then
  npm ci --no-audit --no-fund --silent
fi
echo "== ruff check, ruff format --check, mypy"
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
.venv/bin/mypy --no-error-summary
export NO_MKDOCS_2_WARNING=1
# The tests' scratch folders (about 500 MB of small sites, profiles and repositories): in memory when /dev/shm has
# room (writing and deleting 25,000 small files on disk cost a run 10-15 s of system time here), else under /tmp;
# CCHC_TEST_TMP chooses the parent. Removed after a green run, kept (and named) after a red one.
parent=${CCHC_TEST_TMP:-}
if [ -z "$parent" ]; then
  parent=/tmp
  if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -gt 4000000 ]; then parent=/dev/shm; fi
fi
scratch=$(mktemp -d "$parent/cchc-tests.XXXXXX")
export TMPDIR=$scratch
echo "== pytest"
# Two workers for two cores; worksteal lets a worker that runs out take the other's remaining tests.
status=0
.venv/bin/python -m pytest -q -n 2 --dist worksteal --basetemp="$scratch/pytest" "$@" || status=$?
if [ $status -eq 0 ] && [ -n "${CI:-}${CCHC_SLOW:-}" ] && [ $# -eq 0 ]; then
  echo "== slow tests (fresh virtualenv, pip install .)"
  .venv/bin/python -m pytest -q -m slow --basetemp="$scratch/slow" || status=$?
fi
if [ $status -eq 0 ]; then rm -rf "$scratch"; else echo "test files kept in $scratch"; fi
exit $status
