"""Administrative procedures and hotlines: checks, the spreadsheet import, the pages and the data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import run_python
from openpyxl import Workbook
from test_check import run_check

from cchc.commands.import_procedures import import_file
from cchc.content.importer import ImportError_
from cchc.content.loader import load_content

KHAI_SINH = 'code: "1.001193"\nname: Thủ tục đăng ký khai sinh\nfield: Hộ tịch\nlevel: [xã]\nagency: UBND cấp xã\n'


def procedure(**fields) -> str:
    base = {"code": "1.000001", "name": "Thủ tục thử", "field": "Hộ tịch", "level": ["xã"], "agency": "UBND cấp xã"}
    base.update(fields)
    return yaml.safe_dump({k: v for k, v in base.items() if v is not None}, allow_unicode=True)


BAD = {
    "no code": (procedure(code=None), "content/procedures/p.yml:1: trường bắt buộc 'code' bị thiếu"),
    "unknown level": (
        procedure(level=["thôn"]),
        "content/procedures/p.yml:4: trường 'level': 'thôn' không hợp lệ, chỉ được là: tỉnh, huyện, xã",
    ),
    "online value": (
        procedure(online="mức 4"),
        "content/procedures/p.yml:7: trường 'online': 'mức 4' không hợp lệ, chỉ được là: toàn trình, một phần, không",
    ),
    "online url": (
        procedure(online_url="dichvucong.gov.vn"),
        "content/procedures/p.yml:7: trường 'online_url': 'dichvucong.gov.vn' không phải địa chỉ web hợp lệ",
    ),
}


@pytest.mark.parametrize("kind", BAD)
def test_bad_procedure(make_content, kind):
    text, expected = BAD[kind]
    code, lines = run_check(make_content({"procedures/p.yml": text}))
    assert code == 1 and any(line.startswith(expected) for line in lines), lines


def test_duplicate_procedure_code(make_content):
    code, lines = run_check(make_content({"procedures/a.yml": KHAI_SINH, "procedures/b.yml": KHAI_SINH}))
    assert code == 1
    assert lines == [
        "content/procedures/b.yml:1: trường 'code': mã thủ tục '1.001193' bị trùng với content/procedures/a.yml"
    ]


def test_unquoted_code_keeps_its_trailing_zero(make_content):
    content, problems = load_content(
        make_content({"procedures/1.000890.yml": KHAI_SINH.replace('"1.001193"', "1.000890")})
    )
    assert not problems.errors and content.procedures[0].code == "1.000890"


@pytest.mark.parametrize(
    "entry,expected",
    [
        (
            "  - name: Đường dây nóng\n    address: Số 1\n",
            "content/hotlines.yml:2: đường dây nóng 'Đường dây nóng': cần ít nhất một trong hai trường 'phone' hoặc 'email'",
        ),
        (
            "  - name: Đường dây nóng\n    phone: '123'\n",
            "content/hotlines.yml:2: đường dây nóng 'Đường dây nóng': trường 'phone': '123' không phải số điện thoại Việt Nam hợp lệ",
        ),
        (
            "  - name: Đường dây nóng\n    email: pakn.gov.vn\n",
            "content/hotlines.yml:2: đường dây nóng 'Đường dây nóng': trường 'email': 'pakn.gov.vn' không phải địa chỉ thư điện tử hợp lệ",
        ),
    ],
)
def test_bad_hotline(make_content, entry, expected):
    code, lines = run_check(make_content({"hotlines.yml": "hotlines:\n" + entry}))
    assert code == 1 and lines == [expected]


def test_valid_phone_numbers(make_content):
    from cchc.content.loader import vietnamese_phone

    assert vietnamese_phone("0299 3861 234") == "+842993861234"
    assert vietnamese_phone("0913.456.789") == "+84913456789"
    assert vietnamese_phone("+84 24 3845 6789") == "+842438456789"
    assert vietnamese_phone("0299 12") is None


# --- import -----------------------------------------------------------------


def write_xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


PORTAL_A = [
    ["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"],
    [
        "STT",
        "Mã thủ tục",
        "Tên thủ tục",
        "Lĩnh vực",
        "Cấp thực hiện",
        "Cơ quan thực hiện",
        "Mức trực tuyến",
        "Thời hạn giải quyết",
        "Lệ phí",
        "Ghi chú",
    ],
    [
        1,
        1.00089,
        "Thủ tục xác nhận nguồn gốc thủy sản khai thác",
        "Thủy sản",
        "Cấp Xã",
        "UBND cấp xã",
        "Một phần",
        "02 ngày",
        "Không",
        "",
    ],
    [
        2,
        "1.001193",
        "Thủ tục đăng ký khai sinh",
        "Hộ tịch",
        "Cấp Xã",
        "UBND cấp xã",
        "Toàn trình",
        "Ngay trong ngày",
        "Miễn lệ phí",
        "",
    ],
    [
        3,
        2.000908,
        "Chứng thực bản sao từ bản chính",
        "Chứng thực",
        "Cấp Huyện, Cấp Xã",
        "Phòng Tư pháp; UBND cấp xã",
        "",
        "Trong ngày",
        "2.000 đồng/trang",
        "",
    ],
]


def test_import_xlsx_with_numeric_codes_and_title_row(tmp_path):
    result = import_file(write_xlsx(tmp_path / "a.xlsx", PORTAL_A), tmp_path / "procedures")
    assert sorted(result.added) == ["1.000890", "1.001193", "2.000908"]
    assert result.ignored_columns == ["STT", "Ghi chú"]
    saved = yaml.safe_load((tmp_path / "procedures/1.000890.yml").read_text(encoding="utf-8"))
    assert saved["code"] == "1.000890"
    assert (saved["online"], saved["level"], saved["fee"]) == ("một phần", ["xã"], "Không")
    assert yaml.safe_load((tmp_path / "procedures/2.000908.yml").read_text(encoding="utf-8"))["level"] == [
        "huyện",
        "xã",
    ]


def test_imported_files_pass_check(tmp_path, make_content):
    root = make_content()
    import_file(write_xlsx(tmp_path / "a.xlsx", PORTAL_A), root / "procedures")
    code, lines = run_check(root)
    assert (code, lines) == (0, [])


def test_import_csv_with_header_variants(tmp_path):
    path = tmp_path / "b.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            ["Mã TTHC", "Thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện", "Dịch vụ công trực tuyến", "Phí"]
        )
        writer.writerow(
            [
                "2.00057",
                "Đăng ký thành lập hộ kinh doanh",
                "Hộ kinh doanh",
                "Cấp xã",
                "UBND cấp xã",
                "Mức độ 4",
                "100.000 đồng",
            ]
        )
    result = import_file(path, tmp_path / "procedures")
    assert result.added == ["2.000570"]
    saved = yaml.safe_load((tmp_path / "procedures/2.000570.yml").read_text(encoding="utf-8"))
    assert (
        saved["name"] == "Đăng ký thành lập hộ kinh doanh"
        and saved["online"] == "toàn trình"
        and saved["fee"] == "100.000 đồng"
    )


def test_missing_required_column_is_named(tmp_path):
    rows = [["Mã thủ tục", "Tên thủ tục", "Cấp thực hiện"], ["1.001193", "Khai sinh", "Cấp xã"]]
    with pytest.raises(ImportError_, match="thiếu cột bắt buộc: 'Lĩnh vực', 'Cơ quan thực hiện'"):
        import_file(write_xlsx(tmp_path / "c.xlsx", rows), tmp_path / "procedures")
    result = run_python(
        "cchc", "--content", str(tmp_path), "import-procedures", str(tmp_path / "c.xlsx"), cwd=Path.cwd()
    )
    assert result.returncode == 1 and "thiếu cột bắt buộc: 'Lĩnh vực'" in result.stderr


def test_reimport_updates_and_keeps_what_editors_added(tmp_path):
    procedures = tmp_path / "procedures"
    import_file(write_xlsx(tmp_path / "a.xlsx", PORTAL_A), procedures)
    path = procedures / "1.001193.yml"
    edited = yaml.safe_load(path.read_text(encoding="utf-8"))
    edited["documents"] = ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    path.write_text(yaml.safe_dump(edited, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = [list(r) for r in PORTAL_A]
    rows[3][7] = "Trong ngày làm việc"  # khai sinh: new time limit
    result = import_file(write_xlsx(tmp_path / "a2.xlsx", rows), procedures)
    assert (result.added, result.changed, sorted(result.unchanged)) == ([], ["1.001193"], ["1.000890", "2.000908"])
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["processing_time"] == "Trong ngày làm việc"
    assert saved["documents"] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]


# --- pages and data -------------------------------------------------------------

PROCEDURES = {
    "procedures/1.001193.yml": KHAI_SINH
    + "online: toàn trình\nonline_url: https://dichvucong.gov.vn/p/1.001193\ndocuments:\n  - Tờ khai đăng ký khai sinh\n  - Giấy chứng sinh\nchannels:\n  - method: Trực tuyến\n    fee: Miễn lệ phí\n",
    "procedures/2.000575.yml": 'code: "2.000575"\nname: Thủ tục đăng ký thành lập hộ kinh doanh\nfield: Hộ kinh doanh\nlevel: [xã]\nagency: UBND cấp xã\nonline: một phần\n',
    "procedures/2.002226.yml": 'code: "2.002226"\nname: Thủ tục hoà giải tranh chấp đất đai\nfield: Đất đai\nlevel: [xã]\nagency: UBND cấp xã\n',
    "hotlines.yml": "hotlines:\n  - name: Tiếp nhận phản ánh, kiến nghị\n    phone: '0299 3861 234'\n    email: pakn@longphu.gov.vn\n    address: Số 01, đường 30/4\n    hours: Giờ hành chính\n",
}


def test_procedure_page(procedures_site):
    site = procedures_site
    page = BeautifulSoup((site / "thu-tuc-hanh-chinh/1-001193/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == "Thủ tục đăng ký khai sinh"
    documents = page.find(id="thanh-phan-ho-so").find_next("ul")
    assert [li.get_text() for li in documents.select("li")] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    submit = page.find("a", string="Nộp hồ sơ trực tuyến")
    assert submit["href"] == "https://dichvucong.gov.vn/p/1.001193"
    assert page.select_one(".cchc-online").get_text() == "Dịch vụ công trực tuyến toàn trình"
    assert page.find("button", string="In thủ tục") is not None


def test_catalog_lists_every_procedure_once(procedures_site):
    site = procedures_site
    index = json.loads((site / "thu-tuc-hanh-chinh/danh-muc.json").read_text(encoding="utf-8"))
    assert sorted(row[0] for row in index["rows"]) == ["1.001193", "2.000575", "2.002226"]
    catalog = BeautifulSoup((site / "thu-tuc-hanh-chinh/index.html").read_text(encoding="utf-8"), "html.parser")
    fields = [a.get_text() for a in catalog.select(".cchc-fields__list a")]
    assert fields == ["Đất đai", "Hộ kinh doanh", "Hộ tịch"]
    listed = []
    for link in catalog.select(".cchc-fields__list a"):
        field_page = BeautifulSoup(
            (site / "thu-tuc-hanh-chinh" / link["href"] / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        listed += [a.get_text() for a in field_page.select(".cchc-procedures a")]
    assert sorted(listed) == [
        "Thủ tục hoà giải tranh chấp đất đai",
        "Thủ tục đăng ký khai sinh",
        "Thủ tục đăng ký thành lập hộ kinh doanh",
    ]


def test_hotline_page_footer_and_data(procedures_site):
    site = procedures_site
    page = BeautifulSoup((site / "duong-day-nong/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".cchc-hotline a[href^='tel:']")["href"] == "tel:+842993861234"
    assert page.select_one(".cchc-hotline a[href^='mailto:']")["href"] == "mailto:pakn@longphu.gov.vn"
    assert "Giờ hành chính" in page.get_text()
    home = BeautifulSoup((site / "bai-viet/ke-hoach/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(".cchc-footer a[href^='tel:']").get_text() == "0299 3861 234"
    data = json.loads((site / "procedures.json").read_text(encoding="utf-8"))
    assert data["count"] == 3
    khai_sinh = next(p for p in data["procedures"] if p["code"] == "1.001193")
    assert khai_sinh["url"] == "https://cchc.longphu.example.vn/thu-tuc-hanh-chinh/1-001193/"
    assert khai_sinh["documents"] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    hotlines = json.loads((site / "hotlines.json").read_text(encoding="utf-8"))
    assert hotlines["hotlines"][0]["phone_e164"] == "+842993861234"
