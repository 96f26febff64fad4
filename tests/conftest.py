"""Shared fixtures: throw-away content trees and real builds of them."""

from __future__ import annotations

import fcntl
import filecmp
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from warm import WarmPython

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / ".cache/templates"  # the demo's build fills it; Jinja compiles a changed template again

UNITS = """\
units:
  - id: phong-noi-vu
    name: Phòng Nội vụ
    group: Cơ quan chuyên môn
  - id: ubnd-huyen
    name: UBND huyện Long Phú
    group: Cấp huyện
    until: 2025-06-30
  - id: ubnd-xa-moi
    name: UBND xã Long Phú
    group: UBND xã
    from: 2025-07-01
"""

CATEGORIES = """\
categories:
  - id: tin-cchc
    name: Tin cải cách hành chính
  - id: chuyen-doi-so
    name: Chuyển đổi số
"""


def article(
    title: str,
    date: str,
    unit: str = "phong-noi-vu",
    category: str = "tin-cchc",
    body: str = "Nội dung bài viết.",
    **extra,
) -> str:
    lines = [
        f"title: {title!r}" if ":" in title else f"title: {title}",
        f"date: {date}",
        f"unit: {unit}",
        f"category: {category}",
    ]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def photo(width: int = 800, height: int = 450, fmt: str = "JPEG", **save) -> bytes:
    """A real photo file of `width` x `height` (a gradient), as an editor's camera or phone would save it."""
    import io

    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return root


def base_files() -> dict[str, str]:
    return {
        "units.yml": UNITS,
        "categories.yml": CATEGORIES,
        "articles/2024/ke-hoach.md": article("Kế hoạch tuyên truyền cải cách hành chính năm 2024", "2024-03-06"),
    }


@pytest.fixture
def make_content(tmp_path):
    """make_content({path: text}) -> content dir: the valid base tree plus or minus files (None removes)."""

    def make(files: dict | None = None, base: bool = True) -> Path:
        root = tmp_path / "content"
        tree = base_files() if base else {}
        tree.update(files or {})
        write_tree(root, {k: v for k, v in tree.items() if v is not None})
        return root

    return make


def project_config(project: Path, extra: str = "") -> Path:
    """A mkdocs.yml in `project` that uses the repository's docs and theme overrides, and its compiled templates."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "      content_dir: content\n", f"      content_dir: content\n      template_cache: {TEMPLATES}\n"
    )
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    text = text.replace("custom_dir: docs/overrides", f"custom_dir: {REPO / 'docs' / 'overrides'}")
    config = project / "mkdocs.yml"
    config.write_text(text + extra, encoding="utf-8")
    return config


def git(cwd: Path, *args: str) -> str:
    """`git args` in `cwd`; its output (fails the test when git fails)."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def free_port() -> int:
    """A port of 127.0.0.1 free now, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WARM = WarmPython()


def run_python(module: str, *args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m module args` in `cwd`, as a subprocess would run it (exit code, stdout, stderr), without the
    start-up and import cost: a forked copy of a process that imported MkDocs and the plugin once (tests/warm.py)."""
    env = dict(env or os.environ, NO_MKDOCS_2_WARNING="1")
    if os.environ.get("CCHC_TESTS_COLD"):  # a fresh interpreter per command, to compare or rule the warm one out
        return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env, capture_output=True, text=True)
    return WARM.run(module, list(args), cwd, env)


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_python("mkdocs", "build", "-f", str(project / "mkdocs.yml"), *args, cwd=project)


@pytest.fixture
def build(tmp_path, make_content):
    """build({files}) -> site dir of a real `mkdocs build --strict` of base content plus `files`."""

    def do_build(files: dict | None = None, check: bool = True, extra_config: str = "") -> Path:
        make_content(files)
        project_config(tmp_path, extra_config)
        result = run_build(tmp_path, "--strict")
        if check:
            assert result.returncode == 0, result.stderr
        do_build.result = result
        return tmp_path / "site"

    return do_build


def shared_root(tmp_path_factory) -> Path:
    """A folder both xdist workers see (the parent of each worker's base temp), or the base temp alone."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(root: Path, key: str, make_project) -> Path:
    """Build the project `make_project(folder)` prepares once per test run, whatever worker asks first.

    Read-only tests share these sites; tests that change or rebuild a site use the `build` fixture.
    """
    folder = root / f"built-{key}"
    with open(root / f"built-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits here until the site is complete
        done = folder / "done"
        if not done.exists():
            site = make_project(folder)
            done.write_text(str(site), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """built({files}, extra_config="") -> site dir of base content plus `files`, built once for the whole run."""
    root = shared_root(tmp_path_factory)

    def make(files: dict | None = None, extra_config: str = "") -> Path:
        tree = {**base_files(), **(files or {})}
        blob = json.dumps(
            [extra_config, sorted((k, v if isinstance(v, str) else v.hex()) for k, v in tree.items() if v is not None)]
        )
        key = hashlib.sha256(blob.encode()).hexdigest()[:16]

        def make_project(project: Path) -> Path:
            project.mkdir(parents=True, exist_ok=True)
            write_tree(project / "content", {k: v for k, v in tree.items() if v is not None})
            project_config(project, extra_config)
            result = run_build(project, "--strict")
            assert result.returncode == 0, result.stderr
            return project / "site"

        return build_once(root, key, make_project)

    return make


def differences(left: Path, right: Path) -> list[str]:
    """Files only in one of two folders, or with different bytes (paths relative to the folders)."""

    def walk(cmp: filecmp.dircmp, prefix: str) -> list[str]:
        found = [prefix + name for name in cmp.left_only + cmp.right_only]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found += [prefix + name for name in mismatch + errors]
        for name, sub in cmp.subdirs.items():
            found += walk(sub, prefix + name + "/")
        return found

    return walk(filecmp.dircmp(left, right), "")


@pytest.fixture
def demo_project(tmp_path) -> Path:
    """A copy of the demo portal (content/, docs/ without the design notes, mkdocs.yml) to edit and build."""
    project = tmp_path / "demo"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("design"))
    # The demo's own settings, with the compiled templates the other tests share (Jinja recompiles an edited one).
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "      content_dir: content\n", f"      content_dir: content\n      template_cache: {TEMPLATES}\n"
    )
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return project


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file by `new` (which must be there), as an editor's save would."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class DemoEdits:
    """The editors' edits of issue 15's sequence, on a copy of the demo (`demo_project`): the identity tests of the
    page cache and of the preview both go through them."""

    def __init__(self, project: Path) -> None:
        self.project = project
        articles = sorted((project / "content" / "articles").rglob("*.md"))
        self.first, self.second = articles[0], articles[1]

    def retitle(self, title: str = "Tiêu đề đã sửa của bài") -> None:
        text = self.first.read_text(encoding="utf-8")
        self.first.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")

    def add(self) -> None:
        (self.project / "content/articles/2025").mkdir(parents=True, exist_ok=True)
        (self.project / "content/articles/2025/bai-moi-them.md").write_text(
            article(
                "Bài mới thêm về cải cách hành chính",
                "2025-05-05",
                unit="phong-noi-vu",
                category="tin-cchc",
                tags="[tuyên truyền, bài mới]",
            ),
            encoding="utf-8",
        )

    def delete(self) -> None:
        self.second.unlink()

    def rename_unit(self) -> None:
        edit_file(self.project / "content/units.yml", "name: Phòng Nội vụ", "name: Phòng Nội vụ huyện")

    def change_template(self) -> None:
        edit_file(self.project / "docs/overrides/partials/cchc-card.html", "<", "<!-- thẻ bài -->\n<")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The shipped demo portal, built once per run with `mkdocs build --strict` from the repository."""

    def make_project(folder: Path) -> Path:
        site = folder / "site"
        result = run_python("mkdocs", "build", "--strict", "-d", str(site), cwd=REPO)
        assert result.returncode == 0, result.stderr
        return site

    return build_once(shared_root(tmp_path_factory), "demo", make_project)


@pytest.fixture(scope="session")
def procedures_site(built):
    """The procedures fixture of test_procedures (catalog, procedure pages, hotlines), built once per run."""
    from test_procedures import PROCEDURES

    return built(PROCEDURES)


# The longest tests (2-8 s each), longest first. xdist's worksteal gives each of the two workers half of the list
# and a worker that runs out takes the tail of the other's: the long ones are dealt out to the heads of both halves.
LONGEST = (
    "test_browser_editor.py::test_editor_edits_an_article_a_procedure_and_a_plan",
    "test_browser_editor.py::test_editor_writes_publishes_an_article_that_check_and_the_build_accept",
    "test_hostile_site.py::test_crawl_every_page_and_feed_in_chromium",
    "test_page_cache.py::test_cached_builds_equal_full_builds_across_edits",
    "test_preview.py::test_incremental_rebuilds_equal_fresh_serve_builds",
    "test_html_valid.py::",
)


def _rank(item) -> int:
    return next((rank for rank, name in enumerate(LONGEST) if name in item.nodeid), len(LONGEST))


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected: the halves are of what runs
def pytest_collection_modifyitems(items):
    longest = sorted((item for item in items if _rank(item) < len(LONGEST)), key=_rank)
    rest = [item for item in items if _rank(item) == len(LONGEST)]
    first, second = longest[0::2], longest[1::2]
    cut = max(0, len(items) // 2 - len(first))
    items[:] = first + rest[:cut] + second + rest[cut:]


def pytest_sessionfinish(session):
    """Stop the warm Python; close the chromium the browser tests of this process shared (tests/browser.py), if one was started."""
    WARM.close()
    browser_module = sys.modules.get("browser")
    if browser_module is not None:
        browser_module.close_shared_chromium()
