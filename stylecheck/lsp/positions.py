"""Offsets in a text (Unicode code points) to and from LSP positions.

Everything inside stylecheck counts code points. The Language Server Protocol counts a line's
characters in UTF-16 code units, unless client and server agree on UTF-8 or UTF-32 at
initialisation: in UTF-16 a character outside the Basic Multilingual Plane (an emoji, some
CJK) counts twice, in UTF-8 anything past ASCII counts two to four times. Lines end at LF, CRLF
or CR, as in the protocol and in `Document.position`.
"""

from __future__ import annotations

import bisect

from lsprotocol import types

from stylecheck.document import line_starts
from stylecheck.document.load import BOM

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"  # the protocol's PositionEncodingKind values


def _width(ch: str, encoding: str) -> int:
    """Return how many code units of the position encoding a character takes."""
    if encoding == UTF8:
        return len(ch.encode("utf-8", "surrogatepass"))
    if encoding == UTF16:
        return 2 if ord(ch) > 0xFFFF else 1
    return 1


class LineIndex:
    """Convert between code-point offsets into one text and LSP positions in it.

    A text that starts with a byte-order mark is checked without it (see
    `stylecheck.document.load.decode`), so offsets then count from the character after it.
    """

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self._skip = 1 if text.startswith(BOM) else 0
        self._starts = line_starts(text)

    def position(self, offset: int) -> types.Position:
        """Return the LSP position of a code-point offset (clamped to the text)."""
        offset = max(0, min(offset + self._skip, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        width = sum(_width(ch, self.encoding) for ch in self.text[start:offset])
        return types.Position(line=line, character=width)

    def range(self, start: int, end: int) -> types.Range:
        """Return the LSP range of the code-point offsets `start`..`end`."""
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """Return the code-point offset of an LSP position.

        As the protocol asks, a character past the end of its line means the end of the line
        (before its line break), and a line past the end means the end of the text.
        """
        return max(0, self._offset(position) - self._skip)

    def _offset(self, position: types.Position) -> int:
        if position.line >= len(self._starts):
            return len(self.text)
        start = self._starts[position.line]
        end = self._line_end(position.line)
        units = 0
        for index in range(start, end):
            if units >= position.character:
                return index
            units += _width(self.text[index], self.encoding)
        return end

    def _line_end(self, line: int) -> int:
        """Return the offset of a line's line break (or the end of the text)."""
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        while end > self._starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end
