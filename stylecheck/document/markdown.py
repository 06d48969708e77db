"""Markdown documents: CommonMark blocks and inlines cut into prose and markup segments.

markdown-it parses a copy of the source with LF line endings. Its inline tokens carry no
offsets, so each paragraph's or heading's inline content is first mapped back to its source
lines, then its tokens are walked with a cursor that checks every token's source text where it
is expected. A block whose tokens cannot be aligned falls back to its lines as plain prose (or,
if even its lines cannot be found, to markup): the parser never raises.

Decisions about the prose that rules read:

- Code, front matter, HTML, link targets, images and autolinks stand for a single space when
  they sit between two words, and for nothing when whitespace is already beside them.
- Emphasis markers, link brackets and inline formatting tags (`<em>`, `<span>`) stand for
  nothing, so `**bold**` reads `bold`.
- Escapes keep the escaped character (`\\*` reads `*`); entities stand for their character.
- Blocks are separated by exactly one paragraph break (`\\n\\n`); a soft line break is `\\n`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_inline import StateInline, autolink, backtick, image, link
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.front_matter import front_matter_plugin

from stylecheck.diagnostics import Span
from stylecheck.document import (
    BadDirective,
    BlockKind,
    Directive,
    DirectiveAction,
    Document,
    Paragraph,
    SegmentBuilder,
)

_CR = re.compile(r"\r\n?")
_TOML_FRONT_MATTER = re.compile(r"\+\+\+[ \t]*\n(?:.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DIRECTIVE = re.compile(r"\s*stylecheck\s*:(.*)\Z", re.DOTALL | re.IGNORECASE)
_SELECTOR = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\Z")
_ACTIONS: dict[str, DirectiveAction] = {
    "disable": "disable",
    "enable": "enable",
    "ignore-next": "ignore-next",
}
# Inline tags that only format the words inside them, so they stand for nothing.
_FORMATTING_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strong|sub"
    r"|sup|time|u|var)(?=[\s/>])",
    re.IGNORECASE,
)
_SPACE = " \t"
_OPENING = "([{"
_CLOSING = ".,;:!?)]}"


def parse_markdown(path: str, source: str, has_bom: bool = False) -> Document:
    """Parse CommonMark (with YAML or TOML front matter) into prose, segments and paragraphs."""
    text = _Normalised.of(source)
    env: EnvType = {}
    tokens = _parser().parse(text.text, env)
    assembler = _Assembler(source, text)
    for block in _inline_blocks(tokens, text, env):
        assembler.add_block(block)
    prose, segments = assembler.builder.finish()
    directives, bad = _directives(assembler.comments, text)
    return Document(
        path=path,
        source=source,
        prose=prose,
        segments=segments,
        paragraphs=_paragraphs(prose, assembler.blocks),
        format="markdown",
        has_bom=has_bom,
        directives=directives,
        bad_directives=bad,
    )


@functools.cache
def _parser() -> MarkdownIt:
    """Return the shared CommonMark parser with front matter support."""
    md = MarkdownIt("commonmark").use(front_matter_plugin)
    # Keep escapes and entities as `text_special` tokens whose markup is their source text.
    md.disable("text_join")
    return md


# --- the normalised copy that markdown-it reads -------------------------------------------


@dataclass(frozen=True)
class _Normalised:
    """The LF-only copy of the source that markdown-it parses, and the way back."""

    text: str
    crlf: list[int]  # offsets (in `text`) of each LF that stands for a CRLF in the source
    line_starts: list[int]

    @classmethod
    def of(cls, source: str) -> _Normalised:
        """Normalise line endings and NULs as markdown-it would, and blank TOML front matter."""
        crlf = [match.start() - index for index, match in enumerate(re.finditer("\r\n", source))]
        # markdown-it turns NUL into U+FFFD itself; doing it here keeps comparisons exact.
        text = _CR.sub("\n", source).replace("\0", "\ufffd")
        front = _TOML_FRONT_MATTER.match(text)
        if front:
            # Spaces keep every offset; markdown-it sees blank lines and emits nothing.
            text = re.sub(r"[^\n]", " ", front.group()) + text[front.end() :]
        starts = [0, *(match.end() for match in re.finditer("\n", text))]
        return cls(text, crlf, starts)

    def source_offset(self, offset: int) -> int:
        """Map an offset in the normalised text to the same boundary in the source."""
        return offset + bisect.bisect_left(self.crlf, offset)

    def source_span(self, start: int, end: int) -> Span:
        """Map a normalised range to a source span."""
        return Span(self.source_offset(start), self.source_offset(end))

    def line_range(self, line: int) -> tuple[int, int]:
        """Return the start and end (before its LF) of a 0-based line."""
        start = self.line_starts[line]
        if line + 1 < len(self.line_starts):
            return start, self.line_starts[line + 1] - 1
        return start, len(self.text)


# --- pieces: what one inline block contributes --------------------------------------------


@dataclass
class _Piece:
    """A run of an inline block: verbatim prose, or markup standing for `placeholder`.

    A placeholder of None stands for a space only when needed to keep two words apart.
    """

    start: int
    end: int
    prose: bool = False
    placeholder: str | None = ""


@dataclass(frozen=True)
class _Block:
    """An inline-bearing block in normalised coordinates, with its HTML comments."""

    pieces: list[_Piece]
    kind: BlockKind
    comments: list[tuple[int, int, str]]


class _Misaligned(Exception):
    """A token's source text is not where the walk expects it."""


# --- mapping inline content back to the normalised text -----------------------------------


@dataclass(frozen=True)
class _ContentMap:
    """Where each character of an inline token's content sits in the normalised text."""

    at: list[int]  # normalised boundary before each content character, plus the end
    real: list[bool]  # False for spaces markdown-it invented while expanding a tab


def _map_content(text: _Normalised, content: str, line_map: list[int], atx: bool) -> _ContentMap:
    """Align content lines with source lines, skipping lines that markdown-it trimmed away.

    A line of only non-breaking or other Unicode spaces starts a paragraph, but the trimming of
    the paragraph's content removes it, so content may start on a later line.
    """
    lines = content.split("\n")
    spare = min(line_map[1], len(text.line_starts)) - line_map[0] - len(lines)
    for skipped in range(spare + 1):
        try:
            return _map_lines(text, lines, line_map[0] + skipped, atx)
        except _Misaligned:
            continue
    raise _Misaligned("content lines not found in their source lines")


def _map_lines(text: _Normalised, lines: list[str], first_line: int, atx: bool) -> _ContentMap:
    """Align each content line with the end of its source line (after container prefixes)."""
    at: list[int] = []
    real: list[bool] = []
    for index, line in enumerate(lines):
        start, end = text.line_range(first_line + index)
        last = index == len(lines) - 1
        if last:
            end = _content_end(text.text, start, end, atx)
        begin, invented = _align_line(text.text, start, end, line)
        at.extend([begin] * invented)
        at.extend(range(begin, end))
        real.extend([False] * invented + [True] * (end - begin))
        if not last:
            at.append(end)  # the LF
            real.append(True)
    at.append(end)
    return _ContentMap(at, real)


def _content_end(text: str, start: int, end: int, atx: bool) -> int:
    """Return where the last content line ends: before trailing space and closing hashes."""
    if atx:
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        hashes = end
        while hashes > start and text[hashes - 1] == "#":
            hashes -= 1
        if start < hashes < end and text[hashes - 1] in _SPACE:
            end = hashes
    while end > start and text[end - 1] in MD_TRIM_CHARS:
        end -= 1
    return end


def _align_line(text: str, start: int, end: int, line: str) -> tuple[int, int]:
    """Return where a content line begins in `text[start:end]` and how many spaces are invented.

    A content line is a suffix of its source line, except that markdown-it may replace a tab
    in the indentation by spaces.
    """
    if text.endswith(line, start, end):
        return end - len(line), 0
    body = line.lstrip(_SPACE)
    if text.endswith(body, start, end) and end - len(body) >= start:
        return end - len(body), len(line) - len(body)
    raise _Misaligned("content line not found in its source line")


# --- walking inline tokens ----------------------------------------------------------------

_Rule = Callable[[StateInline, bool], bool]


class _InlineWalker:
    """Cut an inline token's content into pieces by walking its children with a cursor."""

    def __init__(self, content: str, md: MarkdownIt, env: EnvType) -> None:
        self.content = content
        self.state = StateInline(content, md, env, [])
        self.pos = 0
        self.pieces: list[_Piece] = []
        self.comments: list[tuple[int, int, str]] = []
        self.links: list[tuple[int, int]] = []  # (label end, link end) of each open link

    def walk(self, children: Sequence[Token]) -> list[_Piece]:
        """Return the pieces covering the whole content, or raise _Misaligned."""
        tokens = iter(children)
        for token in tokens:
            handler = _HANDLERS.get(token.type)
            if handler is None:
                raise _Misaligned(f"unexpected token {token.type}")
            handler(self, token, tokens)
        if self.pos != len(self.content) or self.links:
            raise _Misaligned("tokens do not cover the content")
        return self.pieces

    @property
    def limit(self) -> int:
        """Return where the current token run ends (a link's label end inside a link)."""
        return self.links[-1][0] if self.links else len(self.content)

    def expect(self, text: str) -> int:
        """Return the end of `text` at the cursor, or raise if it is not there."""
        if not text or not self.content.startswith(text, self.pos, self.limit):
            raise _Misaligned(f"expected {text!r} at {self.pos}")
        return self.pos + len(text)

    def add(self, end: int, *, prose: bool = False, placeholder: str | None = "") -> None:
        """Cover content up to `end` with one piece and move the cursor there."""
        if end < self.pos:
            raise _Misaligned("piece goes backwards")
        self.pieces.append(_Piece(self.pos, end, prose, placeholder))
        self.pos = end

    def skip(self, chars: str) -> None:
        """Cover any run of `chars` at the cursor as markup standing for nothing."""
        end = self.pos
        while end < self.limit and self.content[end] in chars:
            end += 1
        if end > self.pos:
            self.add(end)

    def rerun(self, rule: _Rule, token: Token) -> int:
        """Return where markdown-it's own rule says the construct at the cursor ends."""
        state = self.state
        state.pos, state.posMax, state.level = self.pos, self.limit, token.level
        if not rule(state, True) or state.pos <= self.pos:
            raise _Misaligned(f"{token.type} not found at {self.pos}")
        return state.pos

    def label_end(self, token: Token) -> int:
        """Return the offset of the `]` closing the label of the link at the cursor."""
        state = self.state
        state.pos, state.posMax, state.level = self.pos, self.limit, token.level
        end = state.md.helpers.parseLinkLabel(state, self.pos, True)
        if end < 0:
            raise _Misaligned("link label not found")
        return end


def _on_text(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    if not token.content:
        return  # emphasis processing leaves empty text tokens where delimiters were
    walker.add(walker.expect(token.content), prose=True)


def _on_text_special(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    end = walker.expect(token.markup)
    if token.info == "entity":
        walker.add(end, placeholder=token.content)
    elif token.content == token.markup:
        walker.add(end, prose=True)  # a backslash before a character that cannot be escaped
    else:
        walker.add(walker.pos + 1)
        walker.add(end, prose=True)


def _on_break(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    # markdown-it drops the spaces (or backslash) before a break and the indent after it.
    walker.skip(" ")
    if token.type == "hardbreak" and walker.content.startswith("\\", walker.pos):
        walker.add(walker.pos + 1)
    walker.add(walker.expect("\n"), prose=True)
    walker.skip(_SPACE)


def _on_code(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    walker.expect(token.markup)
    walker.add(walker.rerun(backtick, token), placeholder=None)


def _on_emphasis(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    walker.add(walker.expect(token.markup))


def _on_link_open(walker: _InlineWalker, token: Token, tokens: Iterator[Token]) -> None:
    if token.markup == "autolink":
        walker.expect("<")
        walker.add(walker.rerun(autolink, token), placeholder=None)
        for inner in tokens:  # the URL text and the closing token are inside that markup
            if inner.type == "link_close":
                return
        raise _Misaligned("autolink not closed")
    walker.expect("[")
    label_end = walker.label_end(token)
    walker.links.append((label_end, walker.rerun(link, token)))
    walker.add(walker.pos + 1)


def _on_link_close(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    if not walker.links:
        raise _Misaligned("link closed but not opened")
    label_end, end = walker.links.pop()
    if walker.pos != label_end:
        raise _Misaligned("link text does not end at its label")
    walker.add(end)


def _on_image(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    walker.expect("![")
    walker.add(walker.rerun(image, token), placeholder=None)


def _on_html(walker: _InlineWalker, token: Token, _: Iterator[Token]) -> None:
    end = walker.expect(token.content)
    if token.content.startswith("<!--"):
        walker.comments.append((walker.pos, end, token.content[4:-3]))
    formatting = _FORMATTING_TAG.match(token.content) is not None
    walker.add(end, placeholder="" if formatting else None)


_Handler = Callable[[_InlineWalker, Token, Iterator[Token]], None]
_HANDLERS: dict[str, _Handler] = {
    "text": _on_text,
    "text_special": _on_text_special,
    "softbreak": _on_break,
    "hardbreak": _on_break,
    "code_inline": _on_code,
    "em_open": _on_emphasis,
    "em_close": _on_emphasis,
    "strong_open": _on_emphasis,
    "strong_close": _on_emphasis,
    "link_open": _on_link_open,
    "link_close": _on_link_close,
    "image": _on_image,
    "html_inline": _on_html,
}


# --- placeholders that depend on their neighbours -----------------------------------------


def _resolve_gaps(content: str, pieces: list[_Piece]) -> None:
    """Decide each neighbour-dependent placeholder: a space only between two words.

    When whitespace already precedes the markup, the whitespace after it is dropped too, so
    `use `x` now` reads `use now` rather than `use  now`.
    """
    last = ""
    for index, piece in enumerate(pieces):
        if piece.placeholder is None:
            after = content[piece.end : piece.end + 1]
            piece.placeholder = " " if _needs_space(last, after) else ""
            if not last or last.isspace():
                _swallow_space(content, piece, pieces[index + 1 : index + 2])
        if piece.prose and piece.end > piece.start:
            last = content[piece.end - 1]
        elif piece.placeholder:
            last = piece.placeholder[-1]


def _needs_space(before: str, after: str) -> bool:
    """Tell whether removed markup between two characters must leave a space behind."""
    if not before or not after or before.isspace() or after.isspace():
        return False
    # Code in "(code)" or before a full stop leaves "()" or "word." rather than "( )", "word .".
    return before not in _OPENING and after not in _CLOSING


def _swallow_space(content: str, piece: _Piece, following: list[_Piece]) -> None:
    """Move the spaces that start the following prose piece into `piece`."""
    if not following or not following[0].prose:
        return
    nxt = following[0]
    while nxt.start < nxt.end and content[nxt.start] in _SPACE:
        nxt.start += 1
    piece.end = nxt.start


# --- from tokens to blocks ----------------------------------------------------------------


def _inline_blocks(tokens: Sequence[Token], text: _Normalised, env: EnvType) -> Iterator[_Block]:
    """Yield every paragraph and heading, and HTML blocks' comments as empty blocks."""
    for index, token in enumerate(tokens):
        if token.type == "html_block" and token.map:
            yield _Block([], "paragraph", _block_comments(text, token.map))
        if token.type != "inline" or not token.map or not token.content:
            continue
        opener = tokens[index - 1] if index else token
        heading = opener.type == "heading_open"
        atx = heading and opener.markup.startswith("#")
        pieces, comments = _inline_pieces(token, token.map, text, env, atx)
        yield _Block(pieces, "heading" if heading else "paragraph", comments)


def _inline_pieces(
    token: Token, line_map: list[int], text: _Normalised, env: EnvType, atx: bool
) -> tuple[list[_Piece], list[tuple[int, int, str]]]:
    """Return one inline block's pieces and comments in normalised coordinates."""
    content = token.content
    try:
        cmap = _map_content(text, content, line_map, atx)
    except _Misaligned:
        return [], []  # the block's lines cannot be found: all of it stays markup
    walker = _InlineWalker(content, _parser(), env)
    try:
        pieces = walker.walk(token.children or [])
        _resolve_gaps(content, pieces)
        normalised = _to_normalised(pieces, cmap, content, text.text)
    except _Misaligned:
        return _fallback_pieces(cmap, content, text.text), []
    comments = [(cmap.at[a], cmap.at[b - 1] + 1, body) for a, b, body in walker.comments]
    return normalised, comments


def _fallback_pieces(cmap: _ContentMap, content: str, text: str) -> list[_Piece]:
    """Return the block's lines as plain prose, or nothing if even that is not verbatim."""
    try:
        return _to_normalised(_line_pieces(content), cmap, content, text)
    except _Misaligned:
        return []


def _line_pieces(content: str) -> list[_Piece]:
    """Return each content line (without its indentation) and each LF as prose."""
    pieces: list[_Piece] = []
    offset = 0
    for line in content.split("\n"):
        indent = len(line) - len(line.lstrip(_SPACE))
        if offset:
            pieces.append(_Piece(offset - 1, offset, prose=True))
        pieces.append(_Piece(offset + indent, offset + len(line), prose=True))
        offset += len(line) + 1
    return pieces


def _to_normalised(
    pieces: list[_Piece], cmap: _ContentMap, content: str, text: str
) -> list[_Piece]:
    """Translate pieces from content to normalised offsets, checking prose is verbatim."""
    result: list[_Piece] = []
    previous_end = 0
    for piece in pieces:
        if piece.end == piece.start and not piece.placeholder:
            continue
        start = cmap.at[piece.start]
        if piece.prose:
            end = start + piece.end - piece.start
            verbatim = text[start:end] == content[piece.start : piece.end]
            if not verbatim or not all(cmap.real[piece.start : piece.end]):
                raise _Misaligned("prose is not verbatim")
        else:
            end = cmap.at[piece.end]
        if start < previous_end:
            raise _Misaligned("pieces overlap")
        result.append(_Piece(start, end, piece.prose, piece.placeholder))
        previous_end = end
    return result


def _block_comments(text: _Normalised, line_map: list[int]) -> list[tuple[int, int, str]]:
    """Return the HTML comments in an HTML block's lines, without container prefixes."""
    start = text.line_starts[line_map[0]]
    end = text.line_range(line_map[1] - 1)[1]
    return [
        (match.start(), match.end(), re.sub(r"\n[ \t>]*", "\n", match.group(1)))
        for match in _COMMENT.finditer(text.text, start, end)
    ]


# --- emitting segments --------------------------------------------------------------------


class _Assembler:
    """Feed blocks' pieces to a SegmentBuilder, with one paragraph break between blocks."""

    def __init__(self, source: str, text: _Normalised) -> None:
        self.builder = SegmentBuilder(source)
        self.text = text
        self.blocks: list[tuple[int, int, BlockKind]] = []
        self.comments: list[tuple[int, int, str]] = []

    def add_block(self, block: _Block) -> None:
        """Emit one block's pieces; markup before it becomes a paragraph break if needed."""
        self.comments.extend(block.comments)
        contributing = [p for p in block.pieces if p.placeholder or (p.prose and p.end > p.start)]
        if not contributing or self._source(contributing[0].start) < self.builder.source_pos:
            return
        self.builder.markup(self._source(contributing[0].start), "\n\n" if self.blocks else "")
        start = self.builder.prose_len
        for piece in block.pieces:
            if piece.prose:
                self.builder.markup(self._source(piece.start))
                self.builder.prose(self._source(piece.end))
            elif piece.placeholder:
                self.builder.markup(self._source(piece.start))
                self.builder.markup(self._source(piece.end), piece.placeholder)
        self.blocks.append((start, self.builder.prose_len, block.kind))

    def _source(self, offset: int) -> int:
        return self.text.source_offset(offset)


def _paragraphs(prose: str, blocks: list[tuple[int, int, BlockKind]]) -> tuple[Paragraph, ...]:
    """Return a Paragraph per block that has prose, trimmed of surrounding whitespace."""
    paragraphs: list[Paragraph] = []
    for start, end, kind in blocks:
        text = prose[start:end]
        body = text.strip()
        if not body:
            continue
        lead = len(text) - len(text.lstrip())
        paragraphs.append(Paragraph(Span(start + lead, start + lead + len(body)), kind))
    return tuple(paragraphs)


# --- suppression directives ---------------------------------------------------------------


def _directives(
    comments: list[tuple[int, int, str]], text: _Normalised
) -> tuple[tuple[Directive, ...], tuple[BadDirective, ...]]:
    """Parse `stylecheck:` comments into directives and report the ones not understood."""
    good: list[Directive] = []
    bad: list[BadDirective] = []
    for start, end, body in sorted(comments):
        parsed = _parse_directive(body, text.source_span(start, end))
        if isinstance(parsed, Directive):
            good.append(parsed)
        elif parsed is not None:
            bad.append(parsed)
    return tuple(good), tuple(bad)


def _parse_directive(body: str, span: Span) -> Directive | BadDirective | None:
    """Parse one comment body; None when it is not meant for stylecheck."""
    match = _DIRECTIVE.match(body)
    if not match:
        return None
    words = [word for word in re.split(r"[\s,]+", match.group(1)) if word]
    if not words:
        return BadDirective(span, "missing action: use disable, enable or ignore-next")
    action = _ACTIONS.get(words[0].lower())
    if action is None:
        return BadDirective(
            span, f"unknown action {words[0]!r}: use disable, enable or ignore-next"
        )
    invalid = [word for word in words[1:] if not _SELECTOR.match(word)]
    if invalid:
        return BadDirective(
            span, f"invalid rule id {invalid[0]!r}: ids look like words.doubled or a pack name"
        )
    return Directive(action, tuple(words[1:]), span)
