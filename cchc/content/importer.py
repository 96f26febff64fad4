"""Turn a spreadsheet exported from a public-service portal into procedure records.

Spreadsheets come from other portals and may be hostile: reading is bounded (see LIMITS),
every row is validated before anything is written, and a code can never name a path.

Portals name their columns differently ("Tên thủ tục" or "Thủ tục", "Mức trực tuyến" or
"Dịch vụ công trực tuyến"); headers are matched after folding case and diacritics.
Spreadsheets turn codes like "1.000890" into the number 1.00089: such cells are read
back as 6-decimal codes.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cchc.content import schema
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
    "online": "Mức trực tuyến",
    "online_url": "Đường dẫn trực tuyến",
    "processing_time": "Thời hạn giải quyết",
    "fee": "Lệ phí",
    "applicants": "Đối tượng thực hiện",
    "result": "Kết quả thực hiện",
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


# --- limits: a spreadsheet from elsewhere must not take the machine's memory or time ---------
# A province's whole catalogue is about 2,000 procedures (a 1-2 MB xlsx); these leave ample room.
MAX_FILE_BYTES = 20_000_000  # the file on disk (xlsx or csv)
MAX_ROWS = 20_000  # rows of the sheet (title, header and empty rows included)
MAX_HEADER_COLUMNS = 50  # columns searched for the header row; afterwards only the mapped columns are read
MAX_CELL_CHARS = 5_000  # characters in one imported cell
MAX_SHARED_STRINGS_BYTES = 10_000_000  # xl/sharedStrings.xml, uncompressed (openpyxl loads it whole)
MAX_PART_BYTES = 50_000_000  # any other part of the xlsx, uncompressed
MAX_TOTAL_BYTES = 100_000_000  # all parts of the xlsx, uncompressed
MAX_PARTS = 1_000
MAX_CELLS_PER_ROW = 2_000  # cells written in one row of the sheet XML (openpyxl builds each row whole)
HEADER_SEARCH_ROWS = 15  # portals put a title above the table
# A procedure code names its file: letters, digits, '.', '-', '_' only, starting with a letter or digit.
CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def _n(number: int) -> str:
    """20.000: thousands separated the Vietnamese way."""
    return f"{number:,}".replace(",", ".")


LIMITS_TEXT = f"tối đa {MAX_FILE_BYTES // 1_000_000} MB, {_n(MAX_ROWS)} dòng, mỗi ô {_n(MAX_CELL_CHARS)} ký tự"


class ImportError_(ValueError):
    """The whole file cannot be imported (unreadable, too large, no header...)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


Row = tuple[int, list]  # (row number in the sheet / line in the CSV, cells)


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (row, why): any refusal writes nothing
    notes: list[tuple[int | None, str]] = field(default_factory=list)  # (row, what), nothing refused
    ignored_columns: list[str] = field(default_factory=list)
    encoding_note: str | None = None

    @property
    def written(self) -> bool:
        return not self.refused


def _header_key(header) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9, ]", " ", fold(str(header or "")[:200]))).strip(" ,")


def _target(header) -> str | None:
    key = _header_key(header)
    return HEADERS.get(key) or HEADERS.get(key.replace(",", "").replace("  ", " "))


def map_headers(headers: list) -> tuple[dict[int, str], list[str]]:
    """Column index -> field, and the headers that were not recognised."""
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        target = _target(header)
        if target and target not in mapping.values():
            mapping[index] = target
        elif str(header or "").strip():
            unknown.append(str(header).strip()[:100])
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        read = ", ".join(str(h).strip()[:100] for h in headers if h is not None and str(h).strip())
        raise ImportError_(
            "thiếu cột bắt buộc: "
            + ", ".join(f"'{LABELS[f]}'" for f in missing)
            + f" (các cột đọc được: {read or 'không có'})"
        )
    return mapping, unknown


def normalise_code(value) -> str:
    """ "1.000890" stays; 1.00089 (a number, or its text) becomes "1.000890"; integers lose ".0"."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.6f}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    text = nfc(str(value or "")).strip()
    if re.fullmatch(r"\d\.\d{1,5}", text):
        return f"{float(text):.6f}"
    return text


def code_problem(code: str) -> str | None:
    """Why `code` cannot name a procedure file, or None. Codes never carry a path."""
    if not code:
        return "thiếu mã thủ tục"
    if CODE_RE.fullmatch(code) and ".." not in code:
        return None
    shown = code[:80] + ("..." if len(code) > 80 else "")
    return (
        f"mã thủ tục '{shown}' không hợp lệ: mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới "
        "(tối đa 64 ký tự, không có '/', '\\', '..' hay khoảng trắng), ví dụ 1.000890"
    )


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


# --- reading -------------------------------------------------------------------------------


def read_rows(path: Path, result: ImportResult | None = None) -> list[Row]:
    """The rows of the first sheet of an XLSX or of a CSV, from the header row on, with their numbers.

    How a CSV that was not UTF-8 was decoded goes to `result.encoding_note`.
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise ImportError_("chỉ nhận tệp .xlsx hoặc .csv (tệp .xls cũ: mở bằng Excel rồi lưu lại dạng .xlsx)")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportError_(f"không đọc được tệp: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise ImportError_(f"tệp quá lớn ({size / 1e6:.1f} MB; {LIMITS_TEXT})")
    if suffix == ".csv":
        rows, note = _read_csv(path)
        if result is not None:
            result.encoding_note = note
        return rows
    return _read_xlsx(path)


def _header_index(rows: list[Row]) -> int | None:
    """Index of the first row naming a code and a name column."""
    for index, (_, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = {_target(cell) for cell in row}
        if "code" in keys and "name" in keys:
            return index
    return None


def _check_zip(path: Path) -> None:
    """Refuse an xlsx whose parts declare more than the limits, before openpyxl opens it.

    Python's zipfile never inflates a part beyond its declared size, so the declared
    sizes bound what reading can allocate.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportError_("tệp .xlsx bị hỏng hoặc không phải bảng tính Excel (.xlsx)") from None
    if len(parts) > MAX_PARTS:
        raise ImportError_(f"tệp .xlsx có quá nhiều thành phần ({len(parts)}), không nhập")
    total = 0
    for part in parts:
        total += part.file_size
        limit = MAX_SHARED_STRINGS_BYTES if part.filename.lower().endswith("sharedstrings.xml") else MAX_PART_BYTES
        if part.file_size > limit:
            raise ImportError_(
                f"bảng tính quá lớn: phần '{part.filename[:100]}' giải nén ra {part.file_size / 1e6:.1f} MB "
                f"(tối đa {limit // 1_000_000} MB); hãy chỉ giữ danh mục thủ tục rồi lưu lại"
            )
    if total > MAX_TOTAL_BYTES:
        raise ImportError_(
            f"bảng tính quá lớn: giải nén ra {total / 1e6:.1f} MB (tối đa {MAX_TOTAL_BYTES // 1_000_000} MB)"
        )


_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]")


def _check_row_widths(path: Path) -> None:
    """Refuse a sheet with a row of thousands of cells before openpyxl builds that row in memory."""
    with zipfile.ZipFile(path) as archive:
        for part in archive.infolist():
            if not part.filename.lower().startswith("xl/worksheets/"):
                continue
            cells, carry = 0, b""
            with archive.open(part) as stream:
                while chunk := stream.read(1 << 20):
                    data = carry + chunk
                    limit = len(data) - 32  # a tag cut by the chunk's end is matched in the next round
                    end = 0
                    for match in _ROW_OR_CELL.finditer(data):
                        if match.start() >= limit:
                            break
                        end = match.end()
                        if match.group(1) == b"row":
                            cells = 0
                            continue
                        cells += 1
                        if cells > MAX_CELLS_PER_ROW:
                            raise ImportError_(
                                f"bảng tính có dòng quá nhiều ô (hơn {_n(MAX_CELLS_PER_ROW)} ô); "
                                "hãy chỉ giữ danh mục thủ tục rồi lưu lại"
                            )
                    carry = data[max(end, limit) :] if len(data) > 32 else data
            # the tail (under 32 bytes) holds at most a closing tag


def _read_xlsx(path: Path) -> list[Row]:
    _check_zip(path)
    try:
        _check_row_widths(path)
    except ImportError_:
        raise
    except Exception:  # a damaged part: bad CRC, broken deflate stream...
        raise ImportError_("tệp .xlsx bị hỏng hoặc không phải bảng tính Excel (.xlsx)") from None
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = book.active if book.active is not None else book.worksheets[0]
                sheet.reset_dimensions()  # a declared A1:XFD60002 must not make openpyxl pad rows
                top = [
                    (number, list(row))
                    for number, row in enumerate(
                        sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_HEADER_COLUMNS, values_only=True),
                        start=1,
                    )
                ]
                start = _header_index(top)
                if start is None:
                    return top  # map_headers says which columns are missing
                header_number, header = top[start]
                mapping, _ = _lenient_mapping(header)
                width = max(mapping) + 1 if mapping else 1
                rows: list[Row] = [(header_number, header)]
                for number, row in enumerate(
                    sheet.iter_rows(min_row=header_number + 1, max_col=width, values_only=True),
                    start=header_number + 1,
                ):
                    if number > MAX_ROWS:
                        raise ImportError_(f"bảng tính có quá nhiều dòng (tối đa {_n(MAX_ROWS)} dòng)")
                    rows.append((number, list(row)))
                return rows
            finally:
                book.close()
    except ImportError_:
        raise
    except MemoryError:
        raise ImportError_(f"bảng tính quá lớn ({LIMITS_TEXT})") from None
    except Exception as exc:  # a damaged or hand-made file can fail anywhere inside openpyxl
        raise ImportError_(
            f"không đọc được bảng tính ({type(exc).__name__}); hãy mở bằng Excel và lưu lại dạng .xlsx"
        ) from None


def _lenient_mapping(header: list) -> tuple[dict[int, str], list[str]]:
    try:
        return map_headers(header)
    except ImportError_:
        return {}, []


def _decode_csv(raw: bytes) -> tuple[str, str | None]:
    """The text of a CSV, and a note when it was not UTF-8. Raises ImportError_."""
    redo = "hãy mở bằng Excel và lưu lại dạng 'CSV UTF-8 (Comma delimited)'"
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), None
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise ImportError_(f"tệp ghi là mã {name} nhưng có ký tự sai mã hóa; {redo}", line) from None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without its byte-order mark
        codec = "utf-16-le" if head[1::2].count(b"\x00") > head[0::2].count(b"\x00") else "utf-16-be"
        try:
            return raw.decode(codec), "tệp CSV mã UTF-16 (không có BOM)"
        except UnicodeDecodeError:
            raise ImportError_(f"tệp CSV không phải mã UTF-8 và không đọc được dạng UTF-16; {redo}") from None
    try:
        return raw.decode("cp1258"), "tệp CSV không phải mã UTF-8, đã đọc theo mã Windows-1258 (cp1258)"
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportError_(
            f"tệp CSV không phải mã UTF-8 (có thể là mã cũ như TCVN3 hay Windows-1258); {redo}", line
        ) from None


_CSV_ERRORS = (
    ("field larger than field limit", "có ô quá dài (hoặc một dấu ngoặc kép không được đóng)"),
    ("new-line character seen in unquoted field", "ô xuống dòng mà không đặt trong ngoặc kép"),
    ("NUL", "có ký tự NUL"),
)


def _csv_rows(text: str, delimiter: str, limit: int | None = None) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    start = 1
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise ImportError_(f"tệp CSV có quá nhiều dòng (tối đa {_n(MAX_ROWS)} dòng)")
            rows.append((start, row))
            start = reader.line_num + 1
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error as exc:
        why = next((text for needle, text in _CSV_ERRORS if needle in str(exc)), "dòng không đọc được")
        raise ImportError_(f"tệp CSV sai định dạng: {why}", start) from None
    return rows


def _read_csv(path: Path) -> tuple[list[Row], str | None]:
    text, note = _decode_csv(path.read_bytes())
    text = nfc(text)
    first_line = text.split("\n", 1)[0]
    delimiters = sorted((",", ";", "\t"), key=lambda d: -first_line.count(d))
    for delimiter in delimiters:
        top = _csv_rows(text, delimiter, HEADER_SEARCH_ROWS)
        start = _header_index(top)
        if start is not None:
            return _csv_rows(text, delimiter)[start:], note
    if note:  # undecodable as UTF-8 and no header in the legacy reading: the encoding is the problem
        raise ImportError_(
            "tệp CSV không phải mã UTF-8 (có thể là mã cũ như TCVN3 hay Windows-1258) nên không đọc được dòng tiêu đề; "
            "hãy mở bằng Excel và lưu lại dạng 'CSV UTF-8 (Comma delimited)'"
        )
    return _csv_rows(text, delimiters[0], HEADER_SEARCH_ROWS), note


# --- validating ------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return nfc(str(value)).strip()


def records_from_rows(rows: list[Row], result: ImportResult) -> list[tuple[int, dict]]:
    """(row number, imported fields) of every data row; problems go to result.refused.

    Only non-empty cells become fields: an empty cell never clears what a file holds.
    """
    if not rows:
        raise ImportError_("tệp không có dữ liệu")
    header_number, header = rows[0]
    try:
        mapping, result.ignored_columns = map_headers(header)
    except ImportError_ as exc:
        exc.line = header_number
        raise
    records = []
    for number, row in rows[1:]:
        raw = {name: row[index] if index < len(row) else None for index, name in mapping.items()}
        cells = {name: _cell_text(value) for name, value in raw.items() if value is not None}
        cells = {name: value for name, value in cells.items() if value}
        if not cells:
            continue
        problems = []
        record: dict = {}
        for name, value in cells.items():
            if len(value) > MAX_CELL_CHARS:
                problems.append(f"cột '{LABELS[name]}' dài {_n(len(value))} ký tự (tối đa {_n(MAX_CELL_CHARS)})")
                continue
            if name == "code":
                record["code"] = normalise_code(raw["code"])
                why = code_problem(record["code"])
                if why:
                    problems.append(why)
            elif name == "level":
                record["level"] = parse_levels(value)
                if not record["level"]:
                    problems.append(f"cột '{LABELS[name]}': không nhận ra cấp '{value[:80]}' (chỉ tỉnh, huyện, xã)")
            elif name == "online":
                record["online"] = parse_online(value)
            else:
                record[name] = value
        if "code" not in record:
            problems.append("thiếu mã thủ tục")
        for name, value in record.items():  # the same rules as `check`, so an imported file always passes
            if name in ("code", "level"):
                continue
            try:
                schema.PROCEDURE_FIELDS[name].convert(value)
            except ValueError as exc:
                problems.append(f"cột '{LABELS[name]}': {exc}")
        if problems:
            result.refused.append((number, "; ".join(problems)))
            continue
        records.append((number, record))
    return records


def missing_required(merged: dict) -> list[str]:
    return [LABELS[f] for f in REQUIRED if not merged.get(f)]


def merge(existing: dict | None, imported: dict) -> dict:
    """The procedure file's new content: imported fields updated, the editors' other fields kept."""
    if existing is None:
        return dict(imported)
    merged = dict(existing)
    for name in IMPORTED:
        if name in imported:
            merged[name] = imported[name]
    return merged
