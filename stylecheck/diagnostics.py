"""Core value types shared by parsers, packs, the engine and reporters."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Severity(enum.IntEnum):
    """How serious a finding is; the order is used by `--fail-on`."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Return the lower-case word used in output and config."""
        return self.name.lower()

    @classmethod
    def parse(cls, word: str) -> Severity:
        """Return the severity named by `word` (`error`, `warning` or `note`)."""
        try:
            return cls[word.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {word!r}; use error, warning or note") from None


class Applicability(enum.Enum):
    """Whether a fix may be applied automatically."""

    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # applied only with --unsafe-fixes
    DISPLAY = "display"  # shown as a suggestion, never applied


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of offsets into one string."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def shifted(self, delta: int) -> Span:
        """Return the same span moved by `delta` characters."""
        return Span(self.start + delta, self.end + delta)


@dataclass(frozen=True)
class Edit:
    """Replace the text in `span` with `replacement`."""

    span: Span
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A titled group of edits applied together."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.DISPLAY
    # Set by the engine when an edit would change markup: such a fix is never applied, not
    # even from an editor's quick-fix menu.
    touches_markup: bool = False


@dataclass(frozen=True)
class Violation:
    """What a rule reports, in prose coordinates of the document it checked.

    Findings about markup, which has no prose (a malformed suppression comment), give
    `markup` in source coordinates instead; `span` is then ignored.
    """

    rule_id: str
    span: Span
    message: str
    fixes: tuple[Fix, ...] = ()
    markup: Span | None = None

    def shifted(self, delta: int) -> Violation:
        """Return the violation moved by `delta` prose characters, fixes included."""
        fixes = tuple(
            replace(fix, edits=tuple(replace(e, span=e.span.shifted(delta)) for e in fix.edits))
            for fix in self.fixes
        )
        return replace(self, span=self.span.shifted(delta), fixes=fixes)


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column (Unicode code points) plus the 0-based offset."""

    line: int
    column: int
    offset: int


@dataclass(frozen=True)
class Finding:
    """A located, filtered violation ready for a reporter (file coordinates)."""

    path: str
    rule_id: str
    severity: Severity
    message: str
    span: Span
    start: Position
    end: Position
    fixes: tuple[Fix, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by path, line, column, then rule and message for stable output."""
        return (self.path, self.start.line, self.start.column, self.rule_id, self.message)
