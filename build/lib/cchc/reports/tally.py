"""Count published articles per unit for a period, against the year plan's targets."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import icu

from cchc.content.models import Content, Target
from cchc.reports.periods import Period

_COLLATOR = icu.Collator.createInstance(icu.Locale("vi_VN"))


def vietnamese_key(text: str | None):
    """Sort key in Vietnamese alphabetical order (Ă after A, Đ after D); None sorts last."""
    return (text is None, _COLLATOR.getSortKey(text or ""))


@dataclass
class Row:
    unit: str
    name: str
    group: str | None
    posts: int
    target: int | None
    percent: float | None
    by_category: dict[str, int]
    by_month: dict[str, int] = field(default_factory=dict)

    @property
    def short(self) -> bool:
        return self.target is not None and self.posts < self.target


@dataclass
class Report:
    period: Period
    categories: dict[str, str]  # id -> name, in categories.yml order
    rows: list[Row]
    groups: list[dict]
    total: int
    months: list[str] = field(default_factory=list)  # "2024-01", when broken down by month

    def to_json(self) -> dict:
        data = {
            "period": {
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "rows": [
                {
                    "unit": r.unit,
                    "name": r.name,
                    "group": r.group,
                    "posts": r.posts,
                    "target": r.target,
                    "percent": r.percent,
                    "by_category": r.by_category,
                    **({"by_month": r.by_month} if self.months else {}),
                }
                for r in self.rows
            ],
            "groups": self.groups,
            "total": self.total,
        }
        return data


def target_for(target: Target | None, period: Period) -> int | None:
    """per_quarter N: N per quarter; per_year N: N for the year, ceil(N x quarters / 4) for shorter."""
    if target is None or period.quarters is None:
        return None
    if target.per_quarter is not None:
        return target.per_quarter * period.quarters
    if target.per_year is not None:
        return target.per_year if period.quarters == 4 else math.ceil(target.per_year * period.quarters / 4)
    return None


def percent(posts: int, target: int | None) -> float | None:
    if not target:
        return None
    return round(posts * 100 / target, 1)


def tally(content: Content, period: Period, now: datetime, by_month: bool = False) -> Report:
    units = sorted(
        (u for u in content.units.values() if u.existed_during(period.start, period.end)),
        key=lambda u: (vietnamese_key(u.group), vietnamese_key(u.name), u.id),
    )
    counted = [a for a in content.published(now) if period.contains(a.local_date)]
    posts = Counter(a.unit for a in counted)
    per_category = Counter((a.unit, a.category) for a in counted)
    per_month = Counter((a.unit, f"{a.local_date.year}-{a.local_date.month:02d}") for a in counted)
    months = [f"{y}-{m:02d}" for y, m in period.months()] if by_month else []
    plan = content.plans.get(period.year) if period.year is not None else None
    rows = []
    for unit in units:
        target = target_for(plan.targets.get(unit.id) if plan else None, period)
        rows.append(
            Row(
                unit=unit.id,
                name=unit.name,
                group=unit.group,
                posts=posts[unit.id],
                target=target,
                percent=percent(posts[unit.id], target),
                by_category={c: per_category[(unit.id, c)] for c in content.categories},
                by_month={m: per_month[(unit.id, m)] for m in months},
            )
        )
    groups = []
    for row in rows:
        if not groups or groups[-1]["group"] != row.group:
            groups.append({"group": row.group, "posts": 0, "target": None})
        groups[-1]["posts"] += row.posts
        if row.target is not None:
            groups[-1]["target"] = (groups[-1]["target"] or 0) + row.target
    return Report(
        period=period,
        categories={c.id: c.name for c in content.categories.values()},
        rows=rows,
        groups=groups,
        total=sum(r.posts for r in rows),
        months=months,
    )
