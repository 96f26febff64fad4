"""A content tree written by an attacker: every script payload of issue 10 in its own place.

Each payload is in its own article body, title, tag, unit name, category name, procedure
field, hotline field, image file name and attachment file name, so a leak points at one
place. Every payload calls alert(), so a browser that runs any of them opens a dialog.
"""

from __future__ import annotations

import json

from conftest import photo

BODY_PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(2)>",
    "img-onerror-quoted": '<img src="" onerror="alert(3)">',
    "svg-onload": "<svg onload=alert(4)>",
    "svg-onload-quoted": '<svg onload="alert(5)"><circle r="5"/></svg>',
    "iframe-javascript": '<iframe src="javascript:alert(6)"></iframe>',
    "a-javascript": "<a href=javascript:alert(7)>bấm vào đây</a>",
    "markdown-javascript": "[bấm](javascript://%0aalert(8))",
    "markdown-reference": "[bấm][x]\n\n[x]: javascript:alert(9)",
    "entity-javascript": '<a href="jav&#x09;ascript:alert(10)">bấm</a>',
    "data-url": '<a href="data:text/html,&lt;script&gt;alert(11)&lt;/script&gt;">bấm</a>',
    "object-embed": '<object data="javascript:alert(12)"></object><embed src="javascript:alert(13)">',
    "form-action": '<form action="javascript:alert(14)"><button>Gửi</button></form>',
    "style-tag": "<style>body{background:url(javascript:alert(15))}</style>",
    "heading": "## Mục <img src=x onerror=alert(16)>",
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(17)">',
    "base-tag": '<base href="javascript:alert(18)//">',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(19)></style></mglyph></table></mtext></math>",
    "dom-clobbering": '<p id="__config" class="md-banner cchc-banner">Thông báo giả</p>',
    "attr-list": 'Đoạn bấm được.\n{: onclick="alert(21)" id="__drawer" }',
    "details-ontoggle": "<details open ontoggle=alert(20)><summary>Chi tiết</summary>nội dung</details>",
}

TEXT_PAYLOAD = "<img src=x onerror=alert('{where}')>"
QUOTE_PAYLOAD = '" onmouseover="alert(\'{where}\')" x="'
IMAGE_NAME = "anh\" onerror=\"alert('image').jpg"
ATTACHMENT_NAME = "<img src=x onerror=alert('file')>.pdf"
ATTACHMENT_TYPE_NAME = "bao-cao.<svg onload=alert('type')>"
MD_ATTACHMENT_MARKER = "DUTHAOKHONGCONG"  # a word only the attached draft article holds

PNG = photo(640, 360, "PNG")  # a real image: the portal publishes only what decodes as one


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def _article(title: str, date: str, body: str, unit: str = "phong-noi-vu", category: str = "tin-cchc", **extra) -> str:
    lines = [f"title: {_q(title)}", f"date: {date}", f"unit: {unit}", f"category: {category}"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def hostile_files() -> dict[str, str | bytes]:
    units = (
        "units:\n"
        "  - id: phong-noi-vu\n    name: Phòng Nội vụ\n    group: Cơ quan chuyên môn\n"
        f"  - id: don-vi-doc\n    name: {_q(TEXT_PAYLOAD.format(where='unit'))}\n"
        f"    group: {_q(QUOTE_PAYLOAD.format(where='group'))}\n"
    )
    categories = (
        "categories:\n"
        "  - id: tin-cchc\n    name: Tin cải cách hành chính\n"
        f"  - id: chuyen-muc-doc\n    name: {_q(TEXT_PAYLOAD.format(where='category'))}\n"
        f"    description: {_q(QUOTE_PAYLOAD.format(where='category-description'))}\n"
    )
    files: dict[str, str | bytes] = {"units.yml": units, "categories.yml": categories}
    for day, (name, payload) in enumerate(BODY_PAYLOADS.items(), start=1):
        files[f"articles/2024/than-bai-{name}.md"] = _article(
            f"Bài có mã độc trong thân bài: {name}", f"2024-03-{day:02d}", f"Đoạn mở đầu.\n\n{payload}\n\nĐoạn cuối."
        )
    files["articles/2024/tieu-de.md"] = _article(
        '<script>alert("title")</script>',
        "2024-04-01",
        "Tiêu đề là một thẻ script.",
        summary=_q(TEXT_PAYLOAD.format(where="summary")),
    )
    files["articles/2024/chu-de.md"] = _article(
        "Bài có chủ đề độc",
        "2024-04-02",
        "Chủ đề chứa thẻ img.",
        tags=f"[{_q(TEXT_PAYLOAD.format(where='tag'))}, {_q(QUOTE_PAYLOAD.format(where='tag-quote'))}]",
        author=_q(TEXT_PAYLOAD.format(where="author")),
    )
    files["articles/2024/don-vi-doc.md"] = _article(
        "Bài của đơn vị có tên độc",
        "2024-04-03",
        "Đơn vị và chuyên mục có tên độc.",
        unit="don-vi-doc",
        category="chuyen-muc-doc",
    )
    files["articles/2024/ten-tep.md"] = _article(
        "Bài có ảnh và tệp đính kèm tên độc",
        "2024-04-04",
        "Ảnh đại diện và tệp đính kèm có tên độc.",
        image=_q(f"anh/{IMAGE_NAME}"),
        image_alt=_q(QUOTE_PAYLOAD.format(where="image-alt")),
        attachments="\n"
        f"  - file: {_q('van-ban/' + ATTACHMENT_NAME)}\n"
        f"  - file: {_q('van-ban/' + ATTACHMENT_TYPE_NAME)}\n"
        f"    title: {_q(QUOTE_PAYLOAD.format(where='attachment-title'))}\n"
        "  - file: du-thao.md\n    title: Bản dự thảo (tệp Markdown)",
    )
    files["articles/2024/anh/" + IMAGE_NAME] = PNG
    files["articles/2024/van-ban/" + ATTACHMENT_NAME] = b"%PDF-1.4\n%%EOF\n"
    files["articles/2024/van-ban/" + ATTACHMENT_TYPE_NAME] = b"tai lieu\n"
    files["articles/2024/du-thao.md"] = _article(
        "Dự thảo chưa công bố", "2024-04-05", f"Nội dung dự thảo {MD_ATTACHMENT_MARKER}.", draft="true"
    )
    files["procedures/1.000001.yml"] = (
        'code: "1.000001"\n'
        f"name: {_q(TEXT_PAYLOAD.format(where='procedure-name'))}\n"
        f"field: {_q(TEXT_PAYLOAD.format(where='procedure-field'))}\n"
        "level: [xã]\n"
        f"agency: {_q(QUOTE_PAYLOAD.format(where='procedure-agency'))}\n"
        f"processing_time: {_q(TEXT_PAYLOAD.format(where='procedure-time'))}\n"
        f"fee: {_q(TEXT_PAYLOAD.format(where='procedure-fee'))}\n"
        f"applicants: {_q(TEXT_PAYLOAD.format(where='procedure-applicants'))}\n"
        f"steps: [{_q(TEXT_PAYLOAD.format(where='procedure-step'))}]\n"
        f"documents: [{_q(TEXT_PAYLOAD.format(where='procedure-document'))}]\n"
        f"requirements: [{_q(TEXT_PAYLOAD.format(where='procedure-requirement'))}]\n"
        f"result: {_q(TEXT_PAYLOAD.format(where='procedure-result'))}\n"
        f"legal_basis: [{_q(TEXT_PAYLOAD.format(where='procedure-legal'))}]\n"
        "channels:\n"
        f"  - method: Trực tiếp\n    description: {_q(TEXT_PAYLOAD.format(where='procedure-channel'))}\n"
        "updated: 2024-04-06\n"
    )
    files["hotlines.yml"] = (
        "hotlines:\n"
        f"  - name: {_q(TEXT_PAYLOAD.format(where='hotline-name'))}\n"
        "    unit: don-vi-doc\n"
        '    phone: "0299 3861 234"\n'
        f"    email: {_q('a' + QUOTE_PAYLOAD.format(where='hotline-email').replace(' ', '') + '@x.vn')}\n"
        f"    address: {_q(TEXT_PAYLOAD.format(where='hotline-address'))}\n"
        f"    hours: {_q(QUOTE_PAYLOAD.format(where='hotline-hours'))}\n"
    )
    return files
