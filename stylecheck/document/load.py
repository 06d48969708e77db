"""Read files into Documents: decoding, format detection, clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

from stylecheck.document import Document

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
BOM = "\ufeff"


class InputError(Exception):
    """A file that cannot be checked; the message is one sentence for the user."""


def decode(data: bytes) -> tuple[str, bool]:
    """Decode UTF-8 (with or without BOM); return the text without BOM and whether it had one.

    Raises InputError for binary data and invalid UTF-8, naming the byte offset.
    """
    if b"\x00" in data:
        raise InputError("looks like a binary file (it contains NUL bytes); not checked")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"is not valid UTF-8: byte 0x{data[err.start]:02x} at byte offset {err.start}"
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def parse(path: str, source: str, *, has_bom: bool = False, markdown: bool = True) -> Document:
    """Parse decoded text as Markdown or plain text."""
    if markdown:
        from stylecheck.document.markdown import parse_markdown

        return parse_markdown(path, source, has_bom)
    from stylecheck.document.text import parse_text

    return parse_text(path, source, has_bom)


def is_markdown(path: str | Path) -> bool:
    """Tell whether a file is Markdown by its suffix; anything else is read as plain text."""
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES


def load_bytes(display_path: str, data: bytes, *, markdown: bool) -> Document:
    """Decode and parse file contents; raises InputError for undecodable input."""
    source, has_bom = decode(data)
    return parse(display_path, source, has_bom=has_bom, markdown=markdown)


def read_file(path: Path) -> bytes:
    """Read a file's bytes, turning OS errors into one-sentence InputErrors."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err})") from None
