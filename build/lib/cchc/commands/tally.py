"""`python -m cchc tally PERIOD`: post counts per unit, in the format staff paste into reports."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc.content.loader import load_content
from cchc.reports import render
from cchc.reports.periods import PeriodError, parse_period
from cchc.reports.tally import tally
from cchc.timeutil import now_vn

TEXT_FORMATS = {"table": render.as_table, "csv": render.as_csv, "json": render.as_json, "md": render.as_markdown}


def run(
    content_dir: Path,
    period_text: str,
    official: bool,
    fmt: str,
    output: Path | None,
    by_month: bool = False,
    chart: Path | None = None,
    now=None,
) -> int:
    try:
        period = parse_period(period_text, official)
    except PeriodError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    content, problems = load_content(content_dir)
    if problems.errors:
        for problem in problems.sorted():
            print(problem, file=sys.stderr)
        print(
            f"Lỗi: nội dung có {len(problems.errors)} lỗi; hãy sửa (xem 'python -m cchc check') rồi thống kê lại.",
            file=sys.stderr,
        )
        return 1
    report = tally(content, period, now or now_vn(), by_month=by_month)
    if chart:
        render.write_chart(report, chart)
        print(f"Đã vẽ biểu đồ: {chart}", file=sys.stderr)
    if fmt == "xlsx":
        output = output or Path(f"so-tin-bai-{period_text}{'-nd09' if official else ''}.xlsx")
        render.write_xlsx(report, output)
        print(f"Đã ghi tệp Excel: {output}", file=sys.stderr)
        return 0
    text = TEXT_FORMATS[fmt](report)
    if output:
        # utf-8-sig: Excel opens a CSV as UTF-8 only when it starts with a BOM.
        output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
        print(f"Đã ghi: {output}", file=sys.stderr)
    elif fmt == "csv":
        sys.stdout.buffer.write(text.encode("utf-8-sig"))
    else:
        sys.stdout.write(text)
    return 0
