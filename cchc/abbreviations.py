"""Abbreviations citizens and editors write for administrative words, in one table.

The search index expands them both ways (cchc/outputs/search.py): a document that says
"căn cước công dân" is also found by "cccd", one that says "CCCD" by "can cuoc cong dan".
Keys are lower case; the phrase is written with its diacritics.
"""

from __future__ import annotations

ABBREVIATIONS = {
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "cccd": "căn cước công dân",
    "cchc": "cải cách hành chính",
    "cđs": "chuyển đổi số",
    "cntt": "công nghệ thông tin",
    "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến",
    "gplx": "giấy phép lái xe",
    "hcc": "hành chính công",
    "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "pakn": "phản ánh kiến nghị",
    "qsdđ": "quyền sử dụng đất",
    "tthc": "thủ tục hành chính",
    "ubnd": "ủy ban nhân dân",
}
