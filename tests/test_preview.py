"""The live preview's incremental rebuild (cchc/build/incremental.py) leaves the served folder exactly as a fresh
`mkdocs serve` build of the same tree would, across editors' edits; and a real `serve` shows an edit with it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import DemoEdits, article, differences, edit_file, free_port, project_config, run_python
from test_serve import wait_for

from cchc.build.site_writes import remove_output, write_if_changed
from cchc.build.sources import changed_paths, outside, snapshot

DRIVER = Path(__file__).resolve().parent / "preview_driver.py"


def driver(project: Path, site: Path, mode: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(project / "mkdocs.yml"), str(site), mode],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
    )


def fresh_serve_build(project: Path, site: Path) -> None:
    """The first build of a new `mkdocs serve` of the tree, every shortcut off (no page cache, no memo), in a
    forked copy of the tests' warm Python (conftest.run_python): a new process, without the imports' second."""
    env = {**os.environ, "CCHC_FAST": "0", "PYTHONPATH": str(DRIVER.parent)}
    result = run_python(DRIVER.stem, str(project / "mkdocs.yml"), str(site), "once", cwd=project, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


def rebuild(preview: subprocess.Popen, wait: bool) -> list[str]:
    """One rebuild of the driver's serve (its outputs waited for, or not); the preview's messages."""
    assert preview.stdin is not None and preview.stdout is not None and preview.stderr is not None
    preview.stdin.write("wait\n" if wait else "\n")
    preview.stdin.flush()
    messages = json.loads(preview.stdout.readline() or "null")
    assert messages is not None, preview.stderr.read()[-3000:]
    return messages


def test_incremental_rebuilds_equal_fresh_serve_builds(demo_project, tmp_path):
    project = demo_project
    edits = DemoEdits(project)
    steps = [
        ("title", edits.retitle),
        ("new article", edits.add),
        ("deleted article", edits.delete),
        ("unit renamed", edits.rename_unit),
        ("template", edits.change_template),
        ("nothing", lambda: None),
    ]
    served = tmp_path / "served"
    preview = driver(project, served, "serve")
    try:
        assert preview.stdout is not None and preview.stderr is not None
        assert json.loads(preview.stdout.readline() or "null") == ["sẵn sàng"], preview.stderr.read()[-3000:]
        for name, edit in steps:
            if name == "new article":  # a save while the previous rebuild still writes its outputs: they stop
                edits.retitle("Tiêu đề đã sửa lần hai")
                rebuild(preview, wait=False)
            edit()
            messages = rebuild(preview, wait=True)
            fresh_serve_build(project, tmp_path / name)
            assert differences(tmp_path / name, served) == [], (name, messages)
            if name == "template":  # outside content/: MkDocs' full build, then incremental rebuilds again
                assert "dựng lại toàn bộ trang (tệp ngoài thư mục nội dung thay đổi" in " ".join(messages), messages
            elif name != "unit renamed":  # may take the full build: every page that names the unit changes
                done = re.search(r"đã dựng lại (\d+) trang", " ".join(messages))
                assert done, (name, messages)
                if name != "new article":
                    assert int(done.group(1)) < 60, (name, messages)  # of 135: the article, its neighbours, listings
    finally:
        preview.stdin.close()
        preview.wait(timeout=120)


def test_serve_shows_an_edited_title_without_a_full_build(tmp_path, make_content):
    root = make_content({"articles/2024/tin.md": article("Tin trước khi sửa", "2024-05-01")})
    project_config(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/bai-viet/tin/"
        wait_for(url, lambda text: "Tin trước khi sửa" in text, seconds=300)
        edit_file(root / "articles/2024/tin.md", "Tin trước khi sửa", "Tin sau khi sửa")
        wait_for(url, lambda text: "Tin sau khi sửa" in text, seconds=300)
        # The browser was told to reload once the rebuild was through: its message is in the terminal by then.
        wait_for(f"http://127.0.0.1:{port}/", lambda _: "Reloading browsers" in log.read_text(encoding="utf-8"))
        output = log.read_text(encoding="utf-8")
        assert "Xem trước: đã dựng lại" in output and "Traceback" not in output, output[-3000:]
        # A save that puts two articles at one address: the error on the page (and in the terminal), no traceback;
        # the preview carries on once the editor fixes it.
        (root / "articles/2025").mkdir()
        (root / "articles/2025/tin.md").write_text(article("Tin trùng địa chỉ", "2025-05-01"), encoding="utf-8")
        wait_for(url, lambda text: "trùng địa chỉ với content/articles/2024/tin.md" in text)
        (root / "articles/2025/tin.md").unlink()
        edit_file(root / "articles/2024/tin.md", "Tin sau khi sửa", "Tin sửa lần ba")
        shown = wait_for(url, lambda text: "Tin sửa lần ba" in text)
        assert "trùng địa chỉ" not in shown
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_sources_snapshot_names_what_changed_and_writes_skip_equal_bytes(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles/a.md").write_text("a", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x", encoding="utf-8")
    roots = [content, tmp_path / "mkdocs.yml"]
    before = snapshot(roots)
    (content / "articles/a.md").write_text("ab", encoding="utf-8")
    (content / "articles/b.md").write_text("b", encoding="utf-8")
    changed = changed_paths(before, snapshot(roots))
    assert changed == {content / "articles/a.md", content / "articles/b.md"}
    assert outside(changed, content) == []
    (tmp_path / "mkdocs.yml").unlink()
    assert outside(changed_paths(before, snapshot(roots)), content) == [tmp_path / "mkdocs.yml"]

    site = tmp_path / "site"
    page = site / "bai-viet/a/index.html"
    assert write_if_changed(b"<p>1</p>", page)
    inode = page.stat().st_ino
    assert not write_if_changed(b"<p>1</p>", page) and page.stat().st_ino == inode  # same bytes: left alone
    assert write_if_changed(b"<p>2</p>", page) and page.read_bytes() == b"<p>2</p>"
    remove_output(page, site)
    assert not (site / "bai-viet").exists() and site.is_dir()  # the folders it left empty go, the site stays
