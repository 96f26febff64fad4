"""Rewriting an editor's YAML file without losing what the editor wrote.

ruamel.yaml's round-trip mode keeps comments (an editor's "đừng xóa" note), key order,
quotes and list styles; only the values we set change. Values are written so that our
own loader (PyYAML, YAML 1.1 rules) reads them back as the same text: a fee of "yes" or
a code of "1.000890" is quoted.
"""

from __future__ import annotations

import io

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

_RESOLVER = yaml.resolver.Resolver()
ALWAYS_QUOTED = ("code",)  # the contract: codes are always written in double quotes


def _yaml(indent: int | None = None, block_seq_indent: int | None = None) -> YAML:
    handler = YAML()  # round-trip
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a long procedure name over lines
    handler.allow_unicode = True
    if indent:
        handler.indent(mapping=2, sequence=indent, offset=block_seq_indent or 0)
    else:
        handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def _scalar(key: str, value: str):
    """Quote a string that YAML 1.1 would read as something else (yes, no, ~, 1.5, 2024-01-01...)."""
    if key in ALWAYS_QUOTED or _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
        return DoubleQuotedScalarString(value)
    return value


def _value(key: str, value, old=None):
    if isinstance(value, list):
        if isinstance(old, CommentedSeq):  # keep the list's style (flow [xã] or one item a line) and comments
            old[:] = [_scalar(key, str(item)) for item in value]
            return old
        seq = CommentedSeq(_scalar(key, str(item)) for item in value)
        seq.fa.set_flow_style()
        return seq
    return _scalar(key, str(value))


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def new_text(values: dict, order: list[str]) -> str:
    """A new file: keys in `order`, codes in double quotes, short lists in flow style ([xã]).

    PyYAML's C emitter (ruamel's pure-Python one is ten times slower for a first import of
    thousands of procedures); it quotes whatever YAML 1.1 would read as another type.
    """
    ordered = {key: values[key] for key in order if key in values}
    ordered.update({key: value for key, value in values.items() if key not in ordered})
    head = "".join(f'{key}: "{ordered.pop(key)}"\n' for key in ALWAYS_QUOTED if _plain_safe(ordered.get(key)))
    rest = yaml.dump(ordered, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=None)
    return head + (rest if ordered else "")


def _plain_safe(value) -> bool:
    """A value that can sit between double quotes as it is (codes are [A-Za-z0-9._-])."""
    return isinstance(value, str) and all(ch.isalnum() or ch in "._-" for ch in value) and value.isascii()


def update(text: str | None, values: dict, order: list[str]) -> str:
    """The YAML text of `text` (None: a new file) with `values` set; new keys placed in `order`."""
    if text is None:
        return new_text(values, order)
    _, indent, block_seq_indent = load_yaml_guess_indent(text)
    handler = _yaml(indent, block_seq_indent)
    data = handler.load(text)
    if not isinstance(data, CommentedMap):
        raise ValueError("tệp không phải dạng 'tên: giá trị'")
    for key, value in values.items():
        if key in data:
            data[key] = _value(key, value, data[key])
            continue
        # After the last present key that comes before it in the contract's order.
        rank = order.index(key) if key in order else len(order)
        position = 0
        for index, existing in enumerate(data):
            if existing in order and order.index(existing) < rank:
                position = index + 1
        data.insert(position, key, _value(key, value))
    out = io.StringIO()
    handler.dump(data, out)
    return out.getvalue()
