"""`python -m cchc import-procedures FILE.xlsx|FILE.csv`: write content/procedures/<code>.yml."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from cchc.content import schema
from cchc.content.importer import ImportError_, ImportResult, merge, read_rows, records_from_rows
from cchc.content.yamlsafe import YamlError, parse_yaml


def _dump(record: dict) -> str:
    ordered = {k: record[k] for k in schema.PROCEDURE_FIELDS if k in record}
    ordered.update({k: v for k, v in record.items() if k not in ordered})
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)


def import_file(source: Path, procedures_dir: Path) -> ImportResult:
    result = ImportResult()
    records = records_from_rows(read_rows(source), result)
    procedures_dir.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    for record in records:
        code = record["code"]
        if code in seen:
            result.skipped.append(f"mã {code}: trùng trong bảng tính, chỉ lấy dòng đầu")
            continue
        seen.add(code)
        path = procedures_dir / f"{code}.yml"
        existing = None
        if path.exists():
            try:
                existing = parse_yaml(path.read_text(encoding="utf-8")).data
            except YamlError as exc:
                result.skipped.append(f"mã {code}: tệp {path.name} đang lỗi YAML ({exc}), không ghi đè")
                continue
        merged = merge(existing if isinstance(existing, dict) else None, record)
        # Compare as the files would be written, so formatting alone never counts as a change.
        if existing is not None and _dump(merged) == _dump(existing):
            result.unchanged.append(code)
            continue
        path.write_text(_dump(merged), encoding="utf-8")
        (result.changed if existing is not None else result.added).append(code)
    return result


def run(content_dir: Path, source: Path) -> int:
    if not source.exists():
        print(f"Lỗi: không tìm thấy tệp '{source}'", file=sys.stderr)
        return 1
    try:
        result = import_file(source, content_dir / "procedures")
    except ImportError_ as exc:
        print(f"Lỗi: {source.name}: {exc}", file=sys.stderr)
        return 1
    print(
        f"Thêm mới: {len(result.added)} thủ tục"
        + (f" ({', '.join(result.added[:10])}{'...' if len(result.added) > 10 else ''})" if result.added else "")
    )
    print(
        f"Cập nhật: {len(result.changed)} thủ tục"
        + (f" ({', '.join(result.changed[:10])}{'...' if len(result.changed) > 10 else ''})" if result.changed else "")
    )
    print(f"Giữ nguyên: {len(result.unchanged)} thủ tục")
    for line in result.skipped:
        print(f"Bỏ qua {line}")
    if result.ignored_columns:
        print(f"Các cột không dùng: {', '.join(result.ignored_columns)}")
    return 0
