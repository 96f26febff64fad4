#!/usr/bin/env bash
# Set up and build the demo portal into site/. `scripts/build.sh serve` also serves it with live preview.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The web editor (/admin/) is copied from node_modules; without npm the portal is still built, without /admin/.
if [ ! -f node_modules/decap-cms/dist/decap-cms.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --silent || echo "Cảnh báo: npm ci thất bại, trang biên tập /admin/ sẽ không có." >&2
  else
    echo "Cảnh báo: không có npm, trang biên tập /admin/ sẽ không có." >&2
  fi
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m cchc check
.venv/bin/mkdocs build --strict
echo "Đã tạo trang tại: $(pwd)/site/index.html"
if [ "${1:-}" = "serve" ]; then
  exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
fi
