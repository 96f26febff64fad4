"""Reports staff file as they are: v2 targets, the printable annex (xlsx, docx, PDF), safe output, the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, base_files, build_once, run_python, shared_root, write_tree
from docx import Document
from openpyxl import load_workbook

from cchc.content.loader import load_content
from cchc.reports import annex, render
from cchc.reports.config import ReportConfig, load_report_config
from cchc.reports.periods import PeriodError, parse_period
from cchc.reports.tally import tally
from cchc.timeutil import VN_TZ

NOW = datetime(2026, 1, 10, tzinfo=VN_TZ)
CONTENT = REPO / "content"


def cli(*args, cwd=REPO):
    return run_python("cchc", *args, cwd=cwd)


@pytest.fixture(scope="module")
def demo():
    content, problems = load_content(CONTENT)
    assert not problems.errors
    return content


# --- (v2) targets follow each unit's lifetime -------------------------------------------------


def targets(content, text, official=False):
    return {r.unit: r.target for r in tally(content, parse_period(text, official), NOW).rows}


def test_contract_examples(make_content):
    units = (
        "units:\n  - id: cu\n    name: Phòng cũ\n    until: 2025-06-30\n"
        "  - id: moi\n    name: Xã mới\n    from: 2025-07-01\n  - id: phong-noi-vu\n    name: Phòng Nội vụ\n"
    )
    plan = "year: 2025\ntargets:\n  cu: {per_quarter: 2}\n  moi: {per_year: 8}\n"
    content, problems = load_content(make_content({"units.yml": units, "plans/2025.yml": plan}))
    assert not problems.errors, problems.sorted()
    assert targets(content, "2025")["cu"] == 4
    assert targets(content, "2025", official=True)["cu"] == 6  # official Q3 starts 15/06
    assert targets(content, "2025")["moi"] == 4  # ceil(8 x 2 / 4)
    # A unit with no quarter inside the period has no row.
    assert "cu" not in targets(content, "2025-Q3") and "cu" in targets(content, "2025-Q3", official=True)
    assert "moi" not in targets(content, "2025-H1") and "moi" not in targets(content, "2025-Q2", official=True)


def test_demo_unit_that_ended_and_one_that_began(demo):
    official = targets(demo, "2025", official=True)
    # Phòng Nội vụ (per_quarter 1) ended 30/06/2025: official Q1..Q3; UBND xã Long Phú (per_quarter 2) began 01/07.
    assert official["phong-noi-vu"] == 3 and official["ubnd-xa-long-phu"] == 4
    calendar = targets(demo, "2025")
    assert calendar["phong-noi-vu"] == 2 and calendar["ubnd-xa-long-phu"] == 4
    # The year's target is the sum of its quarters' targets.
    quarters = [targets(demo, f"2025-Q{q}", official=True) for q in range(1, 5)]
    for unit in ("phong-noi-vu", "ubnd-xa-long-phu", "ubnd-xa-dai-ngai"):
        assert official[unit] == sum(q.get(unit) or 0 for q in quarters)
    assert "phong-noi-vu" not in quarters[3]


def _rows_by_name(rows, name_col=1):
    return {r[name_col]: r for r in rows if len(r) > name_col}


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md", "xlsx", "docx"])
def test_v2_targets_in_every_format(fmt, tmp_path):
    out = tmp_path / f"bao-cao.{fmt}"
    args = ["tally", "2025", "--official", "--format", fmt, "--output", str(out)]
    result = cli("--content", str(CONTENT), *args)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        rows = {r["name"]: r for r in json.loads(out.read_text(encoding="utf-8"))["rows"]}
        assert (rows["Phòng Nội vụ"]["target"], rows["UBND xã Long Phú"]["target"]) == (3, 4)
        assert rows["UBND xã Long Phú"]["percent"] == pytest.approx(rows["UBND xã Long Phú"]["posts"] * 25)
        return
    if fmt == "csv":
        rows = _rows_by_name(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    elif fmt == "xlsx":
        rows = _rows_by_name(
            [
                [str(v) if v is not None else "" for v in r]
                for r in load_workbook(out).active.iter_rows(values_only=True)
            ]
        )
    elif fmt == "docx":
        table = Document(str(out)).tables[1]
        rows = _rows_by_name([[c.text for c in r.cells] for r in table.rows])
    elif fmt == "md":
        rows = _rows_by_name(
            [
                [c.strip() for c in line.split("|")[1:-1]]
                for line in out.read_text().splitlines()
                if line.startswith("|")
            ]
        )
    else:
        rows = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            for name in ("Phòng Nội vụ", "UBND xã Long Phú"):
                if f" {name} " in line:
                    rows[name] = [None, name, *line.split(name)[1].split()]
    assert rows["Phòng Nội vụ"][3] == "3", rows["Phòng Nội vụ"]
    assert rows["UBND xã Long Phú"][3] == "4", rows["UBND xã Long Phú"]


# --- the printable annex ------------------------------------------------------------------------

HOSTILE = """\
units:
  - id: phong-noi-vu
    name: Phòng Nội vụ
    group: Cơ quan chuyên môn
  - id: don-vi-la
    name: "=HYPERLINK(\\"http://x.example/\\",\\"bấm\\")"
    group: "+Nhóm lạ"
  - id: ubnd-huyen
    name: UBND huyện Long Phú
    group: Cấp huyện
    until: 2025-06-30
"""


@pytest.fixture
def hostile(make_content):
    root = make_content(
        {"units.yml": HOSTILE, "plans/2024.yml": "year: 2024\ntargets:\n  phong-noi-vu: {per_quarter: 2}\n"}
    )
    content, problems = load_content(root)
    assert not problems.errors, problems.sorted()
    return tally(content, parse_period("2024-Q1"), NOW, by_month=True)


CONFIG = ReportConfig(
    parent="UBND TỈNH SÓC TRĂNG",
    issuer="UBND huyện Long Phú",
    place="Long Phú",
    preparer="Nguyễn Thị Hồng",
    head="Trần Văn Bình",
)


def test_xlsx_annex_prints_as_it_is(hostile, tmp_path):
    path = tmp_path / "phu-luc.xlsx"
    annex.write_xlsx(hostile, path, CONFIG, date(2024, 4, 2))
    sheet = load_workbook(path).active
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
    header_row = next(c.row for c in sheet["A"] if c.value == "STT")
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no formula cells"
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND HUYỆN LONG PHÚ",
        "Phụ lục",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "Nguyễn Thị Hồng",
        "Trần Văn Bình",
        "Long Phú, ngày 02 tháng 04 năm 2024",
        "I",
        "II",
        "Tổng cộng",
    ):
        assert expected in texts, expected
    assert any(t.startswith("Kỳ báo cáo: từ ngày 01 tháng 01 năm 2024 đến ngày 31 tháng 03 năm 2024") for t in texts)
    assert all(c.font.name == "Times New Roman" for c in cells)
    name = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert name.data_type == "s" and name.quotePrefix
    # Numbers as numbers, the percentage a number with a percent format.
    row = next(r for r in sheet.iter_rows() if r[1].value == "Phòng Nội vụ")
    assert row[2].value == 1 and row[3].value == 2 and row[4].value == 0.5 and "%" in row[4].number_format


def test_docx_annex_has_the_administrative_parts(hostile, tmp_path):
    path = tmp_path / "phu-luc.docx"
    annex.write_docx(hostile, path, CONFIG, date(2024, 4, 2))
    document = Document(str(path))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape A4
    assert round(section.page_width.cm, 1) == 29.7
    assert document.styles["Normal"].font.name == "Times New Roman"
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert "UBND HUYỆN LONG PHÚ" in header[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    assert "Độc lập - Tự do - Hạnh phúc" in header[1]
    paragraphs = [p.text for p in document.paragraphs]
    assert "Phụ lục" in paragraphs and "SỐ TIN, BÀI CẢI CÁCH HÀNH CHÍNH QUÝ I/2024" in paragraphs
    table = document.tables[1]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # header row repeated on every page
    texts = [[c.text for c in r.cells] for r in table.rows]
    headings = [r[:2] for r in texts if r[0] in ("I", "II", "III")]
    assert headings == [["I", "+Nhóm lạ"], ["II", "Cấp huyện"], ["III", "Cơ quan chuyên môn"]]
    assert all(len(set(r[1:])) == 1 for r in texts if r[0] in ("I", "II", "III"))  # merged across the table
    assert any(r[1] == "Cộng Cơ quan chuyên môn" for r in texts) and texts[-1][1] == "Tổng cộng"
    nội_vụ = next(r for r in texts if r[1] == "Phòng Nội vụ")
    assert nội_vụ[2:5] == ["1", "2", "50,0%"]
    signature = "\n".join(c.text for c in document.tables[2].rows[0].cells)
    for expected in ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Long Phú, ngày 02 tháng 04 năm 2024", "Trần Văn Bình"):
        assert expected in signature


LONG_UNITS = (
    "units:\n"
    + "".join(f"  - id: xa-{n:02d}\n    name: UBND xã số {n:02d}\n    group: Nhóm {n // 20 + 1}\n" for n in range(70))
    + "  - id: phong-noi-vu\n    name: Phòng Nội vụ\n"
)


@pytest.fixture(scope="session")
def annex_pdfs(tmp_path_factory):
    """{(annex, fmt): PDF} for the demo's monthly annex 2025 and a 71-unit annex 2024, in .xlsx and .docx, as
    LibreOffice prints them: made once per run (one LibreOffice start converts all four, shared by the workers)."""
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        pytest.skip("LibreOffice / poppler-utils not installed (scripts/test.sh installs them)")

    def make(folder):
        write_tree(folder / "long", {**base_files(), "units.yml": LONG_UNITS})
        sources = []
        for fmt in ("xlsx", "docx"):
            demo_out, long_out = folder / f"phu-luc.{fmt}", folder / f"dai.{fmt}"
            demo = cli("tally", "2025", "--official", "--by", "month", "--format", fmt, "--output", str(demo_out))
            long = cli("--content", str(folder / "long"), "tally", "2024", "--format", fmt, "--output", str(long_out))
            assert demo.returncode == 0 and long.returncode == 0, demo.stderr + long.stderr
            sources += [demo_out, long_out]
        profile = folder / "lo-profile"
        command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
        result = subprocess.run(
            [*command, "--outdir", str(folder), *map(str, sources)], capture_output=True, text=True, timeout=240
        )
        for source in sources:
            assert source.with_suffix(".pdf").exists(), result.stdout + result.stderr
        return folder

    folder = build_once(shared_root(tmp_path_factory), "annex-pdfs", make)
    return {(name, fmt): folder / f"{name}.pdf" for name in ("phu-luc", "dai") for fmt in ("xlsx", "docx")}


def _pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_annex_renders_on_a4_one_page_wide(fmt, annex_pdfs):
    pdf = annex_pdfs["phu-luc", fmt]
    pages, size = _pdf_pages(pdf)
    assert size.startswith("841.") and "595." in size and "(A4)" in size, size  # A4 landscape
    assert pages == 1, pages
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # The leftmost and the rightmost column on the same page: the table fits one page wide.
    header = next(line for line in text.splitlines() if "STT" in line)
    assert "T12" in text and "Tỷ lệ" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert "Tổng cộng" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert header


# --- plain data, safe cells and outputs ---------------------------------------------------------


def test_csv_is_plain_data_without_formulas(hostile):
    rows = list(csv.reader(io.StringIO(render.as_csv(hostile))))
    names = [r[1] for r in rows]
    assert '\'=HYPERLINK("http://x.example/","bấm")' in names
    assert "'Cộng +Nhóm lạ" not in names and "Cộng +Nhóm lạ" in names
    nội_vụ = next(r for r in rows if r[1] == "Phòng Nội vụ")
    assert nội_vụ[2:5] == ["1", "2", "50.0"]  # the percentage is a number, not "50,0%"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_csv_neutralises_every_formula_start():
    for start in "=+-@\t\r":
        assert render.csv_safe(start + "1+1") == "'" + start + "1+1"
    assert render.csv_safe(5) == 5 and render.csv_safe("Phòng") == "Phòng"


@pytest.mark.parametrize(
    "args,message",
    [
        (["--output", "content/units.yml", "--format", "json"], "không ghi đè tệp nội dung"),
        (["--output", "content/moi.xlsx", "--format", "xlsx"], "không ghi đè tệp nội dung"),
        (["--output", "."], "là một thư mục"),
        (["--output", "khong-co/bao-cao.csv"], "thư mục 'khong-co' không có"),
        (["--chart", "x.xyz"], "chỉ vẽ được tệp .png, .svg hoặc .pdf"),
        (["--chart", "khong-co/x.png"], "thư mục 'khong-co' không có"),
    ],
)
def test_bad_outputs_get_a_vietnamese_message(args, message, make_content, tmp_path):
    make_content()
    before = (tmp_path / "content/units.yml").read_bytes()
    result = cli("tally", "2024", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "content/units.yml").read_bytes() == before
    assert not (tmp_path / "content/moi.xlsx").exists()


@pytest.mark.parametrize("period", ["9999", "0000", "0000-Q1", "9999-12-01..9999-12-31", "31/12/0001..01/01/0002"])
def test_out_of_range_years(period, make_content, tmp_path):
    make_content()
    result = cli("tally", period, "--official", cwd=tmp_path)
    assert result.returncode == 2 and "nằm ngoài khoảng 1900–2999" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_vietnamese_dates_and_messages(make_content, tmp_path):
    assert parse_period("01/04/2025..30/06/2025") == parse_period("2025-04-01..2025-06-30")
    assert parse_period("1/4/2025..30/6/2025").label == "Từ 01/04/2025 đến 30/06/2025"
    for typed in ("01/04/2025 - 30/06/2025", "01/04/2025–30/06/2025", "01/04/2025 đến 30/06/2025"):
        assert parse_period(typed) == parse_period("2025-04-01..2025-06-30")
    with pytest.raises(PeriodError, match="ngày không có thật"):
        parse_period("31/02/2025..30/06/2025")
    make_content()
    helped = cli("tally", "-h", cwd=tmp_path)
    assert helped.returncode == 0 and "Cách dùng:" in helped.stdout and "tùy chọn" in helped.stdout
    assert "01/04/2025..30/06/2025" in helped.stdout and "show this help" not in helped.stdout
    wrong = cli("tally", "2024", "--format", "pdf", cwd=tmp_path)
    assert wrong.returncode == 2 and "lỗi: tham số --format: giá trị 'pdf' không có" in wrong.stderr
    missing = cli("tally", cwd=tmp_path)
    assert missing.returncode == 2 and "thiếu tham số bắt buộc: KỲ" in missing.stderr
    ok = cli("tally", "01/04/2025..30/06/2025", cwd=tmp_path)
    assert ok.returncode == 0 and "Từ 01/04/2025 đến 30/06/2025" in ok.stdout


@pytest.mark.parametrize("extra", [[], ["--by", "month"], ["--official", "--by", "month"]])
def test_plain_table_fits_100_columns(extra):
    result = cli("--content", str(CONTENT), "tally", "2025", *extra)
    assert result.returncode == 0, result.stderr
    widths = [render._width(line) for line in result.stdout.splitlines()]
    assert max(widths) <= 100, max(widths)
    assert "UBND xã Long Phú" in result.stdout or "UBND xã Long P" in result.stdout


def test_months_official_from_the_15th(demo, tmp_path):
    report = tally(demo, parse_period("2025-Q1", official=True), NOW, by_month=True)
    assert [(m.label, m.start, m.end, m.partial) for m in report.month_columns] == [
        ("T1/2025", date(2024, 12, 15), date(2025, 1, 14), False),
        ("T2/2025", date(2025, 1, 15), date(2025, 2, 14), False),
        ("T3/2025", date(2025, 2, 15), date(2025, 3, 14), False),
    ]
    assert "từ ngày 15 tháng trước đến ngày 14" in render.as_table(report)
    custom = tally(demo, parse_period("10/01/2025..20/02/2025"), NOW, by_month=True)
    assert [m.partial for m in custom.month_columns] == [True, True]
    assert "T1/2025*" in render.as_markdown(custom) and "(*) Tháng chỉ tính một phần" in render.as_markdown(custom)
    # Every article of a unit is in exactly one month.
    for row in report.rows:
        assert sum(row.by_month.values()) == row.posts


def test_month_chart_shows_months(demo, tmp_path, monkeypatch):
    import matplotlib.axes

    labels = []
    original = matplotlib.axes.Axes.bar

    def spy(self, x, *args, **kwargs):
        labels.append(list(x))
        return original(self, x, *args, **kwargs)

    monkeypatch.setattr(matplotlib.axes.Axes, "bar", spy)
    report = tally(demo, parse_period("2025-H1", official=True), NOW, by_month=True)
    chart = tmp_path / "bieu-do.png"
    render.write_chart(report, chart)
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert labels and labels[0] == [f"T{m}/2025" for m in range(1, 7)]


def test_report_config_comes_from_content(make_content, tmp_path):
    root = make_content({"report.yml": "issuer: UBND xã Đại Ngãi\nplace: Đại Ngãi\nhead: Lê Văn C\n"})
    config = load_report_config(root)
    assert (config.issuer, config.place, config.head, config.preparer) == (
        "UBND xã Đại Ngãi",
        "Đại Ngãi",
        "Lê Văn C",
        None,
    )
    (root / "report.yml").write_text("issuer: X\nnoi_ky: Y\n", encoding="utf-8")
    result = cli("tally", "2024", "--format", "xlsx", "--output", str(tmp_path / "a.xlsx"), cwd=tmp_path)
    assert result.returncode == 1 and "content/report.yml:2: trường 'noi_ky' không có" in result.stderr
    checked = cli("check", cwd=tmp_path)
    assert checked.returncode == 1 and "content/report.yml:2: trường 'noi_ky' không có" in checked.stdout


# --- the statistics page ------------------------------------------------------------------------


def test_stats_page_v2_groups_subtotals_quarter_totals(demo_site):
    page = BeautifulSoup((demo_site / "thong-ke/2025/index.html").read_text(encoding="utf-8"), "html.parser")
    table = page.select_one("table.cchc-stats")
    rows = {
        r.th.get_text(strip=True): [td.get_text(strip=True) for td in r.select("td")] for r in table.select("tbody tr")
    }
    # Quý I..IV, cả năm, chỉ tiêu, tỷ lệ. Phòng Nội vụ ended 30/06/2025: 3 quarters x 1; xã Long Phú began 01/07: 2 x 2.
    assert rows["Phòng Nội vụ"][4:6] == ["2", "3"] and rows["Phòng Nội vụ"][3] == "–"
    assert rows["UBND xã Long Phú"][5] == "4" and rows["UBND xã Long Phú"][:2] == ["–", "–"]
    headings = [th.get_text(strip=True) for th in table.select("tbody tr.cchc-stats-group th")]
    assert headings == ["I. Cấp huyện", "II. Cơ quan chuyên môn", "III. UBND xã, thị trấn"]
    assert "Cộng Cơ quan chuyên môn" in rows
    total = [td.get_text(strip=True) for td in table.select("tfoot td")]
    quarters = [int(x) for x in total[:4]]
    assert sum(quarters) == int(total[4]) and all(q >= 0 for q in quarters) and total[5]
    assert "python -m" not in page.get_text() and "cchc tally" not in page.get_text()


def test_stats_page_fits_a_phone(demo_site):
    from browser import PHONE, serve, tab

    with serve(demo_site) as base, tab(PHONE) as page:
        page.goto(base + "thong-ke/2025/")
        page.wait_for_selector("table.cchc-stats")
        sizes = page.evaluate(
            "() => { const w = document.querySelector('.cchc-stats-wrap'); const t = w.querySelector('table');"
            " return [w.clientWidth, t.scrollWidth, document.documentElement.scrollWidth, window.innerWidth]; }"
        )
        wrap, table, doc, viewport = sizes
        assert viewport == 360
        assert table <= wrap and doc <= viewport, sizes
        last = page.locator("table.cchc-stats thead th").last.bounding_box()
        assert last["x"] + last["width"] <= 360


def test_annex_survives_control_characters_from_a_roll_up_source(hostile, tmp_path):
    hostile.rows[0].name = "Phòng\x0bNội vụ\x00"
    annex.write_xlsx(hostile, tmp_path / "a.xlsx", CONFIG, date(2024, 4, 2))
    annex.write_docx(hostile, tmp_path / "a.docx", CONFIG, date(2024, 4, 2))
    names = [r[1] for r in load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True)]
    assert "Phòng Nội vụ " in names


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_long_annex_repeats_the_header_row_on_every_page(fmt, annex_pdfs):
    pdf = annex_pdfs["dai", fmt]
    pages, size = _pdf_pages(pdf)
    assert pages >= 2 and "(A4)" in size
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if "UBND xã số" not in text:
            continue  # the signature page
        assert "STT" in text and "Chuyển đổi số" in text, f"page {page}"


def test_table_with_many_categories_and_months_still_fits(make_content, tmp_path):
    categories = "categories:\n" + "".join(f"  - id: cm-{n}\n    name: Chuyên mục số {n}\n" for n in range(12))
    categories += "  - id: tin-cchc\n    name: Tin cải cách hành chính\n"
    root = make_content({"categories.yml": categories})
    content, problems = load_content(root)
    assert not problems.errors, problems.sorted()
    text = render.as_table(tally(content, parse_period("2024", official=True), NOW, by_month=True))
    assert max(render._width(line) for line in text.splitlines()) <= 100
    assert "T12" in text and "không có cột chuyên mục" in text
