"""What the site plan is made of: generated pages and the plan itself."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cchc.content.models import Article
from cchc.images import ImageSet
from cchc.site.views import ArticleViews


class Card(dict):
    """What a listing shows of an article: a plain dict to the templates, shared by the ~6 listings that show it.

    Its fingerprint is taken once, and a listing's page-cache key holds the fingerprints of its cards instead of
    the cards (serialising the keys of 8,558 pages at 5,000 articles: 0.6 s, of which the cards were half)."""

    _fingerprint: str | None = None

    def fingerprint(self) -> str | None:
        """sha256 of the card's canonical JSON, taken at the first call (the plan is complete by then: cards are
        not changed after it); None when a value has no JSON form."""
        if self._fingerprint is None:
            try:
                text = json.dumps(self, sort_keys=True, ensure_ascii=False, allow_nan=False)
            except (TypeError, ValueError):
                return None
            self._fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self._fingerprint


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    markdown: str = ""
    context: dict = field(default_factory=dict)
    updated: date | None = None  # the sitemap's lastmod; None = the site's newest change
    description: str | None = None

    def cache_fields(self) -> dict:
        """What the page cache hashes of this page: its fields, with a listing's cards as their fingerprints."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        listing = self.context.get("listing")
        if isinstance(listing, dict) and isinstance(listing.get("items"), list):
            items = [_card_or_fingerprint(item) for item in listing["items"]]
            fields["context"] = {**self.context, "listing": {**listing, "items": items}}
        return {"__type": "GeneratedPage", **fields}


def _card_or_fingerprint(item):
    fingerprint = item.fingerprint() if isinstance(item, Card) else None
    return item if fingerprint is None else {"__card": fingerprint}


@dataclass
class SitePlan:
    pages: dict[str, GeneratedPage]
    media: dict[str, Path]  # src_uri -> file to copy
    articles: list[Article]  # those on the site, newest first
    last_change: date | None
    feeds: list = field(default_factory=list)  # FeedSpec, published articles only
    photos: dict[Path, ImageSet] = field(default_factory=dict)  # every photo the site shows -> its versions
    views: ArticleViews | None = None  # each article's view, made once
