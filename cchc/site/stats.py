"""The public "Thống kê" pages: each year's official counts per unit, so everyone sees who is behind."""

from __future__ import annotations

from datetime import datetime

from cchc.content.models import Content
from cchc.reports.periods import ROMAN, parse_period
from cchc.reports.render import format_percent, report_lines
from cchc.reports.tally import Dated, dated_articles, tally
from cchc.site import urls
from cchc.site.page import GeneratedPage
from cchc.timeutil import format_date


def official_year(day) -> int:
    """The Decree 09 reporting year of a day: from 15/12 on, it counts in the next year."""
    return day.year + 1 if (day.month, day.day) >= (12, 15) else day.year


def stats_pages(content: Content, now: datetime) -> list[GeneratedPage]:
    dated = dated_articles(content, now)
    years = sorted({official_year(a.day) for a in dated}, reverse=True)
    pages = []
    for index, year in enumerate(years or [now.year]):
        page = _year_page(content, now, year, years, dated)
        pages.append(page)
        if index == 0:
            pages.append(
                GeneratedPage(urls.STATS, page.title, page.template, context=page.context, description=page.description)
            )
    return pages


def _year_page(content: Content, now: datetime, year: int, years: list[int], dated: list[Dated]) -> GeneratedPage:
    columns = [(f"{year}-Q{q}", f"Quý {ROMAN[q]}") for q in range(1, 5)]
    # unit -> posts in each quarter; a unit absent from a quarter did not exist then ("–").
    quarter_posts = [
        {r.unit: r.posts for r in tally(content, parse_period(key, official=True), now, dated=dated).rows}
        for key, _ in columns
    ]
    annual = tally(content, parse_period(str(year), official=True), now, dated=dated)
    units = iter(annual.rows)  # report_lines lists the units in the order of the rows
    rows: list[dict] = []
    members: list[str] = []
    for line in report_lines(annual, headings=True):
        row: dict = {
            "kind": line.kind,
            "number": line.number,
            "name": line.name,
            "posts": line.posts,
            "target": line.target,
            "percent": format_percent(line.percent),
            "short": line.target is not None and line.posts is not None and line.posts < line.target,
        }
        if line.kind == "heading":
            members = []
        elif line.kind == "unit":
            unit = next(units)
            members.append(unit.unit)
            row["quarters"] = [posts.get(unit.unit) for posts in quarter_posts]
            row["url"] = urls.page_url(urls.unit(unit.unit))
        elif line.kind == "group":
            row["quarters"] = [sum(posts.get(u, 0) for u in members) for posts in quarter_posts]
        else:
            row["quarters"] = [sum(posts.values()) for posts in quarter_posts]
        rows.append(row)
    title = f"Thống kê tin, bài năm {year}"
    return GeneratedPage(
        src_uri=urls.stats_year(year),
        title=title,
        template="stats.html",
        context={
            "stats": {
                "heading": title,
                "year": year,
                "period": annual.period,
                "start": format_date(annual.period.start),
                "end": format_date(annual.period.end),
                "columns": [label for _, label in columns],
                "rows": rows,
                "total": annual.total,
                "plan": content.plans[year].title if year in content.plans else None,
                "years": [{"year": y, "url": urls.page_url(urls.stats_year(y))} for y in years],
            }
        },
        description=f"Số tin, bài cải cách hành chính của từng đơn vị năm {year} so với chỉ tiêu.",
    )
