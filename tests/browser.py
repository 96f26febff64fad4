"""Serve a built site on 127.0.0.1 and drive it in Debian chromium through playwright."""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Like a static host: an unknown path gets the site's 404.html, with status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # A short poll: shutdown() waits for the loop to look (the default 0.5 s, at the end of every browser test).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_chromium: dict = {}


def _shared_chromium():
    """One chromium per test process, started on first use: a context per test is as isolated as a fresh profile
    (own cache, cookies, storage) and costs a fraction of a launch (playwright's driver + chromium: 2-3 s here)."""
    if "browser" in _chromium and not _chromium["browser"].is_connected():
        close_shared_chromium()  # it crashed or was killed: the next test gets a new one, not a dead handle
    if "browser" not in _chromium:
        from playwright.sync_api import sync_playwright

        _chromium["playwright"] = sync_playwright().start()
        _chromium["browser"] = _chromium["playwright"].chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    return _chromium["browser"]


def close_shared_chromium() -> None:
    """Called once at the end of the session (conftest.pytest_sessionfinish)."""
    _tabs.clear()
    if "browser" in _chromium:
        browser = _chromium.pop("browser")
        if browser.is_connected():
            browser.close()
        _chromium.pop("playwright").stop()


def _new_context(viewport, javascript: bool, confirm_dialogs: bool):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/test.sh installs it)")
    context = _shared_chromium().new_context(viewport=viewport, locale="vi-VN", java_script_enabled=javascript)
    context.requested = []
    context.on("request", lambda request: context.requested.append(request.url))
    watch_security(context, confirm_dialogs)
    context.javascript = javascript
    return context


@contextlib.contextmanager
def browser(viewport=PHONE, javascript: bool = True, confirm_dialogs: bool = False):
    """A fresh browser context (empty cache and storage) that records every URL requested in `.requested`.
    Any dialog fails the test, unless `confirm_dialogs` (the web editor asks "publish now?" with confirm()):
    then each is accepted."""
    context = _new_context(viewport, javascript, confirm_dialogs)
    try:
        yield context
        assert_secure(context)
    finally:
        context.close()


_tabs: dict = {}


@contextlib.contextmanager
def tab(viewport=PHONE, javascript: bool = True):
    """A browser tab for one test that only visits a site `serve` started for it: the tab is kept for the next
    such test, which saves chromium a new renderer process (0.5 s of CPU a test here).

    Nothing of one test reaches the next: each `serve` has its own port, so its own origin (storage, HTTP cache);
    cookies, permissions, routes, extra tabs, media emulation and the recorded requests, CSP violations and dialogs
    are cleared; a test that fails gets a new context. Tests that route requests, add init scripts, accept
    dialogs or listen to the page's dialogs use `browser()`.
    """
    key = (viewport["width"], viewport["height"], javascript)
    page = _tabs.pop(key, None)
    try:
        if page is not None:
            _reset(page, viewport)
    except PlaywrightError:  # the tab or its renderer died: a new context
        with contextlib.suppress(PlaywrightError):
            page.context.close()
        page = None
    if page is None:
        page = _new_context(viewport, javascript, confirm_dialogs=False).new_page()
    context = page.context
    kept = False
    try:
        yield page
        assert_secure(context)
        kept = True
    finally:
        if kept:
            context.unroute_all(behavior="ignoreErrors")
            for other in context.pages:
                if other is not page:
                    other.close()
            _tabs[key] = page
        else:
            context.close()


def _reset(page, viewport) -> None:
    """Leave the last test's site and forget what the context recorded or was given."""
    context = page.context
    page.goto("about:blank")
    context.clear_cookies()
    context.clear_permissions()
    page.set_viewport_size(viewport)
    page.emulate_media(media="null")
    page.set_default_timeout(30000)
    for heard in (context.requested, context.csp_violations, context.dialogs):
        heard.clear()


# Every page reports its Content-Security-Policy violations on the console, where the context hears them.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def watch_security(context, confirm_dialogs: bool = False) -> None:
    """Record CSP violations (event and chromium's own console errors) and dialogs (alert, confirm...), dismissed;
    with `confirm_dialogs`, dialogs are accepted and not held against the page."""
    context.csp_violations = []
    context.dialogs = []
    context.add_init_script(_CSP_LISTENER)

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            context.csp_violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    def on_dialog(dialog):
        if confirm_dialogs:
            dialog.accept()
            return
        context.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("console", on_console)
    context.on("dialog", on_dialog)


_FUNCTION = re.compile(r"^\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)")
_WAIT_IN_PAGE = """async ([predicate, arg, timeout]) => {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = await predicate(arg);
    if (value) return value;
    if (performance.now() > deadline) throw new Error("wait_for_function: timed out after " + timeout + " ms");
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}"""


def _wait_for_function(self, expression: str, *, arg=None, timeout: float | None = None, polling=None):
    """Page.wait_for_function without `new Function` in the page, which the portal's CSP (no 'unsafe-eval') blocks.

    Playwright builds the predicate with `new Function` inside the page; here the predicate is part of
    the function playwright sends over the DevTools protocol (not subject to CSP), checked on each frame
    like playwright's default polling.
    """
    source = expression if _FUNCTION.match(expression) else f"() => ({expression})"
    wrapper = _WAIT_IN_PAGE.replace("await predicate(arg)", f"await ({source})(arg)").replace(
        "async ([predicate, arg, timeout])", "async ([arg, timeout])"
    )
    return self.evaluate_handle(wrapper, [arg, 30000 if timeout is None else timeout])


Page.wait_for_function = _wait_for_function


def assert_secure(context) -> None:
    """Fail the test on any CSP violation or dialog seen by any page of `context`."""
    for page in context.pages:  # a round trip delivers the console events still on their way
        if getattr(context, "javascript", True) and not page.is_closed():
            page.evaluate("0")
    assert not context.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(context.csp_violations)
    assert not context.dialogs, "dialogs opened:\n" + "\n".join(context.dialogs)


def outside_hosts(urls: list[str]) -> list[str]:
    """Requested URLs that left 127.0.0.1 (data: and about: URLs stay on the machine)."""
    return [
        u for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname != "127.0.0.1"
    ]
