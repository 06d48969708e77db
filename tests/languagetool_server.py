"""A loopback stand-in for a LanguageTool 6.x HTTP server, for the languagetool pack's tests.

It answers `GET /v2/languages` and `POST /v2/check` (form-encoded) with bodies shaped like
LanguageTool 6.4's, offsets and lengths in UTF-16 code units as Java computes them. Its
"rules" are a small deterministic table of patterns; rule selection follows LanguageTool's
parameters (`enabledRules`, `disabledRules`, `enabledCategories`, `disabledCategories`,
`enabledOnly`, `level=picky`). It binds 127.0.0.1 on an ephemeral port, records every request,
and can misbehave on `/v2/check` on demand: HTTP 500, a slow answer, malformed JSON, or
incomplete results.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import parse_qs, urlsplit

Mode = Literal["ok", "error500", "slow", "malformed", "incomplete"]

LANGUAGES = (
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
)
LANGUAGE_NAMES = {entry["longCode"]: entry["name"] for entry in LANGUAGES}

SOFTWARE = {
    "name": "LanguageTool",
    "version": "6.4",
    "buildDate": "2024-03-28 13:19:00 +0000",
    "apiVersion": 1,
    "premium": False,
    "premiumHint": "You might be missing errors only the Premium version can find. "
    "Contact us at support<at>languagetoolplus.com.",
    "status": "",
}

MISSPELLINGS = {
    "teh": ["the", "ten", "tech"],
    "recieve": ["receive"],
    "wierd": ["weird", "wired", "wield", "wide", "word", "wiled", "weir"],
    "glimmerwisp": [],
}


@dataclass(frozen=True)
class FakeRule:
    """One pattern rule: what it matches and what LanguageTool would say about it."""

    id: str  # "{LANG}" is replaced by the language, e.g. MORFOLOGIK_RULE_EN_US
    pattern: re.Pattern[str]
    message: str
    short_message: str
    description: str
    issue_type: str
    category: tuple[str, str]  # (id, name)
    replacements: Callable[[re.Match[str]], list[str]]
    type_name: str = "Other"
    default_on: bool = True
    picky: bool = False  # only with level=picky

    def rule_id(self, language: str) -> str:
        """Return the rule id LanguageTool uses for this language."""
        return self.id.replace("{LANG}", language.replace("-", "_").upper())


def _misspelled(match: re.Match[str]) -> list[str]:
    return MISSPELLINGS[match.group(0).lower()]


RULES = (
    FakeRule(
        "MORFOLOGIK_RULE_{LANG}",
        re.compile(r"\b(?:" + "|".join(MISSPELLINGS) + r")\b", re.IGNORECASE),
        "Possible spelling mistake found.",
        "Spelling mistake",
        "Possible spelling mistake",
        "misspelling",
        ("TYPOS", "Possible Typo"),
        _misspelled,
        type_name="UnknownWord",
    ),
    FakeRule(
        "ENGLISH_WORD_REPEAT_RULE",
        re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
        "Possible typo: you repeated a word.",
        "Word repetition",
        "Word repetition (e.g. 'will will')",
        "duplication",
        ("MISC", "Miscellaneous"),
        lambda m: [m.group(1)],
    ),
    FakeRule(
        "COULD_OF",
        re.compile(r"\b(could|should|would) of\b", re.IGNORECASE),
        "Did you mean \u201c{0} have\u201d?\nThe verb form is \u2018have\u2019.",
        "Grammatical problem",
        "could/should/would of (have)",
        "grammar",
        ("GRAMMAR", "Grammar"),
        lambda m: [f"{m.group(1)} have", f"{m.group(1)}'ve"],
    ),
    FakeRule(
        "WHITESPACE_RULE",
        re.compile(r"(?<=\S)  +(?=\S)"),
        "Possible typo: you repeated a whitespace",
        "",
        "Whitespace repetition (bad formatting)",
        "whitespace",
        ("TYPOGRAPHY", "Typography"),
        lambda m: [" "],
        type_name="Whitespace",
    ),
    FakeRule(
        "EN_QUOTES",
        re.compile(r'"'),
        "Use a smart opening or closing quote here.",
        "",
        "Smart quotes (\u201c\u201d)",
        "typographical",
        ("TYPOGRAPHY", "Typography"),
        lambda m: ["\u201c", "\u201d"],
        default_on=False,
    ),
    FakeRule(
        "VERY_STYLE",
        re.compile(r"\bvery\b", re.IGNORECASE),
        "Consider a stronger word than \u2018very\u2019.",
        "Style",
        "Weak intensifier 'very'",
        "style",
        ("STYLE", "Style"),
        lambda m: [],
        type_name="Hint",
        picky=True,
    ),
)


@dataclass(frozen=True)
class Recorded:
    """A request the fake received: method, path and (for POST) the decoded form."""

    method: str
    path: str
    form: dict[str, str]


@dataclass
class FakeLanguageTool:
    """The fake server; use it as a context manager and read `url` and `requests`."""

    mode: Mode = "ok"
    delay: float = 2.0  # seconds a "slow" answer takes
    requests: list[Recorded] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _stop: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        """Return the base URL, like http://127.0.0.1:PORT (what users put in `url`)."""
        assert self._server is not None, "the fake server is not running"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def checks(self) -> list[dict[str, str]]:
        """Return the forms of every `/v2/check` request, in order."""
        return [r.form for r in self.requests if r.path == "/v2/check"]

    def __enter__(self) -> FakeLanguageTool:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        # A short poll interval keeps shutdown (every test's teardown) quick.
        serve = functools.partial(self._server.serve_forever, poll_interval=0.02)
        threading.Thread(target=serve, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()  # wake a handler that is being slow on purpose
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def sleep(self) -> None:
        """Wait `delay` seconds, or less when the server is stopped."""
        self._stop.wait(self.delay)


def _handler_for(fake: FakeLanguageTool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "LanguageToolFake/6.4"

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            fake.requests.append(Recorded("GET", path, {}))
            if path == "/v2/languages":
                self._send(200, json.dumps(list(LANGUAGES)))
            else:
                self._send(404, "Error: unknown path", "text/plain")

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode("utf-8")
            form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
            fake.requests.append(Recorded("POST", path, form))
            if path != "/v2/check":
                self._send(404, "Error: unknown path", "text/plain")
            elif fake.mode == "error500":
                self._send(500, "Error: java.lang.OutOfMemoryError: Java heap space", "text/plain")
            elif fake.mode == "slow":
                fake.sleep()
                self._send(200, json.dumps(check_response(form)))
            elif fake.mode == "malformed":
                self._send(200, '{"software": {"name": "LanguageTool", "version": "6.4"}, "mat')
            else:
                self._answer_check(form)

        def _answer_check(self, form: dict[str, str]) -> None:
            if "text" not in form:
                self._send(400, "Error: Missing 'text' or 'data' parameter", "text/plain")
            elif form.get("language") not in LANGUAGE_NAMES:
                code = form.get("language")
                message = f"Error: '{code}' is not a language code known to LanguageTool."
                self._send(400, message, "text/plain")
            else:
                body = check_response(form)
                body["warnings"]["incompleteResults"] = fake.mode == "incomplete"
                self._send(200, json.dumps(body))

        def _send(self, status: int, body: str, kind: str = "application/json") -> None:
            data = body.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

    return Handler


def utf16_len(text: str) -> int:
    """Return the length of `text` as Java counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _active_rules(form: dict[str, str]) -> list[FakeRule]:
    """Return the rules LanguageTool would run for these request parameters."""
    language = form["language"]

    def names(key: str) -> set[str]:
        return {n for n in form.get(key, "").split(",") if n}

    enabled, disabled = names("enabledRules"), names("disabledRules")
    enabled_cats, disabled_cats = names("enabledCategories"), names("disabledCategories")
    picky = form.get("level") == "picky"
    active = []
    for rule in RULES:
        rule_id, category = rule.rule_id(language), rule.category[0]
        explicitly_on = rule_id in enabled or category in enabled_cats
        if form.get("enabledOnly") == "true":
            on = explicitly_on
        else:
            on = (rule.default_on or explicitly_on) and (picky or not rule.picky)
        if rule_id in disabled or category in disabled_cats:
            on = False
        if on:
            active.append(rule)
    return active


def check_response(form: dict[str, str]) -> dict:
    """Build the JSON body LanguageTool 6.4 sends for one `/v2/check` request."""
    text, language = form["text"], form["language"]
    found = [
        (m.start(), m.end(), rule, m)
        for rule in _active_rules(form)
        for m in rule.pattern.finditer(text)
    ]
    found.sort(key=lambda item: (item[0], item[1]))
    name = LANGUAGE_NAMES[language]
    return {
        "software": dict(SOFTWARE),
        "warnings": {"incompleteResults": False},
        "language": {
            "name": name,
            "code": language,
            "detectedLanguage": {
                "name": name,
                "code": language,
                "confidence": 0.99,
                "source": "ngram",
            },
        },
        "matches": [_match(text, language, s, e, rule, m) for s, e, rule, m in found],
        "sentenceRanges": [[utf16_len(text[:s]), utf16_len(text[:e])] for s, e in _sentences(text)],
    }


def _match(text: str, language: str, start: int, end: int, rule: FakeRule, m: re.Match) -> dict:
    """Describe one match like LanguageTool does (UTF-16 offsets, context, sentence)."""
    replacements = [{"value": value} for value in rule.replacements(m)]
    context_text, context_offset = _context(text, start, end)
    message = rule.message.format(*m.groups())
    rule_body: dict[str, object] = {
        "id": rule.rule_id(language),
        "description": rule.description,
        "issueType": rule.issue_type,
        "category": {"id": rule.category[0], "name": rule.category[1]},
        "isPremium": False,
    }
    if rule.issue_type == "misspelling":
        rule_body["confidence"] = 0.68
    if rule.id == "COULD_OF":
        rule_body["urls"] = [{"value": "https://languagetool.org/insights/post/could-of/"}]
    return {
        "message": message,
        "shortMessage": rule.short_message,
        "replacements": replacements,
        "offset": utf16_len(text[:start]),
        "length": utf16_len(text[start:end]),
        "context": {
            "text": context_text,
            "offset": context_offset,
            "length": utf16_len(text[start:end]),
        },
        "sentence": _sentence_of(text, start),
        "type": {"typeName": rule.type_name},
        "rule": rule_body,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


CONTEXT = 40  # characters LanguageTool shows on each side of an error


def _context(text: str, start: int, end: int) -> tuple[str, int]:
    """Return LanguageTool's context window (line breaks as spaces) and the error's offset."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    prefix = "..." if left > 0 else ""
    suffix = "..." if right < len(text) else ""
    window = (prefix + text[left:right] + suffix).replace("\n", " ")
    return window, utf16_len(prefix + text[left:start])


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|\n+", re.MULTILINE)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(text):
        stripped = m.group(0).strip()
        if stripped:
            lead = len(m.group(0)) - len(m.group(0).lstrip())
            spans.append((m.start() + lead, m.start() + lead + len(stripped)))
    return spans


def _sentence_of(text: str, offset: int) -> str:
    for start, end in _sentences(text):
        if start <= offset < end:
            return text[start:end]
    return ""
