"""The Vietnamese search: how text is analysed, and what the index holds."""

from __future__ import annotations

import json
import unicodedata

from cchc.outputs.search import SearchDoc, analyse_token, build_index, fnv1a, tokens


def test_tone_placement_and_nfd_give_one_marked_form():
    assert analyse_token("hoà") == analyse_token("hòa") == ("hoa", "hoa1")
    assert analyse_token("thuỷ") == analyse_token("thủy") == ("thuy", "thuy4")
    assert analyse_token(unicodedata.normalize("NFC", unicodedata.normalize("NFD", "đường"))) == ("duong", "đương1")


def test_d_and_dd_fold_alike_but_stay_apart_when_marked():
    assert analyse_token("đường")[0] == analyse_token("dương")[0] == "duong"
    assert analyse_token("đường")[1] != analyse_token("dương")[1]
    assert analyse_token("thu") == ("thu", None)


def test_tokens_keep_procedure_codes_and_drop_punctuation():
    assert [t[0] for t in tokens("Mã 1.001193: Thủ tục (khai sinh)!")] == ["ma", "1.001193", "thu", "tuc", "khai", "sinh"]
    assert [t[0] for t in tokens(unicodedata.normalize("NFD", "Hoà giải"))] == ["hoa", "giai"]


def read_bucket(data: bytes) -> dict[str, list[int]]:
    """A reader of the bucket format, as search.js reads it."""
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

    while pos < len(data):
        length = varint()
        term = data[pos:pos + length].decode("utf-8")
        pos += length
        count, doc, ids = varint(), -1, []
        for _ in range(count):
            doc += varint() + 1
            ids.append(doc)
        terms[term] = (ids, list(data[pos:pos + count]))
        pos += count
    return terms


def lookup(files, term):
    meta = json.loads(files["search/meta.json"])
    bucket = fnv1a(term.encode("utf-8")) % meta["buckets"]
    return read_bucket(files[f"search/t/{bucket}.bin"]).get(term)


def test_index_postings_and_documents():
    docs = [
        SearchDoc("Đường dây nóng tiếp nhận phản ánh", "bai-viet/a/", "Gọi đường dây nóng.", "Tin tức", "06/03/2024 · Phòng Nội vụ"),
        SearchDoc("Dương Minh Châu", "bai-viet/b/", "Thủ tục hành chính.", "Tin tức"),
        SearchDoc("Thủ tục đăng ký khai sinh", "thu-tuc-hanh-chinh/1-001193/", "Tờ khai", "Thủ tục hành chính", extra="1.001193"),
    ]
    files = build_index(docs)
    ids, scores = lookup(files, "uduong")
    assert ids == [0, 1] and scores[0] & 128 and scores[0] & 127 == 2
    assert lookup(files, "mđương1")[0] == [0]
    assert lookup(files, "bthu tuc")[0] == [1, 2]
    assert lookup(files, "u1.001193")[0] == [2]
    chunk = json.loads(files["search/d/0.json"])
    assert chunk[0] == ["Đường dây nóng tiếp nhận phản ánh", "bai-viet/a/", "Tin tức", "06/03/2024 · Phòng Nội vụ", "Gọi đường dây nóng."]
