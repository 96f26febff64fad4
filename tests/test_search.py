"""The Vietnamese search: how text is analysed, and what the index holds."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import defaultdict

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc.build.workers import map_in_forks
from cchc.outputs.search import (
    KEYWORD_WEIGHT,
    SearchCache,
    SearchDoc,
    _document_entry,
    abbreviations_of,
    analyse_token,
    build_index,
    fnv1a,
    snippet,
    tokens,
)


def test_tone_placement_and_nfd_give_one_marked_form():
    assert analyse_token("hoà") == analyse_token("hòa") == ("hoa", "hoa1")
    assert analyse_token("thuỷ") == analyse_token("thủy") == ("thuy", "thuy4")
    assert analyse_token(unicodedata.normalize("NFC", unicodedata.normalize("NFD", "đường"))) == ("duong", "đương1")


def test_d_and_dd_fold_alike_but_stay_apart_when_marked():
    assert analyse_token("đường")[0] == analyse_token("dương")[0] == "duong"
    assert analyse_token("đường")[1] != analyse_token("dương")[1]
    assert analyse_token("thu") == ("thu", None)


def test_tokens_keep_procedure_codes_and_drop_punctuation():
    assert [t[0] for t in tokens("Mã 1.001193: Thủ tục (khai sinh)!")] == [
        "ma",
        "1.001193",
        "thu",
        "tuc",
        "khai",
        "sinh",
    ]
    assert [t[0] for t in tokens(unicodedata.normalize("NFD", "Hoà giải"))] == ["hoa", "giai"]


def read_bucket(data: bytes, total: int) -> dict[str, tuple[list[int], list[int], list[int] | None]]:
    """A reader of the bucket format, as search.js reads it: term -> (ids, title ids, frequency codes)."""
    terms, pos = {}, 0

    def varint():
        nonlocal pos
        value = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    def deltas(count):
        doc, ids = -1, []
        for _ in range(count):
            doc += varint() + 1
            ids.append(doc)
        return ids

    while pos < len(data):
        length = varint()
        term = data[pos : pos + length].decode("utf-8")
        pos += length
        count, flags = varint(), data[pos]
        pos += 1
        if flags & 1:
            ids = [d for d in range(total) if data[pos + (d >> 3)] & (1 << (d & 7))]
            pos += (total + 7) // 8
        else:
            ids = deltas(count)
        titles = deltas(varint())
        codes = None
        if flags & 2:
            packed = data[pos : pos + (count + 3) // 4]
            pos += (count + 3) // 4
            codes = [(packed[i >> 2] >> ((i & 3) * 2)) & 3 for i in range(count)]
        terms[term] = (ids, titles, codes)
    return terms


def lookup(files, term):
    meta = json.loads(files["search/meta.json"])
    bucket = fnv1a(term.encode("utf-8")) % meta["buckets"]
    return read_bucket(files[f"search/t/{bucket}.bin"], meta["docs"]).get(term)


def test_index_postings_and_documents():
    docs = [
        SearchDoc(
            "Đường dây nóng tiếp nhận phản ánh",
            "bai-viet/a/",
            "Gọi đường dây nóng.",
            "Tin tức",
            "06/03/2024 · Phòng Nội vụ",
        ),
        SearchDoc("Dương Minh Châu", "bai-viet/b/", "Thủ tục hành chính.", "Tin tức"),
        SearchDoc(
            "Thủ tục đăng ký khai sinh",
            "thu-tuc-hanh-chinh/1-001193/",
            "Tờ khai",
            "Thủ tục hành chính",
            extra="1.001193",
        ),
    ]
    files = build_index(docs)
    ids, titles, codes = lookup(files, "uduong")
    assert (ids, titles, codes) == ([0, 1], [0, 1], [1, 0])  # doc 0: "đường" twice (code 1 = 2-3 times)
    assert lookup(files, "mđương1")[0] == [0]
    assert lookup(files, "bthu tuc")[0] == [1, 2]
    assert lookup(files, "u1.001193")[0] == [2]
    chunk = json.loads(files["search/d/0.json"])
    assert chunk[0] == [
        "Đường dây nóng tiếp nhận phản ánh",
        "bai-viet/a/",
        "Tin tức",
        "06/03/2024 · Phòng Nội vụ",
        "Gọi đường dây nóng.",
    ]


def test_dense_terms_are_bitmaps_and_small():
    docs = [
        SearchDoc(f"Tin số {n}", f"bai-viet/{n}/", "Cải cách hành chính " * (n % 9 + 1), "Tin tức") for n in range(400)
    ]
    files = build_index(docs)
    ids, titles, codes = lookup(files, "uhanh")
    assert ids == list(range(400)) and titles == []
    assert codes[:9] == [0, 1, 1, 2, 2, 2, 2, 3, 3]
    meta = json.loads(files["search/meta.json"])
    bucket = files[f"search/t/{fnv1a(b'uhanh') % meta['buckets']}.bin"]
    # 400 documents: a 50-byte bitmap and 100 bytes of frequency codes, not 400 varints and 400 scores.
    assert len(bucket) < 400


def test_buckets_encoded_by_several_processes_give_the_same_index():
    words = [
        "đăng",
        "ký",
        "khai",
        "sinh",
        "kết",
        "hôn",
        "chứng",
        "thực",
        "hộ",
        "tịch",
        "đất",
        "đai",
        "xây",
        "dựng",
        "cải",
        "cách",
        "hành",
        "chính",
    ]
    docs = [
        SearchDoc(
            f"Tin số {n}: {words[n % len(words)]} {words[n * 7 % len(words)]}",
            f"bai-viet/{n}/",
            " ".join(words[(n + k) % len(words)] for k in range(n % 40)) + f" mã {n * 13}",
            "Tin tức",
        )
        for n in range(300)
    ]
    serial = build_index(docs)
    assert int(json.loads(serial["search/meta.json"])["buckets"]) > 16  # several buckets for each process
    assert build_index(docs, processes=3) == serial


def test_a_part_whose_process_failed_is_worked_again_here():
    parent = os.getpid()

    def work(part: int) -> bytes:
        if part == 2 and os.getpid() != parent:
            raise RuntimeError("a child that fails")
        return f"part {part}".encode()

    assert map_in_forks(work, 3) == [b"part 0", b"part 1", b"part 2"]


def test_completions_list_syllables_by_frequency():
    docs = [
        SearchDoc("Khai sinh", "a/", "sinh hoạt, sinh viên", "Tin tức"),
        SearchDoc("Sinh viên", "b/", "", "Tin tức"),
    ]
    files = build_index(docs)
    assert json.loads(files[f"search/v/{ord('s')}.json"]) == ["sinh"]
    assert json.loads(files[f"search/v/{ord('v')}.json"]) == ["vien"]


def test_abbreviations_expand_both_ways():
    assert "căn cước công dân" in abbreviations_of("Làm CCCD tại nhà")
    assert "cccd" in abbreviations_of("cấp Căn cước công dân").split()
    assert "ubnd" in abbreviations_of("Uỷ ban nhân dân xã").split()  # old tone placement too
    assert abbreviations_of("công dân căn cước") == ""  # the words, not in the phrase's order


def test_fold_js_is_generated_from_the_python_tables():
    from cchc.outputs.fold_js import fold_js
    from cchc.outputs.search import VERSION

    js = fold_js(VERSION)
    assert '"\\u0111": "d"' in js and "\\u0300-\\u036f" in js and f"indexVersion: {VERSION}" in js


def test_cached_terms_give_the_same_index(tmp_path):
    docs = [
        SearchDoc(
            f"Tin số {n} về đường dây nóng", f"bai-viet/{n}/", "Cải cách hành chính, CCCD. " * (n % 5 + 1), "Tin tức"
        )
        for n in range(40)
    ]
    cache = SearchCache(tmp_path)
    assert build_index(docs, cache) == build_index(docs)
    cache.save()
    unchanged = SearchCache(tmp_path)
    assert build_index(docs, unchanged) == build_index(docs) and not unchanged.changed  # the whole index reused
    edited = [*docs[:3], SearchDoc("Bài mới: khai sinh", "bai-viet/moi/", "Thủ tục khai sinh", "Tin tức"), *docs[4:]]
    cache = SearchCache(tmp_path)
    assert len(cache.documents) == 40 and cache.index is not None
    assert build_index(edited, cache) == build_index(edited)
    cache.save()
    again = SearchCache(tmp_path)
    assert len(again.documents) == 40  # the replaced document's entry is gone
    assert build_index(edited, again) == build_index(edited)


def test_snippet_folds_only_the_text_it_shows_with_the_same_result():
    def whole(text: str, limit: int) -> str:  # the definition: fold every space of the text, then cut
        text = re.sub(r"\s+", " ", text).strip()
        if len(text) <= limit:
            return text
        cut = text.rfind(" ", 0, limit)
        return text[: cut if cut > 0 else limit] + "…"

    parts = ["Cải cách", " ", "\n\n", "\t ", "hành chính", "x" * 30, " " * 90, "một cửa."]
    texts = ["", "   ", "ngắn", "a" * 400, " " * 400 + "cuối", "đầu" + " " * 400 + "cuối"]
    texts += ["".join(parts[(i * 7 + j * 3) % len(parts)] for j in range(i)) for i in range(1, 60)]
    for text in texts:
        for limit in (5, 20, 180):
            assert snippet(text, limit) == whole(text, limit), (text, limit)


def plain_document_terms(doc: SearchDoc) -> dict[str, tuple[bool, int]]:
    """The terms of a document the plain way, token after token (what _document_entry counts faster)."""
    counts: dict[str, list] = defaultdict(lambda: [False, 0])
    body = doc.text + " " + doc.extra
    expanded = abbreviations_of(doc.title + " " + doc.keywords + " " + body)
    texts = ((True, doc.title, 1), (True, doc.keywords, KEYWORD_WEIGHT), (False, body, 1), (False, expanded, 1))
    for in_title, text, weight in texts:
        previous = None
        for folded, marked in tokens(text):
            for term in ("u" + folded, "m" + marked if marked else None, f"b{previous} {folded}" if previous else None):
                if term:
                    counts[term][1] += weight
                    counts[term][0] = counts[term][0] or in_title
            previous = folded
    return {term: (in_title, count) for term, (in_title, count) in counts.items()}


# Syllables with and without marks, abbreviations and the phrases they stand for, codes, and odd characters.
SEARCH_WORDS = "thủ tục hành chính đăng ký khai sinh CCCD căn cước công dân Đại Ngãi hoà hòa THUỶ 1.000656 2024"
SEARCH_PHRASE = "UBND ủy ban nhân dân xã Long Phú dịch vụ công trực tuyến"
SEARCH_TEXT = st.lists(
    st.sampled_from([*SEARCH_WORDS.split(" "), *SEARCH_PHRASE.split(" "), "_", "ǅ", "ß", ",", ".", "\n", "\u0301"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(SEARCH_TEXT, SEARCH_TEXT, SEARCH_TEXT, SEARCH_TEXT)
@example("Thông báo của ủy ban", "nhân dân xã", "xe\u0301t duyê\u0323t hồ sơ CCCD", "")  # a phrase across the parts
@example("", "", "", "")
def test_document_terms_count_as_the_plain_way(title, keywords, text, extra):
    doc = SearchDoc(title=title, url="x/", text=text, kind="Tin tức", extra=extra, keywords=keywords)
    # What the index keeps: a byte a term, its occurrences (at most 127) times 2, plus 1 when in the title.
    terms, values = _document_entry(doc)
    expected = {term: min(n, 127) * 2 + in_title for term, (in_title, n) in plain_document_terms(doc).items()}
    assert dict(zip(terms, values, strict=True)) == expected
    assert len(set(terms)) == len(terms)
