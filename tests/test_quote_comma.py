"""English puts the comma that follows a quotation inside its closing mark ('"…," he said');
French writes it outside (« … », dit-il), and the rule-based transfer keeps the French place.

The class: a quotation (straight or curly marks, French marks made English by `tidy`, with and
without the French blanks inside them, around words or a protected token), then a comma, then
the rest of the sentence or nothing; against what must stay: a comma after an opening mark or
after a blank, a comma inside a number after a quote, a French target.
Sentences are generated for this test, not taken from any corpus.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import ApertiumTranslator, tidy
from pipeline.engines.translate.protect import TOKEN

WORD = st.text(alphabet="abcdeéèçfghijklmnopqrstuvwxyzABCÉZ0123456789'-", min_size=1, max_size=8)
INNER = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
MARKS = st.sampled_from([('"', '"'), ("“", "”"), ("«", "»"), ("« ", " »"), ("«\u00a0", "\u00a0»")])
REST = st.sampled_from(["", " he said.", " a dit Paul.", "\tthen more", " ", " XNAMEBX said."])


@settings(max_examples=200, deadline=None)
@given(before=st.sampled_from(["", "He said: ", "Il a dit ", "XNAMEAX: "]), inner=INNER,
       marks=MARKS, rest=REST, token=st.booleans())  # fmt: skip
def test_the_comma_after_a_quotation_goes_inside_it_in_english(
    before: str, inner: str, marks: tuple[str, str], rest: str, token: bool
) -> None:
    opening, closing = marks
    inner = "XNAMECX" if token else inner
    text = f"{before}{opening}{inner}{closing},{rest}"
    out = tidy(text, "en", quotes=True, quote_comma=True)
    english = '"' if opening.startswith("«") else closing
    assert f"{inner},{english}" in out, (text, out)
    assert f"{english}," not in out.replace(f"{inner},{english}", "")
    # nothing else changes: the same characters, the comma moved by one place
    assert sorted(out) == sorted(tidy(text, "en", quotes=True))
    assert TOKEN.findall(out) == TOKEN.findall(text)
    assert tidy(text, "fr", quotes=True, quote_comma=True) == text
    assert tidy(out, "en", quotes=True, quote_comma=True) == out  # once is enough


STAYS = [
    'He said ", then left',  # a mark after a blank opens nothing it closes
    'A "",b',  # an empty pair
    'The "3",5 case',  # a comma before a digit: no clause follows
]


def test_what_is_no_closing_quote_and_comma_stays() -> None:
    for text in STAYS:
        assert tidy(text, "en", quote_comma=True) == tidy(text, "en"), text


def test_the_engine_writes_the_comma_inside(apertium: ApertiumTranslator) -> None:
    (answer,) = apertium.translate(["« Le train est parti », a-t-il dit."], "fr", "en")
    assert ',"' in answer and '",' not in answer
    off = ApertiumTranslator(apertium.modes_dir, quote_comma=False)
    try:
        (before,) = off.translate(["« Le train est parti », a-t-il dit."], "fr", "en")
        assert '",' in before and off.version != apertium.version
    finally:
        off.close()
