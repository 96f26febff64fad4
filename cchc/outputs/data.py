"""Machine-readable data published with the site, for other systems to reuse."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urljoin

from cchc.content.models import Content
from cchc.site import urls
from cchc.site.procedures import catalog_index, hotline_record, procedure_record
from cchc.timeutil import to_vn


def _dump(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _absolute(site_url: str | None, rel: str) -> str:
    return urljoin(site_url, rel) if site_url else "/" + rel


def procedures_json(content: Content, site_url: str | None) -> bytes:
    records = []
    for procedure in content.procedures:
        record = procedure_record(procedure)
        record["url"] = _absolute(site_url, record["url"])
        records.append(record)
    return _dump({"count": len(records), "procedures": records})


def hotlines_json(content: Content) -> bytes:
    return _dump({"hotlines": [hotline_record(h, content) for h in content.hotlines]})


def articles_json(content: Content, now: datetime, site_url: str | None) -> bytes:
    records = []
    for article in content.published(now):
        unit, category = content.units[article.unit], content.categories[article.category]
        records.append(
            {
                "title": article.title,
                "url": _absolute(site_url, urls.page_url(urls.article(article.slug))),
                "date": to_vn(article.date).isoformat(),
                "updated": to_vn(article.updated).isoformat() if article.updated else None,
                "unit": {"id": unit.id, "name": unit.name},
                "category": {"id": category.id, "name": category.name},
                "tags": article.tags,
                "summary": article.summary,
                "author": article.author,
                "image": _image_url(article, content, site_url),
            }
        )
    return _dump({"count": len(records), "articles": records})


def _image_url(article, content: Content, site_url: str | None) -> str | None:
    """The article's photo as shared (1200x630 JPEG, clean URL), never the editor's original."""
    info = article.images.get(article.image) if article.image else None
    return _absolute(site_url, urls.photos(info, content.root).social.src_uri) if info else None


def catalog_json(content: Content) -> bytes:
    return json.dumps(catalog_index(content), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
