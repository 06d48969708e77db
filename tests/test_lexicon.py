"""The second opinion on unknown words: broad word list, derivations, slips, dialect variants."""

from __future__ import annotations

import pytest

from stylecheck.lexicon import (
    dialect_variants,
    is_derived_word,
    is_english_word,
    looks_like_typo,
    normalise,
)

# Common misspellings (a hand-made list): none may pass as a word or a derivation.
MISSPELLINGS = (  # noqa: SIM905
    "recieve teh definately seperate occured untill wierd alot thier beleive acheive "
    "accomodate adress arguement begining cemetary commited concious enviroment existance "
    "foriegn freind goverment grammer harrass independant knowlege liason lenght neccessary "
    "noticable occassion peice persue posession prefered recomend refered relevent rythm "
    "sieze suprise tommorow tounge truely vaccuum wich withold writting becuase wholely "
    "unecessary"
).split()


@pytest.mark.parametrize("word", MISSPELLINGS)
def test_misspellings_are_not_words(word: str) -> None:
    assert not is_english_word(word)
    assert not is_derived_word(word)


@pytest.mark.parametrize("word", ["barouche", "scrutinies", "dominie", "Breathings", "wont"])
def test_rare_words_are_in_the_broad_list(word: str) -> None:
    assert is_english_word(word)


@pytest.mark.parametrize(
    "word",
    ["unastonished", "slopingly", "gropings", "unwholesomely", "planetarily", "unfulfilments"],
)
def test_regular_derivations_are_words(word: str) -> None:
    assert not is_english_word(word)
    assert is_derived_word(word)


def test_possessives_and_curly_apostrophes_are_looked_up_as_the_word() -> None:
    assert normalise("Barouche’s") == "barouche"
    assert is_english_word("barouche’s")


@pytest.mark.parametrize(("word", "typo"), [("recieve", True), ("teh", True), ("hte", True)])
def test_swapped_letters_look_like_typos(word: str, typo: bool) -> None:
    assert looks_like_typo(word) is typo


@pytest.mark.parametrize("word", ["gwyne", "sich", "nuther", "wuz", "yaller"])
def test_eye_dialect_does_not_look_like_a_typo(word: str) -> None:
    assert not looks_like_typo(word)


def test_dialect_variants_go_both_ways() -> None:
    assert "color" in set(dialect_variants("colour"))
    assert "colour" in set(dialect_variants("color"))
    assert "center" in set(dialect_variants("centre"))
    assert "recognized" in set(dialect_variants("recognised"))
    assert "marvelous" in set(dialect_variants("marvellous"))
