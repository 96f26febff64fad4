"""Machine-readable data published with the site, for other systems to reuse."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urljoin

from cchc.content.models import Content
from cchc.site import urls
from cchc.site.procedures import catalog_index, hotline_record, procedure_record
from cchc.timeutil import to_vn

ARTICLES_VERSION = 2  # the province roll-up (tally --source) reads this file


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
                "image": _absolute(site_url, urls.media(article.image, content.root)) if article.image else None,
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
