"""tests/browser.py fails any browser test on a Content-Security-Policy violation or a dialog."""

from __future__ import annotations

import pytest
from browser import DESKTOP, browser, serve

pytestmark = pytest.mark.browser


def test_a_csp_violation_fails_the_test(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        "<title>t</title><script>document.title = 'ran'</script><p>x</p>",
        encoding="utf-8",
    )
    with (
        pytest.raises(AssertionError, match="Content-Security-Policy violations"),
        serve(tmp_path) as url,
        browser(DESKTOP) as context,
    ):
        page = context.new_page()
        page.goto(url)
        assert page.title() == "t"  # the inline script did not run


def test_a_dialog_fails_the_test(tmp_path):
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><img src=x onerror=\"alert('x'); document.title = 'done'\">", encoding="utf-8"
    )
    with pytest.raises(AssertionError, match="dialogs opened"), serve(tmp_path) as url, browser(DESKTOP) as context:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("document.title === 'done'")
