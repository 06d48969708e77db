"""The HTML report: every chart present, hostile text escaped, nothing loaded, SVG well-formed."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pytest
import report_factory as factory

from stylecheck.report import svg
from stylecheck.report.html import CHART_IDS, count, percent, rate, reading_time, render_html
from stylecheck.report.model import LongSentence, Overused, Report

SCRIPT_TITLE = "<script>alert(1)</script>"
IMG_SENTENCE = 'He typed <img src=x onerror=alert(1)> and "quotes" & ampersands.'
SVG_BLOCK = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


class Tags(HTMLParser):
    """Collect start tags, their attributes and the text, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def charts(page: str) -> dict[str, ET.Element]:
    """Parse every `<svg>` of the page as XML (which fails unless it is well-formed)."""
    found = {}
    for block in SVG_BLOCK.findall(page):
        root = ET.fromstring(block)
        found[root.get("id", "")] = root
    return found


def hostile_report() -> Report:
    base = factory.report(2)
    evil = factory.section(SCRIPT_TITLE, 'ch"apter<1>.md', longest_text=IMG_SENTENCE)
    use = base.manuscript.word_use
    use = replace(use, overused=(Overused("<b onmouseover=x>", 3, 9.0, 40.0), *use.overused))
    whole = replace(
        base.manuscript,
        word_use=use,
        title="<script>document.title='PWNED'</script>",
        sentence_lengths=replace(
            base.manuscript.sentence_lengths,
            longest=(LongSentence("<x>.md", 3, 1, 40, IMG_SENTENCE),),
        ),
    )
    return replace(
        base,
        manuscript=whole,
        chapters=(evil, *base.chapters),
        errors=("notes/<script>.md: cannot read: 'utf-8' codec can't decode byte 0xff",),
    )


def test_every_chart_is_present_accessible_and_well_formed() -> None:
    page = render_html(factory.report(3))
    found = charts(page)
    assert sorted(found) == sorted(CHART_IDS)
    for chart_id, root in found.items():
        assert root.get("role") == "img"
        assert root.get("class") == "chart"
        assert root.get("aria-label"), chart_id
        assert root.findall(".//rect[@class='bar']"), f"{chart_id} draws no bar"
        assert root.get("fill") is None  # bars carry their own colour
    assert f'fill="{svg.BAR}"' in page and f'fill="{svg.BAR_2}"' in page


def test_hostile_text_is_escaped_everywhere() -> None:
    page = render_html(hostile_report())
    tags = parse(page)
    assert "script" not in tags.tags
    assert "img" not in tags.tags
    assert "b" not in tags.tags
    assert [name for name in tags.attributes if name.startswith("on")] == []
    # The text is there, shown as text: escaped in the source, whole once parsed.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&quot;quotes&quot; &amp; ampersands" in page
    text = "".join(tags.text)
    assert SCRIPT_TITLE in text
    assert IMG_SENTENCE in text
    assert "notes/<script>.md: cannot read" in text
    # The same holds inside the charts' labels and tooltips, which must stay well-formed XML.
    titles = [element.text or "" for root in charts(page).values() for element in root.iter()]
    assert any(SCRIPT_TITLE in title for title in titles)
    assert "<b onmouseover=x>" in titles


def test_the_page_loads_nothing_and_runs_nothing() -> None:
    page = render_html(hostile_report())
    lowered = page.lower()
    for needle in ("http://", "https://", "<link", "<script", "@import", "url(", "javascript:"):
        assert needle not in lowered, needle
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<meta charset="utf-8">' in page
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;'
        not in page
    )  # the policy is written literally: its quotes are part of the header's syntax
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
    ) in page
    assert 'name="viewport"' in page
    assert page.rstrip().endswith("</html>")


def test_title_and_footer() -> None:
    page = render_html(factory.report(3))
    assert "<title>Editorial report: 3 chapters, 7,200 words</title>" in page
    assert "stylecheck 0.1.0" in page.split("<footer>")[1]
    single = render_html(factory.report(1))
    assert "<title>Editorial report: 1 chapter, 2,400 words</title>" in single


def test_without_lint_the_findings_are_left_out() -> None:
    page = render_html(factory.report(3, lint=False))
    assert "Findings" not in page
    assert "dialogue.tag-capital" not in page
    assert "findings" not in page
    with_lint = render_html(factory.report(3))
    assert "Findings" in with_lint and "dialogue.tag-capital" in with_lint


def test_without_prose_readability_shows_a_dash() -> None:
    base = factory.report(2)
    silent = factory.section("Interlude", "interlude.md", words=0, grade=None)
    report = replace(
        base,
        manuscript=replace(base.manuscript, readability=None),
        chapters=(*base.chapters, silent),
    )
    page = render_html(report)
    assert "No prose to measure" in page
    found = charts(page)
    grade = found["chart-readability"]
    bars = grade.findall(".//rect[@class='bar']")
    assert len(bars) == 2  # the chapter without prose keeps its slot but has no bar
    missing = [element for element in grade.iter("text") if element.get("class") == "missing"]
    assert [element.findtext("title") for element in missing] == ["Interlude: no prose to measure"]
    row = next(line for line in page.split("<tr>") if line.startswith('<th scope="row">Interlude'))
    assert row.count("<td class=n>—</td>") == 2  # grade and reading ease


@pytest.mark.parametrize("chapters", [0, 1, 80])
def test_any_number_of_chapters_renders(chapters: int) -> None:
    page = render_html(factory.report(chapters))
    found = charts(page)
    assert sorted(found) == sorted(CHART_IDS)
    grade = found["chart-readability"]
    assert len(grade.findall(".//rect[@class='bar']")) == chapters
    if chapters == 0:
        assert "No data" in "".join(grade.itertext())


def test_many_chapters_get_turned_thinned_labels_that_do_not_touch() -> None:
    root = charts(render_html(factory.report(80)))["chart-density"]
    labels = [element for element in root.iter("text") if "rotate" in element.get("transform", "")]
    assert 10 <= len(labels) < 80
    xs = [float(element.get("x", "0")) for element in labels]
    assert all(b - a >= svg.ROTATED_SPACING for a, b in itertools.pairwise(xs))
    # No value notes on bars this thin: they would overlap.
    assert not [element for element in root.iter("text") if element.get("stroke")]


def test_long_titles_are_cut_in_labels_and_whole_in_tooltips() -> None:
    title = "The Night the River Came Up Through the Floorboards of the Old Mill"
    chapters = [factory.section(title, "a.md"), factory.section("Short", "b.md")]
    report = factory.with_chapters(factory.report(0), *chapters)
    root = charts(render_html(report))["chart-readability"]
    labels = [element.text or "" for element in root.iter("text")]
    assert title not in labels
    cut = [label for label in labels if label.endswith("…")]
    assert cut and title.startswith(cut[0][:-1])
    assert any(title in (element.text or "") for element in root.iter("title"))


def test_horizontal_labels_fit_their_slots() -> None:
    bars = [svg.Bar(f"Chapter {n}", n) for n in range(1, 7)]
    root = ET.fromstring(svg.column_chart("c", "label", bars))
    labels = [e for e in root.iter("text") if e.get("text-anchor") == "middle" and e.text]
    labels = [e for e in labels if (e.text or "").startswith("Chapter")]
    assert len(labels) == 6 and not any(e.get("transform") for e in labels)
    xs = [float(e.get("x", "0")) for e in labels]
    slot = xs[1] - xs[0]
    assert all(len(e.text or "") * svg.CHAR <= slot for e in labels)


def test_charts_survive_empty_zero_and_negative_values() -> None:
    cases = [
        svg.column_chart("a", "empty", []),
        svg.column_chart("b", "no values", [svg.Bar("x", None), svg.Bar("y", None)]),
        svg.column_chart("c", "zeros", [svg.Bar("x", 0.0), svg.Bar("y", 0.0)]),
        svg.column_chart("d", "one", [svg.Bar("only", 3.0)], reference=svg.Reference(3.0, "r")),
        svg.column_chart("e", "negative", [svg.Bar("x", -2.5), svg.Bar("y", 7.0)]),
        svg.histogram("f", "bins", [svg.Bar("1–5", 0), svg.Bar("6+", 0)]),
        svg.bar_list("g", "empty list", [], empty="Nothing stands out."),
        svg.bar_list("h", "zeros", [svg.Bar("word", 0.0, note="×1.0")]),
        svg.grouped_chart("i", "none", [], [svg.Series("s", svg.BAR, ())]),
    ]
    for chart in cases:
        root = ET.fromstring(chart)
        assert root.get("role") == "img"
        for rect in root.iter("rect"):
            assert float(rect.get("height", "0")) >= 0 and float(rect.get("width", "0")) >= 0
    negative = ET.fromstring(cases[4])
    ticks = [e.text for e in negative.iter("text")]
    assert "-2.5" in ticks and "0" in ticks


def test_a_grouped_chart_needs_one_bar_per_group() -> None:
    with pytest.raises(ValueError, match="2 bars for 3"):
        svg.grouped_chart(
            "x", "y", ["a", "b", "c"], [svg.Series("s", svg.BAR, (svg.Bar("a", 1),) * 2)]
        )


def test_characters_xml_forbids_are_dropped() -> None:
    chapter = factory.section("Form\x0cfeed\x00 chapter", "a.md")
    page = render_html(factory.with_chapters(factory.report(0), chapter))
    assert "\x0c" not in page and "\x00" not in page
    assert "Formfeed chapter" in page
    charts(page)  # still well-formed XML


def test_numbers_are_formatted_one_way() -> None:
    assert count(1234567) == "1,234,567"
    assert rate(3.14159) == "3.1"
    assert rate(1234.5) == "1,234.5"
    assert percent(0) == "0%"
    assert percent(0.042) == "4.2%"
    assert percent(0.42) == "42%"
    assert percent(1) == "100%"
    assert reading_time(0.2) == "under 1 min"
    assert reading_time(47.6) == "48 min"
    assert reading_time(125) == "2 h 05 min"


def test_overused_words_show_their_factor() -> None:
    page = render_html(factory.report(2))
    root = charts(page)["chart-overused"]
    notes = [e.text or "" for e in root.iter("text")]
    assert "×180 · 6 uses" in notes
    assert "×4.2 · 2 uses" in notes
    widths = [float(rect.get("width", "0")) for rect in root.iter("rect")]
    assert widths == sorted(widths, reverse=True)  # the list comes ordered; bars follow


def test_one_chapter_leads_with_the_charts_of_the_whole_text() -> None:
    one = render_html(factory.report(1))
    assert one.index('id="chart-sentence-lengths"') < one.index('id="chart-readability"')
    many = render_html(factory.report(3))
    assert many.index('id="chart-readability"') < many.index('id="chart-sentence-lengths"')
