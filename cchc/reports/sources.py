"""Province roll-up: count over the `articles.json` that each unit's portal publishes.

A source is a portal address (`https://cchc.longphu.example.vn/`, whose `articles.json` is read),
the address of an `articles.json`, or a file; `Tên=nguồn` gives it a name in the report. What the
file guarantees is in README ("articles.json"); a source that does not match is refused.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from cchc.content.models import Target, Unit
from cchc.reports.periods import Period
from cchc.reports.tally import Dated, Report, Row, count, make_report
from cchc.timeutil import to_vn

VERSION = 2
MAX_BYTES = 50 * 1024 * 1024
TIMEOUT = 20


class SourceError(ValueError):
    pass


@dataclass
class Portal:
    label: str
    units: list[Unit]
    articles: list[Dated]
    categories: dict[str, str]
    plans: dict[int, dict[str, Target]] = field(default_factory=dict)


def split_source(text: str) -> tuple[str | None, str]:
    """`Huyện Long Phú=https://...` -> (label, address); a bare address has no label."""
    name, sep, rest = text.partition("=")
    if sep and rest and "/" not in name and "\\" not in name and not name.lower().startswith(("http:", "https:")):
        return name.strip() or None, rest.strip()
    return None, text.strip()


def _is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def read_source(address: str) -> bytes:
    if _is_url(address):
        url = address if address.lower().endswith(".json") else urljoin(address.rstrip("/") + "/", "articles.json")
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (http/https only)
                data = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise SourceError(f"máy chủ trả lời lỗi {exc.code} cho {url}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SourceError(f"không tải được {url} ({reason})") from None
    else:
        path = Path(address)
        if path.is_dir():
            path = path / "articles.json"
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise SourceError(f"không đọc được tệp {path} ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"dữ liệu lớn hơn {MAX_BYTES // 1024 // 1024} MB")
    return data


def _text(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError(f"{what} cần là chuỗi chữ, nhận được {json.dumps(value, ensure_ascii=False)[:60]}")
    return value


def _day(value, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(_text(value, what))
    except ValueError:
        raise SourceError(f"{what} không phải ngày dạng 2025-06-30: {value!r}") from None


def parse_portal(data: bytes, label: str | None, address: str) -> Portal:
    """Check that `data` is what an articles.json of version 2 promises, and read it."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError("không phải tệp JSON (có thể địa chỉ sai hoặc máy chủ trả về trang lỗi)") from None
    if not isinstance(doc, dict) or "articles" not in doc:
        raise SourceError("không phải articles.json của cổng CCHC (thiếu danh sách 'articles')")
    version = doc.get("version")
    if version != VERSION:
        raise SourceError(
            f"articles.json phiên bản {version!r}, cần phiên bản {VERSION} "
            "(cổng chưa cập nhật phần mềm, hoặc không phải dữ liệu của cổng CCHC)"
        )
    articles, units_data = doc.get("articles"), doc.get("units")
    if not isinstance(articles, list) or not isinstance(units_data, list):
        raise SourceError("'articles' và 'units' cần là danh sách")
    if doc.get("count") != len(articles):
        raise SourceError(f"'count' là {doc.get('count')!r} nhưng có {len(articles)} bài: dữ liệu bị cắt hoặc bị sửa")
    units: dict[str, Unit] = {}
    for index, item in enumerate(units_data, 1):
        what = f"đơn vị thứ {index}"
        if not isinstance(item, dict):
            raise SourceError(f"{what} không phải đối tượng JSON")
        unit_id = _text(item.get("id"), f"{what}: 'id'")
        if unit_id in units:
            raise SourceError(f"{what}: mã '{unit_id}' bị trùng")
        group = item.get("group")
        units[unit_id] = Unit(
            unit_id,
            _text(item.get("name"), f"{what}: 'name'"),
            _text(group, f"{what}: 'group'") if group is not None else None,
            _day(item.get("from"), f"{what}: 'from'"),
            _day(item.get("until"), f"{what}: 'until'"),
        )
    categories: dict[str, str] = {}
    dated = []
    for index, item in enumerate(articles, 1):
        what = f"bài thứ {index}"
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("unit"), dict)
            or not isinstance(item.get("category"), dict)
        ):
            raise SourceError(f"{what}: thiếu 'unit' hoặc 'category'")
        try:
            when = datetime.fromisoformat(_text(item.get("date"), f"{what}: 'date'"))
        except ValueError:
            raise SourceError(f"{what}: 'date' không phải ngày giờ ISO 8601: {item.get('date')!r}") from None
        if when.tzinfo is None:
            raise SourceError(f"{what}: 'date' thiếu múi giờ (cần dạng 2025-07-02T08:00:00+07:00)")
        unit_id = _text(item["unit"].get("id"), f"{what}: 'unit.id'")
        if unit_id not in units:
            raise SourceError(f"{what}: đơn vị '{unit_id}' không có trong 'units'")
        category_id = _text(item["category"].get("id"), f"{what}: 'category.id'")
        categories.setdefault(category_id, _text(item["category"].get("name"), f"{what}: 'category.name'"))
        dated.append(Dated(to_vn(when).date(), unit_id, category_id))
    plans: dict[int, dict[str, Target]] = {}
    for item in doc.get("plans") or []:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("year"), int)
            or not isinstance(item.get("targets"), dict)
        ):
            raise SourceError('\'plans\' cần dạng [{"year": 2025, "targets": {"mã-đơn-vị": {"per_quarter": 2}}}]')
        targets = {}
        for unit_id, target in item["targets"].items():
            if not isinstance(target, dict) or not all(
                isinstance(target.get(k), int | None) for k in ("per_quarter", "per_year")
            ):
                raise SourceError(f"'plans' năm {item['year']}: chỉ tiêu của '{unit_id}' không hợp lệ")
            targets[unit_id] = Target(target.get("per_quarter"), target.get("per_year"))
        plans[item["year"]] = targets
    site = doc.get("site") if isinstance(doc.get("site"), str) else None
    name = label or doc.get("site_name") or (urlsplit(site).hostname if site else None)
    name = name or (urlsplit(address).hostname if _is_url(address) else Path(address).stem)
    return Portal(str(name), list(units.values()), dated, categories, plans)


def roll_up(sources: list[str], period: Period, by_month: bool = False) -> tuple[Report, list[str]]:
    """One group per portal that could be read; the problems of the others, one line each."""
    rows: list[Row] = []
    categories: dict[str, str] = {}
    problems, status = [], []
    portals: list = []
    seen: dict[str, str] = {}  # sha256 of the data -> the source it came from
    for text in sources:
        label, address = split_source(text)
        try:
            data = read_source(address)
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                raise SourceError(f"cùng dữ liệu với nguồn {seen[digest]} (một cổng khai hai lần?); chỉ tính một lần")
            seen[digest] = address
            portal = parse_portal(data, label, address)
        except SourceError as exc:
            problems.append(f"Nguồn {address}: {exc}")
            status.append({"source": address, "name": label, "ok": False, "error": str(exc)})
            continue
        labels = [p.label for p in portals]
        if portal.label in labels:
            portal.label = f"{portal.label} ({len(labels) + 1})"
        portals.append(portal)
        status.append({"source": address, "name": portal.label, "ok": True, "error": None})
        for key, name in portal.categories.items():
            categories.setdefault(key, name)
    for portal in portals:
        targets = portal.plans.get(period.year, {}) if period.year is not None else {}
        rows += count(
            period,
            portal.units,
            portal.articles,
            categories,
            targets,
            by_month,
            group_of=lambda _unit, name=portal.label: name,
        )
    return make_report(period, categories, rows, by_month, sources=status), problems
