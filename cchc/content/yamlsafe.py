"""YAML parsing for editor files: the C loader, no aliases, scalars kept as text.

Numbers and timestamps are not resolved by YAML here: a procedure code written as
1.000890 keeps its trailing zero, and a date like 2024-02-30 reaches our own parser,
which can say what is wrong with it. Aliases are refused, which also stops an alias
bomb ("billion laughs") before it is expanded.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from cchc.content.hints import explain_yaml_error

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextScalarLoader(_BaseLoader):
    """SafeLoader that resolves only null, bool, str, seq and map."""


TextScalarLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


@dataclass
class Parsed:
    """A parsed YAML document and the line (1-based) of each top-level key."""

    data: object
    key_lines: dict[str, int]
    node: yaml.Node | None

    def line_of(self, key: str, default: int | None = None) -> int | None:
        return self.key_lines.get(key, default)


def _refuse_aliases(root: yaml.Node) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlError("YAML có bí danh (&/*), không được dùng trong nội dung", node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


# The YAML errors editors actually make, said in their terms.
_HINTS = (
    (
        "mapping values are not allowed",
        "giá trị có dấu hai chấm ':' cần đặt trong ngoặc kép, ví dụ title: \"Hỏi đáp: ...\"",
    ),
    ("found character '\\t'", "không dùng phím Tab để thụt lề, hãy dùng dấu cách"),
    ("found a tab character", "không dùng phím Tab để thụt lề, hãy dùng dấu cách"),
    ("did not find expected ','", "thiếu dấu ']' hoặc '}' để đóng danh sách"),
    ("found undefined alias", "không dùng ký tự '*' ở đầu giá trị; hãy đặt giá trị trong ngoặc kép"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau tên trường"),
    ("did not find expected key", "thụt lề không đều, hoặc dòng thiếu 'tên: giá trị'"),
)


def _explain(problem: str) -> str:
    for needle, hint in _HINTS:
        if needle in problem:
            return hint
    return problem


def parse_yaml(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document. `first_line` is the file line where `text` begins."""
    loader = TextScalarLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(None, {}, None)
        if "*" in text:  # no alias without a '*': most files skip the walk
            _refuse_aliases(node)
        data = loader.construct_document(node)
    except YamlError as exc:
        exc.line = (exc.line or 1) + first_line - 1
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        hinted = explain_yaml_error(text, mark.line + 1 if mark else None, exc.problem or "")
        if hinted is not None:
            raise YamlError(f"YAML sai cú pháp: {hinted[1]}", (hinted[0] or 1) + first_line - 1) from None
        raise YamlError(f"YAML sai cú pháp: {_explain(exc.problem or exc.context or '')}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML sai cú pháp: {exc}", None) from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + first_line
    return Parsed(data, key_lines, node)


def item_lines(parsed: Parsed, list_key: str) -> list[int]:
    """Line of each entry of the top-level list `list_key` (e.g. each unit in units.yml)."""
    node = parsed.node
    if not isinstance(node, yaml.MappingNode):
        return []
    for key_node, value in node.value:
        if key_node.value == list_key and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []
