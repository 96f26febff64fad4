#!/usr/bin/env bash
# The local web editor and the live preview together, both on 127.0.0.1 only:
#   decap-server (git mode, commits into this repository) on 127.0.0.1:8081,
#   mkdocs serve on 127.0.0.1:8000: the editor is http://127.0.0.1:8000/admin/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -f node_modules/decap-server/dist/index.js ] || [ ! -f node_modules/decap-cms/dist/decap-cms.js ]; then
  npm ci --no-audit --no-fund --silent
fi
export NO_MKDOCS_2_WARNING=1
MODE=git GIT_REPO_DIRECTORY="$(pwd)" BIND_HOST=127.0.0.1 PORT=8081 node node_modules/decap-server/dist/index.js &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM
echo "Trang biên tập: http://127.0.0.1:8000/admin/  (xem trước cổng: http://127.0.0.1:8000/)"
.venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
