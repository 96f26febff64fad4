"""`python -m cchc check`: validate the whole of content/ and print every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc.content.loader import load_content
from cchc.content.raw_html import report_dropped_html
from cchc.site.conflicts import site_problems


def run(content_dir: Path, out=sys.stdout) -> int:
    content, problems = load_content(content_dir)
    site_problems(content, problems)  # what the build would refuse too
    report_dropped_html(content.articles, problems)
    for problem in problems.sorted():
        print(problem, file=out)
    from cchc.reports.config import ReportConfigError, load_report_config

    try:
        load_report_config(content_dir)  # the optional annex settings (tally --format xlsx/docx)
    except ReportConfigError as exc:
        print(exc, file=out)
        return 1
    return 1 if problems.errors else 0
