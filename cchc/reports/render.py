"""Write a tally report as a terminal table, CSV (for Excel), Markdown, JSON or a PNG chart.

The printable annexes (xlsx, docx) are in `annex.py`; all formats read the same `report_lines`.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cchc.reports.periods import Month
from cchc.reports.tally import Report
from cchc.timeutil import format_date

TITLE = "Số tin, bài cải cách hành chính"
OFFICIAL_MONTHS = "tháng tính theo kỳ báo cáo của Nghị định 09/2019/NĐ-CP: từ ngày 15 tháng trước đến ngày 14"


def title(report: Report) -> str:
    kind = " (kỳ báo cáo theo Nghị định 09/2019/NĐ-CP)" if report.period.official else ""
    return f"{TITLE} {report.period.label}{kind}"


def format_percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",") + "%"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def roman(number: int) -> str:
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


def month_label(month: Month, short: bool = False) -> str:
    """T3/2024; `short` drops the year (the table's header); a partial month is starred."""
    label = month.label.split("/")[0] if short else month.label
    return label + ("*" if month.partial else "")


def month_notes(report: Report) -> list[str]:
    """What a reader must know about the month columns: official months, partial ones."""
    notes = []
    if report.month_columns and report.period.official and report.period.year is not None:
        notes.append(f"Ghi chú: {OFFICIAL_MONTHS}.")
    partial = [m for m in report.month_columns if m.partial]
    if partial:
        spans = "; ".join(f"{m.label}: {format_date(m.start)}–{format_date(m.end)}" for m in partial)
        notes.append(f"(*) Tháng chỉ tính một phần, trong kỳ báo cáo: {spans}.")
    return notes


@dataclass
class Line:
    """One line of a report as staff read it: a group heading, a unit, a group subtotal or the grand total."""

    kind: str  # "heading", "unit", "group", "total"
    number: str  # STT: "I" for a group heading, "1" for a unit, "" otherwise
    name: str
    posts: int | None
    target: int | None
    percent: float | None
    categories: list[int]
    months: list[int]
    short: bool = False


def column_names(report: Report) -> list[str]:
    return (
        ["STT", "Đơn vị", "Số tin, bài", "Chỉ tiêu", "Tỷ lệ"]
        + list(report.categories.values())
        + [month_label(m) for m in report.month_columns]
    )


def report_lines(report: Report, headings: bool = False) -> list[Line]:
    """Units group by group, each group followed by its subtotal, then the total: every format's rows.

    `headings`: a group heading line (STT I, II, ...) before each group's units, as the printed annex has.
    """

    def summed(kind: str, name: str, rows: list, posts: int, target: int | None) -> Line:
        return Line(
            kind,
            "",
            name,
            posts,
            target,
            _ratio(posts, target),
            [sum(r.by_category[c] for r in rows) for c in report.categories],
            [sum(r.by_month[m] for r in rows) for m in report.months],
        )

    lines: list[Line] = []
    numbers = itertools.count(1)
    group_numbers = itertools.count(1)
    for group in report.groups:
        members = [r for r in report.rows if r.group == group["group"]]
        if headings and group["group"] is not None:
            lines.append(Line("heading", roman(next(group_numbers)), group["group"], None, None, None, [], []))
        for row in members:
            lines.append(
                Line(
                    "unit",
                    str(next(numbers)),
                    row.name,
                    row.posts,
                    row.target,
                    row.percent,
                    [row.by_category[c] for c in report.categories],
                    [row.by_month[m] for m in report.months],
                    row.short,
                )
            )
        if group["group"] is not None:
            lines.append(summed("group", f"Cộng {group['group']}", members, group["posts"], group["target"]))
    targets = [r.target for r in report.rows if r.target is not None]
    lines.append(summed("total", "Tổng cộng", report.rows, report.total, sum(targets) if targets else None))
    return lines


def _ratio(posts: int, target: int | None) -> float | None:
    return round(posts * 100 / target, 1) if target else None


def table_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the Markdown table."""
    rows = [
        [line.number, line.name, _number(line.posts), _number(line.target), format_percent(line.percent)]
        + [str(n) for n in line.categories + line.months]
        for line in report_lines(report)
    ]
    return column_names(report), rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


TABLE_WIDTH = 100


def as_table(report: Report, width: int = TABLE_WIDTH) -> str:
    """A plain table for a terminal of `width` columns: categories numbered, long names shortened.

    When the months and the categories together would not fit, the categories are left out (said below).
    """
    table = _table(report, width, with_categories=True)
    if table is None:
        table = _table(report, width, with_categories=False) or _table(report, 10_000, with_categories=False)
    assert table is not None  # the unbounded width always fits
    body, legend = table
    return (
        f"{title(report)}\nTừ {format_date(report.period.start)} đến {format_date(report.period.end)}\n\n"
        + "\n".join(body)
        + "\n\n"
        + "\n".join(textwrap.fill(note, width) for note in legend + month_notes(report))
        + "\n"
    )


def _table(report: Report, width: int, with_categories: bool) -> tuple[list[str], list[str]] | None:
    cats = list(report.categories.values()) if with_categories else []
    header = (
        ["STT", "Đơn vị", "Số bài", "C.tiêu", "Tỷ lệ"]
        + [f"({i})" for i in range(1, len(cats) + 1)]
        + [month_label(m, short=len({m.key[:4] for m in report.month_columns}) == 1) for m in report.month_columns]
    )
    rows = [
        [line.number, line.name, _number(line.posts), _number(line.target), format_percent(line.percent)]
        + [str(n) for n in (line.categories if with_categories else []) + line.months]
        for line in report_lines(report)
    ]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    gap = 1 if len(header) > 9 else 2
    others = sum(w for i, w in enumerate(widths) if i != 1) + gap * (len(header) - 1)
    if others + 12 > width:
        return None
    widths[1] = max(12, min(widths[1], width - others))
    rows = [[_clip(c, widths[1]) if i == 1 else c for i, c in enumerate(r)] for r in rows]

    def line(cells: list[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            out.append(cell + pad if i == 1 else pad + cell)
        return (" " * gap).join(out).rstrip()

    rule = "-" * min(width, len(line(header)))
    body = [line(header), rule] + [line(r) if r[1] != "Tổng cộng" else rule + "\n" + line(r) for r in rows]
    if with_categories:
        legend = ["Cột (1), (2)...: số bài theo chuyên mục: " + "; ".join(f"({i}) {n}" for i, n in enumerate(cats, 1))]
    else:
        legend = ["Bảng theo tháng không có cột chuyên mục cho vừa màn hình; xem đủ bằng --format csv hoặc xlsx."]
    return body, legend


def as_markdown(report: Report) -> str:
    header, rows = table_rows(report)

    def cells(values):
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

    align = ["---:", ":---"] + ["---:"] * (len(header) - 2)
    lines = [
        f"**{title(report)}** (từ {format_date(report.period.start)} đến {format_date(report.period.end)})",
        "",
        cells(header),
        "| " + " | ".join(align) + " |",
    ]
    lines += [cells([f"**{v}**" if v and r[0] == "" else v for v in r]) for r in rows]
    notes = month_notes(report)
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"


# OWASP CSV injection: a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def as_csv(report: Report) -> str:
    """Plain data for Excel: numbers as numbers, the percentage as a number (150.0 means 150 %)."""
    header = column_names(report)
    header[4] = "Tỷ lệ (%)"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in header])
    for line in report_lines(report):
        cells = [line.number, line.name, line.posts, line.target, line.percent, *line.categories, *line.months]
        writer.writerow(["" if c is None else csv_safe(c) for c in cells])
    return buffer.getvalue()


def as_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


CHART_SUFFIXES = {".png": "PNG", ".svg": "SVG", ".pdf": "PDF"}


def write_chart(report: Report, path: Path) -> None:
    """Bars of posts against targets per unit; with months, one line of bars per month (grouped)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if report.month_columns:
        fig = _month_chart(plt, report)
    else:
        names = [r.name for r in report.rows]
        height = max(3.0, 0.45 * len(names) + 1.5)
        fig, ax = plt.subplots(figsize=(9, height), dpi=120)
        positions = range(len(names))
        ax.barh(
            [p + 0.2 for p in positions],
            [r.posts for r in report.rows],
            height=0.4,
            label="Số tin, bài",
            color="#a61c1c",
        )
        ax.barh(
            [p - 0.2 for p in positions],
            [r.target or 0 for r in report.rows],
            height=0.4,
            label="Chỉ tiêu",
            color="#9fb3c8",
        )
        ax.set_yticks(list(positions), names)
        ax.invert_yaxis()
        ax.set_title(title(report), fontsize=11)
        ax.xaxis.set_major_locator(
            MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True)
        )  # AutoLocator, whole
        ax.legend(loc="lower right")
        fig.tight_layout()
    fig.savefig(path, metadata={"Software": None} if path.suffix.lower() == ".png" else None)
    plt.close(fig)


def _month_chart(plt, report: Report):
    """Stacked columns, one per month, each unit group a colour: what a month-by-month report shows."""
    lines = [line for line in report_lines(report) if line.kind == "group"] or [
        line for line in report_lines(report) if line.kind == "total"
    ]
    labels = [month_label(m) for m in report.month_columns]
    fig, ax = plt.subplots(figsize=(max(6.0, 0.8 * len(labels) + 3), 4.5), dpi=120)
    bottom = [0] * len(labels)
    colours = ["#a61c1c", "#1f5f99", "#d98c1a", "#3b8a3e", "#7b4f9d", "#5c5c5c"]
    for index, line in enumerate(lines):
        name = line.name.removeprefix("Cộng ") if line.kind == "group" else "Tất cả đơn vị"
        ax.bar(labels, line.months, bottom=bottom, label=name, color=colours[index % len(colours)])
        bottom = [b + v for b, v in zip(bottom, line.months, strict=True)]
    ax.set_title(title(report), fontsize=11)
    ax.set_ylabel("Số tin, bài")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8)
    notes = month_notes(report)
    if notes:
        fig.text(0.01, 0.01, "\n".join(notes), fontsize=7, va="bottom")
        fig.tight_layout(rect=(0, 0.08 * len(notes), 1, 1))
    else:
        fig.tight_layout()
    return fig
