"""The languagetool pack: LanguageTool's grammar, style and spelling rules, opt-in.

The pack runs only when `[languagetool]` (`[tool.stylecheck.languagetool]` in pyproject.toml)
sets `url` (a server the user runs) or `local = true` (a server language-tool-python downloads,
about 260 MB on first use, and starts; it needs Java 17+). Without either it does nothing: no
import, no network. The public API is never used unless its URL is the configured `url`.

Rule ids are LanguageTool's own (`languagetool.MORFOLOGIK_RULE_EN_US`), known only from its
answers, so `rules()` is empty and `make_rule` builds a rule from what the server said about it.
Severity comes from the rule's issue type (see SEVERITIES); misspellings are `spelling` rules,
so the vocabulary silences them.

How language-tool-python is used, and why not for everything (checked against 3.4.0):
- With `remote_server` it never downloads anything; it asks `GET v2/languages` in its
  constructor and sends `POST v2/check` (form fields text, language, enabledRules,
  disabledRules, enabledCategories, disabledCategories, enabledOnly, level=picky).
- But its timeout is a fixed 300 seconds per request (a class constant), and a failed check is
  retried once, so a hung server stalls a run for ten minutes.
- It never looks at the HTTP status: an error page that happens to be JSON is taken as a
  result, and any other error becomes an exception whose text is the whole response body.
- Its `Match` corrects the offset for characters outside the BMP (LanguageTool counts UTF-16
  code units, as Java does) but not the length, and it drops the rule's description and
  category name, which the rule docs here are built from.
So the pack speaks LanguageTool's small HTTP API itself (stdlib `urllib`, the same two calls and
form fields), with the configured timeout per request, a status check, strict parsing and exact
UTF-16 to code point conversion. language-tool-python does what it is good at: with
`local = true` it downloads, starts and stops the server, and the pack talks to that server's
URL the same way. Java is checked first, so a missing Java is one clear sentence, not a crash.

Text is sent as paragraphs (markup is already gone from the prose), consecutive paragraphs
joined by a blank line in requests of at most MAX_BATCH UTF-16 units (LanguageTool's public API
refuses larger texts, and self-hosted servers often set `maxTextLength`); a paragraph too long
for one request is split at sentence boundaries. Each match is mapped back through the piece of
prose it fell in, so offsets are exact. A match that starts in the blank line the pack inserted
between paragraphs is about that line, not about the manuscript, and is dropped.

Any failure of a configured server (unreachable, an HTTP error, a timeout, a response that is
not LanguageTool's JSON, results LanguageTool marks incomplete) raises PackUnavailable: the run
stops with exit 2 rather than report a partial result as if it were complete. The `timeout`
setting bounds connecting and each wait for data of every request.
"""

from __future__ import annotations

import bisect
import functools
import http.client
import json
import re
import shutil
import socket
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stylecheck import __version__
from stylecheck.config import Config, LanguageToolSettings
from stylecheck.diagnostics import Applicability, Edit, Fix, Severity, Span, Violation
from stylecheck.document import Document, Paragraph
from stylecheck.nlp import split_sentences
from stylecheck.rules import CheckContext, PackUnavailable, Rule, RuleDoc
from stylecheck.selection import EnabledRules

PACK = "languagetool"
MAX_BATCH = 20_000  # UTF-16 code units per request
MAX_FIXES = 5
JAVA_MIN = 17
SERVER_COMMAND = "java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port {port}"
RULE_PAGE = "https://community.languagetool.org/rule/show/{rule}?lang={language}"

# LanguageTool's issue types (ITS 2.0 names) -> severity. Spelling and grammar are almost
# certainly wrong; typography, repetition and consistency probably worth changing; style,
# register and everything unknown is advice. A locale violation ("colour" in en-US) is a
# spelling from another English than the configured `language`: an inconsistency, a warning.
SEVERITIES: Mapping[str, Severity] = {
    "misspelling": Severity.ERROR,
    "grammar": Severity.ERROR,
    "typographical": Severity.WARNING,
    "whitespace": Severity.WARNING,
    "duplication": Severity.WARNING,
    "inconsistency": Severity.WARNING,
    "locale-violation": Severity.WARNING,
}
TOPICS: Mapping[str, str] = {"misspelling": "spelling", "duplication": "doubled-word"}

# Matches no real selector, so it is enabled exactly when the pack as a whole is.
_PROBE = f"{PACK}.*"
_JAVA_VERSION = re.compile(r'(?:java|openjdk)(?: version)? "?(\d+)(?:\.(\d+))?')
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


class ServerProblem(Exception):
    """A LanguageTool server failed; the message says how, e.g. "is unreachable (...)"."""


class JavaMissing(Exception):
    """`local = true` but no Java 17+ on PATH; the message says what was found."""


@dataclass(frozen=True)
class RuleInfo:
    """What LanguageTool said about a rule in its answers."""

    description: str
    issue_type: str
    category_id: str
    category_name: str
    language: str


@dataclass(frozen=True)
class LtMatch:
    """One match of a `/v2/check` answer, offsets still in UTF-16 code units."""

    offset: int
    length: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str
    info: RuleInfo


# --- requests: pieces of prose joined into batches -------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A stretch of prose placed at `offset` in a batch's text."""

    offset: int
    prose: Span


@dataclass(frozen=True)
class Batch:
    """The text of one request and where each piece of it came from."""

    text: str
    pieces: tuple[Piece, ...]

    @functools.cached_property
    def _offsets(self) -> list[int]:
        return [piece.offset for piece in self.pieces]

    def to_prose(self, start: int, end: int) -> tuple[Span, bool] | None:
        """Map a code point span of the text to prose; say whether it had to be cut.

        Returns None for a span that starts in a joining blank line (text the pack added).
        """
        index = bisect.bisect_right(self._offsets, start) - 1
        piece = self.pieces[max(index, 0)]
        if start >= piece.offset + len(piece.prose):
            return None
        delta = piece.prose.start - piece.offset
        cut = end > piece.offset + len(piece.prose)
        return Span(start + delta, min(end + delta, piece.prose.end)), cut


JOINER = "\n\n"


def utf16_len(text: str) -> int:
    """Return the length of `text` in UTF-16 code units, as Java counts it."""
    return len(text) + len(_ASTRAL.findall(text))


def make_batches(document: Document, limit: int) -> list[Batch]:
    """Cut a document's prose into requests of at most `limit` UTF-16 units."""
    batches: list[Batch] = []
    builder = _BatchBuilder()
    for span in _pieces(document, limit):
        text = document.prose[span.start : span.end]
        if builder.pieces and builder.size + len(JOINER) + utf16_len(text) > limit:
            batches.append(builder.build())
            builder = _BatchBuilder()
        builder.add(text, span)
    if builder.pieces:
        batches.append(builder.build())
    return batches


class _BatchBuilder:
    """Collect pieces of prose for one request, joined by blank lines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.size = 0  # UTF-16 units
        self.length = 0  # code points

    def add(self, text: str, span: Span) -> None:
        """Append a piece of prose (after a blank line unless it is the first)."""
        if self.pieces:
            self.parts.append(JOINER)
            self.size += len(JOINER)
            self.length += len(JOINER)
        self.pieces.append(Piece(self.length, span))
        self.parts.append(text)
        self.size += utf16_len(text)
        self.length += len(text)

    def build(self) -> Batch:
        """Return the batch collected so far."""
        return Batch("".join(self.parts), tuple(self.pieces))


def _pieces(document: Document, limit: int) -> Iterator[Span]:
    """Yield each paragraph with text, split at sentences when it exceeds `limit`."""
    prose = document.prose
    for paragraph in document.paragraphs:
        span = _stripped(prose, paragraph.span)
        if span is None:
            continue
        if utf16_len(prose[span.start : span.end]) <= limit:
            yield span
        else:
            yield from _split_paragraph(prose, paragraph, limit)


def _stripped(prose: str, span: Span) -> Span | None:
    """Return the span without surrounding whitespace, or None when it is blank."""
    text = prose[span.start : span.end]
    if not text.strip():
        return None
    start = span.start + len(text) - len(text.lstrip())
    return Span(start, span.start + len(text.rstrip()))


def _split_paragraph(prose: str, paragraph: Paragraph, limit: int) -> Iterator[Span]:
    """Group a long paragraph's sentences into spans of at most `limit` UTF-16 units."""
    current: Span | None = None
    for sentence in split_sentences(prose, paragraph):
        for part in _hard_split(prose, sentence.span, limit):
            joined = Span(current.start, part.end) if current else part
            if current and utf16_len(prose[joined.start : joined.end]) > limit:
                yield current
                current = part
            else:
                current = joined
    if current:
        yield current


def _hard_split(prose: str, span: Span, limit: int) -> Iterator[Span]:
    """Cut a sentence longer than `limit` at spaces (at `limit` itself when there is none)."""
    start = span.start
    while utf16_len(prose[start : span.end]) > limit:
        end = min(start + limit, span.end)
        while end > start + 1 and utf16_len(prose[start:end]) > limit:
            end -= 1
        space = max(prose.rfind(" ", start + 1, end), prose.rfind("\n", start + 1, end))
        cut = space if space > start else end
        yield Span(start, cut)
        start = cut + 1 if space > start else cut
    if start < span.end:
        yield Span(start, span.end)


class Utf16Index:
    """Convert UTF-16 offsets of one text (LanguageTool's) to code point offsets (Python's)."""

    def __init__(self, text: str) -> None:
        # The UTF-16 offset of every character outside the BMP (two code units in Java).
        starts: list[int] = []
        for m in _ASTRAL.finditer(text):
            starts.append(m.start() + len(starts))
        self._astral = starts

    def code_points(self, utf16: int) -> int:
        """Return the code point offset of a UTF-16 offset."""
        return utf16 - bisect.bisect_left(self._astral, utf16)


# --- talking to a server ------------------------------------------------------------------------


class Server:
    """A LanguageTool server's HTTP API (v2), one per base URL and language."""

    def __init__(self, url: str, language: str) -> None:
        self.url = url
        self.language = language
        self.api = urllib.parse.urljoin(url.rstrip("/") + "/", "v2/")
        self._language_checked = False
        self.owner: object = None  # what must stay alive for the server to run (local mode)
        # Proxy settings are for reaching remote hosts; a loopback server is reached directly.
        host = urllib.parse.urlsplit(self.api).hostname or ""
        proxies = urllib.request.ProxyHandler({} if host in _LOOPBACK else None)
        self._opener = urllib.request.build_opener(proxies)

    def check(self, text: str, settings: LanguageToolSettings) -> list[LtMatch]:
        """Check one text and return LanguageTool's matches."""
        if not self._language_checked:
            self._require_language(settings.timeout)
        form = request_form(text, self.language, settings)
        body = self._call("check", urllib.parse.urlencode(form).encode("utf-8"), settings.timeout)
        return parse_check(body, self.language, utf16_len(text))

    def _require_language(self, timeout: float) -> None:
        """Ask which languages the server knows and insist that ours is one."""
        body = self._call("languages", None, timeout)
        try:
            known = {str(entry[key]) for entry in body for key in ("code", "longCode")}
        except (TypeError, KeyError) as err:
            raise ServerProblem("sent a language list that is not LanguageTool's") from err
        if self.language not in known:
            raise ServerProblem(f"does not offer the language {self.language}")
        self._language_checked = True

    def _call(self, endpoint: str, data: bytes | None, timeout: float) -> Any:
        """Send one request and return the decoded JSON answer."""
        request = urllib.request.Request(
            self.api + endpoint,
            data=data,
            headers={"Accept": "application/json", "User-Agent": f"stylecheck/{__version__}"},
        )
        try:
            with self._opener.open(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as err:
            raise ServerProblem(f"answered HTTP {err.code} ({_error_text(err)})") from None
        except urllib.error.URLError as err:
            raise ServerProblem(_network_problem(err.reason, timeout)) from None
        except (OSError, http.client.HTTPException) as err:
            raise ServerProblem(_network_problem(err, timeout)) from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ServerProblem("sent a response that is not valid JSON") from None


def _error_text(err: urllib.error.HTTPError) -> str:
    """Return the first line of an HTTP error's body (LanguageTool's "Error: ..."), short."""
    try:
        body = err.read().decode("utf-8", "replace").strip()
    except (OSError, http.client.HTTPException):
        body = ""
    line = body.splitlines()[0] if body else (err.reason or "no details")
    line = str(line).removeprefix("Error: ")
    return line if len(line) <= 120 else line[:117] + "..."


def _network_problem(reason: object, timeout: float) -> str:
    """Describe why a request got no answer."""
    if isinstance(reason, TimeoutError):
        return f"did not answer within {timeout:g} seconds (the timeout setting)"
    if isinstance(reason, ConnectionRefusedError):
        return "is unreachable (connection refused)"
    if isinstance(reason, socket.gaierror):
        return "is unreachable (host not found)"
    if isinstance(reason, http.client.RemoteDisconnected | ConnectionResetError):
        return "closed the connection without answering"
    return f"is unreachable ({reason})"


def request_form(text: str, language: str, settings: LanguageToolSettings) -> dict[str, str]:
    """Return the `/v2/check` form fields (the names language-tool-python also sends)."""
    form = {"text": text, "language": language}
    lists = {
        "enabledRules": settings.enabled_rules,
        "disabledRules": settings.disabled_rules,
        "enabledCategories": settings.enabled_categories,
        "disabledCategories": settings.disabled_categories,
    }
    form.update({key: ",".join(names) for key, names in lists.items() if names})
    if settings.picky:
        form["level"] = "picky"
    return form


def parse_check(body: Any, language: str, text_length: int) -> list[LtMatch]:
    """Validate a `/v2/check` answer and return its matches (offsets in UTF-16 units)."""
    try:
        if (body.get("warnings") or {}).get("incompleteResults"):
            raise ServerProblem("reported incomplete results (its time limit per text ran out)")
        matches = [_parse_match(raw, language) for raw in body["matches"]]
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise ServerProblem("sent JSON that is not shaped like LanguageTool's answer") from err
    for match in matches:
        if match.offset < 0 or match.length < 0 or match.offset + match.length > text_length:
            raise ServerProblem("sent a match outside the text it was given")
    return matches


def _parse_match(raw: Mapping[str, Any], language: str) -> LtMatch:
    """Read one match; raise KeyError/TypeError/ValueError when it is malformed."""
    rule = raw["rule"]
    category = rule.get("category") or {}
    info = RuleInfo(
        description=str(rule.get("description", "")),
        issue_type=str(rule.get("issueType", "uncategorized")),
        category_id=str(category.get("id", "")),
        category_name=str(category.get("name", "")),
        language=language,
    )
    offset, length = raw["offset"], raw["length"]
    if not isinstance(offset, int) or not isinstance(length, int):
        raise TypeError("offset and length must be integers")
    return LtMatch(
        offset=offset,
        length=length,
        message=" ".join(str(raw["message"]).split()),
        replacements=tuple(str(r["value"]) for r in raw.get("replacements", ())),
        rule_id=str(rule["id"]),
        info=info,
    )


# --- finding the server: a URL, or a local one language-tool-python manages -------------------


@functools.cache
def remote_server(url: str, language: str) -> Server:
    """Return the (per-process) client for a server the user runs."""
    return Server(url, language)


@functools.cache
def local_server(language: str) -> Server:
    """Start LanguageTool through language-tool-python (once per process) and return it.

    language-tool-python downloads LanguageTool on first use, starts it on a free local port,
    and stops it when the process exits. Its object is kept alive with the client: dropping
    it would stop the server. Java is checked first (and again on each call until a server
    has started: a failure is not cached).
    """
    major = java_major_version()
    if major is None or major < JAVA_MIN:
        raise JavaMissing("no java was found on PATH" if major is None else f"found Java {major}")
    import language_tool_python

    tool = language_tool_python.LanguageTool(language)
    server = Server(tool.url.removesuffix("v2/"), language)
    server.owner = tool
    return server


def java_major_version() -> int | None:
    """Return the major version of the `java` on PATH, or None when there is none."""
    java = shutil.which("java")
    if java is None:
        return None
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = _JAVA_VERSION.search(done.stderr + done.stdout)
    if found is None:
        return None
    major = int(found.group(1))
    # Java 8 and older call themselves "1.8".
    return int(found.group(2) or 0) if major == 1 else major


def _table(config: Config) -> str:
    """Return the name of the config table the settings came from."""
    in_pyproject = config.path is not None and config.path.name == "pyproject.toml"
    return "[tool.stylecheck.languagetool]" if in_pyproject else "[languagetool]"


def _where(config: Config) -> str:
    """Return " in <config file>" for messages, or nothing for the built-in defaults."""
    return f" in {config.path}" if config.path else ""


def _start_local(language: str, config: Config) -> Server:
    """Return the managed local server, or raise PackUnavailable saying what to do."""
    try:
        return local_server(language)
    except JavaMissing as err:
        raise PackUnavailable(
            f"LanguageTool with local = true needs Java {JAVA_MIN} or newer ({err}); "
            "install it (language-tool-python then downloads LanguageTool, about 260 MB, on "
            f"first use) or set url in {_table(config)}{_where(config)} to a server you run "
            f"(`{SERVER_COMMAND.format(port=8081)}`)"
        ) from None
    # language-tool-python raises many kinds of errors (and SystemExit for an odd java -version).
    except (Exception, SystemExit) as err:
        detail = " ".join(str(err).split()) or type(err).__name__
        raise PackUnavailable(
            f"language-tool-python could not start a local LanguageTool server ({detail}); "
            f"set url in {_table(config)}{_where(config)} to a server you run instead "
            f"(`{SERVER_COMMAND.format(port=8081)}`)"
        ) from None


def _unavailable(server: Server, problem: str, config: Config, local: bool) -> PackUnavailable:
    """Return the one-sentence error for a server that failed."""
    if local:
        remedy = (
            f"set url in {_table(config)}{_where(config)} to a server you run "
            f"(`{SERVER_COMMAND.format(port=8081)}`)"
        )
    else:
        port = urllib.parse.urlsplit(server.url).port or 8081
        remedy = (
            f"start a server with `{SERVER_COMMAND.format(port=port)}` or remove url "
            f"from {_table(config)}{_where(config)}"
        )
    return PackUnavailable(f"LanguageTool at {server.url} {problem}; {remedy}")


# --- the pack ---------------------------------------------------------------------------------


def _pack_may_report(context: CheckContext) -> bool:
    """Tell whether any LanguageTool rule can be enabled, so that a request is worth sending."""
    if context.is_enabled(_PROBE):
        return True
    enabled = context.enabled
    # `--select proselint` turns the pack off, unless a selector names a LanguageTool rule.
    if isinstance(enabled, EnabledRules):
        return any(s.startswith(f"{PACK}.") for s in enabled.select or ())
    return True


class LanguageToolPack:
    """Check prose with a LanguageTool server; rules are made from its answers."""

    name = PACK

    def __init__(self) -> None:
        self._seen: dict[str, RuleInfo] = {}

    def rules(self) -> list[Rule]:
        """Return no static rules: LanguageTool's rule ids come from its answers."""
        return []

    def make_rule(self, rule_id: str) -> Rule:
        """Return the rule for an id LanguageTool reported (generic when never seen)."""
        name = rule_id.removeprefix(f"{PACK}.")
        info = self._seen.get(name)
        issue_type = info.issue_type if info else None
        return Rule(
            id=rule_id,
            severity=SEVERITIES.get(issue_type, Severity.NOTE) if issue_type else Severity.WARNING,
            doc=rule_doc(name, info),
            spelling=issue_type == "misspelling",
            topic=TOPICS.get(issue_type or ""),
        )

    def check(self, document: Document, context: CheckContext) -> list[Violation]:
        """Send the prose to LanguageTool and return the enabled rules' matches."""
        settings = context.config.languagetool
        if not settings.configured or not _pack_may_report(context):
            return []
        batches = make_batches(document, MAX_BATCH)
        if not batches:
            return []
        if settings.local:
            server = _start_local(context.language, context.config)
        else:
            assert settings.url is not None  # `configured` without `local`
            server = remote_server(settings.url, context.language)
        violations: list[Violation] = []
        for batch in batches:
            try:
                matches = server.check(batch.text, settings)
            except ServerProblem as err:
                raise _unavailable(server, str(err), context.config, settings.local) from None
            violations.extend(self._violations(batch, matches, context))
        return violations

    def _violations(
        self, batch: Batch, matches: Sequence[LtMatch], context: CheckContext
    ) -> Iterator[Violation]:
        """Turn one batch's matches into violations in prose coordinates."""
        index = Utf16Index(batch.text)
        for match in matches:
            rule_id = f"{PACK}.{match.rule_id}"
            if not context.is_enabled(rule_id):
                continue
            start = index.code_points(match.offset)
            end = index.code_points(match.offset + match.length)
            mapped = batch.to_prose(start, end)
            if mapped is None:
                continue
            span, cut = mapped
            self._seen.setdefault(match.rule_id, match.info)
            # A replacement stands for the whole matched text; a cut match has none that fits.
            fixes = () if cut else _fixes(match, span, batch.text[start:end])
            yield Violation(rule_id, span, match.message, fixes)


def _fixes(match: LtMatch, span: Span, matched: str) -> tuple[Fix, ...]:
    """Offer LanguageTool's first replacements; a spelling guess is never applied by itself."""
    if match.info.issue_type == "misspelling":
        applicability = Applicability.DISPLAY
    else:
        applicability = Applicability.UNSAFE
    fixes = []
    for value in match.replacements[:MAX_FIXES]:
        if value == matched:
            continue
        title = f"Replace with '{value}'" if value else "Delete it"
        fixes.append(Fix(title, (Edit(span, value),), applicability))
    return tuple(fixes)


def rule_doc(name: str, info: RuleInfo | None) -> RuleDoc:
    """Describe a LanguageTool rule from what the server said about it."""
    language = info.language if info else "en-US"
    page = RULE_PAGE.format(rule=name, language=language)
    if info is None:
        return RuleDoc(
            summary=f"LanguageTool's {name} rule.",
            flags=f"Whatever LanguageTool's rule {name} flags.",
            why="LanguageTool considers it a grammar, spelling or style problem.",
            bad="(LanguageTool documents this rule's examples itself: see the source)",
            good="(see LanguageTool's rule page)",
            ignore_when="The flagged text is deliberate, for example in dialogue.",
            source=f"LanguageTool, rule {name}: {page}",
        )
    category = info.category_name or info.category_id or "uncategorized"
    return RuleDoc(
        summary=info.description or f"LanguageTool's {name} rule.",
        flags=f"{info.description or name} (LanguageTool category: {category}).",
        why=f"LanguageTool reports it as a {info.issue_type} issue.",
        bad="(LanguageTool documents this rule's examples itself: see the source)",
        good="(see LanguageTool's rule page)",
        ignore_when="The flagged text is deliberate, for example in dialogue or a name.",
        source=f"LanguageTool, rule {name} in category {category}: {page}",
    )
