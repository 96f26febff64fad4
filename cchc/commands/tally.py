"""`python -m cchc tally PERIOD`: post counts per unit, in the format staff paste into reports."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cchc.reports import render
from cchc.reports.periods import HELP, PeriodError, parse_period
from cchc.timeutil import now_vn

TEXT_FORMATS = {"table": render.as_table, "csv": render.as_csv, "json": render.as_json, "md": render.as_markdown}
FORMATS = [*TEXT_FORMATS, "xlsx", "docx"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Đếm số tin, bài đã đăng của từng đơn vị trong một kỳ báo cáo, so với chỉ tiêu."
    parser.add_argument("period", metavar="KỲ", help=HELP)
    parser.add_argument("--official", action="store_true", help="dùng ngày chốt số liệu theo Nghị định 09/2019/NĐ-CP")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        metavar="DẠNG",
        help="table (bảng trên màn hình, mặc định), csv, json, md, xlsx hoặc docx (phụ lục in được)",
    )
    parser.add_argument("--output", type=Path, metavar="TỆP", help="ghi ra tệp thay vì màn hình")
    parser.add_argument("--by", choices=["month"], metavar="month", help="month: thêm một cột cho mỗi tháng")
    parser.add_argument("--chart", type=Path, metavar="TỆP", help="vẽ biểu đồ ra tệp .png, .svg hoặc .pdf")
    parser.add_argument(
        "--source",
        action="append",
        metavar="NGUỒN",
        help="tổng hợp nhiều cổng: địa chỉ cổng, địa chỉ hoặc tệp articles.json; "
        "có thể đặt tên: 'Huyện Long Phú=https://...'; lặp lại cho mỗi cổng",
    )


def run_args(args) -> int:
    return run(
        args.content,
        args.period,
        args.official,
        args.format,
        args.output,
        by_month=args.by == "month",
        chart=args.chart,
        sources=args.source or [],
    )


def _fail(message: str, status: int = 2) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return status


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def check_target(path: Path, content_dir: Path, what: str) -> str | None:
    """Why `path` cannot be written, in Vietnamese, or None."""
    if _inside(path, content_dir):
        return (
            f"{what} '{path}' nằm trong thư mục nội dung {content_dir}/; không ghi đè tệp nội dung, hãy chọn nơi khác"
        )
    if path.is_dir():
        return f"{what} '{path}' là một thư mục; hãy ghi cả tên tệp, ví dụ {path / 'bao-cao.xlsx'}"
    if not path.parent.is_dir():
        return f"{what} '{path}': thư mục '{path.parent}' không có; hãy tạo thư mục trước hoặc chọn nơi khác"
    return None


def run(
    content_dir: Path,
    period_text: str,
    official: bool,
    fmt: str,
    output: Path | None,
    by_month: bool = False,
    chart: Path | None = None,
    now=None,
    sources: list[str] | None = None,
) -> int:
    try:
        period = parse_period(period_text, official)
    except PeriodError as exc:
        return _fail(str(exc))
    if chart is not None:
        if chart.suffix.lower() not in render.CHART_SUFFIXES:
            return _fail(f"biểu đồ '{chart}': chỉ vẽ được tệp .png, .svg hoặc .pdf")
        if problem := check_target(chart, content_dir, "Tệp biểu đồ"):
            return _fail(problem)
    if fmt in ("xlsx", "docx") and output is None:
        output = Path(f"so-tin-bai-{re.sub(r'[^0-9A-Za-z.-]+', '-', period_text)}{'-nd09' if official else ''}.{fmt}")
    if output is not None and (problem := check_target(output, content_dir, "Tệp kết quả")):
        return _fail(problem)

    from cchc.reports.config import ReportConfigError, load_report_config

    try:
        config = load_report_config(content_dir)
    except ReportConfigError as exc:
        return _fail(str(exc), 1)
    now = now or now_vn()
    status = 0
    if sources:
        from cchc.reports.sources import roll_up

        report, unread = roll_up(sources, period, by_month)
        for problem in unread:
            print(f"Lỗi: {problem}", file=sys.stderr)
        if unread:
            ok = len(sources) - len(unread)
            print(f"Lỗi: {len(unread)} nguồn không đọc được; bảng dưới chỉ gồm {ok} nguồn còn lại.", file=sys.stderr)
            status = 1
    else:
        from cchc.content.loader import load_content
        from cchc.reports.tally import tally

        content, problems = load_content(content_dir)
        if problems.errors:
            for item in problems.sorted():
                print(item, file=sys.stderr)
            print(
                f"Lỗi: nội dung có {len(problems.errors)} lỗi; hãy sửa (xem 'python -m cchc check') rồi thống kê lại.",
                file=sys.stderr,
            )
            return 1
        report = tally(content, period, now, by_month=by_month)
    try:
        if chart:
            render.write_chart(report, chart)
            print(f"Đã vẽ biểu đồ: {chart}", file=sys.stderr)
        if fmt in ("xlsx", "docx"):
            from cchc.reports import annex

            writer = annex.write_xlsx if fmt == "xlsx" else annex.write_docx
            assert output is not None  # given or named after the period above
            writer(report, output, config, now.date())
            print(f"Đã ghi phụ lục {'Excel' if fmt == 'xlsx' else 'Word'}: {output}", file=sys.stderr)
            return status
        text = TEXT_FORMATS[fmt](report)
        if output:
            # utf-8-sig: Excel opens a CSV as UTF-8 only when it starts with a BOM.
            output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
            print(f"Đã ghi: {output}", file=sys.stderr)
        elif fmt == "csv":
            sys.stdout.buffer.write(text.encode("utf-8-sig"))
        else:
            sys.stdout.write(text)
    except OSError as exc:
        return _fail(f"không ghi được tệp '{exc.filename or output}': {exc.strerror or exc}", 1)
    return status
