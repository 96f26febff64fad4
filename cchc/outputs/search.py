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

Terms are hashed (FNV-1a, 32 bit) into bucket files `search/t/<n>.bin`. A term's entry:
varint length, the term (UTF-8), varint document count, a flags byte (1: documents as a
bitmap, 2: frequencies follow), the documents (a bitmap of all documents when the term is
in more than one in eight, else delta-encoded varints), the documents where it is in the
title (count, then deltas), and for syllables a 2-bit frequency code per document
(1, 2-3, 4-7, 8+). No word positions are stored: the postings of a word that every
article has ("hành", "chính") cost about N/8 + N/4 bytes. Documents are described in
chunks `search/d/<n>.json` of CHUNK entries.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from operator import add, itemgetter, mul
from pathlib import Path

from cchc.abbreviations import ABBREVIATIONS
from cchc.build.workers import map_in_forks
from cchc.content.atomic import replace_file
from cchc.text import fold, marked_form, nfc

VERSION = 4  # fold.js carries it too: search.js refuses an index of another version
CHUNK = 8
KEYWORD_WEIGHT = 8
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


@dataclass
class SearchDoc:
    title: str
    url: str  # site-relative
    text: str  # plain text of the body
    kind: str  # "Tin tức", "Thủ tục hành chính", "Trang"
    meta: str = ""  # unit name and date, or the procedure's field
    extra: str = ""  # indexed, not shown (codes, field names)
    keywords: str = ""  # indexed as if in the title, not shown ("hotline" for the hotline page)


_ANALYSED: dict[str, tuple[str, str | None]] = {}
_FOLDED, _MARKED = itemgetter(0), itemgetter(1)  # of an analysed token


def analyse_token(token: str) -> tuple[str, str | None]:
    """(folded, canonical marked form or None when the token has no diacritics)."""
    cached = _ANALYSED.get(token)
    if cached is None:
        folded = fold(token)
        marked = marked_form(token)
        cached = (folded, None if marked == folded else marked)
        if len(_ANALYSED) < 500_000:
            _ANALYSED[token] = cached
    return cached


def tokens(text: str) -> list[tuple[str, str | None]]:
    known = _ANALYSED.get  # most tokens of an article were seen before: a lookup, not a call of analyse_token
    return [known(t) or analyse_token(t) for t in TOKEN_RE.findall(nfc(text).lower())]


_PHRASES = [(key, phrase, tuple(fold(w) for w in phrase.split())) for key, phrase in ABBREVIATIONS.items()]


def abbreviations_of(text: str) -> str:
    """What the abbreviations table adds to a document: the phrase of each abbreviation it uses
    ("CCCD" -> "căn cước công dân") and the abbreviation of each phrase it spells out."""
    return _abbreviations([f for f, _ in tokens(text)])


def _abbreviations(folded: list[str]) -> str:
    """abbreviations_of a text whose folded syllables are `folded`."""
    words = set(folded)
    pairs = set(zip(folded, folded[1:], strict=False))
    added = []
    for key, phrase, parts in _PHRASES:
        if fold(key) in words:
            added.append(phrase)
        elif all(p in words for p in parts) and all(pair in pairs for pair in zip(parts, parts[1:], strict=False)):
            added.append(key)
    return " ".join(added)


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


def _document_entry(doc: SearchDoc) -> tuple[tuple[str, ...], bytes]:
    """The document's terms, interned, and each term's byte (its occurrences, capped at 127, times 2, plus 1 if it
    is in the title: the index keeps the occurrences as 1, 2-3, 4-7 or 8+): what the index and the cache keep.

    Terms are interned: a site's documents share a few thousand distinct terms, and each document's own copies cost a
    20,000-article build gigabytes. Both are made by maps of built-in functions, not a Python loop: a document has
    about 600 distinct terms, and the worker processes analyse every article."""
    counts, in_title = _counted_terms(doc)
    capped = map(min, counts.values(), repeat(127))
    values = map(add, map(mul, capped, repeat(2)), map(in_title.__contains__, counts))
    return tuple(map(sys.intern, counts)), bytes(values)


def _counted_terms(doc: SearchDoc) -> tuple[Counter, set[str]]:
    """Each term of the document with its occurrences, and the terms of its title and keywords."""
    texts = [tokens(text) for text in (doc.title, doc.keywords, doc.text + " " + doc.extra)]
    title, keywords, body = (_terms(analysed) for analysed in texts)
    # One text of the three, as abbreviations_of(title + " " + keywords + " " + body) would read it.
    expanded = _abbreviations([folded for analysed in texts for folded, _ in analysed])
    counts = Counter(body)
    counts.update(_terms(tokens(expanded)))
    counts.update(title)
    # Keywords say what the document is: in the title and as frequent as a word can count (8+).
    for term in keywords:
        counts[term] += KEYWORD_WEIGHT
    return counts, {*title, *keywords}


def _terms(analysed: list[tuple[str, str | None]]) -> list[str]:
    """Every term of a text's `tokens`, once per occurrence: its syllables folded (`u`), with their marks (`m`)
    and each pair of folded syllables (`b`)."""
    folded = list(map(_FOLDED, analysed))
    terms = list(map("u".__add__, folded))
    terms += map("m".__add__, filter(None, map(_MARKED, analysed)))
    terms += [f"b{first} {second}" for first, second in zip(folded, folded[1:], strict=False) if first]
    return terms


def _frequency_code(count: int) -> int:
    return 0 if count <= 1 else 1 if count <= 3 else 2 if count <= 7 else 3


def _encode(term: str, entries: array, total: int, out: bytearray) -> None:
    """`entries`: the term's postings, each (document number << 8) | its byte (_document_entry), by document number."""
    encoded = term.encode("utf-8")
    _varint(len(encoded), out)
    out += encoded
    _varint(len(entries), out)
    bitmap = len(entries) * 8 > total
    with_frequencies = term.startswith("u")
    out.append((1 if bitmap else 0) | (2 if with_frequencies else 0))
    numbers = [entry >> 8 for entry in entries]
    if bitmap:
        bits = bytearray((total + 7) // 8)
        for number in numbers:
            bits[number >> 3] |= 1 << (number & 7)
        out += bits
    else:
        _deltas(numbers, out)
    titles = [entry >> 8 for entry in entries if entry & 1]
    _varint(len(titles), out)
    _deltas(titles, out)
    if with_frequencies:
        packed = bytearray((len(entries) + 3) // 4)
        for index, entry in enumerate(entries):
            packed[index >> 2] |= _frequency_code((entry & 0xFF) >> 1) << ((index & 3) * 2)
        out += packed


def _deltas(numbers: list[int], out: bytearray) -> None:
    previous = -1
    for number in numbers:
        _varint(number - previous - 1, out)
        previous = number


_SPACES = re.compile(r"\s+")


def snippet(text: str, limit: int = 180) -> str:
    # The spaces of a prefix folded are a prefix of the whole text's folded: when that is already longer than
    # `limit`, the rest of the text (a whole article) need not be folded.
    head = _SPACES.sub(" ", text[: limit * 4]).lstrip().rstrip()
    if len(head) <= limit or len(text) <= limit * 4:
        head = _SPACES.sub(" ", text).strip()
        if len(head) <= limit:
            return head
    cut = head.rfind(" ", 0, limit)
    return head[: cut if cut > 0 else limit] + "…"


class SearchCache:
    """Each document's terms, and the last index, between builds (`.cache/search/`): a rebuild analyses only the
    documents whose title, text or keywords changed, and one with no change at all reuses the whole index.

    Entries are keyed by a hash of what `_document_entry` reads; the file is dropped when the code that makes
    terms changes (this module, the abbreviations, the folding). Unreadable means empty, never wrong.
    """

    def __init__(self, folder: Path, take_parts: bool = True):
        self.path = folder / "terms.marshal"
        self.fingerprint = _code_fingerprint()
        # digest -> (its terms, interned, and their bytes: _document_entry): marshal keeps one copy of each term
        self.documents: dict[bytes, tuple[tuple[str, ...], bytes]] = {}
        self.used: dict[bytes, tuple[tuple[str, ...], bytes]] = {}
        self.index: tuple[bytes, dict[str, bytes]] | None = None
        self.fresh: dict[bytes, tuple[tuple[str, ...], bytes]] = {}  # analysed by this process
        self.changed = False
        stored = self._read(self.path)
        if stored is not None:
            self.documents, self.index = stored["documents"], stored.get("index")
        # Terms the build's worker processes analysed (cchc/build/workers.py), each in its own file.
        for part in sorted(folder.glob("part-*.marshal")) if take_parts else []:
            stored = self._read(part)
            if stored is not None:
                self.documents.update(stored["documents"])
                self.changed = True
            part.unlink(missing_ok=True)

    def _read(self, path: Path) -> dict | None:
        try:
            stored = marshal.loads(path.read_bytes())
            return stored if stored["fingerprint"] == self.fingerprint else None
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            return None

    def terms(self, doc: SearchDoc) -> zip:
        """(term, its byte) of `doc`, from the cache or analysed now."""
        digest = hashlib.sha256("\0".join((doc.title, doc.keywords, doc.text, doc.extra)).encode("utf-8")).digest()
        entry = self.documents.get(digest)
        if entry is None:
            entry = _document_entry(doc)
            self.fresh[digest] = entry
            self.changed = True
        self.used[digest] = entry
        return zip(*entry, strict=True)

    def save(self) -> None:
        if not self.changed and len(self.used) == len(self.documents):
            return
        self._write(self.path, {"fingerprint": self.fingerprint, "documents": self.used, "index": self.index})

    def save_part(self) -> None:
        """A worker process: the terms it analysed, for the build's own SearchCache to take in."""
        if self.fresh:
            part = self.path.with_name(f"part-{os.getpid()}.marshal")
            self._write(part, {"fingerprint": self.fingerprint, "documents": self.fresh})

    def _write(self, path: Path, stored: dict) -> None:
        replace_file(path, marshal.dumps(stored))


def _code_fingerprint() -> str:
    here = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(str(VERSION).encode())
    for name in ("outputs/search.py", "abbreviations.py", "text.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _index_key(docs: list[SearchDoc]) -> bytes:
    digest = hashlib.sha256()
    for doc in docs:
        digest.update(json.dumps(doc.__dict__, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\0")
    return digest.digest()


def _every(items, check: Callable[[], None] | None, step: int = 256):
    """`items`, calling `check` (which raises to stop the work) every `step` items."""
    for number, item in enumerate(items):
        if check is not None and number % step == 0:
            check()
        yield item


def build_index(
    docs: list[SearchDoc],
    cache: SearchCache | None = None,
    check: Callable[[], None] | None = None,
    processes: int = 1,
) -> dict[str, bytes]:
    """Files of the index, path (below the site root) -> bytes. `check`, called now and then, may raise to stop.
    `processes` above 1: the buckets are encoded by that many processes (forked: a build, never the preview)."""
    key = _index_key(docs) if cache is not None else b""
    if check is not None:
        check()
    if cache is not None and cache.index is not None and cache.index[0] == key:
        for doc in docs:  # keep their entries
            cache.terms(doc)
        return cache.index[1]
    # An array of 4-byte postings a term (not a tuple each): 20,000 articles hold about 12 million.
    postings: dict[str, array] = defaultdict(lambda: array("I"))
    for number, doc in enumerate(_every(docs, check)):
        if cache is None:
            for term, value in zip(*_document_entry(doc), strict=True):
                postings[term].append(number << 8 | value)
        else:
            for term, value in cache.terms(doc):
                postings[term].append(number << 8 | value)
    # About eight terms a bucket: a query fetches little besides the postings it needs.
    buckets = 16
    while buckets < 65536 and buckets * 8 < len(postings):
        buckets *= 2
    terms = sorted(postings)
    bucket_of = [fnv1a(term.encode("utf-8")) % buckets for term in _every(terms, check)]

    def encode(part: int, parts: int) -> dict[int, bytearray]:
        """The buckets whose number is `part` modulo `parts`, each its terms in order."""
        encoded: dict[int, bytearray] = defaultdict(bytearray)
        for term, bucket in zip(_every(terms, check), bucket_of, strict=True):
            if bucket % parts == part:
                _encode(term, postings[term], len(docs), encoded[bucket])
        return encoded

    if processes > 1:
        bucket_bytes: dict[int, bytes | bytearray] = {}
        for part in map_in_forks(lambda part: marshal.dumps(dict(encode(part, processes))), processes):
            bucket_bytes.update(marshal.loads(part))
    else:
        bucket_bytes = dict(encode(0, 1))
    completions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for term, entries in postings.items():
        if term.startswith("u") and term[1:].isalpha():
            completions[term[1]].append((-len(entries), term[1:]))
    # Every bucket exists, empty or not: a missing word costs a tiny response, never a 404.
    files = {f"search/t/{n}.bin": bytes(bucket_bytes.get(n, b"")) for n in range(buckets)}
    for start in range(0, len(docs), CHUNK):
        chunk = [[d.title, d.url, d.kind, d.meta, snippet(d.text)] for d in docs[start : start + CHUNK]]
        files[f"search/d/{start // CHUNK}.json"] = json.dumps(chunk, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8"
        )
    for first, words in completions.items():
        files[f"search/v/{ord(first)}.json"] = json.dumps([w for _, w in sorted(words)], separators=(",", ":")).encode(
            "utf-8"
        )
    meta = {"version": VERSION, "buckets": buckets, "docs": len(docs), "chunk": CHUNK}
    files["search/meta.json"] = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if cache is not None:
        cache.index, cache.changed = (key, files), True
    return files
