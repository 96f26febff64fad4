"""Province roll-up: `tally --source` over the articles.json of several portals, served on 127.0.0.1 or as files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import serve
from conftest import article, base_files, project_config, run_build, run_python, write_tree

PORTAL_A = {
    "units.yml": (
        "units:\n  - id: phong-noi-vu\n    name: Phòng Nội vụ\n    group: Cơ quan chuyên môn\n    until: 2025-06-30\n"
        "  - id: ubnd-xa-moi\n    name: UBND xã Long Phú\n    group: UBND xã\n    from: 2025-07-01\n"
    ),
    "articles/2025/a1.md": article("Tin quý I", "2025-02-01"),
    "articles/2025/a2.md": article("Tin quý II", "2025-05-01"),
    "articles/2025/a3.md": article("Tin xã mới", "2025-08-01", unit="ubnd-xa-moi"),
    "plans/2025.yml": "year: 2025\ntargets:\n  phong-noi-vu: {per_quarter: 2}\n  ubnd-xa-moi: {per_year: 8}\n",
}
PORTAL_B = {
    "units.yml": "units:\n  - id: phong-noi-vu\n    name: Phòng Nội vụ\n    group: Cơ quan chuyên môn\n",
    "articles/2025/b1.md": article("Tin huyện khác", "2025-03-03"),
    "articles/2025/b2.md": article("Tin huyện khác 2", "2025-10-10"),
}


def _portal(root: Path, files: dict) -> Path:
    tree = base_files()
    tree.update(files)
    write_tree(root / "content", tree)
    project_config(root)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def portals(tmp_path_factory):
    return (
        _portal(tmp_path_factory.mktemp("huyen-a"), PORTAL_A),
        _portal(tmp_path_factory.mktemp("huyen-b"), PORTAL_B),
    )


def tally(*args, cwd):
    return run_python("cchc", "tally", *args, cwd=cwd)


def test_articles_json_is_versioned(portals):
    data = json.loads((portals[0] / "articles.json").read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["count"] == len(data["articles"]) == 4
    units = {u["id"]: u for u in data["units"]}
    assert units["phong-noi-vu"]["until"] == "2025-06-30" and units["ubnd-xa-moi"]["from"] == "2025-07-01"
    assert data["plans"] == [
        {
            "year": 2025,
            "targets": {
                "phong-noi-vu": {"per_quarter": 2, "per_year": None},
                "ubnd-xa-moi": {"per_quarter": None, "per_year": 8},
            },
        }
    ]


def test_roll_up_over_two_served_portals(portals, tmp_path):
    with serve(portals[0]) as first, serve(portals[1]) as second:
        result = tally(
            "2025",
            "--format",
            "json",
            "--source",
            f"Huyện A={first}",
            "--source",
            f"Huyện B={second}articles.json",
            cwd=tmp_path,
        )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(g["group"], g["posts"], g["target"]) for g in data["groups"]] == [("Huyện A", 3, 8), ("Huyện B", 2, None)]
    rows = [(r["group"], r["name"], r["posts"], r["target"]) for r in data["rows"]]
    # v2 targets from the portal's plan: 2 quarters x 2, and ceil(8 x 2 / 4).
    assert rows == [
        ("Huyện A", "Phòng Nội vụ", 2, 4),
        ("Huyện A", "UBND xã Long Phú", 1, 4),
        ("Huyện B", "Phòng Nội vụ", 2, None),
    ]
    assert data["total"] == 5 and all(s["ok"] for s in data["sources"])


@pytest.mark.parametrize("fmt", ["table", "csv", "md", "xlsx", "docx"])
def test_roll_up_in_every_format_from_files(portals, tmp_path, fmt):
    out = tmp_path / f"tong-hop.{fmt}"
    result = tally(
        "2025",
        "--format",
        fmt,
        "--output",
        str(out),
        "--source",
        str(portals[0] / "articles.json"),
        "--source",
        f"Huyện B={portals[1]}",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    if fmt == "xlsx":
        from openpyxl import load_workbook

        text = "\n".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value)
    elif fmt == "docx":
        from docx import Document

        text = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    else:
        text = out.read_text(encoding="utf-8-sig")
    # One group per portal: the first named by its site's host, the second by the name given.
    assert "cchc.longphu.example.vn" in text and "Huyện B" in text
    assert "Cộng Huyện B" in text


def test_a_source_that_is_down_or_malformed(portals, tmp_path):
    bad_version = tmp_path / "cu.json"
    bad_version.write_text(json.dumps({"count": 0, "articles": []}), encoding="utf-8")
    cut = json.loads((portals[1] / "articles.json").read_text(encoding="utf-8"))
    cut["articles"] = cut["articles"][:1]
    truncated = tmp_path / "cat.json"
    truncated.write_text(json.dumps(cut), encoding="utf-8")
    page = tmp_path / "trang.json"
    page.write_text("<!doctype html><title>404</title>", encoding="utf-8")
    with serve(portals[0]) as up, serve(tmp_path) as other:
        down = "http://127.0.0.1:9/"  # nothing listens on the discard port
        result = tally(
            "2025",
            "--source",
            f"Huyện A={up}",
            "--source",
            down,
            "--source",
            str(bad_version),
            "--source",
            str(truncated),
            "--source",
            str(page),
            "--source",
            f"{other}khong-co.json",
            cwd=tmp_path,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    err = result.stderr
    assert f"Nguồn {down}: không tải được" in err
    assert "cu.json: articles.json phiên bản None, cần phiên bản 2" in err
    assert "cat.json: 'count' là 3 nhưng có 1 bài" in err
    assert "trang.json: không phải tệp JSON" in err
    assert "máy chủ trả lời lỗi 404" in err
    assert "5 nguồn không đọc được; bảng dưới chỉ gồm 1 nguồn còn lại" in err
    # The source that answered is still counted and shown.
    assert "Huyện A" in result.stdout and "Tổng cộng" in result.stdout
    assert [line for line in result.stdout.splitlines() if "Tổng cộng" in line][0].split()[2] == "3"


def test_a_source_whose_articles_name_unknown_units(portals, tmp_path):
    data = json.loads((portals[1] / "articles.json").read_text(encoding="utf-8"))
    data["articles"][0]["unit"]["id"] = "khong-co"
    lying = tmp_path / "sai.json"
    lying.write_text(json.dumps(data), encoding="utf-8")
    result = tally("2025", "--source", str(lying), cwd=tmp_path)
    assert result.returncode == 1 and "bài thứ 1: đơn vị 'khong-co' không có trong 'units'" in result.stderr


def test_the_same_portal_twice_is_counted_once(portals, tmp_path):
    with serve(portals[0]) as url:
        result = tally(
            "2025", "--format", "json", "--source", url, "--source", str(portals[0] / "articles.json"), cwd=tmp_path
        )
    assert result.returncode == 1 and "một cổng khai hai lần" in result.stderr
    assert json.loads(result.stdout)["total"] == 3
