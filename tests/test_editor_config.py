"""The web editor's generated form against the schema `check` uses: what the form accepts, check accepts."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import yaml
from conftest import article

from cchc.content import schema
from cchc.content.loader import load_content
from cchc.editor.config import LOCAL_BACKEND, editor_config, save_rules
from cchc.editor.install import install_admin


@pytest.fixture
def config(make_content):
    content, problems = load_content(make_content())
    assert not problems.errors
    return editor_config(content, date(2025, 8, 1), {}, "https://cchc.example.vn/"), content


def by_name(fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in fields}


def collection(cfg: dict, name: str) -> dict:
    return next(c for c in cfg["collections"] if c["name"] == name)


def list_file(cfg: dict, name: str) -> list[dict]:
    item = next(f for f in collection(cfg, "lists")["files"] if f["name"] == name)
    return item["fields"][0]["fields"]


def forms(cfg: dict):
    """(form fields, schema fields) for every kind of content the editor writes."""
    articles = by_name(collection(cfg, "articles")["fields"])
    procedures = by_name(collection(cfg, "procedures")["fields"])
    yield articles, {k: v for k, v in schema.ARTICLE_FIELDS.items() if k != "slug"}
    yield by_name(articles["attachments"]["fields"]), schema.ATTACHMENT_FIELDS
    yield procedures, schema.PROCEDURE_FIELDS
    yield by_name(procedures["channels"]["fields"]), schema.CHANNEL_FIELDS
    yield by_name(list_file(cfg, "hotlines")), schema.HOTLINE_FIELDS
    yield by_name(list_file(cfg, "units")), schema.UNIT_FIELDS
    yield by_name(list_file(cfg, "categories")), schema.CATEGORY_FIELDS


def test_every_schema_field_is_in_the_form_with_the_same_required_flag(config):
    cfg, _ = config
    for form, fields in forms(cfg):
        assert set(form) >= set(fields)
        for name, spec in fields.items():
            assert form[name]["required"] == spec.required, name


def test_free_text_and_ids_have_the_schema_rules(config):
    cfg, _ = config
    for form, fields in forms(cfg):
        for name, spec in fields.items():
            field = form[name]
            if spec.convert is schema.identifier and field["widget"] == "string":
                assert re.fullmatch(field["pattern"][0], "phong-noi-vu")
                assert not re.search(field["pattern"][0], "Phòng-Nội-vụ")
            if spec.convert is schema.text and field["widget"] in ("string", "text"):
                assert not re.search(field["pattern"][0], "   "), name
            if spec.convert is schema.url:
                assert not re.search(field["pattern"][0], "ftp://x")
                assert re.search(field["pattern"][0], "https://dichvucong.gov.vn/p/home")


def test_choices_equal_the_schema_and_the_content(config):
    cfg, content = config
    articles = by_name(collection(cfg, "articles")["fields"])
    # A unit that has ended (ubnd-huyen, until 30/06/2025) is not offered for new articles.
    assert [o["value"] for o in articles["unit"]["options"]] == ["phong-noi-vu", "ubnd-xa-moi"]
    assert [o["label"] for o in articles["unit"]["options"]] == ["Phòng Nội vụ", "UBND xã Long Phú"]
    assert [o["value"] for o in articles["category"]["options"]] == list(content.categories)
    procedures = by_name(collection(cfg, "procedures")["fields"])
    assert procedures["level"]["options"] == ["tỉnh", "huyện", "xã"] and procedures["level"]["multiple"]
    assert procedures["online"]["options"] == ["toàn trình", "một phần", "không"]
    channel = by_name(procedures["channels"]["fields"])
    assert channel["method"]["options"] == ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]


def test_articles_are_stored_by_year_with_photos_beside_them(config):
    cfg, _ = config
    articles = collection(cfg, "articles")
    assert (articles["folder"], articles["path"], articles["extension"]) == (
        "content/articles",
        "{{year}}/{{slug}}",
        "md",
    )
    assert (articles["media_folder"], articles["public_folder"]) == ("anh", "anh")
    assert cfg["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert cfg["publish_mode"] == "editorial_workflow" and cfg["locale"] == "vi"
    assert {k: v for k, v in cfg["backend"].items() if k != "commit_messages"} == LOCAL_BACKEND


@pytest.mark.parametrize(
    "value",
    ["2025-08-01 08:30", "2025-08-01"],
)
def test_dates_in_the_form_s_storage_format_pass_check(make_content, config, value):
    cfg, _ = config
    fields = by_name(collection(cfg, "articles")["fields"])
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    root = make_content({"articles/2025/bai.md": article("Tin", value, unit="ubnd-xa-moi")})
    assert not load_content(root)[1].errors


def test_installed_admin_has_the_generated_configuration(tmp_path, config):
    cfg, content = config
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "decap-cms.js").write_text("/* bundle */")
    (dist / "12.decap-cms.js").write_text("/* chunk */")
    (dist / "12.decap-cms.js.map").write_text("{}")
    assert install_admin(tmp_path / "site", cfg, dist, save_rules(content)) is None
    admin = tmp_path / "site/admin"
    assert sorted(p.name for p in admin.iterdir()) == [
        "12.decap-cms.js",
        "admin.js",
        "config.yml",
        "decap-cms.js",
        "index.html",
        "rules.json",
    ]
    rules = json.loads((admin / "rules.json").read_text(encoding="utf-8"))
    assert rules["units"]["ubnd-huyen"] == {
        "name": "UBND huyện Long Phú",
        "from": None,
        "until": "2025-06-30",
        "lifetime": "đến 30/06/2025",
    }
    assert rules["slugs"] == {"ke-hoach": "2024/ke-hoach.md"}
    assert yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8")) == cfg


def test_missing_bundle_is_a_warning_not_a_failure(tmp_path, config):
    cfg, _ = config
    warning = install_admin(tmp_path / "site", cfg, tmp_path / "nowhere")
    assert "trang biên tập /admin/ không dùng được" in warning and "npm ci" in warning
    assert not (tmp_path / "site/admin").exists()


def test_hotline_contacts_follow_the_loader(config):
    from cchc.content.loader import _EMAIL_RE

    cfg, _ = config
    hotline = by_name(list_file(cfg, "hotlines"))
    assert hotline["email"]["pattern"][0] == _EMAIL_RE.pattern
    phone = re.compile(hotline["phone"]["pattern"][0])
    assert phone.search("0299 3861 234") and phone.search("+84 299 3861 234")
    assert not phone.search("gọi 0299") and not phone.search("1900")
