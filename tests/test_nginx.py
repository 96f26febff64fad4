"""deploy/nginx.conf with real nginx (Debian's nginx-light) serving a built site on 127.0.0.1; scripts/deploy.sh."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import REPO, free_port

NGINX = "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (scripts/test.sh installs it)")


def server_config(site: Path, port: int) -> str:
    """The shipped server block, listening on 127.0.0.1:port and serving `site`."""
    text = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    text = text.replace("    listen [::]:80;\n", "").replace("listen 80;", f"listen 127.0.0.1:{port};")
    text, count = re.subn(r"root [^;]+;", f"root {site};", text)
    assert count == 1
    return text


@contextlib.contextmanager
def nginx(site: Path, prefix: Path):
    """Real nginx in the foreground with everything (pid, logs, temp files) under `prefix`; yields the port."""
    port = free_port()
    (prefix / "tmp").mkdir(parents=True)
    (prefix / "cchc.conf").write_text(server_config(site, port), encoding="utf-8")
    temp = " ".join(
        f"{kind}_temp_path {prefix}/tmp/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        + "events { worker_connections 64; }\n"
        + "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
        + f"  {temp}\n  include {prefix}/cchc.conf;\n}}\n",
        encoding="utf-8",
    )
    command = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")]
    tested = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:  # wait until nginx accepts connections
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            assert process.poll() is None, (prefix / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.fixture(scope="module")
def served(demo_site, tmp_path_factory):
    with nginx(demo_site, tmp_path_factory.mktemp("nginx")) as port:
        yield port, demo_site


def test_pages_clean_urls_and_headers(served):
    port, _ = served
    status, headers, body = get(port, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "Cải cách hành chính" in body.decode("utf-8") or "cải cách hành chính" in body.decode("utf-8")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "'unsafe-inline'" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "public, max-age=300, must-revalidate"
    assert "server" not in headers or "/" not in headers["server"]  # no version number
    status, headers, _ = get(port, "/tin-tuc")
    assert (status, headers["location"]) == (301, "/tin-tuc/")
    status, _, body = get(port, "/tin-tuc/")
    assert status == 200 and "<h1" in body.decode("utf-8")


def test_missing_page_is_the_vietnamese_404(served):
    port, _ = served
    status, headers, body = get(port, "/khong-co-trang-nay/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "Không tìm thấy trang" in body.decode("utf-8")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert get(port, "/404.html")[0] == 404  # the page itself is not a page of the site


def test_feeds_and_data_have_their_types_and_a_short_cache(served):
    port, _ = served
    status, headers, body = get(port, "/feeds/tin-tuc/rss.xml")
    assert (status, headers["content-type"]) == (200, "application/rss+xml; charset=utf-8")
    assert headers["cache-control"] == "public, max-age=300, must-revalidate"
    assert body.startswith(b"<?xml")
    status, headers, _ = get(port, "/feeds/tin-tuc/atom.xml")
    assert (status, headers["content-type"]) == (200, "application/atom+xml; charset=utf-8")
    status, headers, _ = get(port, "/articles.json")
    assert (status, headers["content-type"]) == (200, "application/json; charset=utf-8")
    assert headers["cache-control"].startswith("public, max-age=300")


def test_fingerprinted_assets_are_cached_for_a_year_others_for_an_hour(served):
    port, site = served
    css = next((site / "assets/stylesheets").glob("main.*.min.css")).relative_to(site).as_posix()
    status, headers, _ = get(port, "/" + css)
    assert (status, headers["cache-control"]) == (200, "public, max-age=31536000, immutable")
    status, headers, _ = get(port, "/assets/cchc.css")
    assert (status, headers["cache-control"]) == (200, "public, max-age=3600")


def test_gzip_on_the_fly(served):
    port, _ = served
    status, headers, body = get(port, "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    assert b"<html" in gzip.decompress(body)


def test_csp_matches_the_one_the_pages_declare():
    from cchc.site.security import CSP_HEADER

    shipped = re.search(r'Content-Security-Policy "([^"]+)"', (REPO / "deploy/nginx.conf").read_text()).group(1)
    assert shipped == CSP_HEADER


def test_the_web_editor_has_its_own_policy_and_is_never_cached(served):
    port, _ = served
    status, headers, _ = get(port, "/admin/config.yml")
    policy = headers.get("content-security-policy", "")
    assert status == 200  # scripts/test.sh installs Decap (npm ci), which the build copies to /admin/
    assert "frame-ancestors 'none'" in policy and "'unsafe-eval'" in policy
    assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"


# --- scripts/deploy.sh ----------------------------------------------------------------------------------------------


def deploy(site: Path, dest: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_DIR=str(site))
    return subprocess.run(["bash", str(REPO / "scripts/deploy.sh"), str(dest)], capture_output=True, text=True, env=env)


def test_deploy_refuses_an_unfinished_build(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    result = deploy(site, tmp_path / "server")
    assert result.returncode == 1 and "thiếu index.html" in result.stderr
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "site.building").mkdir()
    result = deploy(site, tmp_path / "server")
    assert result.returncode == 1 and "đang có một lần dựng trang chạy dở" in result.stderr
    assert not (tmp_path / "server").exists()


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed (scripts/test.sh installs it)")
def test_deploy_uploads_a_precompressed_site_that_nginx_serves(demo_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    server = tmp_path / "server/site"
    server.parent.mkdir()
    result = deploy(site, server)
    assert result.returncode == 0, result.stderr
    assert (server / "index.html").read_bytes() == (site / "index.html").read_bytes()
    assert gzip.decompress((server / "index.html.gz").read_bytes()) == (site / "index.html").read_bytes()
    assert not (site / "index.html.gz").exists()  # the build folder itself is left as it was
    with nginx(server, tmp_path / "nginx") as port:
        status, headers, body = get(port, "/feeds/tin-tuc/atom.xml", **{"Accept-Encoding": "gzip"})
        assert (status, headers["content-encoding"]) == (200, "gzip")
        assert gzip.decompress(body) == (site / "feeds/tin-tuc/atom.xml").read_bytes()
