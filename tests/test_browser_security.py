"""tests/browser.py fails any browser test on a Content-Security-Policy violation or a dialog, in a fresh context
(`browser`) as in a kept tab (`tab`); a kept tab carries nothing of one test into the next."""

from __future__ import annotations

import contextlib

import pytest
from browser import DESKTOP, browser, serve, tab

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def opened(kind: str):
    if kind == "tab":
        with tab(DESKTOP) as page:
            yield page
    else:
        with browser(DESKTOP) as context:
            yield context.new_page()


@pytest.mark.parametrize("kind", ["browser", "tab"])
def test_a_csp_violation_fails_the_test(tmp_path, kind):
    (tmp_path / "index.html").write_text(
        '<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        "<title>t</title><script>document.title = 'ran'</script><p>x</p>",
        encoding="utf-8",
    )
    with (
        pytest.raises(AssertionError, match="Content-Security-Policy violations"),
        serve(tmp_path) as url,
        opened(kind) as page,
    ):
        page.goto(url)
        assert page.title() == "t"  # the inline script did not run


@pytest.mark.parametrize("kind", ["browser", "tab"])
def test_a_dialog_fails_the_test(tmp_path, kind):
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><img src=x onerror=\"alert('x'); document.title = 'done'\">", encoding="utf-8"
    )
    with pytest.raises(AssertionError, match="dialogs opened"), serve(tmp_path) as url, opened(kind) as page:
        page.goto(url)
        page.wait_for_function("document.title === 'done'")


def test_a_kept_tab_carries_nothing_into_the_next_test(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title><p>x</p>", encoding="utf-8")
    with serve(tmp_path) as url, tab(DESKTOP) as first:
        first.goto(url)
        first.evaluate("localStorage.setItem('k', '1'); document.cookie = 'c=1; max-age=3600'")
        first.emulate_media(media="print")
        first.context.new_page()
        assert first.context.cookies() != []
    with serve(tmp_path) as url, tab(DESKTOP) as page:
        assert page is first  # the same tab, kept
        assert page.context.pages == [page] and page.context.cookies() == []
        assert page.context.requested == []
        page.goto(url)
        assert page.evaluate("localStorage.getItem('k')") is None  # a new port: a new origin
        assert page.evaluate("matchMedia('print').matches") is False
        assert page.context.requested[0] == url
