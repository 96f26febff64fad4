"""Machine-readable data published with the site, for other systems to reuse."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urljoin

from cchc.content.models import Content
from cchc.site import urls
from cchc.site.procedures import catalog_index, hotline_record, procedure_record
from cchc.site.views import ArticleViews

ARTICLES_VERSION = 2  # the province roll-up (tally --source) reads this file


def _dump(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _absolute(site_url: str | None, rel: str) -> str:
    return urls.encode_url(urljoin(site_url, rel) if site_url else "/" + rel)


def procedures_json(content: Content, site_url: str | None) -> bytes:
    records = []
    for procedure in content.procedures:
        record = procedure_record(procedure)
        record["url"] = _absolute(site_url, record["url"])
        records.append(record)
    return _dump({"count": len(records), "procedures": records})


def hotlines_json(content: Content) -> bytes:
    return _dump({"hotlines": [hotline_record(h, content) for h in content.hotlines]})


def articles_json(content: Content, now: datetime, site_url: str | None, views: ArticleViews | None = None) -> bytes:
    records = []
    view_of = views or ArticleViews(content)
    for view in map(view_of, content.published(now)):
        records.append(
            {
                "title": view.title,
                "url": _absolute(site_url, view.url),
                "date": view.date.isoformat(),
                "updated": view.updated.isoformat() if view.updated else None,
                "unit": {"id": view.unit.id, "name": view.unit.name},
                "category": {"id": view.category.id, "name": view.category.name},
                "tags": view.tags,
                "summary": view.summary,
                "author": view.author,
                "image": _absolute(site_url, view.image_url) if view.image_url else None,
            }
        )
    return _dump(
        {
            # What this file guarantees is listed in README ("articles.json"); raise the version when it changes.
            "version": ARTICLES_VERSION,
            "site": site_url,
            "count": len(records),
            "articles": records,
            "units": [
                {
                    "id": u.id,
                    "name": u.name,
                    "group": u.group,
                    "from": u.start.isoformat() if u.start else None,
                    "until": u.end.isoformat() if u.end else None,
                }
                for u in content.units.values()
            ],
            "plans": [
                {
                    "year": plan.year,
                    "targets": {
                        unit: {"per_quarter": t.per_quarter, "per_year": t.per_year} for unit, t in plan.targets.items()
                    },
                }
                for plan in content.plans.values()
            ],
        }
    )


def catalog_json(content: Content) -> bytes:
    return json.dumps(catalog_index(content), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
