"""Plan every generated page of the portal from validated content. Pure: no MkDocs here.

The plan maps each page's src_uri to its title, template and the plain data its
template shows (URLs are site-relative; templates pass them through MkDocs' `url`
filter). The navigation stays a handful of entries whatever the number of articles,
so rendering stays linear.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from cchc.content.models import Article, Content
from cchc.images import ImageSet
from cchc.site import urls
from cchc.site.feed_plan import FeedSpec, feed_catalog
from cchc.site.links import rewrite_links
from cchc.site.page import Card, GeneratedPage, SitePlan
from cchc.site.procedures import procedure_pages
from cchc.site.stats import stats_pages
from cchc.site.views import ArticleView, ArticleViews
from cchc.timeutil import MONTH_NAMES, format_date, to_vn

DEFAULT_PER_PAGE = 20


class PlanConflict(ValueError):
    """Two pages of the plan would share one URL."""


def visible_articles(content: Content, now: datetime, preview: bool) -> list[Article]:
    """What the site shows: published articles; in preview (mkdocs serve) drafts and scheduled too."""
    if preview:
        return list(content.articles)
    return content.published(now)


def plan_site(
    content: Content,
    now: datetime,
    preview: bool = False,
    per_page: int = DEFAULT_PER_PAGE,
    site_name: str = "",
) -> SitePlan:
    articles = visible_articles(content, now, preview)
    views = ArticleViews(content)
    feeds = feed_catalog(content, content.published(now), site_name, views)
    photos = plan_photos(content, articles)
    media = _plan_media(content, articles, photos)
    groups = _Groups(articles)
    cards: dict[int, Card] = {}  # an article's card, made once for the ~6 listings that show it

    def card(article: Article) -> Card:
        made = cards.get(id(article))
        if made is None:
            made = cards[id(article)] = article_card(views(article))
        return made

    pages: dict[str, GeneratedPage] = {}
    for page in [
        *_article_pages(articles, content, now, media, photos, card),
        *_listing_pages(content, articles, groups, per_page, card),
        _home_page(content, articles, card),
        *_index_pages(content, groups),
        *procedure_pages(content),
        *stats_pages(content, now),
        _feeds_page(feeds),
        _search_page(),
    ]:
        if page.src_uri in pages:  # check's url_problems names the files; never drop a page silently
            raise PlanConflict(
                f"hai trang cùng địa chỉ /{urls.page_url(page.src_uri)}: "
                f"'{pages[page.src_uri].title}' và '{page.title}'"
            )
        pages[page.src_uri] = page
    last_change = max((_changed(a) for a in articles), default=None)
    for page in pages.values():
        if page.updated is None:
            page.updated = last_change
    return SitePlan(pages, media, articles, last_change, feeds, photos, views)


class _Groups:
    """The site's articles grouped the ways the listings need, each group newest first."""

    def __init__(self, articles: list[Article]):
        self.by_category = _group(articles, lambda a: [a.category])
        self.by_unit = _group(articles, lambda a: [a.unit])
        self.by_tag = _group(articles, lambda a: [urls.tag_slug(t) for t in a.tags])
        self.tag_names = _tag_names(articles)
        self.by_year = _group(articles, lambda a: [a.local_date.year])
        self.by_month = _group(articles, lambda a: [(a.local_date.year, a.local_date.month)])


def _article_pages(
    articles: list[Article],
    content: Content,
    now: datetime,
    media: dict[str, Path],
    photos: dict[Path, ImageSet],
    card: Callable[[Article], dict],
) -> list[GeneratedPage]:
    link_targets = {path.resolve(): uri for uri, path in media.items()}
    # A photo in the body links to its JPEG version; the plugin turns the <img> into a <picture>.
    link_targets.update({path.resolve(): images.fallback.src_uri for path, images in photos.items()})
    link_targets.update({a.resolved_source: urls.article(a.slug) for a in articles})
    pages = []
    for index, article in enumerate(articles):
        newer = articles[index - 1] if index > 0 else None
        older = articles[index + 1] if index + 1 < len(articles) else None
        pages.append(_article_page(article, card(article), content, now, newer, older, link_targets))
    return pages


def _listing_pages(
    content: Content, articles: list[Article], groups: _Groups, per_page: int, card
) -> list[GeneratedPage]:
    """Paginated listings: all news, each category, unit, tag, year and month."""
    listings: list[tuple] = [
        (urls.news, "Tin tức", "Tất cả tin, bài về cải cách hành chính.", articles, urls.news_feed())
    ]
    for category in content.categories.values():
        listings.append(
            (
                lambda p, c=category.id: urls.category(c, p),
                category.name,
                category.description,
                groups.by_category.get(category.id, []),
                urls.category_feed(category.id),
            )
        )
    for unit in content.units.values():
        listings.append(
            (
                lambda p, u=unit.id: urls.unit(u, p),
                unit.name,
                f"Tin, bài do {unit.name} đăng.",
                groups.by_unit.get(unit.id, []),
                urls.unit_feed(unit.id),
            )
        )
    for slug, items in sorted(groups.by_tag.items()):
        name = groups.tag_names[slug]
        listings.append((lambda p, t=name: urls.tag(t, p), f"Chủ đề: {name}", None, items, None))
    for year, items in sorted(groups.by_year.items(), reverse=True):
        listings.append((lambda p, y=year: urls.archive(y, None, p), f"Lưu trữ năm {year}", None, items, None))
    for (year, month), items in sorted(groups.by_month.items(), reverse=True):
        listings.append(
            (
                lambda p, y=year, m=month: urls.archive(y, m, p),
                f"Lưu trữ {MONTH_NAMES[month].lower()}/{year}",
                None,
                items,
                None,
            )
        )
    return [
        page
        for uri_of, title, description, items, feed in listings
        for page in _paginate(uri_of, title, description, items, per_page, card, feed)
    ]


def _index_pages(content: Content, groups: _Groups) -> list[GeneratedPage]:
    return [
        _index_page(
            urls.UNITS_INDEX,
            "Đơn vị",
            "Các cơ quan, đơn vị đăng tin trên cổng.",
            [
                {
                    "title": u.name,
                    "url": urls.page_url(urls.unit(u.id)),
                    "count": len(groups.by_unit.get(u.id, [])),
                    "note": f"hoạt động {u.lifetime()}" if u.lifetime() else None,
                    "group": u.group or "Khác",
                }
                for u in content.units.values()
            ],
        ),
        _index_page(
            urls.TAGS_INDEX,
            "Chủ đề",
            "Các chủ đề được gắn cho tin, bài.",
            [
                {
                    "title": groups.tag_names[slug],
                    "url": urls.page_url(urls.tag(groups.tag_names[slug])),
                    "count": len(items),
                }
                for slug, items in sorted(groups.by_tag.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ],
        ),
        _index_page(
            urls.ARCHIVE_INDEX,
            "Lưu trữ",
            "Tin, bài theo năm và tháng.",
            [
                {
                    "title": f"{MONTH_NAMES[m]}/{y}",
                    "url": urls.page_url(urls.archive(y, m)),
                    "count": len(items),
                    "group": f"Năm {y}",
                }
                for (y, m), items in sorted(groups.by_month.items(), reverse=True)
            ],
        ),
    ]


def _changed(article: Article) -> date:
    return to_vn(article.updated or article.date).date()


def _group(articles: list[Article], keys_of) -> dict:
    groups: dict = defaultdict(list)
    for article in articles:
        for key in keys_of(article):
            groups[key].append(article)
    return groups


def _tag_names(articles: list[Article]) -> dict[str, str]:
    """The first spelling seen of each tag slug ("Tuyên truyền" and "tuyên truyền" are one tag)."""
    names: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: a.date):
        for tag in article.tags:
            names.setdefault(urls.tag_slug(tag), tag)
    return names


def _plan_media(content: Content, articles: list[Article], photos: dict[Path, ImageSet]) -> dict[str, Path]:
    """The files the site's articles use (attachments, relative links in the body), photos aside.

    Only those: a draft's attachment or a forgotten file in content/ is never published, and
    a photo is published only as the resized versions of `plan_photos`.
    """
    used: set[Path] = set()
    for article in articles:
        used.update(p for p in (*(a.path for a in article.attachments), *article.linked_files) if p)
    return {urls.media(path, content.root): path for path in sorted(used) if path not in photos}


def plan_photos(content: Content, articles: list[Article]) -> dict[Path, ImageSet]:
    """Every photo the site's articles show (cover and body), with the versions published of it."""
    photos: dict[Path, ImageSet] = {}
    for article in articles:
        for path, info in article.images.items():
            if path not in photos:
                photos[path] = urls.photos(info, content.root)
    return photos


def photo_view(images: ImageSet | None, alt: str) -> dict | None:
    """What a template needs to show a photo: the JPEG `src`, the WebP versions, size, alt text."""
    if images is None:
        return None
    return {
        "src": images.fallback.src_uri,
        "webp": [{"url": v.src_uri, "width": v.width} for v in images.webp],
        "width": images.width,
        "height": images.height,
        "social": images.social.src_uri,
        "alt": alt,
    }


def article_card(view: ArticleView) -> Card:
    """What a listing shows of an article."""
    return Card(
        {
            "title": view.title,
            "url": view.url,
            "date": view.date_text,
            "date_iso": view.date.isoformat(),
            "summary": view.summary,
            "unit": {"name": view.unit.name, "url": view.unit.url},
            "category": {"name": view.category.name, "url": view.category.url},
            "image": photo_view(view.photos, view.image_alt),
            "image_alt": view.image_alt,
            "draft": view.draft,
        }
    )


def _article_page(article, card: dict, content, now, newer, older, link_targets: dict[Path, str]) -> GeneratedPage:
    src_uri = urls.article(article.slug)
    context = dict(card)  # the card is shared with the listings
    context.update(
        {
            "tags": [{"name": t, "url": urls.page_url(urls.tag(t))} for t in article.tags],
            "author": article.author,
            "updated": format_date(article.updated) if article.updated else None,
            "attachments": [
                {"title": a.title, "url": urls.media(a.path, content.root), "type": a.extension, "size": _size(a.path)}
                for a in article.attachments
            ],
            "newer": {"title": newer.title, "url": urls.page_url(urls.article(newer.slug))} if newer else None,
            "older": {"title": older.title, "url": urls.page_url(urls.article(older.slug))} if older else None,
            "scheduled": article.is_scheduled(now),
            "source": article.rel_path,
        }
    )
    return GeneratedPage(
        src_uri=src_uri,
        title=article.title,
        template="article.html",
        markdown=rewrite_links(article.body, article.source, src_uri, link_targets.get),
        context={"article": context},
        updated=_changed(article),
        description=article.summary,
    )


def _size(path: Path) -> str:
    size = path.stat().st_size
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _paginate(uri_of, title, description, items, per_page, card, feed) -> list[GeneratedPage]:
    total = max(1, math.ceil(len(items) / per_page))
    pages = []
    for number in range(1, total + 1):
        chunk = items[(number - 1) * per_page : number * per_page]
        pagination = {
            "current": number,
            "total": total,
            "previous": urls.page_url(uri_of(number - 1)) if number > 1 else None,
            "next": urls.page_url(uri_of(number + 1)) if number < total else None,
            # Only the numbers the pagination shows (first, last, current ± 2, an ellipsis at ± 3): listing all of
            # them made every page of a listing carry the whole list (quadratic: 4 million entries at 20,000).
            "pages": [{"number": n, "url": urls.page_url(uri_of(n))} for n in _shown_numbers(number, total)],
        }
        page_title = title if number == 1 else f"{title} - Trang {number}"
        pages.append(
            GeneratedPage(
                src_uri=uri_of(number),
                title=page_title,
                template="listing.html",
                context={
                    "listing": {
                        "heading": title,
                        "description": description,
                        "items": [card(a) for a in chunk],
                        "count": len(items),
                        "pagination": pagination,
                        "feed": feed,
                    }
                },
                updated=max((_changed(a) for a in chunk), default=None),
                description=description,
            )
        )
    return pages


def _shown_numbers(current: int, total: int) -> list[int]:
    return sorted({1, total, *range(max(1, current - 3), min(total, current + 3) + 1)})


def _home_page(content: Content, articles: list[Article], card) -> GeneratedPage:
    counts = _group(articles, lambda a: [a.category])
    return GeneratedPage(
        src_uri=urls.HOME,
        title="Trang chủ",
        template="home.html",
        context={
            "home": {
                "latest": [card(a) for a in articles[:7]],
                "categories": [
                    {
                        "name": c.name,
                        "description": c.description,
                        "url": urls.page_url(urls.category(c.id)),
                        "count": len(counts.get(c.id, [])),
                    }
                    for c in content.categories.values()
                ],
                "procedure_count": len(content.procedures),
            }
        },
    )


def _index_page(src_uri: str, title: str, description: str, entries: list[dict]) -> GeneratedPage:
    """A page of links; entries with a "group" are shown under it, in the order given."""
    groups: dict[str | None, list[dict]] = {}
    for entry in entries:
        groups.setdefault(entry.get("group"), []).append(entry)
    return GeneratedPage(
        src_uri,
        title,
        "index-links.html",
        context={
            "index": {
                "heading": title,
                "description": description,
                "groups": [{"name": name, "entries": items} for name, items in groups.items()],
            }
        },
        description=description,
    )


def _feeds_page(feeds: list[FeedSpec]) -> GeneratedPage:
    return GeneratedPage(
        urls.FEEDS,
        "Theo dõi tin qua RSS",
        "feeds.html",
        context={
            "feeds": [
                {
                    "title": f.title,
                    "description": f.description,
                    "rss": f.rss_path,
                    "atom": f.atom_path,
                    "page": f.page_url,
                }
                for f in feeds
            ]
        },
        description="Danh sách nguồn tin RSS và Atom của cổng: toàn trang, từng chuyên mục, từng đơn vị, thủ tục hành chính.",
    )


def _search_page() -> GeneratedPage:
    return GeneratedPage(
        urls.SEARCH,
        "Tìm kiếm",
        "search.html",
        description="Tìm tin tức, thủ tục hành chính trên cổng; gõ không dấu cũng được.",
    )
