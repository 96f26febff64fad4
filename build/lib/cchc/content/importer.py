"""Turn a spreadsheet exported from a public-service portal into procedure records.

Portals name their columns differently ("Tên thủ tục" or "Thủ tục", "Mức trực tuyến" or
"Dịch vụ công trực tuyến"); headers are matched after folding case and diacritics.
Spreadsheets turn codes like "1.000890" into the number 1.00089: such cells are read
back as 6-decimal codes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from cchc.text import fold, nfc

# Folded header -> contract field. The first entries of each field are the common names.
HEADERS = {
    "ma thu tuc": "code",
    "ma tthc": "code",
    "ma": "code",
    "ma so": "code",
    "ma thu tuc hanh chinh": "code",
    "ten thu tuc": "name",
    "thu tuc": "name",
    "ten tthc": "name",
    "ten thu tuc hanh chinh": "name",
    "linh vuc": "field",
    "ten linh vuc": "field",
    "cap thuc hien": "level",
    "cap": "level",
    "cap giai quyet": "level",
    "co quan thuc hien": "agency",
    "co quan giai quyet": "agency",
    "don vi thuc hien": "agency",
    "co quan": "agency",
    "muc truc tuyen": "online",
    "dich vu cong truc tuyen": "online",
    "muc do dvc": "online",
    "muc do dich vu cong": "online",
    "dvc truc tuyen": "online",
    "thoi han giai quyet": "processing_time",
    "thoi gian giai quyet": "processing_time",
    "le phi": "fee",
    "phi": "fee",
    "phi le phi": "fee",
    "phi, le phi": "fee",
    "doi tuong thuc hien": "applicants",
    "ket qua thuc hien": "result",
    "ket qua": "result",
    "duong dan truc tuyen": "online_url",
    "link dvc": "online_url",
    "dia chi truc tuyen": "online_url",
}
REQUIRED = ("code", "name", "field", "level", "agency")
LABELS = {
    "code": "Mã thủ tục",
    "name": "Tên thủ tục",
    "field": "Lĩnh vực",
    "level": "Cấp thực hiện",
    "agency": "Cơ quan thực hiện",
}
# Fields the spreadsheet owns; anything else in a procedure file belongs to the editors.
IMPORTED = (
    "code",
    "name",
    "field",
    "level",
    "agency",
    "online",
    "online_url",
    "processing_time",
    "fee",
    "applicants",
    "result",
)


class ImportError_(ValueError):
    pass


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "row N: why"
    ignored_columns: list[str] = field(default_factory=list)


def _header_key(header) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9, ]", " ", fold(str(header or "")))).strip(" ,")


def map_headers(headers: list) -> tuple[dict[int, str], list[str]]:
    """Column index -> field, and the headers that were not recognised."""
    mapping, unknown = {}, []
    for index, header in enumerate(headers):
        key = _header_key(header)
        target = HEADERS.get(key) or HEADERS.get(key.replace(",", "").replace("  ", " "))
        if target and target not in mapping.values():
            mapping[index] = target
        elif str(header or "").strip():
            unknown.append(str(header).strip())
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        raise ImportError_(
            "thiếu cột bắt buộc: "
            + ", ".join(f"'{LABELS[f]}'" for f in missing)
            + f" (các cột đọc được: {', '.join(str(h) for h in headers if h)})"
        )
    return mapping, unknown


def normalise_code(value) -> str:
    """ "1.000890" stays; 1.00089 (a number, or its text) becomes "1.000890"; integers lose ".0"."""
    if isinstance(value, float):
        return f"{value:.6f}"
    if isinstance(value, int):
        return str(value)
    text = nfc(str(value or "")).strip()
    if re.fullmatch(r"\d\.\d{1,5}", text):
        return f"{float(text):.6f}"
    return text


def parse_levels(value) -> list[str]:
    folded = fold(str(value or ""))
    return [
        level for level, key in (("tỉnh", "tinh"), ("huyện", "huyen"), ("xã", "xa")) if re.search(rf"\b{key}\b", folded)
    ]


def parse_online(value) -> str:
    folded = fold(str(value or ""))
    if "toan trinh" in folded or re.search(r"\b4\b", folded):
        return "toàn trình"
    if "mot phan" in folded or re.search(r"\b3\b", folded):
        return "một phần"
    return "không"


def read_rows(path: Path) -> list[list]:
    """All rows (header first) of the first sheet of an XLSX, or of a CSV (UTF-8, with or without BOM)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    elif path.suffix.lower() == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        rows = list(csv.reader(text.splitlines(), dialect))
    else:
        raise ImportError_(f"không đọc được tệp '{path.name}': chỉ nhận .xlsx hoặc .csv")
    # Portals put a title above the table: the header is the first row naming a code and a name column.
    for start, row in enumerate(rows[:15]):
        keys = {HEADERS.get(_header_key(cell)) for cell in row}
        if "code" in keys and "name" in keys:
            return rows[start:]
    return rows


def records_from_rows(rows: list[list], result: ImportResult) -> list[dict]:
    if not rows:
        raise ImportError_("tệp không có dữ liệu")
    mapping, result.ignored_columns = map_headers(rows[0])
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        raw = {name: row[index] if index < len(row) else None for index, name in mapping.items()}
        record = {"code": normalise_code(raw.get("code"))}
        for name in ("name", "field", "agency", "processing_time", "fee", "applicants", "result", "online_url"):
            value = nfc(str(raw.get(name) or "")).strip()
            if value:
                record[name] = value
        record["level"] = parse_levels(raw.get("level"))
        if "online" in raw:
            record["online"] = parse_online(raw.get("online"))
        missing = [LABELS[f] for f in REQUIRED if not record.get(f)]
        if missing:
            result.skipped.append(f"dòng {number}: thiếu {', '.join(missing)}")
            continue
        records.append(record)
    return records


def merge(existing: dict | None, imported: dict) -> dict:
    """The procedure file's new content: imported fields updated, the editors' other fields kept."""
    if existing is None:
        return dict(imported)
    merged = dict(existing)
    for name in IMPORTED:
        if name in imported:
            merged[name] = imported[name]
    return merged
