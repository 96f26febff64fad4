"""Hostile or careless input (issue 10): the importer writes only inside content/procedures/,
all or nothing, keeps what editors wrote, reads hostile spreadsheets within bounds; `check`
and the build turn control characters, deep nesting, impossible dates and oversized
front matter into `path:line:` messages instead of crashes."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import threading
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path

import feedparser
import pytest
import yaml
from conftest import article, project_config, run_build, run_python
from openpyxl import Workbook
from test_check import run_check

from cchc.commands.import_procedures import import_file
from cchc.content import atomic, importer
from cchc.content.importer import ImportError_
from cchc.content.loader import load_content
from cchc.content.yamlsafe import parse_yaml

HEADER = ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện", "Mức trực tuyến"]
GOOD = [1, "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", "Cấp Xã", "UBND cấp xã", "Toàn trình"]


def row(code, number=2):
    return [number, code, "Thủ tục thử", "Hộ tịch", "Cấp Xã", "UBND cấp xã", ""]


def xlsx(path, rows):
    book = Workbook()
    for r in rows:
        book.active.append(r)
    book.save(path)
    return path


def cli(content, source):
    return run_python("cchc", "--content", str(content), "import-procedures", str(source), cwd=Path.cwd())


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 4. codes never name a path; all or nothing ---------------------------------------------

HOSTILE_CODES = [
    "../units",
    "../../.github/workflows/publish",
    "/tmp/x/evil",
    "a/b",
    "..",
    ".",
    "a\\b",
    "1.000890 ",  # stripped: valid, so it is written only if nothing else is refused
    "",
    "x" * 65,
]


def test_hostile_codes_write_nothing_and_name_their_rows(tmp_path, make_content):
    root = make_content({"procedures/2.000001.yml": 'code: "2.000001"\nname: A\nfield: B\nlevel: [xã]\nagency: C\n'})
    rows = [["DANH MỤC THỦ TỤC"], [], HEADER, GOOD]
    rows += [row(code, i) for i, code in enumerate(HOSTILE_CODES, start=2)]
    before = snapshot(tmp_path)
    source = xlsx(tmp_path / "danh-muc.xlsx", rows)
    before[source.name] = source.read_bytes()
    result = cli(root, source)
    assert result.returncode == 1, result.stderr
    assert snapshot(tmp_path) == before  # nothing written anywhere, not even the valid rows
    lines = result.stderr.splitlines()
    refused_rows = [int(m.group(1)) for m in map(re.compile(rf"^{re.escape(str(source))}:(\d+): ").match, lines) if m]
    # the sheet's own row numbers: title row, empty row, header at row 3, GOOD at 4, hostile codes from row 5
    expected = [5 + i for i, code in enumerate(HOSTILE_CODES) if code.strip() not in ("1.000890",)]
    assert refused_rows == expected, lines
    assert "mã thủ tục '../units' không hợp lệ" in result.stderr
    assert (
        lines[-1]
        == f"{source}: không nhập thủ tục nào vì {len(expected)} dòng bị từ chối; hãy sửa các dòng trên rồi nhập lại"
    )
    assert "Traceback" not in result.stderr


def test_code_with_slash_in_csv_stops_nothing_halfway(tmp_path, make_content):
    root = make_content()
    source = tmp_path / "a.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(GOOD)
        writer.writerow(row("1.000002")[:2] + ["Tên có\nhai dòng"] + row("x")[3:])  # a cell over two lines
        writer.writerow(row("2.000/908"))
    result = cli(root, source)
    assert result.returncode == 1
    assert (
        f"{source}:5: mã thủ tục '2.000/908' không hợp lệ" in result.stderr
    )  # line 5: the record after the 2-line one
    assert not (root / "procedures").exists()


def test_symlink_and_foreign_file_are_never_written_through(tmp_path, make_content):
    root = make_content({"procedures/1.000002.yml": 'code: "9.999999"\nname: A\nfield: B\nlevel: [xã]\nagency: C\n'})
    units = (root / "units.yml").read_bytes()
    os.symlink("../units.yml", root / "procedures/1.001193.yml")
    result = cli(root, xlsx(tmp_path / "a.xlsx", [HEADER, GOOD, row("1.000002", 2)]))
    assert result.returncode == 1
    assert "là liên kết" in result.stderr and "đang chứa thủ tục mã '9.999999'" in result.stderr
    assert (root / "units.yml").read_bytes() == units


def test_missing_required_field_refuses_the_whole_sheet(tmp_path, make_content):
    root = make_content()
    bad = row("1.000003")
    bad[3] = ""  # no field
    result = cli(root, xlsx(tmp_path / "a.xlsx", [HEADER, GOOD, bad]))
    assert result.returncode == 1 and ":3: mã 1.000003: thiếu Lĩnh vực" in result.stderr
    assert not (root / "procedures").exists()


@pytest.mark.parametrize(
    "name,extra",
    [("units.yml", "code: '../units'\n"), ("categories.yml", "name: x\n"), ("hotlines.yml", "on:\n  push: {}\n")],
)
def test_unknown_top_level_keys_in_list_files(make_content, name, extra):
    files = {"hotlines.yml": "hotlines:\n  - name: Đường dây nóng\n    phone: '0299 3861 234'\n"}
    root = make_content(files)
    text = (root / name).read_text(encoding="utf-8")
    (root / name).write_text(text + extra, encoding="utf-8")
    code, lines = run_check(root)
    key = extra.split(":")[0]
    line = text.count("\n") + 1
    assert code == 1 and any(
        out.startswith(f"content/{name}:{line}: khóa '{key}' không có trong mẫu của tệp này") for out in lines
    ), lines


def test_unknown_top_level_key_in_a_plan(make_content):
    code, lines = run_check(make_content({"plans/2024.yml": "year: 2024\ntargets: {}\ncode: '../plans'\n"}))
    assert code == 1 and any(
        line.startswith("content/plans/2024.yml:3: trường 'code' không có trong mẫu") for line in lines
    )


# --- 5. re-import keeps comments, order and values; atomic writes -----------------------------

EDITED = """\
# đừng xóa: Phòng Tư pháp đã rà soát ngày 10/5
code: "1.001193"
name: Thủ tục đăng ký khai sinh (cũ)   # tên theo Quyết định 1234
field: Hộ tịch
level: [xã]
agency: UBND cấp xã
online: toàn trình
online_url: https://dichvucong.gov.vn/p/1.001193
documents:
  - Tờ khai đăng ký khai sinh  # mẫu mới
  - Giấy chứng sinh
"""


def test_reimport_keeps_comments_order_and_values_of_empty_cells(tmp_path, make_content):
    root = make_content({"procedures/1.001193.yml": EDITED})
    sheet = list(GOOD)
    sheet[6] = ""  # empty "Mức trực tuyến": must not clear 'online: toàn trình'
    sheet[3] = None
    result = import_file(xlsx(tmp_path / "a.xlsx", [HEADER, sheet]), root / "procedures")
    assert result.changed == ["1.001193"] and not result.refused
    text = (root / "procedures/1.001193.yml").read_text(encoding="utf-8")
    lines, edited = text.splitlines(), EDITED.splitlines()
    assert re.fullmatch(r"name: Thủ tục đăng ký khai sinh +# tên theo Quyết định 1234", lines[2])
    assert lines[:2] + lines[3:] == edited[:2] + edited[3:]  # comments, order, quotes, list styles kept
    assert yaml.safe_load(text)["online"] == "toàn trình"
    assert run_check(root) == (0, [])
    again = import_file(xlsx(tmp_path / "a.xlsx", [HEADER, sheet]), root / "procedures")
    assert again.unchanged == ["1.001193"] and not again.changed


def test_new_file_quotes_what_yaml_would_misread(tmp_path, make_content):
    root = make_content()
    sheet = [HEADER + ["Lệ phí"], [1, "1.000890", "Thủ tục", "Hộ tịch", "Cấp Xã", "yes", "", "2024-01-01"]]
    import_file(xlsx(tmp_path / "a.xlsx", sheet), root / "procedures")
    text = (root / "procedures/1.000890.yml").read_text(encoding="utf-8")
    assert text.startswith('code: "1.000890"\n')
    data = parse_yaml(text).data  # our loader (YAML 1.1) must read the text back, not True or a date
    assert (data["agency"], data["fee"], data["level"]) == ("yes", "2024-01-01", ["xã"])
    assert run_check(root) == (0, [])


def test_batch_write_is_all_or_nothing(tmp_path):
    first, second = tmp_path / "a.yml", tmp_path / "missing-folder" / "b.yml"
    with pytest.raises(OSError):
        atomic.write_all({first: "a: 1\n", second: "b: 2\n"})
    assert list(tmp_path.iterdir()) == []  # neither the first file nor a temporary file
    atomic.write_text(first, "a: 2\n")
    assert first.read_text() == "a: 2\n" and [p.name for p in tmp_path.iterdir()] == ["a.yml"]


def test_replace_file_keeps_permissions_and_never_follows_a_left_link(tmp_path):
    kept = tmp_path / "kept.json"
    kept.write_text("cũ")
    kept.chmod(0o640)
    atomic.replace_file(kept, "mới".encode())
    assert kept.read_text() == "mới" and stat.S_IMODE(kept.stat().st_mode) == 0o640
    new = tmp_path / "thu-muc" / "moi" / "new.json"
    umask = os.umask(0o022)
    try:
        atomic.replace_file(new, b"[]")  # its folders made
        # A link at the name this process takes next for its temporary file (left there by someone else): neither
        # followed nor removed.
        outside = tmp_path / "outside.txt"
        outside.write_text("không được ghi")
        left = new.parent / f".{new.name}.{os.getpid()}-{threading.get_ident()}.tmp"
        os.symlink(outside, left)
        new.unlink()
        atomic.replace_file(new, b"{}")
        long_name = new.parent / ("thủ-tục-" * 20 + ".yml")  # 244 bytes: with the temporary's suffix, too long
        atomic.write_all({long_name: "a: 1\n", new.parent / ".." / "moi" / long_name.name: "a: 2\n"})  # one file
    finally:
        os.umask(umask)
    assert new.read_bytes() == b"{}" and stat.S_IMODE(new.stat().st_mode) == 0o644
    assert outside.read_text() == "không được ghi"
    assert long_name.read_text() == "a: 2\n"
    assert sorted(p.name for p in new.parent.iterdir()) == sorted([new.name, long_name.name, left.name])
    assert left.is_symlink()  # no temporary file left, the link as it was


# --- 6. hostile spreadsheets ------------------------------------------------------------------


def rewrite_part(path, part, change):
    """Rewrite one part of an xlsx (a zip) with change(text) -> text."""
    with zipfile.ZipFile(path) as old:
        items = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in items:
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            new.writestr(info.filename, data)
    return path


def test_declared_huge_dimension_does_not_allocate(tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [HEADER, GOOD])
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace('<dimension ref="A1:G2"/>', '<dimension ref="A1:XFD60002"/>'),
    )
    assert b"XFD60002" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    tracemalloc.start()
    try:
        result = import_file(path, tmp_path / "procedures")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.added == ["1.001193"]
    assert peak < 50_000_000  # 60,002 x 16,384 padded cells would need gigabytes


def test_far_away_row_is_refused_not_padded(tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [HEADER, GOOD])
    far = '<row r="900000"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("</sheetData>", far))
    with pytest.raises(ImportError_, match="quá nhiều dòng"):
        import_file(path, tmp_path / "procedures")
    assert not (tmp_path / "procedures").exists()


SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def add_shared_strings(path, xml):
    """Give an xlsx (openpyxl writes inline strings) a shared-strings part that openpyxl will load."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", xml)
    rewrite_part(
        path,
        "[Content_Types].xml",
        lambda t: t.replace("</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST}"/></Types>'),
    )
    rewrite_part(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda t: t.replace(
            "</Relationships>", f'<Relationship Id="rIdS" Type="{SST_REL}" Target="sharedStrings.xml"/></Relationships>'
        ),
    )


def test_row_of_thousands_of_cells_is_refused(tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [HEADER, GOOD])
    cells = "".join(f'<c r="{n}" t="inlineStr"><is><t>x</t></is></c>' for n in range(importer.MAX_CELLS_PER_ROW + 1))
    wide = f'<row r="3">{cells}</row></sheetData>'
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("</sheetData>", wide))
    with pytest.raises(ImportError_, match="dòng quá nhiều ô"):
        import_file(path, tmp_path / "procedures")


def test_shared_strings_bomb_is_refused_before_reading(tmp_path, make_content):
    root = make_content()
    path = xlsx(tmp_path / "bomb.xlsx", [HEADER, GOOD])
    size = importer.MAX_SHARED_STRINGS_BYTES + 1_000_000  # scaled down from 256 MB, still over the limit
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    add_shared_strings(path, f'<sst xmlns="{ns}" count="1" uniqueCount="1"><si><t>{"A" * size}</t></si></sst>')
    assert path.stat().st_size < 200_000  # small on disk, large when inflated
    result = cli(root, path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}: bảng tính quá lớn: phần 'xl/sharedStrings.xml' giải nén ra 11.0 MB")
    assert not (root / "procedures").exists()


@pytest.mark.parametrize(
    "data,message",
    [
        (b"Ma thu tuc,Ten\n1,2\n", "tệp .xlsx bị hỏng hoặc không phải bảng tính Excel"),
        (b"PK\x03\x04garbage", "tệp .xlsx bị hỏng"),
    ],
)
def test_damaged_xlsx_gets_a_message(tmp_path, make_content, data, message):
    path = tmp_path / "a.xlsx"
    path.write_bytes(data)
    result = cli(make_content(), path)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: precomposed letters where the code page has them, else combining marks."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        for mark in marks:  # ộ = ô (a letter of the code page) + combining dot below
            letter = unicodedata.normalize("NFC", base + mark)
            if len(letter) == 1:
                try:
                    letter.encode("cp1258")
                except UnicodeEncodeError:
                    continue
                base, marks = letter, marks.replace(mark, "", 1)
                break
        out += base.encode("cp1258") + marks.encode("cp1258")
    return out


def csv_text(delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerow(GOOD)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "encode,delimiter",
    [
        (lambda t: t.encode("utf-8"), ","),
        (lambda t: t.encode("utf-8-sig"), ";"),
        (lambda t: t.encode("utf-16"), "\t"),  # Excel's "Unicode Text"
        (lambda t: t.encode("utf-16-le"), ";"),  # no byte-order mark
        (cp1258, ";"),
        (cp1258, ","),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path, make_content, encode, delimiter):
    root = make_content()
    source = tmp_path / "a.csv"
    source.write_bytes(encode(csv_text(delimiter)))
    result = cli(root, source)
    assert result.returncode == 0, result.stderr
    saved = yaml.safe_load((root / "procedures/1.001193.yml").read_text(encoding="utf-8"))
    assert saved["name"] == "Thủ tục đăng ký khai sinh" and saved["online"] == "toàn trình"
    if encode is cp1258:
        assert "không phải mã UTF-8, đã đọc theo mã Windows-1258" in result.stderr


def test_undecodable_csv_is_refused_naming_the_encoding(tmp_path, make_content):
    source = tmp_path / "a.csv"
    source.write_bytes(b"M\x81 th\x8d t\x90c,T\x9dn\n1,2\n")  # bytes that no Vietnamese code page uses
    result = cli(make_content(), source)
    assert result.returncode == 1
    assert "tệp CSV không phải mã UTF-8" in result.stderr and "CSV UTF-8" in result.stderr


def test_unclosed_quote_in_csv_is_a_message(tmp_path, make_content):
    source = tmp_path / "a.csv"
    source.write_text(csv_text(",") + '3,"1.000003,' + "x" * 200_000 + "\n", encoding="utf-8")
    result = cli(make_content(), source)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{source}:3: tệp CSV sai định dạng: có ô quá dài"), result.stderr


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1000)
    source = tmp_path / "a.csv"
    source.write_text(csv_text(",") + "x" * 2000, encoding="utf-8")
    with pytest.raises(ImportError_, match="tệp quá lớn"):
        import_file(source, tmp_path / "procedures")


# --- 12. control characters ---------------------------------------------------------------------


def test_word_line_break_becomes_a_space_with_a_warning(make_content):
    root = make_content(
        {"articles/2024/word.md": article("Dòng một\x0bdòng hai", "2024-03-07", body="Đoạn một\x0bcòn tiếp.")}
    )
    code, lines = run_check(root)
    assert code == 0
    assert lines == [
        "content/articles/2024/word.md:2: cảnh báo: có ký tự ngắt dòng/ngắt trang của Word (U+000B/U+000C), "
        "đã được thay bằng dấu cách",
        "content/articles/2024/word.md:8: cảnh báo: có ký tự ngắt dòng/ngắt trang của Word (U+000B/U+000C), "
        "đã được thay bằng dấu cách",
    ]
    content, _ = load_content(root)
    assert "Dòng một dòng hai" in [a.title for a in content.articles]


@pytest.mark.parametrize(
    "text,expected",
    [
        (article("Tiêu đề", "2024-03-07", body="Xin\x00 chào"), "8: có ký tự điều khiển không in được U+0000 (NUL)"),
        (article("Tiêu\x1b đề", "2024-03-07"), "2: có ký tự điều khiển không in được U+001B"),
        (article('"Tiêu đề\\0"', "2024-03-07"), "2: trường 'title': có ký tự điều khiển không in được U+0000"),
        (article('"Tiêu\\v đề"', "2024-03-07"), "2: trường 'title': có ký tự điều khiển không in được U+000B"),
    ],
)
def test_control_characters_are_errors_with_their_line(make_content, text, expected):
    code, lines = run_check(make_content({"articles/2024/ctl.md": text}))
    assert code == 1 and any(line.startswith(f"content/articles/2024/ctl.md:{expected}") for line in lines), lines


@pytest.mark.build
def test_build_with_word_breaks_writes_valid_feeds(tmp_path, make_content):
    make_content({"articles/2024/word.md": article("Dòng một\x0bdòng hai", "2024-03-07", body="Đoạn\x0bmột.\x0c")})
    project_config(tmp_path)
    result = run_build(tmp_path)  # not --strict: the warning must not stop this build
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((tmp_path / "site/feeds/tin-tuc/rss.xml").read_bytes())
    assert not feed.bozo and "Dòng một dòng hai" in [entry.title for entry in feed.entries]


# --- 13. deep nesting -------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [10_000, 50_000])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path, make_content, depth):
    root = make_content({"articles/2024/deep.md": article("Tiêu đề", "2024-03-07", tags="[" * depth)})
    result = run_python("cchc", "--content", str(root), "check", cwd=tmp_path)
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert result.stdout.startswith("content/articles/2024/deep.md:6: danh sách hoặc nhóm lồng nhau quá sâu")
    assert "Traceback" not in result.stderr


def test_deep_nesting_in_yaml_files_and_by_indentation(make_content):
    deep_list = "units:\n" + "".join("  " * i + "- \n" for i in range(1, 80))
    code, lines = run_check(make_content({"units.yml": deep_list, "procedures/p.yml": "code: " + "{a: " * 60}))
    assert code == 1
    assert any(line.startswith("content/units.yml:") and "lồng nhau quá sâu" in line for line in lines), lines
    assert any(line.startswith("content/procedures/p.yml:1: danh sách hoặc nhóm lồng nhau") for line in lines)


def test_paths_too_long_for_the_file_system_are_messages(make_content):
    text = article("Tiêu đề", "2024-03-07", image="i" * 300 + ".jpg", body="[văn bản](" + "a" * 300 + ".pdf)")
    code, lines = run_check(make_content({"articles/2024/long.md": text}))
    assert code == 1
    assert [line.split(":")[1] for line in lines] == ["6", "9"], lines
    assert "trường 'image': không tìm thấy tệp 'iii" in lines[0] and "không tới được tệp nào" in lines[1]


def test_normal_brackets_in_text_are_fine(make_content):
    text = article('"[Thông báo] [[Kế hoạch]] - - - {số 27} ' + "[" * 60 + '"', "2024-03-07")
    assert run_check(make_content({"articles/2024/ok.md": text})) == (0, [])


# --- 14. impossible dates -------------------------------------------------------------------------

DATES = ["0001-01-01", "9999-12-31T23:00:00-12:00", "1899-12-31", "2201-01-01"]


@pytest.mark.parametrize("date", DATES)
def test_out_of_range_dates_in_check(make_content, date):
    code, lines = run_check(make_content({"articles/2024/d.md": article("Tiêu đề", date)}))
    year = int(date[:4])
    assert code == 1
    assert (
        f"content/articles/2024/d.md:3: trường 'date': ngày '{date}' có năm {year} nằm ngoài khoảng 1900-2200" in lines
    )


def test_out_of_range_dates_in_other_files(make_content):
    units = "units:\n  - id: phong-noi-vu\n    name: Phòng Nội vụ\n    from: 0001-01-01\n"
    root = make_content({"units.yml": units, "plans/99999.yml": "year: 99999\ntargets: {}\n"})
    code, lines = run_check(root)
    assert "content/units.yml:2: trường 'from': ngày '0001-01-01' có năm 1 nằm ngoài khoảng 1900-2200" in lines
    assert "content/plans/99999.yml:1: trường 'year': năm 99999 nằm ngoài khoảng 1900-2200" in lines


@pytest.mark.build
def test_build_reports_out_of_range_dates(tmp_path, make_content):
    make_content({"articles/2024/d.md": article("Tiêu đề", "9999-12-31T23:00:00-12:00")})
    project_config(tmp_path)
    result = run_build(tmp_path, "--strict")
    assert result.returncode == 1
    assert "content/articles/2024/d.md:3: trường 'date': ngày '9999-12-31T23:00:00-12:00' có năm 9999" in result.stderr
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr


# --- 15. limits ---------------------------------------------------------------------------------------


def test_long_title_and_many_tags_are_warnings_and_only_twenty_tags_are_kept(make_content):
    tags = "[" + ", ".join(f"thẻ {i}" for i in range(10_000)) + ", " + "x" * 150 + "]"
    root = make_content({"articles/2024/big.md": article("T" * 5000, "2024-03-07", tags=tags)})
    code, lines = run_check(root)
    assert code == 0
    assert lines == [
        "content/articles/2024/big.md:2: cảnh báo: trường 'title': tiêu đề dài 5000 ký tự, nên ngắn hơn 300 ký tự",
        "content/articles/2024/big.md:6: cảnh báo: trường 'tags': bỏ qua thẻ '" + "x" * 40 + "...' dài 150 ký tự "
        "(tối đa 100)",
        "content/articles/2024/big.md:6: cảnh báo: trường 'tags': có 10000 thẻ, chỉ 20 thẻ đầu được dùng (tối đa 20 thẻ)",
    ]
    content, _ = load_content(root)
    big = next(a for a in content.articles if a.title.startswith("TTT"))
    assert big.tags == [f"thẻ {i}" for i in range(20)]
