"""Decap CMS's config.yml, generated from the content model so the form can never drift from `check`.

Each collection's fields are made from the field declarations of `cchc.content.schema`
(required, pattern, choices) plus Vietnamese labels and hints; units and categories are
choices read from the loaded content. `tests/test_editor_config.py` checks the rules
against the schema.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from cchc.content import schema
from cchc.content.models import Content

LOCAL_BACKEND = {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}
# The history (git log) in Vietnamese too.
COMMIT_MESSAGES = {
    "create": "Tạo {{collection}} “{{slug}}”",
    "update": "Sửa {{collection}} “{{slug}}”",
    "delete": "Xóa {{collection}} “{{slug}}”",
    "uploadMedia": "Tải lên “{{path}}”",
    "deleteMedia": "Xóa tệp “{{path}}”",
    "openAuthoring": "{{message}}",
}

# What a non-empty text must contain: one visible character (the schema strips spaces).
NOT_BLANK = ["\\S", "không được để trống hoặc chỉ có dấu cách"]
IDENTIFIER = ["^[a-z0-9-]+$", "chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ phong-noi-vu"]
EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"  # the loader's _EMAIL_RE
URL = ["^https?://[^\\s/]+[^\\s]*$", "địa chỉ web bắt đầu bằng https://, không có dấu cách"]
# Storage formats the schema reads (a_datetime / a_date).
DATETIME = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False}

# Vietnamese label and hint of every field the form shows, per content kind.
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "article": {
        "title": ("Tiêu đề", "Tiêu đề bài viết, viết hoa chữ đầu câu. Địa chỉ của bài được tạo từ tiêu đề."),
        "date": (
            "Ngày đăng",
            "Ngày giờ đăng (giờ Việt Nam). Ngày trong tương lai: bài hẹn giờ, chỉ lên cổng khi đến ngày.",
        ),
        "unit": ("Đơn vị đăng tin", "Cơ quan, đơn vị đăng bài (dùng cho báo cáo số tin, bài)."),
        "category": ("Chuyên mục", ""),
        "tags": ("Từ khóa", "Mỗi từ khóa một mục, ví dụ: tuyên truyền, PAR INDEX."),
        "summary": ("Tóm tắt", "Một, hai câu. Để trống thì dùng đoạn đầu tiên của bài."),
        "author": ("Tác giả", "Họ tên người viết (không bắt buộc)."),
        "image": ("Ảnh đại diện", "Ảnh chụp từ điện thoại được; ảnh lưu cạnh bài viết."),
        "image_alt": ("Mô tả ảnh", "Mô tả ngắn nội dung ảnh cho người khiếm thị, ví dụ: Lễ phát động."),
        "attachments": ("Tệp đính kèm", "Văn bản kèm theo bài (PDF, DOCX...)."),
        "draft": ("Bản nháp", "Bật: bài không được đăng, không tính vào báo cáo."),
        "updated": ("Ngày cập nhật", "Chỉ điền khi sửa nội dung bài đã đăng."),
        "body": ("Nội dung", "Đoạn đầu tiên là phần tóm tắt. Dùng Tiêu đề 2 cho các mục."),
    },
    "attachment": {
        "file": ("Tệp", ""),
        "title": ("Tên văn bản", "Ví dụ: Kế hoạch số 27/KH-UBND. Để trống thì dùng tên tệp."),
    },
    "procedure": {
        "code": ("Mã thủ tục", "Mã trên Cổng dịch vụ công quốc gia, ví dụ 1.001193."),
        "name": ("Tên thủ tục", ""),
        "field": ("Lĩnh vực", "Ví dụ: Hộ tịch."),
        "level": ("Cấp thực hiện", "Chọn một hoặc nhiều cấp."),
        "agency": ("Cơ quan thực hiện", "Ví dụ: UBND cấp xã."),
        "online": ("Dịch vụ công trực tuyến", ""),
        "online_url": ("Địa chỉ nộp trực tuyến", "Bắt đầu bằng https://"),
        "processing_time": ("Thời hạn giải quyết", ""),
        "fee": ("Phí, lệ phí", ""),
        "channels": ("Cách thức thực hiện", "Mỗi cách nộp hồ sơ một mục."),
        "applicants": ("Đối tượng thực hiện", ""),
        "steps": ("Trình tự thực hiện", "Mỗi bước một mục."),
        "documents": ("Thành phần hồ sơ", "Mỗi giấy tờ một mục."),
        "requirements": ("Yêu cầu, điều kiện", ""),
        "result": ("Kết quả thực hiện", ""),
        "legal_basis": ("Căn cứ pháp lý", "Mỗi văn bản một mục."),
        "updated": ("Ngày cập nhật", ""),
    },
    "channel": {
        "method": ("Cách nộp", ""),
        "processing_time": ("Thời hạn giải quyết", ""),
        "fee": ("Phí, lệ phí", ""),
        "description": ("Mô tả", ""),
    },
    "hotline": {
        "name": ("Tên đường dây nóng", ""),
        "unit": ("Đơn vị", ""),
        "phone": ("Số điện thoại", "Số Việt Nam, ví dụ 0299 3861 234. Cần số điện thoại hoặc thư điện tử."),
        "email": ("Thư điện tử", "Ví dụ: pakn@longphu.gov.vn"),
        "address": ("Địa chỉ", ""),
        "hours": ("Thời gian tiếp nhận", "Ví dụ: Giờ hành chính các ngày làm việc."),
    },
    "unit": {
        "id": ("Mã đơn vị", "Chữ thường không dấu, nối bằng gạch ngang, ví dụ ubnd-xa-long-phu. Không đổi mã đã dùng."),
        "name": ("Tên đơn vị", ""),
        "group": ("Nhóm", "Báo cáo cộng theo nhóm, ví dụ: UBND xã, thị trấn."),
        "from": ("Hoạt động từ ngày", "Để trống nếu đơn vị có từ trước."),
        "until": ("Hoạt động đến ngày", "Ngày cuối cùng đơn vị hoạt động (sáp nhập, giải thể)."),
    },
    "category": {
        "id": ("Mã chuyên mục", "Chữ thường không dấu, nối bằng gạch ngang. Không đổi mã đã dùng."),
        "name": ("Tên chuyên mục", ""),
        "description": ("Mô tả", ""),
    },
    "plan": {
        "year": ("Năm", "Năm của kế hoạch, ví dụ 2025."),
        "title": ("Tên kế hoạch", "Ví dụ: Kế hoạch số 27/KH-UBND ngày 06/3/2024."),
        "targets": ("Chỉ tiêu", "Số tin, bài mỗi đơn vị cần đăng: theo quý hoặc cả năm."),
    },
    "target": {
        "per_quarter": ("Số bài mỗi quý", ""),
        "per_year": ("Số bài cả năm", ""),
    },
}


def _base(kind: str, name: str, spec: schema.Field) -> dict:
    label, hint = LABELS[kind][name]
    field: dict = {"name": name, "label": label, "required": spec.required}
    if hint:
        field["hint"] = hint
    return field


def _choices(convert) -> tuple[str, ...] | None:
    return getattr(convert, "choices", None)


def _field(kind: str, name: str, spec: schema.Field, overrides: dict | None = None) -> dict:
    """The Decap field for one schema field, chosen from its converter."""
    field = _base(kind, name, spec)
    convert = spec.convert
    choices = _choices(convert)
    item_choices = _choices(getattr(convert, "item", None))
    if (overrides or {}).get("widget"):
        rules: dict[Callable, list[str]] = {schema.text: NOT_BLANK, schema.identifier: IDENTIFIER, schema.url: URL}
        rule = rules.get(convert)
        if rule:
            field["pattern"] = list(rule)  # an override may drop it (pattern: None) for choices and files
    elif convert in (schema.text, schema.procedure_code):
        field.update(widget="string", pattern=list(NOT_BLANK))
    elif convert is schema.identifier:
        field.update(widget="string", pattern=list(IDENTIFIER))
    elif convert is schema.url:
        field.update(widget="string", pattern=list(URL))
    elif convert is schema.text_list:
        field.update(widget="list", allow_add=True)
    elif convert is schema.boolean:
        field.update(widget="boolean", default=False)
    elif convert is schema.a_datetime:
        field.update(DATETIME)
    elif convert is schema.a_date:
        field.update(DATE)
    elif convert is schema.positive_int:
        field.update(widget="number", value_type="int", min=0)
    elif choices:
        field.update(widget="select", options=list(choices))
    elif item_choices:
        field.update(widget="select", multiple=True, options=list(item_choices), min=1 if spec.required else 0)
    else:
        raise ValueError(f"no form widget for field '{name}'")
    field.update(overrides or {})
    return {key: value for key, value in field.items() if value is not None}


def _fields(kind: str, fields: dict[str, schema.Field], overrides: dict[str, Any], skip=()) -> list[dict]:
    return [_field(kind, name, spec, overrides.get(name)) for name, spec in fields.items() if name not in skip]


def _options(items, label=lambda item: item.name) -> list[dict]:
    return [{"label": label(item), "value": item.id} for item in items]


def offered_units(content: Content, today: date) -> list:
    """Units a new article may be posted under: those that have not ended (ended units stay valid for old ones)."""
    return [unit for unit in content.units.values() if unit.end is None or unit.end >= today]


def article_collection(content: Content, today: date) -> dict:
    units = offered_units(content, today)
    overrides = {
        "unit": {"widget": "select", "options": _options(units), "pattern": None},
        "category": {"widget": "select", "options": _options(content.categories.values()), "pattern": None},
        "date": {"default": "{{now}}"},
        "image": {"widget": "image", "choose_url": False, "pattern": None},
        "summary": {"widget": "text"},
        "attachments": {
            "widget": "list",
            "fields": [
                _field(
                    "attachment",
                    "file",
                    schema.ATTACHMENT_FIELDS["file"],
                    {"widget": "file", "choose_url": False, "pattern": None},
                ),
                _field("attachment", "title", schema.ATTACHMENT_FIELDS["title"]),
            ],
        },
    }
    fields = _fields("article", schema.ARTICLE_FIELDS, overrides, skip=("slug",))
    for field in fields:
        if field.get("pattern") is None:
            field.pop("pattern", None)
    label, hint = LABELS["article"]["body"]
    fields.append(
        {"name": "body", "label": label, "hint": hint, "widget": "markdown", "required": True, "sanitize_preview": True}
    )
    return {
        "name": "articles",
        "label": "Tin, bài",
        "label_singular": "bài viết",
        "description": "Tin, bài của các đơn vị. Bài mới được lưu vào thư mục của năm đăng.",
        "folder": "content/articles",
        "path": "{{year}}/{{slug}}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "identifier_field": "title",
        "summary": "{{title}} ({{day}}/{{month}}/{{year}})",
        "sortable_fields": ["date", "title", "unit"],
        "media_folder": "anh",
        "public_folder": "anh",
        "preview_path": "bai-viet/{{slug}}/",
        "fields": fields,
    }


def procedure_collection() -> dict:
    channel_fields = _fields("channel", schema.CHANNEL_FIELDS, {})
    overrides = {
        "channels": {"widget": "list", "fields": channel_fields},
        "applicants": {"widget": "text"},
        "result": {"widget": "text"},
    }
    return {
        "name": "procedures",
        "label": "Thủ tục hành chính",
        "label_singular": "thủ tục",
        "folder": "content/procedures",
        "create": True,
        "extension": "yml",
        "format": "yml",
        "identifier_field": "name",
        "slug": "{{fields.code}}",
        "summary": "{{code}} {{name}}",
        "fields": _fields("procedure", schema.PROCEDURE_FIELDS, overrides),
    }


def _list_file(name: str, label: str, path: str, key: str, kind: str, fields: list[dict]) -> dict:
    return {
        "name": name,
        "label": label,
        "file": path,
        "format": "yml",
        "fields": [{"name": key, "label": label, "widget": "list", "fields": fields}],
    }


def lists_collection(content: Content) -> dict:
    hotline_overrides = {
        "unit": {"widget": "select", "options": _options(content.units.values()), "pattern": None},
        # check validates the number itself (phonenumbers); the form keeps out what cannot be a number.
        "phone": {
            "pattern": ["^\\+?[0-9][0-9 .()-]{7,19}$", "chỉ gồm chữ số, dấu cách, dấu chấm, ví dụ 0299 3861 234"]
        },
        "email": {"pattern": [EMAIL, "địa chỉ thư điện tử, ví dụ pakn@longphu.gov.vn"]},
    }
    hotline_fields = _fields("hotline", schema.HOTLINE_FIELDS, hotline_overrides)
    for field in hotline_fields:
        if field.get("pattern") is None:
            field.pop("pattern", None)
    return {
        "name": "lists",
        "label": "Danh mục",
        "description": "Đường dây nóng, đơn vị, chuyên mục.",
        "editor": {"preview": False},
        "files": [
            _list_file("hotlines", "Đường dây nóng", "content/hotlines.yml", "hotlines", "hotline", hotline_fields),
            _list_file(
                "units", "Đơn vị", "content/units.yml", "units", "unit", _fields("unit", schema.UNIT_FIELDS, {})
            ),
            _list_file(
                "categories",
                "Chuyên mục",
                "content/categories.yml",
                "categories",
                "category",
                _fields("category", schema.CATEGORY_FIELDS, {}),
            ),
        ],
    }


def plan_collection(content: Content, today: date) -> dict:
    target_fields = [_field("target", name, spec) for name, spec in schema.TARGET_FIELDS.items()]
    label, hint = LABELS["plan"]["targets"]
    targets = {
        "name": "targets",
        "label": label,
        "hint": hint,
        "widget": "object",
        "required": True,
        "fields": [
            {
                "name": unit.id,
                "label": unit.name,
                "widget": "object",
                "required": False,
                "collapsed": True,
                "fields": target_fields,
            }
            for unit in content.units.values()
        ],
    }
    return {
        "name": "plans",
        "label": "Kế hoạch năm",
        "label_singular": "kế hoạch",
        "folder": "content/plans",
        "create": True,
        "extension": "yml",
        "format": "yml",
        "identifier_field": "year",
        "slug": "{{fields.year}}",
        "summary": "Năm {{fields.year}}",
        "editor": {"preview": False},
        "fields": [
            _field("plan", "year", schema.PLAN_FIELDS["year"], {"widget": "number", "min": 2000, "max": 2100}),
            _field("plan", "title", schema.PLAN_FIELDS["title"]),
            targets,
        ],
    }


def editor_config(content: Content, today: date, backend: dict, site_url: str | None = None) -> dict:
    """The whole config.yml, as data."""
    config: dict = {
        "backend": {"commit_messages": COMMIT_MESSAGES, **(backend or LOCAL_BACKEND)},
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "media_folder": "content/tep",
        "public_folder": "tep",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            article_collection(content, today),
            procedure_collection(),
            lists_collection(content),
            plan_collection(content, today),
        ],
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config


def save_rules(content: Content) -> dict:
    """What admin.js checks before a save, beyond Decap's field rules (admin/rules.json).

    Each unit's lifetime (an article's date must fall in it, as `check` requires) and the
    slugs already taken (an article's address is unique across all years).
    """
    return {
        "units": {
            unit.id: {
                "name": unit.name,
                "from": unit.start.isoformat() if unit.start else None,
                "until": unit.end.isoformat() if unit.end else None,
                "lifetime": unit.lifetime(),
            }
            for unit in content.units.values()
        },
        "slugs": {article.slug: article.rel_path for article in content.articles},
    }
