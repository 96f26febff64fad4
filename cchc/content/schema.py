"""Field declarations for every content kind, and the one function that validates them.

Each field names its converter; a converter turns the YAML value into the model's
type or raises ValueError with a message an editor can act on. Unknown keys are
reported with the closest known key, so a typo like `catgory:` does not vanish.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from cchc.content import controls
from cchc.content.hints import date_problem
from cchc.text import nfc
from cchc.timeutil import parse_date, parse_datetime


@dataclass(frozen=True)
class Field:
    convert: Callable[[Any], Any]
    required: bool = False
    expected: str = ""


def text(value: Any) -> str:
    if isinstance(value, (dict, list, bool)):
        raise ValueError("cần một đoạn văn bản")
    result = nfc(str(value)).strip()
    if not result:
        raise ValueError("không được để trống")
    _refuse_control_chars(result)
    return result


def _refuse_control_chars(value: str) -> None:
    """A control character written as a YAML escape ("\\v", "\\0") never reaches a page or feed."""
    found = controls.BAD_CHARS.search(value)
    if found:
        raise ValueError(f"có ký tự điều khiển không in được {controls.name(found.group())}; hãy xóa ký tự này")


# Dates outside these years are typing mistakes, and the extreme ones cannot be shifted to +07:00.
MIN_YEAR, MAX_YEAR = 1900, 2200


def _sane_year(value, original):
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"ngày '{original}' có năm {value.year} nằm ngoài khoảng {MIN_YEAR}-{MAX_YEAR}")
    return value


MAX_ID_CHARS = 100  # ids and slugs become folder names in URLs


def text_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError("cần một danh sách, ví dụ [mục 1, mục 2]")
    return [text(item) for item in value if item is not None and str(item).strip()]


def identifier(value: Any) -> str:
    result = text(value)
    if len(result) > MAX_ID_CHARS:
        raise ValueError(f"mã dài {len(result)} ký tự, tối đa {MAX_ID_CHARS} ký tự")
    if not re.fullmatch(r"[a-z0-9-]+", result):
        raise ValueError(f"mã '{result}' chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (a-z, 0-9, -)")
    return result


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"cần true hoặc false, không phải '{value}'")


def a_date(value: Any) -> date:
    if isinstance(value, (dict, list, bool)) or value is None:
        raise ValueError("cần một ngày dạng 2024-03-06")
    try:
        parsed = parse_date(str(value))
    except ValueError:
        impossible = date_problem(value)
        if impossible:
            raise ValueError(f"ngày '{value}' không có thật: {impossible}") from None
        raise ValueError(f"ngày '{value}' không hợp lệ (cần dạng 2024-03-06 hoặc 06/03/2024)") from None
    return _sane_year(parsed, value)


def a_datetime(value: Any) -> datetime:
    if isinstance(value, (dict, list, bool)) or value is None:
        raise ValueError("cần một ngày dạng 2024-03-06 hoặc 2024-03-06 08:30")
    try:
        parsed = parse_datetime(str(value))
    except (ValueError, OverflowError):
        impossible = date_problem(value)
        if impossible:
            raise ValueError(f"ngày '{value}' không có thật: {impossible}") from None
        raise ValueError(
            f"ngày '{value}' không hợp lệ (cần dạng 2024-03-06, 2024-03-06 08:30 hoặc 06/03/2024)"
        ) from None
    return _sane_year(parsed, value)


MAX_CODE_CHARS = 64


def procedure_code(value: Any) -> str:
    result = text(value)
    if len(result) > MAX_CODE_CHARS:
        raise ValueError(f"mã thủ tục dài {len(result)} ký tự, tối đa {MAX_CODE_CHARS} ký tự")
    return result


def a_year(value: Any) -> int:
    number = positive_int(value)
    if not MIN_YEAR <= number <= MAX_YEAR:
        raise ValueError(f"năm {number} nằm ngoài khoảng {MIN_YEAR}-{MAX_YEAR}")
    return number


def positive_int(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"cần một số nguyên, không phải '{value}'") from None
    if number < 0:
        raise ValueError(f"cần một số không âm, không phải {number}")
    return number


def url(value: Any) -> str:
    result = text(value)
    parsed = urlparse(result)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in result:
        raise ValueError(f"'{result}' không phải địa chỉ web hợp lệ (cần bắt đầu bằng https://)")
    return result


def one_of(*choices: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        result = text(value)
        if result not in choices:
            raise ValueError(f"'{result}' không hợp lệ, chỉ được là: {', '.join(choices)}")
        return result

    convert.choices = choices  # type: ignore[attr-defined]  # read by the web editor's generated form
    return convert


def list_of(convert: Callable[[Any], Any]) -> Callable[[Any], list]:
    def convert_list(value: Any) -> list:
        if not isinstance(value, list):
            value = [value]
        return [convert(item) for item in value]

    convert_list.item = convert  # type: ignore[attr-defined]  # read by the web editor's generated form
    return convert_list


def a_mapping(value: Any, expected: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(expected)
    return value


def mapping(fields: dict[str, Field]) -> Callable[[Any], dict]:
    """A nested mapping, validated with the same rules (messages name the sub-field)."""

    def convert(value: Any) -> dict:
        if not isinstance(value, dict):
            raise ValueError("cần các trường dạng 'tên: giá trị'")
        errors: list[str] = []
        result = validate(value, fields, lambda message, line: errors.append(message))
        if errors:
            raise ValueError("; ".join(errors))
        return result

    return convert


def validate(
    data: dict,
    fields: dict[str, Field],
    report: Callable[[str, int | None], None],
    line_of: Callable[[str], int | None] = lambda key: None,
) -> dict:
    """Convert the known fields of `data`; call `report(message, line)` for each problem.

    Returns the converted values of the fields that passed (missing optional fields are
    absent), so a caller can still build what it can and keep collecting problems.
    """
    result: dict = {}
    for key in data:
        if str(key) not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = f" (có phải ý bạn là '{close[0]}'?)" if close else f" (các trường được dùng: {', '.join(fields)})"
            report(f"trường '{key}' không có trong mẫu nội dung{hint}", line_of(str(key)))
    for name, spec in fields.items():
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                what = "bị bỏ trống" if name in data else "bị thiếu"
                report(f"trường bắt buộc '{name}' {what}{_expected(spec)}", line_of(name))
            continue
        try:
            result[name] = spec.convert(value)
        except ValueError as exc:
            report(f"trường '{name}': {exc}", line_of(name))
    return result


def _expected(spec: Field) -> str:
    return f" (cần {spec.expected})" if spec.expected else ""


UNIT_FIELDS = {
    "id": Field(identifier, required=True, expected="mã đơn vị, ví dụ phong-noi-vu"),
    "name": Field(text, required=True, expected="tên đơn vị"),
    "group": Field(text),
    "from": Field(a_date),
    "until": Field(a_date),
}

CATEGORY_FIELDS = {
    "id": Field(identifier, required=True, expected="mã chuyên mục, ví dụ tin-cchc"),
    "name": Field(text, required=True, expected="tên chuyên mục"),
    "description": Field(text),
}

ATTACHMENT_FIELDS = {
    "file": Field(text, required=True, expected="đường dẫn tệp, ví dụ van-ban/kh-27.pdf"),
    "title": Field(text),
}

ARTICLE_FIELDS = {
    "title": Field(text, required=True, expected="tiêu đề bài viết"),
    "date": Field(a_datetime, required=True, expected="ngày đăng, ví dụ 2024-03-06"),
    "unit": Field(identifier, required=True, expected="mã đơn vị trong content/units.yml"),
    "category": Field(identifier, required=True, expected="mã chuyên mục trong content/categories.yml"),
    "tags": Field(text_list),
    "summary": Field(text),
    "author": Field(text),
    "image": Field(text),
    "image_alt": Field(text),
    "attachments": Field(list_of(mapping(ATTACHMENT_FIELDS))),
    "slug": Field(identifier),
    "draft": Field(boolean),
    "updated": Field(a_datetime),
}

CHANNEL_FIELDS = {
    "method": Field(one_of("Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"), required=True),
    "processing_time": Field(text),
    "fee": Field(text),
    "description": Field(text),
}

PROCEDURE_FIELDS = {
    "code": Field(procedure_code, required=True, expected='mã thủ tục, ví dụ "1.001193"'),
    "name": Field(text, required=True, expected="tên thủ tục"),
    "field": Field(text, required=True, expected="lĩnh vực, ví dụ Hộ tịch"),
    "level": Field(list_of(one_of("tỉnh", "huyện", "xã")), required=True, expected="cấp thực hiện: tỉnh, huyện, xã"),
    "agency": Field(text, required=True, expected="cơ quan thực hiện"),
    "online": Field(one_of("toàn trình", "một phần", "không")),
    "online_url": Field(url),
    "processing_time": Field(text),
    "fee": Field(text),
    "channels": Field(list_of(mapping(CHANNEL_FIELDS))),
    "applicants": Field(text),
    "steps": Field(text_list),
    "documents": Field(text_list),
    "requirements": Field(text_list),
    "result": Field(text),
    "legal_basis": Field(text_list),
    "updated": Field(a_date),
}

HOTLINE_FIELDS = {
    "name": Field(text, required=True, expected="tên đường dây nóng"),
    "unit": Field(identifier),
    "phone": Field(text),
    "email": Field(text),
    "address": Field(text),
    "hours": Field(text),
}

TARGET_FIELDS = {
    "per_quarter": Field(positive_int),
    "per_year": Field(positive_int),
}

PLAN_FIELDS = {
    "year": Field(a_year, required=True, expected="năm của kế hoạch, ví dụ 2024"),
    "title": Field(text),
    "targets": Field(lambda v: a_mapping(v, "cần danh sách 'mã-đơn-vị: {per_quarter: N}'"), required=True),
}
