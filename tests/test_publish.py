"""MkDocs' own commands with the plugin's staging folder: `gh-deploy`, and two builds of one site at once."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import article, git, photo, project_config, run_build, run_python
from filelock import FileLock


def test_gh_deploy_publishes_the_site_to_a_bare_remote(tmp_path, make_content):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    project = tmp_path / "project"
    project.mkdir()
    make_content().rename(project / "content")
    project_config(project)
    git(project, "init", "--quiet", "-b", "main")
    git(project, "config", "user.name", "Biên tập viên")
    git(project, "config", "user.email", "btv@example.vn")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Nội dung")
    git(project, "remote", "add", "origin", str(remote))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = run_python("mkdocs", "gh-deploy", "--strict", "--force", "--no-history", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert "index.html" in published
    assert "bai-viet/ke-hoach/index.html" in published
    assert "feeds/tin-tuc/atom.xml" in published
    assert "Kế hoạch tuyên truyền" in git(remote, "show", "gh-pages:bai-viet/ke-hoach/index.html")
    assert (project / "site/index.html").exists() and not (project / "site.building").exists()


def test_build_with_d_writes_where_asked(tmp_path, make_content):
    make_content()
    project_config(tmp_path)
    result = run_build(tmp_path, "--strict", "-d", str(tmp_path / "elsewhere"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere/index.html").exists()
    assert not (tmp_path / "site").exists() and not (tmp_path / "elsewhere.building").exists()


def many_articles(n: int) -> dict[str, str]:
    return {f"articles/2024/tin-{i}.md": article(f"Tin số {i}", f"2024-0{1 + i % 9}-1{i % 10}") for i in range(n)}


def test_two_builds_at_once_publish_one_complete_site(tmp_path, make_content):
    make_content(many_articles(40))
    project_config(tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    builds = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    for b in builds:
        b.stdout.close()
        b.stderr.close()
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    site = tmp_path / "site"
    assert (site / "index.html").exists()
    assert sorted(p.name for p in (site / "bai-viet").iterdir()) == sorted(
        ["ke-hoach", *(f"tin-{i}" for i in range(40))]
    )
    assert (site / "feeds/tin-tuc/atom.xml").exists() and (site / "articles.json").exists()
    assert not (tmp_path / "site.building").exists() and not (tmp_path / "site.old").exists()


def test_a_build_refuses_while_another_holds_the_site(tmp_path, make_content):
    make_content()
    config = project_config(tmp_path)
    config.write_text(re.sub(r"(feed_items: \d+)", r"\1\n      lock_wait: 1", config.read_text("utf-8")), "utf-8")
    assert run_build(tmp_path, "--strict").returncode == 0
    before = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    with FileLock(str(tmp_path / "site.lock")):  # what a running build holds
        result = run_build(tmp_path, "--strict")
    assert result.returncode == 1
    assert "Một lần dựng trang khác vẫn đang ghi vào" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == before


def file_times(site) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_a_rebuild_rewrites_only_what_changed(tmp_path, make_content):
    """A deploy by rsync sends what changed: a rebuild with nothing new leaves every file (and its date) alone; an
    edit changes the pages that show it; a page changed or removed by hand in site/ is made again."""
    extra = {
        "articles/2024/anh.md": article("Ngày hội chuyển đổi số", "2024-04-02", image="anh/ngay-hoi.jpg"),
        "articles/2024/anh/ngay-hoi.jpg": photo(),
        "articles/2024/thu-hai.md": article("Tập huấn một cửa", "2024-05-10", unit="ubnd-huyen"),
    }
    content = make_content(extra)
    project_config(tmp_path)
    site = tmp_path / "site"
    assert run_build(tmp_path, "--strict").returncode == 0
    first = file_times(site)
    assert any(rel.endswith(".jpg") for rel in first) and "feeds/tin-tuc/atom.xml" in first

    assert run_build(tmp_path, "--strict").returncode == 0
    assert file_times(site) == first, "nothing changed: nothing written"

    edited = content / "articles/2024/thu-hai.md"
    edited.write_text(article("Tập huấn một cửa liên thông", "2024-05-10", unit="ubnd-huyen"), encoding="utf-8")
    assert run_build(tmp_path, "--strict").returncode == 0
    after = file_times(site)
    changed = {rel for rel in after if after[rel] != first.get(rel)}
    assert "bai-viet/thu-hai/index.html" in changed and "feeds/tin-tuc/atom.xml" in changed
    assert "Tập huấn một cửa liên thông" in (site / "bai-viet/thu-hai/index.html").read_text(encoding="utf-8")
    assert "thu-tuc-hanh-chinh/index.html" not in changed and not any(rel.endswith(".jpg") for rel in changed)
    assert set(after) == set(first)

    # By hand: one page emptied, one deleted, a stray file added; the next build puts the site back.
    page, gone = site / "bai-viet/anh/index.html", site / "don-vi/index.html"
    wanted = page.read_bytes(), gone.read_bytes()
    page.write_text("", encoding="utf-8")
    gone.unlink()
    (site / "la.html").write_text("?", encoding="utf-8")
    assert run_build(tmp_path, "--strict").returncode == 0
    assert (page.read_bytes(), gone.read_bytes()) == wanted
    assert not (site / "la.html").exists()

    # A deleted article: its page and the folder it leaves empty go.
    edited.unlink()
    assert run_build(tmp_path, "--strict").returncode == 0
    assert not (site / "bai-viet/thu-hai").exists()
    assert not (tmp_path / "site.building").exists()
