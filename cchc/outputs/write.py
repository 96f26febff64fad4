"""Write the build's non-page outputs into the site folder: search index, data files and feeds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from cchc.build.site_writes import write_if_changed
from cchc.content.models import Content
from cchc.outputs import data
from cchc.outputs.feed_memo import FeedMemo
from cchc.outputs.search import SearchCache, build_index
from cchc.outputs.search_docs import search_documents
from cchc.site import urls
from cchc.site.page import SitePlan
from cchc.site.sitedir import SiteSwap
from cchc.timeutil import VN_TZ

log = get_plugin_logger("cchc")


class _Writer:
    """Writes whole files, only those whose bytes changed (a preview server may be reading them), and keeps
    the paths in `written`: the preview removes what an earlier build wrote and this one did not.

    `swap`: a build into its staging folder, which no one reads: a file the live site already holds with the same
    bytes is kept there (cchc/site/sitedir.py), the others are written without a rename."""

    def __init__(self, site_dir: Path, written: set[str], swap: SiteSwap | None):
        self.site_dir, self.written, self.swap = site_dir, written, swap

    def __call__(self, rel: str, payload: bytes) -> None:
        self.written.add(rel)
        if self.swap is not None and self.swap.keep_if_same(rel, payload):
            return
        write_if_changed(payload, self.site_dir / rel, atomic=self.swap is None)


def write_outputs(
    plan: SitePlan,
    content: Content,
    article_html: dict[str, str],
    article_text: dict[str, str],
    page_html: dict[str, tuple[str, str]],
    site_dir: Path,
    site_url: str | None,
    feed_items: int,
    now: datetime,
    cache_dir: Path | None = None,
    feed_cache: Path | None = None,
    *,
    written: set[str] | None = None,
    check: Callable[[], None] | None = None,
    swap: SiteSwap | None = None,
    processes: int = 1,
) -> set[str]:
    """Write them; the paths written (also added to `written` as they are), relative to `site_dir`.

    `cache_dir`: where the search keeps each document's terms between builds (None: analyse all).
    `feed_cache`: the file that keeps the feeds between builds (None: make every feed; see feed_memo.py).
    `check`: called now and then; it raises to stop the work (the preview: a newer rebuild writes them all).
    `swap`: a build's staging folder and the live site (see _Writer).
    `processes`: how many processes encode the search index (forked: never from a process with threads)."""
    stop = check or (lambda: None)
    write = _Writer(site_dir, set() if written is None else written, swap)
    cache = SearchCache(cache_dir) if cache_dir is not None else None
    stop()
    documents = search_documents(content, now, article_text, page_html, plan.views)
    stop()
    for rel, data_bytes in build_index(documents, cache, check, processes).items():
        write(rel, data_bytes)
    stop()
    if cache is not None:
        log.debug(f"Tìm kiếm: {len(cache.fresh)} tài liệu được phân tích, {len(cache.used) - len(cache.fresh)} có sẵn")
        cache.save()
    data_files: list[tuple[str, Callable[[], bytes]]] = [
        ("procedures.json", lambda: data.procedures_json(content, site_url)),
        ("hotlines.json", lambda: data.hotlines_json(content)),
        ("articles.json", lambda: data.articles_json(content, now, site_url, plan.views)),
        (urls.CATALOG_INDEX, lambda: data.catalog_json(content)),
        ("robots.txt", lambda: robots_txt(site_url)),
    ]
    for rel, make in data_files:
        stop()
        write(rel, make())
    if not site_url:
        log.warning(
            "Không tạo RSS/Atom: mkdocs.yml chưa có 'site_url' (địa chỉ đầy đủ của cổng), "
            "mà nguồn tin cần đường dẫn tuyệt đối. Hãy thêm ví dụ: site_url: https://cchc.example.gov.vn/"
        )
        return write.written
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    fallback = (
        datetime.combine(plan.last_change, time(), VN_TZ) if plan.last_change else datetime(2000, 1, 1, tzinfo=VN_TZ)
    )
    feeds = FeedMemo(feed_cache)
    for spec in plan.feeds:
        stop()
        for item in spec.items:  # enclosures give the published image's size
            if not item.image_url:
                continue
            published = swap.built_file(item.image_url) if swap is not None else site_dir / item.image_url
            if published is not None and published.is_file():
                item.image = published
        rss, atom = feeds.render(spec, site_url, article_html, feed_items, fallback)
        write(spec.rss_path, rss)
        write(spec.atom_path, atom)
    feeds.save()
    return write.written


def robots_txt(site_url: str | None) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
