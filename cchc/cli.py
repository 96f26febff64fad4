"""Command-line entry: `python -m cchc COMMAND`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cchc.argparse_vi import VietnameseParser


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseParser(prog="python -m cchc", description="Công cụ cổng thông tin cải cách hành chính")
    parser.add_argument(
        "--content", type=Path, default=Path("content"), metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: content)"
    )
    sub = parser.add_subparsers(
        dest="command", required=True, title="lệnh", metavar="LỆNH", parser_class=VietnameseParser
    )

    sub.add_parser("check", help="kiểm tra toàn bộ nội dung")

    new = sub.add_parser("new", help="tạo bài viết mới")
    new.add_argument("title")
    new.add_argument("--unit", required=True, help="mã đơn vị trong content/units.yml")
    new.add_argument("--category", required=True, help="mã chuyên mục trong content/categories.yml")
    from cchc.commands.tally import add_arguments as tally_arguments

    tally_arguments(sub.add_parser("tally", help="đếm số tin, bài theo đơn vị trong một kỳ báo cáo"))

    imp = sub.add_parser("import-procedures", help="nhập thủ tục hành chính từ bảng tính (.xlsx, .csv)")
    imp.add_argument("file", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from cchc.commands import check

        return check.run(args.content)
    if args.command == "new":
        from cchc.commands import new

        return new.run(args.content, args.title, args.unit, args.category)
    if args.command == "tally":
        from cchc.commands import tally

        return tally.run_args(args)
    if args.command == "import-procedures":
        from cchc.commands import import_procedures

        return import_procedures.run(args.content, args.file)
    return 2
