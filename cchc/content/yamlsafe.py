"""YAML parsing for editor files: the C loader, no aliases, scalars kept as text.

Numbers and timestamps are not resolved by YAML here: a procedure code written as
1.000890 keeps its trailing zero, and a date like 2024-02-30 reaches our own parser,
which can say what is wrong with it. Aliases are refused, which also stops an alias
bomb ("billion laughs") before it is expanded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from cchc.content.hints import explain_yaml_error

if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:  # libyaml's loader where installed: the same rules, several times faster
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


# Deeper nesting than this is refused before parsing: the C composer recurses once per level
# (50,000 nested '[' crash the process, 10,000 raise RecursionError). Real files nest 3-4 deep.
MAX_DEPTH = 50


def _depth_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth: open brackets, plus indentation and '-' per line."""
    bound = brackets = 0
    for line in text.split("\n"):
        opened = brackets + line.count("[") + line.count("{")  # the deepest this line can reach
        indent = len(line) - len(line.lstrip(" "))
        bound = max(bound, opened + 2 * indent + 2 * line.count("-") + 2 * line.count("?") + 2)
        brackets = max(0, opened - line.count("]") - line.count("}"))
    return bound


def check_depth(text: str, first_line: int = 1) -> None:
    """Raise YamlError when collections nest deeper than MAX_DEPTH, without building them.

    Most files are settled by the cheap bound; the others are walked event by event
    (the C parser keeps its own stack, so events never recurse).
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=TextScalarLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(
                        f"danh sách hoặc nhóm lồng nhau quá sâu (quá {MAX_DEPTH} tầng '[', '{{' hoặc thụt lề); "
                        "hãy kiểm tra các dấu ngoặc",
                        (event.start_mark.line if event.start_mark else 0) + first_line,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: parsing proper reports it with its line


def parse_yaml(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document. `first_line` is the file line where `text` begins."""
    check_depth(text, first_line)
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
