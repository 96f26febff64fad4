#!/usr/bin/env bash
# Upload a finished build of the portal to the agency's own server over SSH (rsync), for deploy/nginx.conf.
#
#   bash scripts/deploy.sh user@may-chu.tinh.gov.vn:/var/www/cchc/site      # after `bash scripts/build.sh`
#   SITE_DIR=/path/to/site bash scripts/deploy.sh DEST                      # another build folder
#
# Uploads only a complete build: refuses when site/ has no index.html or when a build is running or failed half-way
# (site.building/ exists), and holds the build lock (site.lock) while uploading so no build swaps site/ underneath.
# Text files get precompressed .gz twins (nginx's gzip_static serves them). rsync puts changed files in place only
# at the end (--delay-updates) and deletes old files last, so readers never see a half-uploaded portal.
# DEST may also be a local folder (used by the tests). RSYNC_RSH sets the ssh command, e.g. "ssh -p 2222".
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-}
site=${SITE_DIR:-site}
site=${site%/}
if [ -z "$dest" ]; then
  echo "Cách dùng: bash scripts/deploy.sh người-dùng@máy-chủ:/thư/mục/site" >&2
  exit 2
fi
if [ ! -f "$site/index.html" ]; then
  echo "Không đăng: $site/ chưa có bản dựng hoàn chỉnh (thiếu index.html). Hãy chạy bash scripts/build.sh trước." >&2
  exit 1
fi
if [ -e "$site.building" ]; then
  echo "Không đăng: đang có một lần dựng trang chạy dở ($site.building/). Hãy chờ dựng xong rồi chạy lại." >&2
  exit 1
fi
command -v rsync >/dev/null || { echo "Cần cài rsync (apt-get install rsync)." >&2; exit 1; }

exec 9>"$site.lock"
if ! flock -w 600 9; then
  echo "Không đăng: một lần dựng trang khác giữ $site.lock quá 10 phút." >&2
  exit 1
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -a "$site/." "$staging/"
find "$staging" -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.json' -o -name '*.xml' \
  -o -name '*.svg' -o -name '*.txt' \) -size +255c -exec gzip -f -k -n -9 {} +
rsync -rlt --chmod=D755,F644 --delete-delay --delay-updates --exclude='.*' "$staging/" "${dest%/}/"
echo "Đã đăng $site/ lên $dest"
