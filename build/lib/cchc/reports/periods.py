"""Reporting periods: calendar ones, and the cut-offs of Decree 09/2019/NĐ-CP (Article 12)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from cchc.timeutil import format_date

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    label: str  # "Quý I/2024"
    start: date
    end: date  # inclusive
    year: int | None  # the plan year whose targets apply; None for custom ranges
    quarters: int | None  # how many quarters the period spans, for targets
    official: bool = False

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month the period touches."""
        months, day = [], self.start.replace(day=1)
        while day <= self.end:
            months.append((day.year, day.month))
            day = (day + timedelta(days=32)).replace(day=1)
        return months


class PeriodError(ValueError):
    pass


_PATTERN = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|9M))?$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def parse_period(text: str, official: bool = False) -> Period:
    """`2024`, `2024-Q1`..`Q4`, `2024-H1`/`H2`, `2024-9M` or `2024-01-05..2024-02-20`."""
    text = text.strip()
    match = _RANGE.match(text)
    if match:
        try:
            start, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
        except ValueError as exc:
            raise PeriodError(f"kỳ '{text}': ngày không hợp lệ ({exc})") from None
        if start > end:
            raise PeriodError(f"kỳ '{text}': ngày bắt đầu sau ngày kết thúc")
        return Period(f"Từ {format_date(start)} đến {format_date(end)}", start, end, None, None, official)
    match = _PATTERN.match(text)
    if not match:
        raise PeriodError(
            f"kỳ '{text}' không hợp lệ; dùng 2024, 2024-Q1..2024-Q4, 2024-H1, 2024-H2, 2024-9M "
            "hoặc 2024-01-05..2024-02-20"
        )
    year, part = int(match.group(1)), (match.group(2) or "").upper()
    if part.startswith("Q"):
        q = int(part[1])
        label, first_q, last_q = f"Quý {ROMAN[q]}/{year}", q, q
    elif part == "H1":
        label, first_q, last_q = f"6 tháng đầu năm {year}", 1, 2
    elif part == "H2":
        label, first_q, last_q = f"6 tháng cuối năm {year}", 3, 4
    elif part == "9M":
        label, first_q, last_q = f"9 tháng năm {year}", 1, 3
    else:
        label, first_q, last_q = f"Năm {year}", 1, 4
    start, end = (_official_bounds if official else _calendar_bounds)(year, first_q, last_q)
    return Period(label, start, end, year, last_q - first_q + 1, official)


def _calendar_bounds(year: int, first_q: int, last_q: int) -> tuple[date, date]:
    start = date(year, 3 * first_q - 2, 1)
    end_month = 3 * last_q
    end = (date(year + 1, 1, 1) if end_month == 12 else date(year, end_month + 1, 1)) - timedelta(days=1)
    return start, end


def _official_bounds(year: int, first_q: int, last_q: int) -> tuple[date, date]:
    """Quarter q runs from the 15th of the month before it starts to the 14th of its last month."""
    start = date(year - 1, 12, 15) if first_q == 1 else date(year, 3 * first_q - 3, 15)
    end = date(year, 3 * last_q, 14)
    return start, end
