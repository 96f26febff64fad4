"""What went wrong, said in an editor's terms: the slips of people who write in Word and Notepad.

Pure functions over text and paths, called by the loader and the schema: curly quotes,
tabs and non-breaking spaces in YAML, a '#' that silently cuts a title, impossible
dates, misnamed article files, image paths that differ only in case, a unit written by
its name, and the placeholder text of `python -m cchc new`.
"""

from __future__ import annotations

import calendar
import re
from pathlib import Path

import yaml

from cchc.text import fold, nfc

# Spaces that look like a space but are not one for YAML (Word puts U+00A0 after a colon).
ODD_SPACES = {
    "\u00a0": "dấu cách không ngắt (non-breaking space)",
    "\u202f": "dấu cách hẹp không ngắt",
    "\u2007": "dấu cách chữ số",
    "\u200b": "ký tự trống vô hình (zero-width space)",
    "\u3000": "dấu cách toàn khổ",
}
CURLY_QUOTES = "“”„‟‘’"

# The sentences `python -m cchc new` writes into a new article: flagged until replaced.
PLACEHOLDERS = (
    "Đoạn mở đầu: tóm tắt sự kiện trong một, hai câu",
    "Viết nội dung bài viết ở đây.",
)


def explain_yaml_error(text: str, error_line: int | None, problem: str) -> tuple[int | None, str] | None:
    """(line, advice) for a YAML syntax error caused by a typing slip, or None.

    `error_line` is 1-based within `text`. Curly quotes and odd spaces are looked for on
    the error line and the lines just before it (YAML often notices one line late);
    tabs anywhere in an indentation.
    """
    lines = text.split("\n")
    near = range(max(0, (error_line or 1) - 3), min(len(lines), (error_line or len(lines))))
    for index in reversed(near):
        line = lines[index]
        quotes = [c for c in CURLY_QUOTES if c in line]
        if quotes and re.match(r"^\s*(- )?[\w-]+:\s*[“‘„]", line):
            return index + 1, (
                'giá trị mở bằng ngoặc kép cong “ ” (Word tự đổi); hãy dùng ngoặc kép thẳng " " '
                'ở đầu và cuối giá trị, ví dụ title: "Hỏi đáp: ..."'
            )
    for index, line in enumerate(lines):
        indent = re.match(r"^[ \t]*(- +|-\t[ \t]*)?[ \t]*", line).group(0)  # type: ignore[union-attr]  # always matches
        if "\t" in indent:
            return index + 1, "có ký tự Tab ở đầu dòng; YAML chỉ nhận dấu cách: hãy xóa Tab và thụt lề bằng dấu cách"
    for index in list(near) + list(range(len(lines))):
        found = odd_space(lines[index])
        if found is not None:
            column, name = found
            return index + 1, (
                f"có {name} ở dòng {index + 1}, cột {column}; hãy xóa ký tự đó và gõ lại một dấu cách thường"
            )
    if "\t" in problem:
        return error_line, "có ký tự Tab; hãy thay bằng dấu cách"
    return None


def odd_space(line: str) -> tuple[int, str] | None:
    """(1-based column, name) of the first look-alike space in `line` outside quotes, or None."""
    for column, char in enumerate(line, 1):
        if char in ODD_SPACES:
            return column, ODD_SPACES[char]
    return None


def odd_space_after_key(text: str) -> list[tuple[int, int, str]]:
    """(line, column, name) of each look-alike space right after a top-level 'key:'."""
    found = []
    for index, line in enumerate(text.split("\n")):
        match = re.match(r"^(\s*(?:- )?[\w-]+:)(.)", line)
        if match and match.group(2) in ODD_SPACES:
            found.append((index + 1, len(match.group(1)) + 1, ODD_SPACES[match.group(2)]))
    return found


def cut_by_comment(node: yaml.Node | None, text: str, keys: tuple[str, ...]) -> dict[str, tuple[int, str, str]]:
    """Fields among `keys` whose unquoted value is followed by '# ...' on its line.

    Returns {key: (line within text, kept value, the cut part)}: `title: Hội nghị # lần 2`
    gives the title "Hội nghị", which is rarely what was meant.
    """
    result: dict[str, tuple[int, str, str]] = {}
    if not isinstance(node, yaml.MappingNode):
        return result
    lines = text.split("\n")
    for key_node, value in node.value:
        if key_node.value not in keys or not isinstance(value, yaml.ScalarNode) or value.style:
            continue
        end = value.end_mark
        if end.line != value.start_mark.line or end.line >= len(lines):
            continue
        rest = lines[end.line][end.column :]
        match = re.match(r"\s+#(.*)$", rest)
        if match:
            result[str(key_node.value)] = (end.line + 1, str(value.value), "#" + match.group(1))
    return result


_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?.*)?\s*$")


def date_problem(value: object) -> str | None:
    """Why a date written in a known shape is impossible ("tháng 2/2025 không có ngày 31"), or None."""
    text = str(value)
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.group(1, 2, 3))
        hour, minute = match.group(4), match.group(5)
    else:
        match = _YMD.match(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.group(1, 2, 3))
        hour, minute = match.group(4), match.group(5)
    if not 1 <= month <= 12:
        return f"không có tháng {month} (tháng từ 1 đến 12; ngày viết dạng ngày/tháng/năm, ví dụ 06/03/2024)"
    if year < 1:
        return f"năm {year} không hợp lệ"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"tháng {month}/{year} không có ngày {day} (tháng {month}/{year} có {last} ngày)"
    if hour is not None and (int(hour) > 23 or int(minute) > 59):
        return f"giờ {hour}:{minute} không hợp lệ (giờ từ 00:00 đến 23:59)"
    return None


# Article files an editor meant to write but the site never reads.
_MISNAMED = re.compile(r"\.(md\.txt|md\.docx?|markdown|mdown|txt)$|\.md$", re.IGNORECASE)


def misnamed_article(path: Path) -> str | None:
    """Advice for a file under articles/ that looks like an article but is not named `*.md`."""
    name = path.name
    found = _MISNAMED.search(name)
    if name.endswith(".md") or not found:
        return None
    stem = name[: found.start()]
    return f"tệp '{name}' không được đọc vì tên không kết thúc bằng '.md' (chữ thường); hãy đổi tên thành '{stem}.md'"


def case_mismatch(base: Path, rel: str) -> str | None:
    """The existing path (relative, as the editor should write it) that differs from `rel` only in case."""
    current = base
    parts: list[str] = []
    for part in Path(rel).parts:
        if part in (".", ".."):
            current = current / part
            parts.append(part)
            continue
        if (current / part).exists():
            current, name = current / part, part
        else:
            try:
                matches = [c for c in current.iterdir() if c.name.casefold() == part.casefold()]
            except OSError:
                return None
            if not matches:
                return None
            current, name = matches[0], matches[0].name
        parts.append(name)
    result = "/".join(parts)
    return result if result != rel and current.is_file() else None


def by_name(value: object, known: dict) -> str | None:
    """The id of the unit/category whose name (or name without marks) is `value`, or None."""
    if not isinstance(value, str):
        return None
    wanted = fold(nfc(value).strip())
    for ident, item in known.items():
        if fold(item.name) == wanted:
            return ident
    return None


def placeholder_line(body: str) -> tuple[int, str] | None:
    """(line within body, sentence) of the first placeholder sentence left from `new`, or None."""
    for index, line in enumerate(body.split("\n")):
        for sentence in PLACEHOLDERS:
            if sentence in line:
                return index + 1, sentence
    return None
