"""The annex's header and signature block, from the optional `content/report.yml`.

A reporting officer edits that file (issuing body, place, signers); nothing of it is in code.
Missing file or field: a dotted blank to fill by hand, as on a printed form.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc.content.yamlsafe import YamlError, parse_yaml

FILE = "report.yml"
BLANK = "…………………"
FIELDS = {
    "parent": "cơ quan chủ quản, dòng trên của tên cơ quan (ví dụ UBND TỈNH SÓC TRĂNG)",
    "issuer": "cơ quan ban hành (ví dụ UBND HUYỆN LONG PHÚ)",
    "place": "địa danh ghi trước ngày tháng (ví dụ Long Phú)",
    "document": "dòng dưới tên phụ lục (ví dụ Kèm theo Báo cáo số …/BC-UBND)",
    "preparer": "họ tên người lập biểu",
    "head_title": "chức danh ký thay mặt đơn vị (mặc định THỦ TRƯỞNG ĐƠN VỊ)",
    "head": "họ tên thủ trưởng đơn vị",
}


class ReportConfigError(ValueError):
    pass


@dataclass(frozen=True)
class ReportConfig:
    parent: str | None = None
    issuer: str = BLANK
    place: str = BLANK
    document: str | None = None
    preparer: str | None = None
    head_title: str = "THỦ TRƯỞNG ĐƠN VỊ"
    head: str | None = None


def load_report_config(content_dir: Path) -> ReportConfig:
    """Read content/report.yml; raise ReportConfigError with `path:line: message` when it is wrong."""
    path = content_dir / FILE
    if not path.is_file():
        return ReportConfig()
    label = str(path)
    try:
        parsed = parse_yaml(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ReportConfigError(f"{label}: tệp không phải UTF-8") from None
    except YamlError as exc:
        raise ReportConfigError(f"{label}:{exc.line or 1}: {exc}") from None
    data = parsed.data or {}
    if not isinstance(data, dict):
        raise ReportConfigError(f"{label}:1: cần các dòng 'tên: giá trị' ({', '.join(FIELDS)})")
    values = {}
    for key, value in data.items():
        line = parsed.line_of(str(key), 1)
        if key not in FIELDS:
            raise ReportConfigError(f"{label}:{line}: trường '{key}' không có; dùng: {', '.join(FIELDS)}")
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ReportConfigError(f"{label}:{line}: trường '{key}' cần là một dòng chữ")
        values[key] = value.strip()
    return ReportConfig(**values)
