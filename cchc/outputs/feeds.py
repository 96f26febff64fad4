"""RSS 2.0 and Atom feeds for the site, each category, each unit and the procedures catalog.

Pure functions: `feed_catalog` says which feeds exist and what each holds; `render_feed`
turns one into RSS and Atom bytes. Dates come from the content, never from the clock,
so an unchanged site gives byte-identical feeds.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from cchc.content.models import Article, Content, Procedure
from cchc.site import urls
from cchc.timeutil import VN_TZ, to_vn


@dataclass
class FeedItem:
    title: str
    url: str  # site-relative
    published: datetime
    updated: datetime | None
    summary: str
    author: str | None
    categories: list[str]
    content_key: str | None = None  # src_uri of the page whose rendered HTML is the content
    image: Path | None = None
    image_url: str | None = None  # site-relative


@dataclass
class FeedSpec:
    key: str  # "feeds/tin-tuc": the feed is written to <key>/rss.xml and <key>/atom.xml
    title: str
    description: str
    page_url: str  # the listing page it follows, site-relative
    items: list[FeedItem] = field(default_factory=list)

    @property
    def rss_path(self) -> str:
        return f"{self.key}/rss.xml"

    @property
    def atom_path(self) -> str:
        return f"{self.key}/atom.xml"


def article_item(article: Article, content: Content) -> FeedItem:
    unit = content.units[article.unit]
    category = content.categories[article.category]
    info = article.images.get(article.image) if article.image is not None else None
    image_url = urls.photos(info, content.root).social.src_uri if info else None  # a 1200x630 JPEG
    return FeedItem(
        title=article.title,
        url=urls.page_url(urls.article(article.slug)),
        published=to_vn(article.date),
        updated=to_vn(article.updated) if article.updated else None,
        summary=article.summary,
        author=article.author or unit.name,
        categories=[category.name, *article.tags],
        content_key=urls.article(article.slug),
        image=None,  # the published social image; write_outputs points at it once it is written
        image_url=image_url,
    )


def procedure_item(procedure: Procedure) -> FeedItem:
    changed = datetime.combine(procedure.updated, time(), VN_TZ)
    return FeedItem(
        title=f"{procedure.name} ({procedure.code})",
        url=urls.page_url(urls.procedure(procedure.code)),
        published=changed,
        updated=changed,
        summary=f"Lĩnh vực {procedure.field}. Cơ quan thực hiện: {procedure.agency}."
        + (f" Thời hạn giải quyết: {procedure.processing_time}." if procedure.processing_time else ""),
        author=procedure.agency,
        categories=[procedure.field],
    )


def feed_catalog(content: Content, articles: list[Article], site_name: str) -> list[FeedSpec]:
    """Every feed of the site, in the order the feeds page lists them. `articles` are the published ones."""
    items = {a.slug: article_item(a, content) for a in articles}
    specs = [
        FeedSpec(
            urls.news_feed(),
            f"{site_name}: tin tức",
            f"Tin, bài mới nhất của {site_name}.",
            urls.page_url(urls.news()),
            [items[a.slug] for a in articles],
        )
    ]
    for category in content.categories.values():
        specs.append(
            FeedSpec(
                urls.category_feed(category.id),
                f"{category.name} - {site_name}",
                category.description or f"Tin, bài chuyên mục {category.name} của {site_name}.",
                urls.page_url(urls.category(category.id)),
                [items[a.slug] for a in articles if a.category == category.id],
            )
        )
    for unit in content.units.values():
        specs.append(
            FeedSpec(
                urls.unit_feed(unit.id),
                f"{unit.name} - {site_name}",
                f"Tin, bài do {unit.name} đăng trên {site_name}.",
                urls.page_url(urls.unit(unit.id)),
                [items[a.slug] for a in articles if a.unit == unit.id],
            )
        )
    changed = sorted((p for p in content.procedures if p.updated), key=lambda p: (p.updated, p.code), reverse=True)
    specs.append(
        FeedSpec(
            urls.PROCEDURES_FEED,
            f"Thủ tục hành chính mới, sửa đổi - {site_name}",
            f"Thủ tục hành chính được công bố mới hoặc cập nhật trên {site_name}.",
            urls.page_url(urls.PROCEDURES),
            [procedure_item(p) for p in changed],
        )
    )
    return specs


_URL_ATTR = re.compile(r"""(\s(?:src|href|poster)=)(["'])(.*?)\2""")


def absolutize(html: str, base_url: str) -> str:
    """Make every src/href in `html` absolute against `base_url` (the page the HTML comes from)."""
    return _URL_ATTR.sub(lambda m: f"{m.group(1)}{m.group(2)}{urljoin(base_url, m.group(3))}{m.group(2)}", html)


def _newest(items: list[FeedItem]) -> datetime | None:
    return max((i.updated or i.published for i in items), default=None)


def render_feed(
    spec: FeedSpec, site_url: str, html_by_key: dict[str, str], limit: int, fallback_date: datetime
) -> tuple[bytes, bytes]:
    """RSS and Atom bytes of `spec`, with its `limit` newest items, newest first."""
    rss = _generator(spec, site_url, html_by_key, limit, fallback_date, atom=False).rss_str(pretty=True)
    atom = _generator(spec, site_url, html_by_key, limit, fallback_date, atom=True).atom_str(pretty=True)
    return rss, atom


def _generator(spec, site_url, html_by_key, limit, fallback_date, atom: bool) -> FeedGenerator:
    items = spec.items[:limit]
    self_url = urljoin(site_url, spec.atom_path if atom else spec.rss_path)
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.id(self_url)
    feed.title(spec.title)
    feed.subtitle(spec.description)
    feed.language("vi")
    # feedgen takes the last link added as RSS's channel <link>: the page, not the feed.
    feed.link(href=self_url, rel="self")
    feed.link(href=urljoin(site_url, spec.page_url), rel="alternate")
    # The newest item's date, not the clock: an unchanged site gives the same bytes.
    feed.updated(_newest(items) or fallback_date)
    for item in items:
        link = urljoin(site_url, item.url)
        entry = feed.add_entry(order="append")
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(item.title)
        entry.link(href=link, rel="alternate")
        entry.published(item.published)
        entry.updated(item.updated or item.published)
        if item.author:
            entry.author({"name": item.author})
            if not atom:
                entry.dc.dc_creator(item.author)
        for name in item.categories:
            entry.category(term=name)
        html = html_by_key.get(item.content_key or "")
        if atom:
            entry.summary(item.summary)
        else:
            entry.description(item.summary)
        if html:
            entry.content(absolutize(html, link), type="CDATA" if not atom else "html")
        if item.image is not None and item.image_url:
            mime = mimetypes.guess_type(item.image.name)[0] or "application/octet-stream"
            entry.enclosure(urljoin(site_url, item.image_url), str(item.image.stat().st_size), mime)
    return feed
