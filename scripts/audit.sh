#!/usr/bin/env bash
# Lighthouse (mobile preset) on the demo home page and an article, 3 runs each; prints the four
# scores, the layout shift and the total blocking time of each run with the 1-minute load average before it
# (timings on a shared machine depend on it), and the median performance. Needs the network only for npm the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null 2>&1
[ -x node_modules/.bin/lighthouse ] || npm install --no-save --no-audit --no-fund --silent lighthouse@13.5.0
export CHROME_PATH=/usr/bin/chromium
port=8765
# Served like a static host (gzip, 404 page): what citizens get from real hosting.
.venv/bin/python scripts/serve_site.py "$port" site >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
out=$(mktemp -d)
for page in "" "bai-viet/ban-hanh-ke-hoach-tuyen-truyen-cchc-2024/"; do
  for run in 1 2 3; do
    cut -d' ' -f1 /proc/loadavg >"$out/r$run.load"
    node_modules/.bin/lighthouse "http://127.0.0.1:$port/$page" --quiet --output json --output-path "$out/r$run.json" \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
      --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
  done
  .venv/bin/python - "$out" "/$page" <<'PY'
import json, statistics, sys
from pathlib import Path
runs = [json.loads(p.read_text()) for p in sorted(Path(sys.argv[1]).glob("r*.json"))]
names = ["performance", "accessibility", "best-practices", "seo"]
def metric(r, name):
    return r["audits"][name]["numericValue"]
for i, r in enumerate(runs, 1):
    scores = ", ".join(f"{n} {round(r['categories'][n]['score'] * 100)}" for n in names)
    load = (Path(sys.argv[1]) / f"r{i}.load").read_text().strip()
    extra = f"CLS {metric(r, 'cumulative-layout-shift'):.3f}, TBT {metric(r, 'total-blocking-time'):.0f} ms, load {load}"
    print(sys.argv[2], f"run {i}:", scores, f"({extra})")
print(sys.argv[2], "median performance:", statistics.median(round(r["categories"]["performance"]["score"] * 100) for r in runs))
PY
done
