"""`mkdocs serve`: the editors' live preview shows drafts with a banner and rebuilds on content changes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import article, free_port, project_config


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, condition, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = fetch(url)
        if text is not None and condition(text):
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show the expected content within {seconds} s")


@pytest.fixture
def served(tmp_path, make_content):
    make_content({"articles/nhap.md": article("Bài nháp đang viết", "2024-05-01", draft="true")})
    project_config(tmp_path)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/", tmp_path
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_preview_shows_drafts_with_a_banner_and_reloads(served):
    url, project = served
    page = wait_for(url + "bai-viet/nhap/", lambda text: "Bài nháp đang viết" in text)
    assert "<strong>Bản nháp</strong>" in page
    news = wait_for(url + "tin-tuc/", lambda text: "Bài nháp đang viết" in text)
    assert "cchc-badge" in news
    source = project / "content/articles/nhap.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Nội dung bài viết.", "Đoạn mới vừa sửa."), encoding="utf-8"
    )
    wait_for(url + "bai-viet/nhap/", lambda text: "Đoạn mới vừa sửa." in text)
    assert not (project / "site").exists()  # serve never touches the published site


def test_content_error_is_shown_in_the_browser_not_only_the_terminal(served):
    url, project = served
    wait_for(url + "tin-tuc/", lambda text: "Bài nháp đang viết" in text)
    broken = project / "content/articles/hong.md"
    broken.write_text(article("Tin", "31/02/2025"), encoding="utf-8")
    page = wait_for(url + "tin-tuc/", lambda text: "cchc-content-errors" in text)
    assert "Nội dung có 1 lỗi" in page
    assert "content/articles/hong.md:3: trường &#x27;date&#x27;: ngày &#x27;31/02/2025&#x27; không có thật" in page
    assert "cchc-content-errors" in wait_for(url, lambda text: "cchc-content-errors" in text)  # every page
    broken.write_text(article("Tin đã sửa", "28/02/2025"), encoding="utf-8")
    fixed = wait_for(url + "tin-tuc/", lambda text: "Tin đã sửa" in text)
    assert "cchc-content-errors" not in fixed
