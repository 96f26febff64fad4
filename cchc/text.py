"""Vietnamese text helpers: NFC normalisation, URL slugs and accent folding."""

from __future__ import annotations

import functools
import html as _html
import re
import unicodedata

import markdown
from slugify import slugify as _slugify

# Old ("hoà", "thuỷ") and new ("hòa", "thủy") tone placement differ only in which
# vowel carries the mark; folding drops the marks, so both fold to the same letters.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC (Word and macOS files often carry NFD marks)."""
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=65536)
def slugify(text: str, separator: str = "-") -> str:
    """URL slug: lower case ASCII, marks dropped, đ becomes d ("Đẩy mạnh" -> "day-manh").

    Memoised: a site slugs the same tags tens of thousands of times, and python-slugify imports its
    transliteration module on every call with a non-ASCII character.
    """
    return _slugify(nfc(text).translate(_FOLD_EXTRA), separator=separator)


def heading_slug(value: str, separator: str = "-") -> str:
    """Slug for heading anchors, with the signature Python-Markdown's toc expects."""
    return slugify(value, separator)


# The folding rule, in one place. `cchc/outputs/fold_js.py` ships these same tables to the
# browser (assets/fold.js), so search.js and catalog.js fold exactly like the index.
FOLD_LETTERS = {"đ": "d", "Đ": "d"}  # letters with no Unicode decomposition
FOLD_MARKS = "\u0300-\u036f"  # combining diacritics: tones, circumflex, breve, horn
# Combining tone marks and the digit each becomes at the end of a canonical marked syllable.
TONES = {"\u0300": "1", "\u0301": "2", "\u0303": "3", "\u0309": "4", "\u0323": "5"}
_FOLD_LETTERS = str.maketrans(FOLD_LETTERS)
_FOLD_MARKS_RE = re.compile(f"[{FOLD_MARKS}]")


def fold(text: str) -> str:
    """Lower case, without tone marks or diacritics, đ as d: what a citizen types on a phone.

    Same steps as fold.js: đ/Đ to d, NFD, marks dropped, NFC, lower case.
    """
    bare = _FOLD_MARKS_RE.sub("", unicodedata.normalize("NFD", text.translate(_FOLD_LETTERS)))
    return unicodedata.normalize("NFC", bare).lower()


def marked_form(token: str) -> str:
    """A syllable with its diacritics, tone placement made canonical: the tone mark moves to the
    end as a digit ("hoà" and "hòa" -> "hoa1"). `token` is lower case NFC."""
    decomposed = unicodedata.normalize("NFD", token)
    tone = next((TONES[ch] for ch in decomposed if ch in TONES), "")
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES)) + tone


_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def strip_tags(html: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed."""
    return _SPACE_RE.sub(" ", _html.unescape(_TAG_RE.sub(" ", html))).strip()


_SKIP_BLOCK = re.compile(r"^\s*(#|!\[|<|\||```|~~~|>|[-*+] |\d+\. |\[\^|---|===)")
_SUMMARY_MARKDOWN = markdown.Markdown()  # one instance: building one per article costs more than converting


# A block with none of Markdown's inline syntax, HTML, entities or control characters, and no line that could start
# a heading, list, quote, rule or code: Python-Markdown makes it one <p> of the same text, so its plain text is the
# block with its spaces folded (tests/test_text.py compares the two on random text). Most first paragraphs are.
# (A lone \r ends a line for Markdown, not for `^`: such blocks take the slow way.)
_INLINE_SYNTAX = re.compile(r"[*_`\[\]!<>&\\|~\x00-\x08\x0b-\x1f]")
_LINE_SYNTAX = re.compile(r"^(?: {4}|\t| {0,3}(?:[#>=+-]|\d+\.))", re.MULTILINE)


def first_paragraph(body: str) -> str:
    """The first paragraph of a Markdown body as plain text, for the default summary."""
    for block in re.split(r"\n\s*\n", body.strip()):
        if block.strip() and not _SKIP_BLOCK.match(block):
            if not _INLINE_SYNTAX.search(block) and not _LINE_SYNTAX.search(block):
                return _SPACE_RE.sub(" ", block).strip()
            return markdown_text(block)
    return ""


def markdown_text(block: str) -> str:
    """Plain text of a Markdown block, as Python-Markdown renders it."""
    return strip_tags(_SUMMARY_MARKDOWN.reset().convert(block))
