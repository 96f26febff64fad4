#!/usr/bin/env bash
# Set up and build the demo portal into site/. `scripts/build.sh serve` also serves it with live preview.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m cchc check
.venv/bin/mkdocs build --strict
echo "Đã tạo trang tại: $(pwd)/site/index.html"
if [ "${1:-}" = "serve" ]; then
  exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
fi
