"""Which feeds the site has and what each holds (plain data, planned with the pages; rendered by
cchc/outputs/feeds.py). Dates come from the content, never from the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from cchc.content.models import Article, Content, Procedure
from cchc.site import urls
from cchc.site.views import ArticleView, ArticleViews
from cchc.timeutil import VN_TZ


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


def article_item(view: ArticleView) -> FeedItem:
    return FeedItem(
        title=view.title,
        url=view.url,
        published=view.date,
        updated=view.updated,
        summary=view.summary,
        author=view.author or view.unit.name,
        categories=[view.category.name, *view.tags],
        content_key=view.src_uri,
        image=None,  # the published social image; write_outputs points at it once it is written
        image_url=view.image_url,
    )


def procedure_item(procedure: Procedure) -> FeedItem:
    assert procedure.updated is not None  # only procedures with a date of change have feed items
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


def feed_catalog(content: Content, articles: list[Article], site_name: str, views: ArticleViews) -> list[FeedSpec]:
    """Every feed of the site, in the order the feeds page lists them. `articles` are the published ones."""
    items = {a.slug: article_item(views(a)) for a in articles}
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
