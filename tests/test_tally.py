"""Post counts per unit: periods, Decree 09 cut-offs, targets and every output format."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from conftest import article, run_python
from openpyxl import load_workbook

from cchc.content.loader import load_content
from cchc.reports import annex, render
from cchc.reports.config import ReportConfig
from cchc.reports.periods import PeriodError, parse_period
from cchc.reports.tally import tally, vietnamese_key
from cchc.timeutil import VN_TZ

NOW = datetime(2026, 1, 10, tzinfo=VN_TZ)

UNITS = """\
units:
  - id: phong-noi-vu
    name: Phòng Nội vụ
    group: Cơ quan chuyên môn
  - id: phong-dan-toc
    name: Phòng Dân tộc
    group: Cơ quan chuyên môn
  - id: van-phong
    name: Văn phòng UBND
    group: Cơ quan chuyên môn
  - id: ubnd-huyen
    name: UBND huyện
    group: Cấp huyện
    until: 2025-06-30
  - id: ubnd-xa-an
    name: UBND xã Ăn Hòa
    group: UBND xã
  - id: ubnd-xa-dong
    name: UBND xã Đông Hải
    group: UBND xã
    from: 2025-07-01
"""

ARTICLES = {
    # Calendar Q1/2024; official Q1/2024 (15/12/2023..14/03/2024) only for the first two.
    "a01.md": article("Ngày 14/3", "2024-03-14"),
    "a02.md": article("Ngày đầu năm", "2024-01-02", category="chuyen-doi-so"),
    "a03.md": article("Ngày 15/3", "2024-03-15"),  # official Q2
    # 2024-03-31T20:00Z is 01/04/2024 03:00 in Vietnam: calendar Q2.
    "a04.md": article("Giờ UTC", "2024-03-31T20:00:00Z", unit="van-phong"),
    "a05.md": article("Cuối quý theo giờ VN", "2024-03-31 23:59", unit="van-phong"),  # calendar Q1
    "a06.md": article("Ngày 14/6", "2024-06-14", unit="ubnd-xa-an"),
    "a07.md": article("Ngày 15/6", "2024-06-15", unit="ubnd-xa-an"),
    "a08.md": article("Ngày 14/9", "2024-09-14", unit="ubnd-huyen"),
    "a09.md": article("Ngày 15/9", "2024-09-15", unit="ubnd-huyen"),
    "a10.md": article("Ngày 14/12", "2024-12-14"),
    "a11.md": article("Ngày 20/12", "2024-12-20"),  # official 2025
    "a12.md": article("Nháp", "2024-02-01", draft="true"),
    "a13.md": article("Tương lai", "2026-05-01"),
    "a14.md": article("Xã mới", "2025-07-02", unit="ubnd-xa-dong"),
    "a15.md": article("Huyện cuối cùng", "2025-06-30", unit="ubnd-huyen"),
}

PLAN_2024 = "year: 2024\ntargets:\n  phong-noi-vu: {per_quarter: 2}\n  ubnd-xa-an: {per_year: 6}\n"


@pytest.fixture
def content(make_content):
    files = {"units.yml": UNITS, **{f"articles/{k}": v for k, v in ARTICLES.items()}, "plans/2024.yml": PLAN_2024}
    root = make_content(files)
    (root / "articles/2024/ke-hoach.md").unlink()  # the base article: keep the counts exact
    loaded, problems = load_content(root)
    assert not problems.errors, problems.sorted()
    return loaded


def counts(content, text, official=False) -> dict[str, int]:
    report = tally(content, parse_period(text, official), NOW)
    return {row.unit: row.posts for row in report.rows}


CASES = [
    ("2024-Q1", False, {"phong-noi-vu": 3, "phong-dan-toc": 0, "van-phong": 1, "ubnd-huyen": 0, "ubnd-xa-an": 0}),
    ("2024-Q1", True, {"phong-noi-vu": 2, "phong-dan-toc": 0, "van-phong": 0, "ubnd-huyen": 0, "ubnd-xa-an": 0}),
    ("2024-Q2", False, {"phong-noi-vu": 0, "phong-dan-toc": 0, "van-phong": 1, "ubnd-huyen": 0, "ubnd-xa-an": 2}),
    ("2024-Q2", True, {"phong-noi-vu": 1, "phong-dan-toc": 0, "van-phong": 2, "ubnd-huyen": 0, "ubnd-xa-an": 1}),
    ("2024-Q3", True, {"phong-noi-vu": 0, "phong-dan-toc": 0, "van-phong": 0, "ubnd-huyen": 1, "ubnd-xa-an": 1}),
    ("2024-Q4", True, {"phong-noi-vu": 1, "phong-dan-toc": 0, "van-phong": 0, "ubnd-huyen": 1, "ubnd-xa-an": 0}),
    ("2024-H1", False, {"phong-noi-vu": 3, "phong-dan-toc": 0, "van-phong": 2, "ubnd-huyen": 0, "ubnd-xa-an": 2}),
    ("2024-H1", True, {"phong-noi-vu": 3, "phong-dan-toc": 0, "van-phong": 2, "ubnd-huyen": 0, "ubnd-xa-an": 1}),
    ("2024-H2", True, {"phong-noi-vu": 1, "phong-dan-toc": 0, "van-phong": 0, "ubnd-huyen": 2, "ubnd-xa-an": 1}),
    ("2024-9M", False, {"phong-noi-vu": 3, "phong-dan-toc": 0, "van-phong": 2, "ubnd-huyen": 2, "ubnd-xa-an": 2}),
    ("2024-9M", True, {"phong-noi-vu": 3, "phong-dan-toc": 0, "van-phong": 2, "ubnd-huyen": 1, "ubnd-xa-an": 2}),
    ("2024", False, {"phong-noi-vu": 5, "phong-dan-toc": 0, "van-phong": 2, "ubnd-huyen": 2, "ubnd-xa-an": 2}),
    ("2024", True, {"phong-noi-vu": 4, "phong-dan-toc": 0, "van-phong": 2, "ubnd-huyen": 2, "ubnd-xa-an": 2}),
    # 20/12/2024 counts in the official 2025 year; the district ended 30/06/2025, the new commune began 01/07/2025.
    (
        "2025",
        True,
        {"phong-noi-vu": 1, "phong-dan-toc": 0, "van-phong": 0, "ubnd-huyen": 1, "ubnd-xa-an": 0, "ubnd-xa-dong": 1},
    ),
    ("2025-H1", False, {"phong-noi-vu": 0, "phong-dan-toc": 0, "van-phong": 0, "ubnd-huyen": 1, "ubnd-xa-an": 0}),
    ("2025-H2", False, {"phong-noi-vu": 0, "phong-dan-toc": 0, "van-phong": 0, "ubnd-xa-an": 0, "ubnd-xa-dong": 1}),
    (
        "2024-01-02..2024-03-14",
        False,
        {"phong-noi-vu": 2, "phong-dan-toc": 0, "van-phong": 0, "ubnd-huyen": 0, "ubnd-xa-an": 0},
    ),
]


@pytest.mark.parametrize("text,official,expected", CASES, ids=[f"{c[0]}{'-official' if c[1] else ''}" for c in CASES])
def test_counts_per_unit(content, text, official, expected):
    assert counts(content, text, official) == expected


def test_drafts_and_future_articles_are_never_counted(content):
    assert counts(content, "2026")["phong-noi-vu"] == 0
    assert counts(content, "2024-Q1")["phong-noi-vu"] == 3  # the draft of 01/02/2024 is not among them


def test_period_bounds_and_labels():
    assert parse_period("2024-Q1", True).start.isoformat() == "2023-12-15"
    assert parse_period("2024-Q1", True).end.isoformat() == "2024-03-14"
    assert parse_period("2024-9M", True).end.isoformat() == "2024-09-14"
    assert parse_period("2024-Q4").end.isoformat() == "2024-12-31"
    assert parse_period("2024-Q3").label == "Quý III/2024"
    assert parse_period("2024-H1").label == "6 tháng đầu năm 2024"
    assert parse_period("2024").label == "Năm 2024"
    with pytest.raises(PeriodError, match="2024-Q5"):
        parse_period("2024-Q5")


def test_targets_and_percent(content):
    q1 = tally(content, parse_period("2024-Q1"), NOW)
    row = {r.unit: r for r in q1.rows}
    assert (row["phong-noi-vu"].target, row["phong-noi-vu"].percent) == (2, 150.0)
    assert (row["ubnd-xa-an"].target, row["ubnd-xa-an"].percent) == (2, 0.0)  # ceil(6 x 1 / 4)
    assert (row["van-phong"].target, row["van-phong"].percent) == (None, None)
    h1 = {r.unit: r.target for r in tally(content, parse_period("2024-H1"), NOW).rows}
    nine = {r.unit: r.target for r in tally(content, parse_period("2024-9M"), NOW).rows}
    year = {r.unit: r.target for r in tally(content, parse_period("2024"), NOW).rows}
    assert (h1["phong-noi-vu"], nine["phong-noi-vu"], year["phong-noi-vu"]) == (4, 6, 8)
    assert (h1["ubnd-xa-an"], nine["ubnd-xa-an"], year["ubnd-xa-an"]) == (3, 5, 6)
    custom = tally(content, parse_period("2024-01-01..2024-02-01"), NOW)
    assert all(r.target is None and r.percent is None for r in custom.rows)


def test_rows_are_ordered_by_group_then_vietnamese_name(content):
    report = tally(content, parse_period("2025"), NOW)
    assert [r.name for r in report.rows] == [
        "UBND huyện",
        "Phòng Dân tộc",
        "Phòng Nội vụ",
        "Văn phòng UBND",
        "UBND xã Ăn Hòa",
        "UBND xã Đông Hải",
    ]
    assert sorted(["Đa", "Dz", "Ăn", "Az"], key=vietnamese_key) == ["Az", "Ăn", "Dz", "Đa"]


def test_json_matches_the_contract(content):
    data = json.loads(render.as_json(tally(content, parse_period("2024-Q1"), NOW)))
    assert data["period"] == {"label": "Quý I/2024", "start": "2024-01-01", "end": "2024-03-31"}
    first = next(r for r in data["rows"] if r["unit"] == "phong-noi-vu")
    assert first == {
        "unit": "phong-noi-vu",
        "name": "Phòng Nội vụ",
        "group": "Cơ quan chuyên môn",
        "posts": 3,
        "target": 2,
        "percent": 150.0,
        "by_category": {"tin-cchc": 2, "chuyen-doi-so": 1},
    }
    assert len(data["rows"]) == len({r["unit"] for r in data["rows"]}) == 5
    assert data["groups"] == [
        {"group": "Cấp huyện", "posts": 0, "target": None},
        {"group": "Cơ quan chuyên môn", "posts": 4, "target": 2},
        {"group": "UBND xã", "posts": 0, "target": 2},
    ]
    assert data["total"] == 4


def test_xlsx_reads_back_with_the_same_numbers(content, tmp_path):
    report = tally(content, parse_period("2024", official=True), NOW)
    path = tmp_path / "bao-cao.xlsx"
    annex.write_xlsx(report, path, ReportConfig(issuer="UBND huyện Long Phú", place="Long Phú"), NOW.date())
    sheet = load_workbook(path).active
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "SỐ TIN, BÀI CẢI CÁCH HÀNH CHÍNH NĂM 2024" in texts
    values = {row[1]: row for row in sheet.iter_rows(values_only=True) if row[1]}
    for row in report.rows:
        assert values[row.name][2] == row.posts
        assert values[row.name][3] == row.target
    assert values["Tổng cộng"][2] == report.total == 10
    assert values["Cộng Cơ quan chuyên môn"][2] == 6
    # A unit short of its target is highlighted.
    short = next(r for r in sheet.iter_rows() if r[1].value == "UBND xã Ăn Hòa")
    assert short[1].fill.fgColor.rgb.endswith("F8D7DA")


def test_csv_opens_in_excel(content, tmp_path, make_content):
    out = tmp_path / "bao-cao.csv"
    result = run_python("cchc", "tally", "2024-Q1", "--format", "csv", "--output", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["STT", "Đơn vị", "Số tin, bài", "Chỉ tiêu", "Tỷ lệ (%)"]
    assert rows[-1][1:3] == ["Tổng cộng", "4"]


def test_by_month_and_chart(content, tmp_path):
    report = tally(content, parse_period("2024-Q1"), NOW, by_month=True)
    row = next(r for r in report.rows if r.unit == "phong-noi-vu")
    assert row.by_month == {"2024-01": 1, "2024-02": 0, "2024-03": 2}
    assert "T3/2024" in render.as_markdown(report)
    chart = tmp_path / "bieu-do.png"
    render.write_chart(report, chart)
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_cli_rejects_a_bad_period(make_content, tmp_path):
    make_content()
    result = run_python("cchc", "tally", "2024-Q5", cwd=tmp_path)
    assert result.returncode == 2
    assert "kỳ '2024-Q5' không hợp lệ" in result.stderr
