"""Documents: the source text, the prose rules read, and the map between them.

A parser cuts the source into segments that tile it exactly. A *verbatim* segment contributes
its own characters to the prose; a *markup* segment (code, front matter, HTML, link targets,
emphasis markers, heading hashes, a CRLF line ending) contributes only a placeholder such as a
space or a paragraph break. Every prose character therefore knows its file offset by
construction; nothing is ever located by searching for matched text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from stylecheck.diagnostics import Position, Span

if TYPE_CHECKING:
    from stylecheck.dialogue import Dialogue
    from stylecheck.nlp import Sentence

Format = Literal["markdown", "text"]
BlockKind = Literal["paragraph", "heading"]
DirectiveAction = Literal["disable", "enable", "ignore-next"]


@dataclass(frozen=True)
class Segment:
    """One tile of the source: `source` maps to `prose`; verbatim tiles have equal text."""

    source: Span
    prose: Span
    verbatim: bool


@dataclass(frozen=True)
class Paragraph:
    """A block of prose (a paragraph or a heading) in prose coordinates."""

    span: Span
    kind: BlockKind = "paragraph"


@dataclass(frozen=True)
class Directive:
    """An in-text suppression comment, e.g. `<!-- stylecheck: disable words.echo -->`."""

    action: DirectiveAction
    selectors: tuple[str, ...]  # empty means every rule
    source: Span


@dataclass(frozen=True)
class BadDirective:
    """A `stylecheck:` comment that could not be understood."""

    source: Span
    problem: str


class SegmentBuilder:
    """Collect segments in source order and guarantee they tile the source.

    Verbatim prose that contains a CR or CRLF line ending is split so that the line ending
    becomes a markup segment with a single `\\n` placeholder: rules always see `\\n`.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.segments: list[Segment] = []
        self._prose_parts: list[str] = []
        self._source_pos = 0
        self._prose_len = 0

    @property
    def source_pos(self) -> int:
        """Return the source offset up to which segments have been emitted."""
        return self._source_pos

    @property
    def prose_len(self) -> int:
        """Return the length of the prose emitted so far."""
        return self._prose_len

    def markup(self, end: int, placeholder: str = "") -> None:
        """Cover source up to `end` with one markup segment standing for `placeholder`."""
        if end < self._source_pos:
            raise ValueError(f"segment goes backwards: {end} < {self._source_pos}")
        if end == self._source_pos and not placeholder:
            return
        self._emit(end, placeholder, verbatim=False)

    def prose(self, end: int) -> None:
        """Cover source up to `end` with verbatim prose (line endings normalised)."""
        if end < self._source_pos:
            raise ValueError(f"segment goes backwards: {end} < {self._source_pos}")
        pos = self._source_pos
        while pos < end:
            cr = self.source.find("\r", pos, end)
            if cr == -1:
                self._emit(end, self.source[pos:end], verbatim=True)
                return
            if cr > pos:
                self._emit(cr, self.source[pos:cr], verbatim=True)
            crlf = self.source.startswith("\r\n", cr) and cr + 2 <= end
            self._emit(cr + 2 if crlf else cr + 1, "\n", verbatim=False)
            pos = self._source_pos

    def _emit(self, end: int, text: str, *, verbatim: bool) -> None:
        start = self._source_pos
        self.segments.append(
            Segment(Span(start, end), Span(self._prose_len, self._prose_len + len(text)), verbatim)
        )
        self._prose_parts.append(text)
        self._source_pos = end
        self._prose_len += len(text)

    def finish(self) -> tuple[str, tuple[Segment, ...]]:
        """Cover any remaining source as markup and return the prose and the segments."""
        self.markup(len(self.source))
        return "".join(self._prose_parts), tuple(self.segments)


def line_starts(text: str) -> list[int]:
    """Return the offset of each line's first character; CRLF, CR and LF end lines."""
    starts = [0]
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            starts.append(i + 1)
        elif ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                i += 1
            starts.append(i + 1)
        i += 1
    return starts


@dataclass(eq=False)
class Document:
    """A parsed file: source text, prose text, segments tiling the source, paragraphs."""

    path: str
    source: str
    prose: str
    segments: tuple[Segment, ...]
    paragraphs: tuple[Paragraph, ...]
    format: Format
    has_bom: bool = False
    directives: tuple[Directive, ...] = ()
    bad_directives: tuple[BadDirective, ...] = ()
    _prose_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._prose_starts = [seg.prose.start for seg in self.segments]

    @cached_property
    def _source_starts(self) -> list[int]:
        return [seg.source.start for seg in self.segments]

    @cached_property
    def _line_starts(self) -> list[int]:
        return line_starts(self.source)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Return the sentences of every paragraph, computed once per document."""
        from stylecheck.nlp import split_sentences

        return tuple(s for p in self.paragraphs for s in split_sentences(self.prose, p))

    @cached_property
    def dialogue(self) -> Dialogue:
        """Return the dialogue model (quotations, their pairing and tags), computed once."""
        from stylecheck.dialogue import build_dialogue

        return build_dialogue(self.prose, self.paragraphs)

    @cached_property
    def quotations(self) -> tuple[Span, ...]:
        """Return the spans of speech (dialogue), marks included, in order."""
        return tuple(quotation.span for quotation in self.dialogue.quotations)

    def paragraph_speech(self, paragraph: Paragraph) -> tuple[tuple[int, int], ...]:
        """Return the spans of dialogue in a paragraph, relative to the paragraph's start.

        `in_speech` tells whether an offset in the paragraph falls in one of them.
        """
        start, end = paragraph.span.start, paragraph.span.end
        return tuple(
            (max(q.open, start) - start, min(q.end, end) - start)
            for q in self.dialogue.by_paragraph.get(paragraph.span, ())
        )

    @cached_property
    def _quotation_starts(self) -> list[int]:
        return [span.start for span in self.quotations]

    def in_quotation(self, prose_offset: int) -> bool:
        """Tell whether a prose offset lies inside a quotation (dialogue)."""
        index = bisect.bisect_right(self._quotation_starts, prose_offset) - 1
        return index >= 0 and prose_offset < self.quotations[index].end

    def _segment_index(self, prose_offset: int) -> int:
        # The last segment whose prose starts at or before the offset and is non-empty there.
        index = bisect.bisect_right(self._prose_starts, prose_offset) - 1
        while index > 0 and self.segments[index].prose.start == self.segments[index].prose.end:
            index -= 1
        return max(index, 0)

    def source_offset(self, prose_offset: int, *, is_end: bool = False) -> int:
        """Map a prose offset to the source offset of the same character.

        An end offset maps just past the source of the character before it, so a span
        that ends in a placeholder covers the whole markup it stands for.
        """
        if not self.segments:
            return 0
        if is_end and prose_offset > 0:
            seg = self.segments[self._segment_index(prose_offset - 1)]
            if seg.verbatim:
                return seg.source.start + (prose_offset - seg.prose.start)
            return seg.source.end
        seg = self.segments[self._segment_index(prose_offset)]
        if seg.verbatim and seg.prose.start <= prose_offset <= seg.prose.end:
            return seg.source.start + (prose_offset - seg.prose.start)
        if prose_offset >= seg.prose.end:
            return seg.source.end
        return seg.source.start

    def source_span(self, prose_span: Span) -> Span:
        """Map a span of prose to the span of source it came from."""
        start = self.source_offset(prose_span.start)
        end = self.source_offset(prose_span.end, is_end=True) if prose_span.end else 0
        return Span(start, max(start, end))

    def position(self, source_offset: int) -> Position:
        """Return the 1-based line and column (code points) of a source offset."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, source_offset) - 1
        return Position(line + 1, source_offset - starts[line] + 1, source_offset)

    def is_verbatim(self, source_span: Span) -> bool:
        """Tell whether a source span lies wholly inside verbatim prose (safe to edit)."""
        index = bisect.bisect_right(self._source_starts, source_span.start) - 1
        if index < 0:
            return False
        seg = self.segments[index]
        return seg.verbatim and seg.source.start <= source_span.start <= source_span.end <= (
            seg.source.end
        )

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """Return the prose text of one paragraph."""
        return self.prose[paragraph.span.start : paragraph.span.end]


def in_speech(offset: int, speech: Iterable[tuple[int, int]]) -> bool:
    """Tell whether an offset relative to a paragraph lies in its dialogue (`paragraph_speech`)."""
    return any(start <= offset < end for start, end in speech)
