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
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest -q "$@"
