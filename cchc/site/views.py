"""One typed view of each article, made once: every output (listing card, feed item, articles.json, search document)
reads its URL, dates, unit, category and image from here instead of looking them up again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc.content.models import Article, Content
from cchc.images import ImageSet
from cchc.site import urls
from cchc.timeutil import format_date, to_vn


@dataclass(frozen=True)
class Named:
    id: str
    name: str
    url: str  # site-relative URL of its listing


@dataclass(frozen=True)
class ArticleView:
    slug: str
    src_uri: str
    url: str  # site-relative
    title: str
    date: datetime  # Vietnam time
    updated: datetime | None  # Vietnam time
    unit: Named
    category: Named
    tags: list[str]
    summary: str
    author: str | None  # as written; feeds fall back to the unit's name
    image: Path | None  # the editor's original (never published as it is)
    photos: ImageSet | None  # its published versions
    image_url: str | None  # site-relative: the 1200x630 JPEG shared in og:image, feeds and articles.json
    image_alt: str
    draft: bool

    @property
    def date_text(self) -> str:
        """06/03/2024"""
        return format_date(self.date)


class ArticleViews:
    """Each article's view, made once per plan: its card, feed items, search document and record all read it."""

    def __init__(self, content: Content):
        self.content = content
        self._made: dict[int, tuple[Article, ArticleView]] = {}

    def __call__(self, article: Article) -> ArticleView:
        made = self._made.get(id(article))
        if made is None or made[0] is not article:
            made = self._made[id(article)] = (article, article_view(article, self.content))
        return made[1]


def article_view(article: Article, content: Content) -> ArticleView:
    unit = content.units[article.unit]
    category = content.categories[article.category]
    src_uri = urls.article(article.slug)
    info = article.images.get(article.image) if article.image is not None else None
    photos = urls.photos(info, content.root) if info else None
    return ArticleView(
        slug=article.slug,
        src_uri=src_uri,
        url=urls.page_url(src_uri),
        title=article.title,
        date=to_vn(article.date),
        updated=to_vn(article.updated) if article.updated else None,
        unit=Named(unit.id, unit.name, urls.page_url(urls.unit(unit.id))),
        category=Named(category.id, category.name, urls.page_url(urls.category(category.id))),
        tags=list(article.tags),
        summary=article.summary,
        author=article.author,
        image=article.image,
        photos=photos,
        image_url=photos.social.src_uri if photos else None,
        image_alt=article.image_alt or article.title,
        draft=article.draft,
    )
