"""The article HTML allow-list (cchc/content/sanitize.py), check's report of what it drops, template escaping, CSP.

No build here: pure functions and the template sources.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO, article
from test_check import run_check

from cchc.content.raw_html import MARKDOWN_EXTENSIONS, dropped_in_body, may_drop, render
from cchc.content.sanitize import clean_html, removed_parts
from cchc.site.security import CSP, CSP_HEADER
from cchc.site.urls import encode_url

EDITOR_BODY = """\
## Nội dung chính {#noi-dung}

Đoạn có **chữ đậm**, *nghiêng*, `mã`, [liên kết](https://dichvucong.gov.vn), [thư](mailto:a@b.vn),
[gọi](tel:+842993861234), [tệp](../../media/2024/kh.pdf) và [mục](#noi-dung).

> Trích dẫn

1. Một
2. Hai

| Cột trái | Cột phải |
|:--|--:|
| 1 | 2 |

<figure markdown>
![Hội nghị](anh/hoi-nghi.jpg){ width="800" }
<figcaption>Hội nghị triển khai</figcaption>
</figure>

    mã nguồn <b>

!!! note "Lưu ý"
    Nội dung lưu ý.
"""


def test_editor_html_is_kept():
    html = render(EDITOR_BODY)
    assert clean_html(html) == clean_html(clean_html(html))
    cleaned = clean_html(html)
    for kept in (
        '<h2 id="noi-dung">',
        "<strong>chữ đậm</strong>",
        '<a href="https://dichvucong.gov.vn">',
        '<a href="mailto:a@b.vn">',
        '<a href="tel:+842993861234">',
        '<a href="../../media/2024/kh.pdf">',
        '<a href="#noi-dung">',
        "<blockquote>",
        "<ol>",
        '<th style="text-align:left">',
        '<td style="text-align:right">',
        "<figure>",
        '<img alt="Hội nghị" src="anh/hoi-nghi.jpg" width="800">',
        "<figcaption>Hội nghị triển khai</figcaption>",
        "<pre><code>mã nguồn &lt;b&gt;",
        '<div class="admonition note">',
    ):
        assert kept in cleaned, kept
    assert removed_parts(html) == []


def test_toc_permalink_anchor_is_kept():
    html = '<h2 id="muc-1">Mục 1<a class="headerlink" href="#muc-1" title="Liên kết tới mục này">#</a></h2>'
    assert clean_html(html) == html


@pytest.mark.parametrize(
    ("markdown", "dropped"),
    [
        ("<script>alert(1)</script>", "đã bỏ thẻ <script>"),
        ("<img src=x onerror=alert(1)>", "đã bỏ thuộc tính 'onerror' của thẻ <img>"),
        ("<svg onload=alert(1)>", "đã bỏ thẻ <svg>"),
        ('<iframe src="javascript:alert(1)"></iframe>', "đã bỏ thẻ <iframe>"),
        ("<a href=javascript:alert(1)>x</a>", "đã bỏ địa chỉ 'javascript:alert(1)' của thẻ <a>"),
        ("[bấm](javascript://%0aalert(1))", "đã bỏ địa chỉ 'javascript://%0aalert(1)' của thẻ <a>"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "đã bỏ địa chỉ 'jav\tascript:alert(1)' của thẻ <a>"),
        ("![x](data:image/svg+xml,abc)", "đã bỏ địa chỉ 'data:image/svg+xml,abc' của thẻ <img>"),
        ('<p style="position:fixed">x</p>', "đã bỏ thuộc tính 'style' của thẻ <p>"),
        ('<form action="/x"><input name="q"></form>', "đã bỏ thẻ <form>"),
        ('<p id="__config">x</p>', "đã bỏ id '__config' của thẻ <p>"),
        ('Đoạn văn.\n{: onclick="alert(1)" }', "đã bỏ thuộc tính 'onclick' của thẻ <p>"),
        ("## Mục {#__drawer}", "đã bỏ id '__drawer' của thẻ <h2>"),
        ('<div class="cchc-banner">Bản nháp</div>', "đã bỏ class 'cchc-banner' của thẻ <div>"),
    ],
)
def test_payload_is_dropped_and_named(markdown, dropped):
    html = render("Đoạn đầu.\n\n" + markdown + "\n")
    cleaned = clean_html(html).lower()
    assert "<script" not in cleaned and "javascript" not in cleaned and " on" not in cleaned.replace(" onl", "")
    assert "<iframe" not in cleaned and "<svg" not in cleaned and "data:" not in cleaned and "<form" not in cleaned
    assert "__config" not in cleaned and "cchc-banner" not in cleaned
    assert any(message.startswith(dropped) for message, _ in removed_parts(html)), removed_parts(html)
    payload_line = 3 + markdown.count("\n")  # the payload's (last) line in the body
    assert dropped_in_body("Đoạn đầu.\n\n" + markdown + "\n")[0][0] == payload_line


def test_only_bodies_that_can_hold_html_or_odd_links_are_rendered():
    assert not may_drop("Đoạn văn với [liên kết](https://a.vn) và [thư](mailto:a@b.vn).\n\n## Mục\n\n- một")
    assert may_drop("x <b>y</b>")
    assert may_drop("[bấm](javascript:alert(1))")
    assert may_drop("[bấm][r]\n\n[r]: vbscript:x")
    assert may_drop("Sở Nội vụ &amp; UBND")
    assert may_drop('Đoạn.\n{: onclick="x" }')
    assert not may_drop("Giá {100} đồng, mục {a}")


def test_check_reports_dropped_html_with_file_and_line(make_content):
    body = "Đoạn đầu.\n\n<script>alert(1)</script>\n\n[bấm](javascript:alert(2))"
    code, lines = run_check(make_content({"articles/2024/bai.md": article("Bài", "2024-03-07", body=body)}))
    assert code == 0
    assert lines == [
        "content/articles/2024/bai.md:10: cảnh báo: đã bỏ thẻ <script>: cổng không hiển thị phần này (chống chèn mã độc)",
        "content/articles/2024/bai.md:12: cảnh báo: đã bỏ địa chỉ 'javascript:alert(2)' của thẻ <a> (chỉ cho phép "
        "http, https, mailto, tel và đường dẫn tương đối): cổng không hiển thị phần này (chống chèn mã độc)",
    ]


def test_check_renders_with_the_extensions_of_mkdocs_yml():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("markdown_extensions:\n", 1)[1]
    names = re.findall(r"^  - ([\w.]+)", block.split("\n\n", 1)[0], re.MULTILINE)
    assert names == MARKDOWN_EXTENSIONS


def test_file_paths_are_url_encoded():
    assert encode_url('media/2024/anh" onerror="alert(1).jpg') == "media/2024/anh%22%20onerror=%22alert(1).jpg"
    assert encode_url("media/<img src=x>.pdf") == "media/%3Cimg%20src=x%3E.pdf"
    assert encode_url("media/ảnh.jpg") == "media/%E1%BA%A3nh.jpg"
    assert encode_url("https://a.vn/x?y=1&z=2#m") == "https://a.vn/x?y=1&z=2#m"


TEMPLATES = REPO / "docs" / "overrides"
# script_tag: MkDocs' filter for mkdocs.yml's extra_javascript, which escapes the URL it writes (Markup.format).
# memo_html, memo_start, memo_end / cchc_cached_html: HTML these same templates rendered earlier in the build (cchc/build/layout_memo.py)
# or in an earlier build (cchc/build/page_cache.py), stored and written as it is.
_SAFE_EXPRESSION = re.compile(
    r"\|\s*(?:e|url|tojson|script_tag)\s*$|^super\(\)$|^page\.content$|^memo_(?:html|start|end)$|^cchc_cached_html$"
)


@pytest.mark.parametrize(
    "template", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")), ids=str
)
def test_every_template_value_is_escaped(template):
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    unescaped = [
        expr.strip()
        for expr in re.findall(r"\{\{-?(.*?)-?\}\}", source, re.DOTALL)
        if not _SAFE_EXPRESSION.search(expr.strip())
    ]
    assert unescaped == []


def test_no_inline_handler_or_inline_script_in_templates():
    for path in TEMPLATES.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+\s*=", source), path
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", source), path


def test_csp_allows_scripts_only_from_the_site():
    directives = dict(d.split(" ", 1) for d in CSP.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "frame-ancestors" not in CSP  # ignored (with a console error) in a <meta>; the header form has it
    assert CSP_HEADER.startswith(CSP) and "frame-ancestors 'self'" in CSP_HEADER
