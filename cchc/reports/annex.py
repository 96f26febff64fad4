"""The printable annex (Phụ lục) of a tally, in xlsx and docx, after Decree 30/2020/NĐ-CP.

Both have the two-column header (issuing body / national motto), "Phụ lục" and its title,
the period in words, units under group headings with subtotals, the total, the place and
date line and the signature block; A4 landscape, fitted to one page wide, the header row
repeated on every page, Times New Roman.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from cchc.reports.config import BLANK, ReportConfig
from cchc.reports.render import TITLE, Line, month_label, month_notes, report_lines
from cchc.reports.tally import Report

FONT = "Times New Roman"
# XML 1.0 forbids these; a name pasted from Word may carry one (\x0b is Word's manual line break).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def printable(text: str) -> str:
    return _CONTROL.sub(" ", text)


MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def date_in_words(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def period_in_words(report: Report) -> str:
    period = report.period
    text = f"Kỳ báo cáo: từ {date_in_words(period.start)} đến {date_in_words(period.end)}"
    if period.official:
        text += " (theo Nghị định 09/2019/NĐ-CP)"
    return text


def annex_title(report: Report) -> str:
    return f"{TITLE} {report.period.label[:1].lower()}{report.period.label[1:]}".upper()


def place_and_date(config: ReportConfig, today: date) -> str:
    return f"{config.place}, {date_in_words(today)}"


def annex_columns(report: Report) -> list[str]:
    """The annex's columns: by month, the months replace the categories (one page wide on A4)."""
    columns = ["STT", "Đơn vị", "Số tin, bài", "Chỉ tiêu", "Tỷ lệ (%)"]
    if report.month_columns:
        one_year = len({m.key[:4] for m in report.month_columns}) == 1
        return columns + [month_label(m, short=one_year) for m in report.month_columns]
    return columns + list(report.categories.values())


def _cells(line: Line, report: Report) -> list:
    """A line's values: numbers as numbers, the percentage as a fraction (shown with a % format)."""
    percent = None if line.percent is None else line.percent / 100
    values = [line.number, line.name, line.posts, line.target, percent]
    values += line.months if report.month_columns else line.categories
    return values + [None] * (len(annex_columns(report)) - len(values))


def _signers(config: ReportConfig) -> list[tuple[str, str, str]]:
    """(title, hint, name) for the left and right signature columns."""
    return [
        ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", config.preparer or ""),
        (config.head_title, "(Ký tên, đóng dấu)", config.head or ""),
    ]


# --- xlsx ---------------------------------------------------------------------------------------


def write_xlsx(report: Report, path: Path, config: ReportConfig, today: date) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = annex_columns(report)
    last = len(columns)
    mid = max(3, last // 2)  # the header's left block is columns 1..mid-1, the motto mid..last
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"

    def font(**kw) -> Font:
        return Font(name=FONT, size=kw.pop("size", 12), **kw)

    def put(row: int, col: int, value, to_col: int | None = None, **style):
        cell = sheet.cell(row=row, column=col)
        if isinstance(value, str):
            value = printable(value)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text is text: "=HYPERLINK(...)" in a name never becomes a formula
            if value[:1] in "=+-@":
                cell.quotePrefix = True
        cell.font = style.pop("font", font())
        cell.alignment = style.pop("alignment", Alignment(vertical="center", wrap_text=True))
        for key, val in style.items():
            setattr(cell, key, val)
        if to_col and to_col > col:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row, end_column=to_col)
        return cell

    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left_end = mid - 1
    put(1, 1, config.parent or "", left_end, alignment=center)
    put(1, mid, MOTTO[0], last, font=font(bold=True), alignment=center)
    put(
        2,
        1,
        config.issuer.upper() if config.issuer != BLANK else BLANK,
        left_end,
        font=font(bold=True),
        alignment=center,
    )
    put(2, mid, MOTTO[1], last, font=font(bold=True, underline="single"), alignment=center)
    put(4, 1, "Phụ lục", last, font=font(bold=True, size=13), alignment=center)
    put(5, 1, annex_title(report), last, font=font(bold=True, size=13), alignment=center)
    row = 6
    if config.document:
        put(row, 1, f"({config.document})", last, font=font(italic=True), alignment=center)
        row += 1
    put(row, 1, period_in_words(report), last, font=font(italic=True), alignment=center)
    row += 2
    header_row = row
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, name in enumerate(columns, 1):
        put(header_row, col, name, font=font(bold=True), alignment=center, border=border)
    sheet.row_dimensions[header_row].height = 33 if report.month_columns else 50
    heading_fill = PatternFill("solid", fgColor="E7ECF3")
    short_fill = PatternFill("solid", fgColor="F8D7DA")
    for line in report_lines(report, headings=True):
        row += 1
        values = _cells(line, report)
        bold = line.kind != "unit"
        for col, value in enumerate(values, 1):
            align = Alignment(horizontal="left" if col == 2 else "center", vertical="center", wrap_text=True)
            cell = put(row, col, value, font=font(bold=bold), alignment=align, border=border)
            if col == 5:
                cell.number_format = "0.0%"
            if line.kind == "heading":
                cell.fill = heading_fill
            elif line.short:
                cell.fill = short_fill
    row += 1
    for note in ["Dòng tô màu: đơn vị chưa đạt chỉ tiêu.", *month_notes(report)]:
        row += 1
        put(row, 1, note, last, font=font(italic=True, size=11), alignment=Alignment(wrap_text=True))
    row += 2
    put(row, mid, place_and_date(config, today), last, font=font(italic=True), alignment=center)
    row += 1
    for offset, (heading, hint, name) in enumerate(_signers(config)):
        col, end = (1, left_end) if offset == 0 else (mid, last)
        put(row, col, heading, end, font=font(bold=True), alignment=center)
        put(row + 1, col, hint, end, font=font(italic=True), alignment=center)
        put(row + 5, col, name, end, font=font(bold=True), alignment=center)

    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 34
    for index in range(3, last + 1):
        narrow = report.month_columns and index > 5
        sheet.column_dimensions[get_column_letter(index)].width = 6 if narrow else 10 if index <= 5 else 12
    # Print set-up: A4 landscape, one page wide, the header row on every page.
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    workbook.save(path)


# --- docx ---------------------------------------------------------------------------------------


def write_docx(report: Report, path: Path, config: ReportConfig, today: date) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    usable = 29.7 - 3.0

    def write(cell_or_doc, text: str, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=None, first=True):
        if (
            first
            and hasattr(cell_or_doc, "paragraphs")
            and cell_or_doc.paragraphs
            and not cell_or_doc.paragraphs[0].text
        ):
            paragraph = cell_or_doc.paragraphs[0]
        else:
            paragraph = cell_or_doc.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run(printable(text))
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        return paragraph

    def borderless(table):
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        table._tbl.tblPr.append(borders)

    header = document.add_table(rows=1, cols=2)
    borderless(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(usable * 0.42), Cm(usable * 0.58)
    if config.parent:
        write(left, config.parent.upper())
    write(left, config.issuer.upper() if config.issuer != BLANK else BLANK, bold=True)
    write(right, MOTTO[0], bold=True)
    motto = write(right, MOTTO[1], bold=True, size=13)
    motto.runs[0].underline = True

    write(document, "")
    write(document, "Phụ lục", bold=True, size=13)
    write(document, annex_title(report), bold=True, size=13)
    if config.document:
        write(document, f"({config.document})", italic=True)
    write(document, period_in_words(report), italic=True)
    write(document, "", size=6)

    columns = annex_columns(report)
    lines = report_lines(report, headings=True)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fixed = [1.3, 6.0, 1.5, 1.5, 1.7]
    rest = (usable - sum(fixed)) / max(1, len(columns) - len(fixed))
    widths = [Cm(w) for w in fixed] + [Cm(rest)] * (len(columns) - len(fixed))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    size = 11 if len(columns) <= 12 else 10
    head_row = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    head_row._tr.get_or_add_trPr().append(repeat)
    for cell, name, width in zip(head_row.cells, columns, widths, strict=True):
        cell.width = width
        write(cell, name, bold=True, size=size)
    for line in lines:
        cells = table.add_row().cells
        values = _cells(line, report)
        for index, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
            cell.width = width
            if value is None:
                text = ""
            elif index == 4:
                text = f"{value * 100:.1f}".replace(".", ",") + "%"
            else:
                text = str(value)
            align = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.CENTER
            write(cell, text, bold=line.kind != "unit", size=size, align=align)
            if line.kind == "heading":
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:fill"), "E7ECF3")
                cell._tc.get_or_add_tcPr().append(shade)
        if line.kind == "heading":
            first = cells[1].merge(cells[-1])
            for paragraph in first.paragraphs[1:]:
                paragraph._element.getparent().remove(paragraph._element)
    for note in month_notes(report):
        write(document, note, italic=True, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)

    write(document, "", size=6)  # two tables side by side would merge into one
    signature = document.add_table(rows=1, cols=2)
    borderless(signature)
    cant_split = OxmlElement("w:cantSplit")  # the signature block never breaks across pages
    cant_split.set(qn("w:val"), "true")
    signature.rows[0]._tr.get_or_add_trPr().append(cant_split)
    left, right = signature.rows[0].cells
    write(right, place_and_date(config, today), italic=True)
    for cell, (heading, hint, name) in zip((left, right), _signers(config), strict=True):
        if cell is left:
            write(cell, "")
        write(cell, heading, bold=True, first=False)
        write(cell, hint, italic=True, first=False)
        for _ in range(2):
            write(cell, "", first=False)
        write(cell, name, bold=True, first=False)
    document.core_properties.title = annex_title(report)
    document.save(str(path))
