"""Write a tally report as a terminal table, CSV (for Excel), Markdown, JSON, XLSX or a PNG chart."""

from __future__ import annotations

import csv
import io
import itertools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cchc.reports.tally import Report
from cchc.timeutil import format_date

TITLE = "Số tin, bài cải cách hành chính"


def title(report: Report) -> str:
    kind = " (kỳ báo cáo theo Nghị định 09/2019/NĐ-CP)" if report.period.official else ""
    return f"{TITLE} {report.period.label}{kind}"


def format_percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",") + "%"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"T{int(number)}/{year}"


@dataclass
class Line:
    """One line of a report as staff read it: a unit, a group subtotal or the grand total."""

    kind: str  # "unit", "group", "total"
    number: int | None  # STT, for units
    name: str
    posts: int
    target: int | None
    percent: float | None
    categories: list[int]
    months: list[int]
    short: bool = False


def column_names(report: Report) -> list[str]:
    return (
        ["STT", "Đơn vị", "Số tin, bài", "Chỉ tiêu", "Tỷ lệ"]
        + list(report.categories.values())
        + [_month_label(m) for m in report.months]
    )


def report_lines(report: Report) -> list[Line]:
    """Units group by group, each group followed by its subtotal, then the total: every format's rows."""

    def summed(kind: str, name: str, rows: list, posts: int, target: int | None) -> Line:
        return Line(
            kind,
            None,
            name,
            posts,
            target,
            _ratio(posts, target),
            [sum(r.by_category[c] for r in rows) for c in report.categories],
            [sum(r.by_month[m] for r in rows) for m in report.months],
        )

    lines: list[Line] = []
    numbers = itertools.count(1)
    for group in report.groups:
        members = [r for r in report.rows if r.group == group["group"]]
        for row in members:
            lines.append(
                Line(
                    "unit",
                    next(numbers),
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
    """Header and rows of the text formats (table, Markdown, CSV)."""
    rows = [
        [_number(line.number), line.name, str(line.posts), _number(line.target), format_percent(line.percent)]
        + [str(n) for n in line.categories + line.months]
        for line in report_lines(report)
    ]
    return column_names(report), rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def as_table(report: Report) -> str:
    header, rows = table_rows(report)
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            out.append(cell + pad if i == 1 else pad + cell)
        return "  ".join(out).rstrip()

    rule = "-" * len(line(header))
    body = [line(header), rule] + [line(r) if r[1] != "Tổng cộng" else rule + "\n" + line(r) for r in rows]
    return (
        f"{title(report)}\nTừ {format_date(report.period.start)} đến {format_date(report.period.end)}\n\n"
        + "\n".join(body)
        + "\n"
    )


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
    return "\n".join(lines) + "\n"


def as_csv(report: Report) -> str:
    header, rows = table_rows(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def as_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


def write_xlsx(report: Report, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = column_names(report)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số tin bài"
    bold = Font(bold=True)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    short_fill = PatternFill("solid", fgColor="F8D7DA")
    subtotal_fill = PatternFill("solid", fgColor="EEF2F8")
    sheet.append([title(report)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"Từ ngày {format_date(report.period.start)} đến ngày {format_date(report.period.end)}"])
    sheet.append([])
    sheet.append(columns)
    for cell in sheet[4]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.border = border

    for line in report_lines(report):
        sheet.append(
            [
                line.number,
                line.name,
                line.posts,
                line.target,
                None if line.percent is None else line.percent / 100,
                *line.categories,
                *line.months,
            ]
        )
        for cell in sheet[sheet.max_row]:
            if line.kind != "unit":
                cell.font = bold
            if line.kind == "group":
                cell.fill = subtotal_fill
            elif line.short:
                cell.fill = short_fill
    for row in sheet.iter_rows(min_row=5, max_row=sheet.max_row):
        for cell in row:
            cell.border = border
        row[4].number_format = "0.0%"
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 36
    for index in range(3, len(columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = "C5"
    sheet.append([])
    sheet.append(["Dòng tô màu đỏ: đơn vị chưa đạt chỉ tiêu."])
    workbook.save(path)


def write_chart(report: Report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [r.name for r in report.rows]
    height = max(3.0, 0.45 * len(names) + 1.5)
    fig, ax = plt.subplots(figsize=(9, height), dpi=120)
    positions = range(len(names))
    ax.barh(
        [p + 0.2 for p in positions], [r.posts for r in report.rows], height=0.4, label="Số tin, bài", color="#a61c1c"
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
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
