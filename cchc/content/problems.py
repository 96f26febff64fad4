"""Problems found in content: each names the file, the line where known, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cchc.content.controls import printable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = {"error": "", "warning": "cảnh báo: ", "notice": "lưu ý: "}[self.severity]
        return printable(f"{where}: {prefix}{self.message}")


@dataclass
class Problems:
    """Collects every problem of a run, so editors see all of them at once."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def relative(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root.resolve().parent).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Problem(self.relative(path), line, message))

    def warning(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Problem(self.relative(path), line, message, "warning"))

    def notice(self, path: Path | str, line: int | None, message: str) -> None:
        """Worth knowing, not wrong (a scheduled article, a photo smaller than it should be): printed by check, logged
        as info by the build, never a reason to hold the site back."""
        self.items.append(Problem(self.relative(path), line, message, "notice"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.path, p.line or 0, p.message))
