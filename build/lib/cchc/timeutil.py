"""Dates in Vietnam time, and the Vietnamese way of writing them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$")


def parse_date(text: str) -> date:
    """Parse `2024-03-06` or the Vietnamese `06/03/2024`. Raises ValueError."""
    text = text.strip()
    match = _DMY_RE.match(text)
    if match and match.group(4) is None:
        day, month, year = (int(g) for g in match.group(1, 2, 3))
        return date(year, month, day)
    return date.fromisoformat(text)


def parse_datetime(text: str) -> datetime:
    """Parse a date or a date-time into an aware datetime; naive means Vietnam time.

    Accepts ISO 8601 (`2024-03-06`, `2024-03-06 08:30`, `2024-03-31T20:00:00Z`) and the
    Vietnamese `06/03/2024` or `06/03/2024 08:30`. Raises ValueError.
    """
    text = text.strip()
    match = _DMY_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.group(1, 2, 3))
        hour, minute = (int(match.group(4) or 0), int(match.group(5) or 0))
        value = datetime(year, month, day, hour, minute)
    elif len(text) == 10:
        value = datetime.combine(date.fromisoformat(text), time())
    else:
        value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value


def to_vn(value: datetime) -> datetime:
    """The same instant, in Vietnam time."""
    return value.astimezone(VN_TZ)


def now_vn() -> datetime:
    return datetime.now(UTC).astimezone(VN_TZ)


def format_date(value: date | datetime) -> str:
    """06/03/2024."""
    if isinstance(value, datetime):
        value = to_vn(value).date()
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


MONTH_NAMES = {m: f"Tháng {m}" for m in range(1, 13)}
