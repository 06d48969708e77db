"""The dialogue pack's rules and their documentation (the checks are in `dialogue.py`)."""

from __future__ import annotations

from stylecheck.diagnostics import Severity
from stylecheck.rules import Rule, RuleDoc

_CMOS_DIALOGUE = (
    "The Chicago Manual of Style, 6.9 and 13.39-13.45 (punctuation with quotations; dialogue); "
    "New Hart's Rules, 9.3."
)

TAG_PUNCTUATION = Rule(
    id="dialogue.tag-punctuation",
    severity=Severity.ERROR,
    doc=RuleDoc(
        summary="Wrong or missing punctuation between speech and its dialogue tag.",
        flags=(
            'Speech followed by a tag with nothing before the closing quote (`"It\'s okay" she '
            'whispered`), a full stop where the tag needs a comma (`"We should go." he '
            'whispered`, `"Stop." Mara said.`), a comma after a question or exclamation mark '
            '(`"Who?," she asked`), and a tag\'s comma outside the closing quote (`"Fine", '
            "he said`). A tag is a pronoun or name with a verb of speech, in either order; the "
            "verb lists are in `rules/dialogue/`. A capitalised tag after a full stop is "
            'flagged only when the tag ends its clause (`"Stop." He said nothing.` is a new '
            "sentence)."
        ),
        why=(
            "A tag belongs to the sentence of the speech it attributes, so the speech ends with "
            "a comma (or a question mark, exclamation mark, dash or ellipsis) inside the closing "
            "quote, in American and British practice alike. A missing or misplaced mark is the "
            "error agents and editors notice first."
        ),
        bad='"It\'s okay" she whispered.\n',
        good='"It\'s okay," she whispered.\n',
        ignore_when=(
            "The quoted words are a title or a quoted word rather than speech (`He called it "
            '"rubbish" she said` is rare, and needs rewording anyway).'
        ),
        source=_CMOS_DIALOGUE,
    ),
)

TAG_CAPITAL = Rule(
    id="dialogue.tag-capital",
    severity=Severity.ERROR,
    doc=RuleDoc(
        summary='A dialogue tag capitalised after speech ("Really?" She asked.).',
        flags=(
            "A tag whose pronoun or verb starts with a capital after speech ending in a question "
            'mark, exclamation mark, comma, dash or ellipsis: `"Really?" She asked.`, '
            '`"Who?" Asked Tom.` Names and `I` keep their capitals; a sound or action after '
            'speech (`"Really?" She laughed.`) is a beat, a sentence of its own, and is left '
            "alone."
        ),
        why=(
            "The tag continues the sentence of the speech even after a question or exclamation "
            "mark, so it starts in lower case."
        ),
        bad='"Really?" She asked.\n',
        good='"Really?" she asked.\n',
        ignore_when="Never: a capitalised tag is always a slip.",
        source='The Chicago Manual of Style, 6.72 and 13.39; CMOS Shop Talk, "Prose, Interrupted".',
    ),
)

CONTINUATION = Rule(
    id="dialogue.continuation",
    severity=Severity.ERROR,
    doc=RuleDoc(
        summary="Speech that resumes after a tag, punctuated wrongly.",
        flags=(
            'A tag followed directly by more speech with no comma (`she said "that we should '
            'go"`), speech resuming in lower case after a tag that ends with a full stop '
            '(`she said. "and bring the map"`), and speech resuming after a tag and a comma '
            'with a capitalised word that cannot start a name (`she said, "That we should '
            'go"`; `"Well," she said, "Tom is here"` is fine).'
        ),
        why=(
            "When a tag interrupts one sentence, a comma follows the tag and the speech resumes "
            "in lower case; when the speaker starts a new sentence, a full stop follows the tag "
            "and the speech resumes with a capital. Mixing the two leaves a reader unsure "
            "where the sentence broke."
        ),
        bad='"I think," she said "that we should go."\n',
        good='"I think," she said, "that we should go."\n',
        ignore_when="Never in dialogue.",
        source="The Chicago Manual of Style, 13.39; New Hart's Rules, 9.3.",
    ),
)

UNBALANCED_QUOTE = Rule(
    id="dialogue.unbalanced-quote",
    severity=Severity.ERROR,
    doc=RuleDoc(
        summary="A quotation opened and never closed, or a closing quote with nothing open.",
        flags=(
            "An opening quotation mark with no closing mark before the paragraph ends (unless "
            "the next paragraph opens with a quotation mark: one speech over several paragraphs "
            "closes only at its end), an opening mark while a quotation is already open, and a "
            "closing mark that closes nothing. Straight quotes are read by their place: after a "
            "space or at a paragraph's start they open. Apostrophes (`goin'`, `'em`, `'90s`) "
            "and nested quotations in the other style are not counted; a manuscript quoting "
            "speech in single quotes (British style) is paired on single quotes."
        ),
        why=(
            "A missing quotation mark makes narration read as speech or speech as narration, "
            "and the reader has to go back to find out who is talking."
        ),
        bad='"Where are you going? she asked.\n',
        good='"Where are you going?" she asked.\n',
        ignore_when="The text quotes a fragment that really is left open, such as a sign.",
        source="The Chicago Manual of Style, 13.30 and 13.39 (quotation marks; dialogue).",
    ),
)

GLUED_QUOTE = Rule(
    id="dialogue.glued-quote",
    severity=Severity.ERROR,
    doc=RuleDoc(
        summary='A quotation mark glued to a word on the wrong side ("Izzie\'s…"baking?").',
        flags=(
            "A closing quotation mark with a word right after it, and an opening curly mark "
            "with a word right before it: a space is missing, and often a second speaker's "
            "line starts there. Read as a closing mark followed by an opening one."
        ),
        why=(
            "A glued mark is ambiguous: a reader and every tool must guess whether it opens or "
            "closes, and typesetting software curls it the wrong way."
        ),
        bad='"Careful, Izzie\'s…"baking?" he guessed.\n',
        good='"Careful, Izzie\'s…" "Baking?" he guessed.\n',
        ignore_when="Never in prose.",
        source="The Chicago Manual of Style, 6.9 and 13.30.",
    ),
)

MARK_OUTSIDE = Rule(
    id="dialogue.mark-outside",
    severity=Severity.ERROR,
    doc=RuleDoc(
        summary='An ellipsis or dash for trailing or cut-off speech outside the quote ("I"…).',
        flags=(
            "An ellipsis typed right after the closing quotation mark of speech that ends "
            'in a word, before a space or the end of the paragraph (`"I"… he stammered`), '
            'and a dash there when a tag follows (`"If you would"— he began`). A dash glued '
            'to narration after the quotes opens an interruption of the speech (`"and"—his '
            'voice turned—"I won\'t"`); that is correct and left alone.'
        ),
        why=(
            "Speech that trails off or is cut off belongs with its ellipsis or dash inside the "
            "quotation marks; outside, the mark seems to belong to the narration."
        ),
        bad='"I"… he stammered.\n',
        good='"I…" he stammered.\n',
        ignore_when="Never in dialogue.",
        source="The Chicago Manual of Style, 6.87 and 13.53 (dashes and ellipses in speech).",
    ),
)

NEW_SPEAKER = Rule(
    id="dialogue.new-speaker",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary="Two speakers' tagged lines in one paragraph; a new speaker needs a new paragraph.",
        flags=(
            "A paragraph where one line of speech is tagged with one speaker and a later line "
            "with a clearly different one: two different names, `he` and `she`, or `I` and a "
            "name. A pronoun and a name (`he` … `Tom`) may be the same person and are left "
            "alone, as are quotations without tags."
        ),
        why=(
            "Readers track who is speaking by paragraphs: each new speaker starts a new one. "
            "Two speakers in one paragraph make the reader stop and recount."
        ),
        bad='"Stop what?" Alex asked. "You know what," Meredith said.\n',
        good='"Stop what?" Alex asked.\n\n"You know what," Meredith said.\n',
        ignore_when=(
            "One speaker reports what another said, or the exchange is deliberately run "
            "together for pace."
        ),
        source='The Chicago Manual of Style, 13.42; Lauren Mosko, "Punctuating Dialogue".',
    ),
)

ADVERB_TAG = Rule(
    id="dialogue.adverb-tag",
    severity=Severity.NOTE,
    doc=RuleDoc(
        summary='A dialogue tag with a manner adverb ("she said angrily").',
        flags=(
            "A speech verb in a tag with an -ly adverb right before or after it: `asked "
            "quietly`, `said gently`, `angrily snapped`. Words that only look like adverbs "
            "(`only`, `early`, `family`) are skipped (list in `rules/dialogue/not-adverbs.txt`)."
        ),
        why=(
            "The adverb tells the reader how a line was said instead of letting the words and "
            "the scene show it; an editor will often cut it or turn it into a beat."
        ),
        bad='"Get out," he said angrily.\n',
        good='"Get out," he said.\n',
        ignore_when="The adverb adds what the words cannot (a whisper in a crowded room).",
        source="Renni Browne and Dave King, Self-Editing for Fiction Writers, ch. 5.",
    ),
)

SAID_BOOKISM = Rule(
    id="dialogue.said-bookism",
    severity=Severity.NOTE,
    doc=RuleDoc(
        summary='A showy verb or a sound used as a dialogue tag ("she opined", "he laughed").',
        flags=(
            'A tag whose verb is a sound rather than speech (`"Fine," she laughed`, `sighed`, '
            "`chuckled`) or a showy substitute for `said` (`opined`, `expostulated`). A sound "
            'as a sentence of its own after the speech (`"Fine." She laughed.`) is a beat and '
            "is left alone. Lists in `rules/dialogue/`."
        ),
        why=(
            "Nobody laughs words, and fancy verbs pull the reader's eye to the tag; `said` is "
            "nearly invisible."
        ),
        bad='"That\'s wonderful," she laughed.\n',
        good='"That\'s wonderful." She laughed.\n',
        ignore_when="The voice or period of the book calls for it.",
        source="Renni Browne and Dave King, Self-Editing for Fiction Writers, ch. 5; Elmore "
        'Leonard, "Ten Rules of Writing", rule 3.',
    ),
)

ACTION_TAG = Rule(
    id="dialogue.action-tag",
    severity=Severity.NOTE,
    doc=RuleDoc(
        summary='An action punctuated as a dialogue tag ("Fine," she shrugged.).',
        flags=(
            "An action verb (`shrugged`, `smiled`, `scowled`, `nodded`) right after speech "
            "that ends with a comma, or with a lower-case subject after a question mark, "
            "exclamation mark, dash or ellipsis, when the clause ends there. List in "
            "`rules/dialogue/action-verbs.txt`."
        ),
        why=(
            "An action is a beat, not a tag: nobody shrugs words. End the speech with a full "
            "stop and give the action its own sentence, or add a speech verb."
        ),
        bad='"Fine," she shrugged.\n',
        good='"Fine." She shrugged.\n',
        ignore_when="Never as punctuation; as style, some genres accept it.",
        source="The Chicago Manual of Style, 13.39; Browne and King, Self-Editing for Fiction "
        "Writers, ch. 5.",
    ),
)

RULES = (
    TAG_PUNCTUATION,
    TAG_CAPITAL,
    CONTINUATION,
    UNBALANCED_QUOTE,
    GLUED_QUOTE,
    MARK_OUTSIDE,
    NEW_SPEAKER,
    ADVERB_TAG,
    SAID_BOOKISM,
    ACTION_TAG,
)
