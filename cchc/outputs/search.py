"""A static search index for Vietnamese, fetched in small pieces by the browser.

Why not Material's lunr or stock Pagefind: see README ("Search"). In short, citizens type
without diacritics and without đ, and common CCHC words appear in every article, so the
index must fold đ/d and tones, rank exact diacritics higher, and never make a phone
download the postings of more than the words it typed.

Terms, per document (an article, a procedure, a page):
- `u<syllable>`: each folded syllable (lower case, no marks, đ as d); a score byte says
  whether it is in the title (bit 7) and how often it occurs (bits 0-6);
- `b<syllable> <syllable>`: each folded syllable pair, since Vietnamese words are mostly
  two syllables ("thu tuc", "khai sinh"): documents with the typed pair rank first;
- `m<marked>`: each syllable with its marks, tone placement made canonical ("hoà" and
  "hòa" are one term), so a query typed with diacritics ranks exact matches first.

Terms are hashed (FNV-1a, 32 bit) into bucket files `search/t/<n>.bin`; a bucket holds
its terms' postings as delta-encoded document numbers (varints) and score bytes. No word
positions are stored: that is what keeps the postings of "hành chính" at about two bytes
per document. Documents are described in chunks `search/d/<n>.json` of CHUNK entries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from cchc.text import fold, nfc

VERSION = 1
CHUNK = 16
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
# Combining tone marks and the digit each becomes at the end of a canonical marked syllable.
TONES = {"\u0300": "1", "\u0301": "2", "\u0303": "3", "\u0309": "4", "\u0323": "5"}


@dataclass
class SearchDoc:
    title: str
    url: str  # site-relative
    text: str  # plain text of the body
    kind: str  # "Tin tức", "Thủ tục hành chính", "Trang"
    meta: str = ""  # unit name and date, or the procedure's field
    extra: str = ""  # indexed, not shown (codes, field names)


_ANALYSED: dict[str, tuple[str, str | None]] = {}


def analyse_token(token: str) -> tuple[str, str | None]:
    """(folded, canonical marked form or None when the token has no diacritics)."""
    cached = _ANALYSED.get(token)
    if cached is None:
        folded = fold(token)
        decomposed = unicodedata.normalize("NFD", token)
        tone = next((TONES[ch] for ch in decomposed if ch in TONES), "")
        marked = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES)) + tone
        cached = (folded, None if marked == folded else marked)
        if len(_ANALYSED) < 500_000:
            _ANALYSED[token] = cached
    return cached


def tokens(text: str) -> list[tuple[str, str | None]]:
    return [analyse_token(t) for t in TOKEN_RE.findall(nfc(text).lower())]


def fnv1a(data: bytes) -> int:
    value = 0x811C9DC5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _varint(number: int, out: bytearray) -> None:
    while number >= 0x80:
        out.append((number & 0x7F) | 0x80)
        number >>= 7
    out.append(number)


def _document_terms(doc: SearchDoc) -> dict[str, int]:
    """term -> score byte for one document."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # [in title, occurrences]
    for field, text in ((0, doc.title), (1, doc.text + " " + doc.extra)):
        previous = None
        for folded, marked in tokens(text):
            for term in ("u" + folded, "m" + marked if marked else None,
                         "b" + previous + " " + folded if previous else None):
                if term:
                    entry = counts[term]
                    entry[1] += 1
                    if field == 0:
                        entry[0] = 1
            previous = folded
    return {term: (128 if title else 0) | min(count, 127) for term, (title, count) in counts.items()}


def snippet(text: str, limit: int = 220) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + "…"


def build_index(docs: list[SearchDoc]) -> dict[str, bytes]:
    """Files of the index, path (below the site root) -> bytes."""
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, doc in enumerate(docs):
        for term, score in _document_terms(doc).items():
            postings[term].append((number, score))
    buckets = 16
    while buckets < 16384 and buckets * 32 < len(postings):
        buckets *= 2
    bucket_bytes: dict[int, bytearray] = defaultdict(bytearray)
    for term in sorted(postings):
        encoded = term.encode("utf-8")
        out = bucket_bytes[fnv1a(encoded) % buckets]
        entries = postings[term]
        _varint(len(encoded), out)
        out += encoded
        _varint(len(entries), out)
        previous = -1
        for number, _ in entries:
            _varint(number - previous - 1, out)
            previous = number
        out += bytes(score for _, score in entries)
    # Every bucket exists, empty or not: a missing word costs a tiny response, never a 404.
    files = {f"search/t/{n}.bin": bytes(bucket_bytes.get(n, b"")) for n in range(buckets)}
    for start in range(0, len(docs), CHUNK):
        chunk = [[d.title, d.url, d.kind, d.meta, snippet(d.text)] for d in docs[start:start + CHUNK]]
        files[f"search/d/{start // CHUNK}.json"] = json.dumps(chunk, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    meta = {"version": VERSION, "buckets": buckets, "docs": len(docs), "chunk": CHUNK, "tones": TONES}
    files["search/meta.json"] = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files
