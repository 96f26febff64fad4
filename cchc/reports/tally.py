"""Count published articles per unit for a period, against the year plan's targets."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import icu

from cchc.content.models import Content, Target, Unit
from cchc.reports.periods import Month, Period

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
    month_columns: list[Month] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)  # the portals of a roll-up, with any problem

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
        if self.month_columns:
            data["months"] = [
                {"month": m.key, "start": m.start.isoformat(), "end": m.end.isoformat(), "partial": m.partial}
                for m in self.month_columns
            ]
        if self.sources:
            data["sources"] = self.sources
        return data


def quarters_of(unit: Unit, period: Period) -> int | None:
    """(v2) The quarters of the period in which the unit existed; None for a custom date range."""
    return period.quarters_overlapping(unit.start, unit.end)


def target_for(target: Target | None, period: Period, unit: Unit | None = None) -> int | None:
    """per_quarter N: N per quarter the unit existed in; per_year N: ceil(N x quarters / 4)."""
    if target is None or period.quarters is None:
        return None
    quarters = quarters_of(unit, period) if unit is not None else period.quarters
    if quarters is None:
        return None
    if target.per_quarter is not None:
        return target.per_quarter * quarters
    if target.per_year is not None:
        return target.per_year if quarters == 4 else math.ceil(target.per_year * quarters / 4)
    return None


def percent(posts: int, target: int | None) -> float | None:
    if not target:
        return None
    return round(posts * 100 / target, 1)


def in_period(unit: Unit, period: Period) -> bool:
    """Custom ranges: the unit existed on some day of it; other periods: in at least one of its quarters."""
    quarters = quarters_of(unit, period)
    return unit.existed_during(period.start, period.end) if quarters is None else quarters > 0


@dataclass(frozen=True)
class Dated:
    """One published article as a tally sees it."""

    day: date  # in Vietnam time
    unit: str
    category: str


def count(
    period: Period,
    units: Iterable[Unit],
    articles: Iterable[Dated],
    categories: dict[str, str],
    targets: dict[str, Target],
    by_month: bool = False,
    group_of=None,
) -> list[Row]:
    """One row per unit of the period, ordered by group then Vietnamese name."""
    group_of = group_of or (lambda unit: unit.group)
    chosen = sorted(
        (u for u in units if in_period(u, period)),
        key=lambda u: (vietnamese_key(u.group), vietnamese_key(u.name), u.id),
    )
    counted = [a for a in articles if period.contains(a.day)]
    posts = Counter(a.unit for a in counted)
    per_category = Counter((a.unit, a.category) for a in counted)
    per_month = Counter((a.unit, period.month_key(a.day)) for a in counted)
    months = [m.key for m in period.month_columns()] if by_month else []
    rows = []
    for unit in chosen:
        target = target_for(targets.get(unit.id), period, unit)
        rows.append(
            Row(
                unit=unit.id,
                name=unit.name,
                group=group_of(unit),
                posts=posts[unit.id],
                target=target,
                percent=percent(posts[unit.id], target),
                by_category={c: per_category[(unit.id, c)] for c in categories},
                by_month={m: per_month[(unit.id, m)] for m in months},
            )
        )
    return rows


def group_totals(rows: list[Row]) -> list[dict]:
    groups: list[dict] = []
    for row in rows:
        if not groups or groups[-1]["group"] != row.group:
            groups.append({"group": row.group, "posts": 0, "target": None})
        groups[-1]["posts"] += row.posts
        if row.target is not None:
            groups[-1]["target"] = (groups[-1]["target"] or 0) + row.target
    return groups


def make_report(period: Period, categories: dict[str, str], rows: list[Row], by_month: bool, **extra) -> Report:
    columns = period.month_columns() if by_month else []
    return Report(
        period=period,
        categories=categories,
        rows=rows,
        groups=group_totals(rows),
        total=sum(r.posts for r in rows),
        months=[m.key for m in columns],
        month_columns=columns,
        **extra,
    )


def dated_articles(content: Content, now: datetime) -> list[Dated]:
    return [Dated(a.local_date, a.unit, a.category) for a in content.published(now)]


def tally(
    content: Content, period: Period, now: datetime, by_month: bool = False, dated: list[Dated] | None = None
) -> Report:
    """`dated`: dated_articles(content, now), when several periods are counted (the stats pages: 30)."""
    plan = content.plans.get(period.year) if period.year is not None else None
    categories = {c.id: c.name for c in content.categories.values()}
    rows = count(
        period,
        content.units.values(),
        dated_articles(content, now) if dated is None else dated,
        categories,
        plan.targets if plan else {},
        by_month,
    )
    return make_report(period, categories, rows, by_month)
