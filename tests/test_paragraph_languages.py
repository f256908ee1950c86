"""Each paragraph of a record is in its own language (issue 30, item 4): a French record's
English paragraph, long enough to be judged on its own, is noted in `meta.quotes` and kept as
written, not translated as French (it came out "rats plough not swarming"). Generated: a
French and an English paragraph (written for this test), in either order, apart by any blank
line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.quotations import paragraphs
from pipeline.record import Record
from pipeline.stages.detect import Detect
from tests.conftest import needs_fr_es

FRENCH = [
    "Le marché couvert ouvre ses portes tous les matins à sept heures.",
    "Nous avons longtemps marché le long de la rivière avant de rentrer.",
    "Cette année, la récolte des pommes a été plus abondante que prévu.",
]
ENGLISH = [
    "The old bridge was closed last week while workers repaired the railings.",
    "Most of the visitors stayed until the evening to watch the fireworks.",
    "Nobody expected the small library to attract so many readers this winter.",
    "The children are not sleeping and the dogs are barking at the door.",
]
BLANKS = ["\n\n", "\n \n", "\n\n\n", "\n\t\n"]
_detect = Detect()


def record(text: str) -> Record:
    return Record(id="1", doc_id="d", source="t", seq=0, text=text)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.sampled_from(FRENCH), st.sampled_from(ENGLISH), st.sampled_from(BLANKS), st.booleans())
def test_a_paragraph_in_another_language_is_noted(
    french: str, english: str, blank: str, english_first: bool
) -> None:
    first, second = (english, french) if english_first else (french, english)
    text = first + blank + second
    (out,) = _detect([record(text)])
    other, lang = (english, "en") if out.lang == "fr" else (french, "fr")
    noted = [text[a:b] for a, b, q in out.meta.get("quotes", []) if q == lang]
    assert noted == [other], (out.lang, out.meta)


def test_paragraphs_only_in_a_text_of_several() -> None:
    assert paragraphs(FRENCH[0]) == []
    text = f"{FRENCH[0]}\n\n{ENGLISH[0]}\n \n\nok"
    assert [text[a:b] for a, b in paragraphs(text)] == [FRENCH[0], ENGLISH[0]]


@needs_fr_es
def test_the_english_paragraph_is_kept_in_the_translation() -> None:
    from pipeline.stages.translate import Translate

    text = f"{FRENCH[0]}\n\n{ENGLISH[3]}"  # read as French: "The children Plough not..."
    (out,) = Translate(cache=None)(_detect([record(text)]))
    assert out.translation is not None and out.translation.text.endswith("\n\n" + ENGLISH[3])
