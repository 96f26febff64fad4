"""`python -m cchc import-procedures FILE.xlsx|FILE.csv`: write content/procedures/<code>.yml.

All or nothing: every row is validated (and every target file checked) before the first
write; a single refused row writes nothing and lists the refused rows by their sheet row.
Files are rewritten with a round-trip YAML library (comments and key order kept) and
atomically. A procedure file can only ever be written inside content/procedures/.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cchc.content import atomic, roundtrip, schema
from cchc.content.controls import printable
from cchc.content.files import decode
from cchc.content.importer import (
    IMPORTED,
    ImportError_,
    ImportResult,
    code_problem,
    merge,
    missing_required,
    read_rows,
    records_from_rows,
)
from cchc.content.yamlsafe import YamlError, parse_yaml

ORDER = list(schema.PROCEDURE_FIELDS)


@dataclass
class _Existing:
    path: Path
    text: str | None = None
    data: dict | None = None
    problem: str | None = None  # why this file must not be rewritten


def _existing_files(procedures_dir: Path) -> tuple[dict[str, _Existing], dict[Path, _Existing]]:
    """The procedure files already there: by the code they hold, and by path."""
    by_code: dict[str, _Existing] = {}
    by_path: dict[Path, _Existing] = {}
    if not procedures_dir.is_dir():
        return by_code, by_path
    for path in sorted(procedures_dir.glob("*.yml")):
        entry = _Existing(path)
        by_path[path] = entry
        if path.is_symlink() or not path.is_file():
            entry.problem = f"tệp {path.name} là liên kết hoặc không phải tệp thường, không ghi đè"
            continue
        try:
            entry.text = decode(path.read_bytes())
            data = parse_yaml(entry.text).data
        except (OSError, UnicodeDecodeError, YamlError) as exc:
            entry.problem = f"tệp {path.name} đang lỗi ({exc}), hãy sửa tệp trước rồi nhập lại"
            continue
        if not isinstance(data, dict):
            entry.problem = f"tệp {path.name} không phải dạng 'tên: giá trị', hãy sửa tệp trước rồi nhập lại"
            continue
        entry.data = data
        code = data.get("code")
        if isinstance(code, str) and code.strip():
            by_code.setdefault(code.strip(), entry)
    return by_code, by_path


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().parent == folder.resolve() and not path.is_symlink()


def import_file(source: Path, procedures_dir: Path) -> ImportResult:
    """Import `source` into `procedures_dir`. Writes nothing when result.refused is not empty."""
    result = ImportResult()
    records = records_from_rows(read_rows(source, result), result)
    by_code, by_path = _existing_files(procedures_dir)
    planned: dict[Path, str] = {}
    first_row: dict[str, int] = {}
    for number, record in records:
        code = record["code"]
        if code in first_row:
            result.notes.append((number, f"mã {code} trùng với dòng {first_row[code]}, chỉ lấy dòng {first_row[code]}"))
            continue
        first_row[code] = number
        why = code_problem(code)
        existing = by_code.get(code)
        path = existing.path if existing else procedures_dir / f"{code}.yml"
        other = by_path.get(path)
        if why is None and other is not None and other.problem:
            why = other.problem
        if why is None and not _inside(path, procedures_dir):
            why = f"mã thủ tục '{code}' không tạo được tệp trong thư mục procedures/"
        if why is None and existing is None and other is not None:
            why = f"tệp {path.name} đang chứa thủ tục mã '{(other.data or {}).get('code')}', không ghi đè"
        if why:
            result.refused.append((number, why))
            continue
        old = existing.data if existing else None
        merged = merge(old, record)
        missing = missing_required(merged)
        if missing:
            result.refused.append((number, f"mã {code}: thiếu {', '.join(missing)}"))
            continue
        changes = {name: merged[name] for name in IMPORTED if name in record and (old or {}).get(name) != record[name]}
        if old is not None and not changes:
            result.unchanged.append(code)
            continue
        try:
            planned[path] = roundtrip.update(existing.text if existing else None, changes, ORDER)
        except Exception as exc:  # ruamel may dislike a file our own loader accepted
            result.refused.append((number, f"không cập nhật được tệp {path.name} ({type(exc).__name__})"))
            continue
        (result.changed if old is not None else result.added).append(code)
    if result.refused:
        result.added, result.changed, result.unchanged = [], [], []
        return result
    if planned:
        procedures_dir.mkdir(parents=True, exist_ok=True)
        atomic.write_all(planned)
    return result


def _listed(codes: list[str]) -> str:
    return f" ({', '.join(codes[:10])}{'...' if len(codes) > 10 else ''})" if codes else ""


def _say(text: str, err: bool = True) -> None:
    print(printable(text), file=sys.stderr if err else sys.stdout)


def run(content_dir: Path, source: Path) -> int:
    if not source.is_file():
        _say(f"{source}: không tìm thấy tệp")
        return 1
    try:
        result = import_file(source, content_dir / "procedures")
    except ImportError_ as exc:
        where = f"{source}:{exc.line}" if exc.line else f"{source}"
        _say(f"{where}: {exc}")
        return 1
    except OSError as exc:
        _say(f"{source}: không ghi được tệp thủ tục ({exc.strerror}); không tệp nào bị thay đổi")
        return 1
    if result.encoding_note:
        _say(f"{source}: cảnh báo: {result.encoding_note}; hãy kiểm tra dấu tiếng Việt")
    for number, note in result.notes:
        _say(f"{source}:{number}: cảnh báo: {note}")
    if result.refused:
        for number, why in result.refused:
            _say(f"{source}:{number}: {why}")
        _say(
            f"{source}: không nhập thủ tục nào vì {len(result.refused)} dòng bị từ chối; hãy sửa các dòng trên rồi nhập lại"
        )
        return 1
    print(f"Thêm mới: {len(result.added)} thủ tục{_listed(result.added)}")
    print(f"Cập nhật: {len(result.changed)} thủ tục{_listed(result.changed)}")
    print(f"Giữ nguyên: {len(result.unchanged)} thủ tục")
    if result.ignored_columns:
        _say(f"Các cột không dùng: {', '.join(result.ignored_columns)}", err=False)
    return 0
