"""Tables in a page body get Material's scrolling wrapper in the HTML itself (cchc/site/tables.py)."""

from __future__ import annotations

from cchc.site.tables import wrap_tables

OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def test_each_plain_table_is_wrapped_once_and_the_html_stays_balanced():
    html = (
        "<p>a</p><table><tr><td><TABLE><tr><td>x</td></tr></TABLE></td></tr></table><table class='cchc-stats'></table>"
    )
    out = wrap_tables(html)
    assert out == (
        f"<p>a</p>{OPEN}<table><tr><td>{OPEN}<TABLE><tr><td>x</td></tr></TABLE></div></div></td></tr></table>"
        "</div></div><table class='cchc-stats'></table>"
    )
    assert out.count("<div") == out.count("</div>")
    assert wrap_tables("<p>tablet</p>") == "<p>tablet</p>"
