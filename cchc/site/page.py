"""What the site plan is made of: generated pages and the plan itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cchc.content.models import Article
from cchc.images import ImageSet
from cchc.site.views import ArticleViews


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    markdown: str = ""
    context: dict = field(default_factory=dict)
    updated: date | None = None  # the sitemap's lastmod; None = the site's newest change
    description: str | None = None


@dataclass
class SitePlan:
    pages: dict[str, GeneratedPage]
    media: dict[str, Path]  # src_uri -> file to copy
    articles: list[Article]  # those on the site, newest first
    last_change: date | None
    feeds: list = field(default_factory=list)  # FeedSpec, published articles only
    photos: dict[Path, ImageSet] = field(default_factory=dict)  # every photo the site shows -> its versions
    views: ArticleViews | None = None  # each article's view, made once
