"""One spelling per procedure field: "hộ tịch" in one file and "Hộ tịch" in another are one field.

A field's page URL is the slug of its name, so two spellings with one slug would share one
page and one would replace the other. Every spelling of a slug becomes its most used one
(ties: the one starting with a capital, then the first in order), with a warning on each
file that spells it otherwise.
"""

from __future__ import annotations

from collections import Counter

from cchc.content.files import line_of_key
from cchc.content.models import Procedure
from cchc.content.problems import Problems
from cchc.text import slugify


def field_key(name: str) -> str:
    """What two spellings of one field share (the slug of its page URL)."""
    return slugify(name) or "khac"


def chosen_spellings(names: list[str]) -> dict[str, str]:
    """For each field key, the spelling every procedure of that field will use."""
    counts = Counter(names)
    by_key: dict[str, list[str]] = {}
    for name in counts:
        by_key.setdefault(field_key(name), []).append(name)
    return {
        key: min(spellings, key=lambda s: (-counts[s], not s[:1].isupper(), s)) for key, spellings in by_key.items()
    }


def unify_fields(procedures: list[Procedure], problems: Problems) -> None:
    """Give every procedure its field's chosen spelling; warn on each file spelled otherwise."""
    chosen = chosen_spellings([p.field for p in procedures])
    for procedure in procedures:
        spelling = chosen[field_key(procedure.field)]
        if procedure.field != spelling:
            problems.warning(
                procedure.source,
                line_of_key(procedure.source, "field"),
                f"trường 'field': lĩnh vực '{procedure.field}' được coi là '{spelling}' (cùng một lĩnh vực, "
                f"khác cách viết); hãy viết thống nhất '{spelling}'",
            )
            procedure.field = spelling
