"""Put the web editor into the built site: admin/index.html, config.yml, admin.js and Decap's bundle."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

STATIC = Path(__file__).parent / "static"
DECAP_DIST = Path("node_modules/decap-cms/dist")
_CHUNK = re.compile(r"^\d+\.decap-cms\.js$")  # lazily loaded parts of the bundle


if TYPE_CHECKING:
    _BaseDumper = yaml.SafeDumper
else:  # libyaml's emitter where installed: the same text (the demo's, a 1,000-article and the hostile config), 5x faster
    _BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _NoAliases(_BaseDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def decap_files(dist: Path) -> list[Path]:
    """decap-cms.js and its chunks (no source maps), or [] when `npm ci` has not been run."""
    main = dist / "decap-cms.js"
    if not main.is_file():
        return []
    return [main, *sorted(p for p in dist.iterdir() if _CHUNK.match(p.name))]


def preview_styles(site_dir: Path) -> list[str]:
    """The site's stylesheets, relative to admin/: Material's main (hashed name) and the portal's."""
    found = sorted((site_dir / "assets/stylesheets").glob("main.*.min.css"))
    styles = [f"../assets/stylesheets/{p.name}" for p in found[:1]]
    if (site_dir / "assets/cchc.css").is_file():
        styles.append("../assets/cchc.css")
    return styles


def install_admin(site_dir: Path, config: dict, dist: Path, rules: dict | None = None) -> str | None:
    """Write site_dir/admin/. Returns a warning when Decap's bundle is missing (the rest of the site is fine)."""
    files = decap_files(dist)
    if not files:
        return (
            f"không có {dist / 'decap-cms.js'}: trang biên tập /admin/ không dùng được trong bản dựng này; "
            "hãy chạy 'npm ci' rồi dựng lại"
        )
    admin = site_dir / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    (admin / "config.yml").write_text(
        "# Tạo tự động từ mẫu nội dung (cchc/editor/config.py) khi dựng trang: đừng sửa tay.\n"
        + yaml.dump(config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000),
        encoding="utf-8",
    )
    index = (STATIC / "index.html").read_text(encoding="utf-8")
    (admin / "index.html").write_text(index.replace("@PREVIEW_STYLES@", " ".join(preview_styles(site_dir))), "utf-8")
    shutil.copyfile(STATIC / "admin.js", admin / "admin.js")
    (admin / "rules.json").write_text(json.dumps(rules or {}, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    for path in files:
        target = admin / path.name
        if not target.exists() or target.stat().st_size != path.stat().st_size:
            shutil.copyfile(path, target)
    return None
