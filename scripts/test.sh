#!/usr/bin/env bash
# Set up everything (Python packages, Debian chromium for browser tests) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
# axe-core for the accessibility tests, decap-cms (the web editor copied into site/admin/) and decap-server,
# pinned in package.json / package-lock.json.
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/decap-cms/dist/decap-cms.js ] \
  || [ ! -f node_modules/decap-server/dist/index.js ]; then
  npm ci --no-audit --no-fund --silent
fi
export NO_MKDOCS_2_WARNING=1
# Two workers: the machine has two cores; browser and build tests wait on I/O as much as CPU.
exec .venv/bin/python -m pytest -q -n 2 "$@"
