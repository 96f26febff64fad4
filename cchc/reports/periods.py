"""Reporting periods: calendar ones, and the cut-offs of Decree 09/2019/NĐ-CP (Article 12)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from cchc.timeutil import format_date, parse_date

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Years a report can be about: beyond them the cut-off dates (15/12 of the year before) do not exist.
MIN_YEAR, MAX_YEAR = 1900, 2999


@dataclass(frozen=True)
class Month:
    """One column of a report by month: a calendar month, or an official one (15th to 14th)."""

    key: str  # "2024-03"
    start: date
    end: date
    partial: bool  # the period covers only part of it

    @property
    def label(self) -> str:
        year, number = self.key.split("-")
        return f"T{int(number)}/{year}"


@dataclass(frozen=True)
class Period:
    label: str  # "Quý I/2024"
    start: date
    end: date  # inclusive
    year: int | None  # the plan year whose targets apply; None for custom ranges
    quarters: int | None  # how many quarters the period spans, for targets
    official: bool = False
    # (start, end) of each quarter of the period, calendar or official as the period is; empty for custom ranges.
    quarter_spans: tuple[tuple[date, date], ...] = field(default=())

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def month_key(self, day: date) -> str:
        """The month a day counts in: official months run from the 15th of the month before to the 14th."""
        if self.official and self.year is not None and day.day >= 15:
            day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        return f"{day.year}-{day.month:02d}"

    def month_columns(self) -> list[Month]:
        """Every month the period touches, clipped to the period (partial ones flagged)."""
        months, key_day = [], self.start
        while True:
            key = self.month_key(key_day)
            year, number = (int(x) for x in key.split("-"))
            if self.official and self.year is not None:
                first = date(year - 1, 12, 15) if number == 1 else date(year, number - 1, 15)
                last = date(year, number, 14)
            else:
                first = date(year, number, 1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            start, end = max(first, self.start), min(last, self.end)
            months.append(Month(key, start, end, partial=(start, end) != (first, last)))
            if end >= self.end:
                return months
            key_day = end + timedelta(days=1)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month column of the period."""
        return [(int(m.key[:4]), int(m.key[5:7])) for m in self.month_columns()]

    def quarters_overlapping(self, first: date | None, last: date | None) -> int | None:
        """How many quarters of the period overlap `first`..`last` by at least one day (None: custom range)."""
        if self.quarters is None:
            return None
        return sum(
            1
            for start, end in self.quarter_spans
            if (first is None or first <= end) and (last is None or start <= last)
        )


class PeriodError(ValueError):
    pass


_PATTERN = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|9M))?$", re.IGNORECASE)
_DAY = r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}"
_RANGE = re.compile(rf"^({_DAY})\s*\.\.\s*({_DAY})$")
# Also as typed in Vietnamese documents: 01/04/2025 - 30/06/2025, 01/04/2025–30/06/2025.
_DMY_RANGE = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4})\s*(?:-|–|—|đến)\s*(\d{1,2}/\d{1,2}/\d{4})$")
HELP = (
    "2024 (cả năm), 2024-Q1..2024-Q4 (quý), 2024-H1, 2024-H2 (6 tháng), 2024-9M (9 tháng), "
    "hoặc một khoảng ngày 01/04/2025..30/06/2025 (hay 01/04/2025-30/06/2025, 2025-04-01..2025-06-30)"
)


def _check_year(text: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"kỳ '{text}': năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")


def parse_period(text: str, official: bool = False) -> Period:
    """`2024`, `2024-Q1`..`Q4`, `2024-H1`/`H2`, `2024-9M`, `2024-01-05..2024-02-20` or `05/01/2024..20/02/2024`."""
    text = text.strip()
    match = _RANGE.match(text) or _DMY_RANGE.match(text)
    if match:
        try:
            start, end = parse_date(match.group(1)), parse_date(match.group(2))
        except ValueError:
            raise PeriodError(f"kỳ '{text}': ngày không có thật (viết 01/04/2025 hoặc 2025-04-01)") from None
        for day in (start, end):
            _check_year(text, day.year)
        if start > end:
            raise PeriodError(f"kỳ '{text}': ngày bắt đầu sau ngày kết thúc")
        return Period(f"Từ {format_date(start)} đến {format_date(end)}", start, end, None, None, official)
    match = _PATTERN.match(text)
    if not match:
        raise PeriodError(f"kỳ '{text}' không hợp lệ; dùng {HELP}")
    year, part = int(match.group(1)), (match.group(2) or "").upper()
    _check_year(text, year)
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
    bounds = _official_bounds if official else _calendar_bounds
    spans = tuple(bounds(year, q, q) for q in range(first_q, last_q + 1))
    return Period(label, spans[0][0], spans[-1][1], year, last_q - first_q + 1, official, spans)


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
