"""The pooled Python-Markdown instance renders each article as MkDocs' own `Page.render` does, whatever came before."""

from __future__ import annotations

import markdown
import pytest
from conftest import REPO
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import SimpleTextInlineProcessor
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cchc.build.markdown_pool import MarkdownPool, skip_plain_text

# In this order, each may catch what the one before left in a reused instance (references, stashed HTML, ids).
ARTICLES = {
    "bai-viet/mot/index.md": (
        '# Đẩy mạnh cải cách\n\nXem [quy định][qd] và <a id="neo-mot"></a>.\n\n## Kết quả\n\n'
        '[qd]: https://example.vn/quy-dinh "Quy định"\n'
    ),
    "bai-viet/hai/index.md": (
        '## Kết quả\n\nChưa định nghĩa [quy định][qd] ở đây.\n\n<div markdown="1">**đậm**</div>\n\n'
        "| Đơn vị | Số tin |\n| --- | --- |\n| Xã Đại Ngãi | 3 |\n"
    ),
    "bai-viet/ba/index.md": (
        '!!! note "Lưu ý"\n    Mang theo giấy tờ.\n\n## Hồ sơ {: #ho-so-can-co }\n\n'
        "Xem [bài một](../mot/index.md#ket-qua) và [bài hai](../hai/index.md).\n"
    ),
}


def _rendered(page: Page) -> tuple:
    return (
        page.content,
        [(item.title, item.id, item.level) for item in page.toc],
        page._title_from_render,
        sorted(page.present_anchor_ids or ()),
        {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
    )


@pytest.fixture(scope="module")
def config():
    return load_config(str(REPO / "mkdocs.yml"))


def _pages(config, docs) -> list[Page]:
    for src, text in ARTICLES.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    files = [File(src, str(docs), str(docs.parent / "site"), use_directory_urls=True) for src in ARTICLES]
    return [Page(None, file, config) for file in files]


def test_pooled_rendering_equals_mkdocs_own_page_after_page(config, tmp_path):
    own = _pages(config, tmp_path / "docs")
    files = Files([page.file for page in own])
    for page in own:
        page.read_source(config)
        page.render(config, files)
    pool = MarkdownPool(config)
    pooled = _pages(config, tmp_path / "docs")
    pooled_files = Files([page.file for page in pooled])
    for page in pooled * 2:  # twice round: the first page again after the last
        page.read_source(config)
        pool.render_with(page)(config, pooled_files)
        expected = own[pooled.index(page)]
        assert _rendered(page) == _rendered(expected), page.file.src_uri
    second = pooled[1]
    assert 'href="https://example.vn/quy-dinh"' not in second.content  # another article's reference is not kept
    assert next(iter(second.toc)).id == "ket-qua"  # ids are unique within a page, not across pages


# Paragraphs of a few pieces of Vietnamese prose and of Markdown: many hold one piece of inline syntax, or nearly
# one (a lone `[`, an unclosed `**`, a `<` that is no tag, two spaces without a line end), and many none.
PARAGRAPH = st.lists(
    st.sampled_from(
        [
            "Thủ tục",
            " đăng ký ",
            "khai sinh",
            " ",
            "  ",
            "\n",
            "  \n",
            "*",
            "**",
            "_",
            "`",
            "\\",
            "[",
            "](",
            ")",
            "!",
            "<",
            "b>",
            "&",
            "amp;",
            "- ",
            "1. ",
            "> ",
            "    ",
            "https://x.vn",
            "a@x.vn",
            "{: #neo }",
            "|",
            "---",
            "!!! note",
        ]
    ),
    max_size=6,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.lists(PARAGRAPH, min_size=1, max_size=4).map("\n\n".join), min_size=1, max_size=3))
# One text for each need of the inline patterns: without it, the text would be passed over.
@example(["Thủ tục  \nkhai sinh", "a &amp; b &#39;", "a \\. b", "a [b](c) ![d](e)", "a <b>c</b> <https://x.vn>"])
@example(["a `c`", "a *b* **c**", "a _b_ __c__", "[a]\n\n[a]: /x"])
def test_passing_over_plain_text_changes_no_output(config, texts):
    """The pooled instance leaves out the inline patterns on text none of them can match: the same HTML as an
    instance that tries them all, text after text on the same instances."""
    pooled = MarkdownPool(config).instance
    plain = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    for text in texts:
        assert pooled.reset().convert(text) == plain.reset().convert(text), text


def test_plain_text_passes_over_the_patterns(config):
    """The shortcut is in place for the Python-Markdown this project pins (else the build keeps its speed only)."""
    assert skip_plain_text(markdown.Markdown(extensions=config["markdown_extensions"]))
    with_own_pattern = markdown.Markdown()
    with_own_pattern.inlinePatterns.register(SimpleTextInlineProcessor(r"(~)"), "tilde", 1)
    assert not skip_plain_text(with_own_pattern)  # a pattern whose needs are unknown: every text is tried
    under_a_known_name = markdown.Markdown()
    under_a_known_name.inlinePatterns.register(SimpleTextInlineProcessor(r"(~)"), "entity", 80)
    assert not skip_plain_text(under_a_known_name)  # another pattern under a built-in's name
