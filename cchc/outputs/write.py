"""Write the build's non-page outputs into the site folder: search index, data files and feeds."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from cchc.content.models import Content
from cchc.outputs import data
from cchc.outputs.feeds import render_feed
from cchc.outputs.search import SearchCache, build_index
from cchc.outputs.search_docs import search_documents
from cchc.site import urls
from cchc.site.page import SitePlan
from cchc.timeutil import VN_TZ

log = get_plugin_logger("cchc")


def _write(site_dir: Path, rel: str, payload: bytes) -> None:
    path = site_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)


def write_outputs(
    plan: SitePlan,
    content: Content,
    article_html: dict[str, str],
    page_html: dict[str, tuple[str, str]],
    site_dir: Path,
    site_url: str | None,
    feed_items: int,
    now: datetime,
    cache_dir: Path | None = None,
) -> None:
    """`cache_dir`: where the search keeps each document's terms between builds (None: analyse all)."""
    cache = SearchCache(cache_dir) if cache_dir is not None else None
    for rel, data_bytes in build_index(search_documents(content, now, article_html, page_html), cache).items():
        _write(site_dir, rel, data_bytes)
    if cache is not None:
        log.debug(f"Tìm kiếm: {len(cache.fresh)} tài liệu được phân tích, {len(cache.used) - len(cache.fresh)} có sẵn")
        cache.save()
    _write(site_dir, "procedures.json", data.procedures_json(content, site_url))
    _write(site_dir, "hotlines.json", data.hotlines_json(content))
    _write(site_dir, "articles.json", data.articles_json(content, now, site_url))
    _write(site_dir, urls.CATALOG_INDEX, data.catalog_json(content))
    _write(site_dir, "robots.txt", robots_txt(site_url))
    if not site_url:
        log.warning(
            "Không tạo RSS/Atom: mkdocs.yml chưa có 'site_url' (địa chỉ đầy đủ của cổng), "
            "mà nguồn tin cần đường dẫn tuyệt đối. Hãy thêm ví dụ: site_url: https://cchc.example.gov.vn/"
        )
        return
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    fallback = (
        datetime.combine(plan.last_change, time(), VN_TZ) if plan.last_change else datetime(2000, 1, 1, tzinfo=VN_TZ)
    )
    for spec in plan.feeds:
        for item in spec.items:  # enclosures give the published image's size
            if item.image_url and (site_dir / item.image_url).is_file():
                item.image = site_dir / item.image_url
        rss, atom = render_feed(spec, site_url, article_html, feed_items, fallback)
        _write(site_dir, spec.rss_path, rss)
        _write(site_dir, spec.atom_path, atom)


def robots_txt(site_url: str | None) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
