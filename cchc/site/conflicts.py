"""Content the loader accepts file by file but the site cannot publish: two sources for one URL.

Articles already get one slug each (the loader refuses a second file with the same slug).
Procedures are keyed by code, but their URL is a slug of the code: "1.000890" and
"1-000890", or "ABC.1" and "abc.1", would share one page and one would silently vanish.
`check` and the build both call `url_problems`, so the editor sees the same error in both.
"""

from __future__ import annotations

from pathlib import Path

from cchc.content.active_files import active_file_problems
from cchc.content.files import line_of_key
from cchc.content.models import Content
from cchc.content.problems import Problems
from cchc.site import urls


def url_problems(content: Content, problems: Problems) -> None:
    """An error naming both files for each page two sources would share, and for codes that make no URL."""
    owners: dict[str, Path] = {urls.article(a.slug): a.source for a in content.articles}
    for procedure in sorted(content.procedures, key=lambda p: p.source):  # the first file keeps the page
        line = line_of_key(procedure.source, "code")
        if not urls.procedure_slug(procedure.code):
            problems.error(
                procedure.source,
                line,
                f"trường 'code': mã thủ tục '{procedure.code}' không có chữ hay số nào để làm địa chỉ trang; "
                'hãy ghi đúng mã trên Cổng dịch vụ công, ví dụ "1.001193"',
            )
            continue
        src_uri = urls.procedure(procedure.code)
        other = owners.get(src_uri)
        if other is not None:
            problems.error(
                procedure.source,
                line,
                f"trường 'code': mã thủ tục '{procedure.code}' cho cùng địa chỉ trang /{urls.page_url(src_uri)} "
                f"với {problems.relative(other)}; hai tệp không thể dùng chung một trang, hãy sửa mã của một tệp",
            )
            continue
        owners[src_uri] = procedure.source


def site_problems(content: Content, problems: Problems) -> None:
    """What the site refuses to publish although each file is valid: `check` and the build both call this."""
    url_problems(content, problems)
    active_file_problems(content.articles, problems)
