"""Tokens an online engine rewrote because the guard froze only part of them (h47: V4, V17),
generated from their grammar:

- a number bound by a no-break space (U+00A0, U+202F) to what writes it: a spaced clock time
  (`21 h 42`), a number sign (`N° 14`, `§ 29`, `№ 3`), a capitals label (`ISBN 978-…`), the
  groups of an IBAN (`FR76 2712 7769 1005`), hyphenated digit groups (`978-2-89-655916-4`);
- units built by the grammar, not listed: a prefix and a data unit with a rate (`Mb/s`,
  `Gio/s`), a product of units with powers (`km h⁻¹`, `kg m⁻³`, `N·m`), the ångström, the
  French horsepower symbols (`ch`, `CV`);
- a minus written as an en dash (`–9 °C`), a span of years (`2016/2026`, `2016/17`).

Each case: the whole token lies inside one frozen span (`guard.frozen_spans`, cheap).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import frozen_spans
from tests.test_token_shapes import OWN

nbsp = st.sampled_from(["\u00a0", "\u202f"])
blank = st.sampled_from([" ", "\u00a0", "\u202f"])
digits = st.text("0123456789", min_size=1, max_size=6)
number = st.builds(lambda a, d: f"{a},{d}" if d else str(a), st.integers(1, 999),
                   st.text("0123456789", max_size=2))  # fmt: skip

clock = st.builds(lambda h, b, m: f"{h}{b}h{b}{m:02d}", st.integers(0, 23), blank,
                  st.integers(0, 59))  # fmt: skip
signed = st.builds(lambda s, b, n: f"{s}{b}{n}", st.sampled_from(["N°", "n°", "Nº", "nº", "№", "§",
                   "§§"]), blank, st.integers(1, 999))  # fmt: skip
hyphen_groups = st.builds("-".join, st.lists(digits, min_size=3, max_size=5))
isbn = st.builds(lambda label, b, g, x: f"{label}{b}{g}{x}",
                 st.sampled_from(["ISBN", "ISSN", "EAN", "ISBN-13"]), nbsp, hyphen_groups,
                 st.sampled_from(["", "-X"]))  # fmt: skip
iban = st.builds(lambda c, k, b, gs: f"{c}{k:02d}{b}" + b.join(gs),
                 st.sampled_from(["FR", "BE", "DE", "ES"]), st.integers(0, 99), nbsp,
                 st.lists(st.text("0123456789", min_size=4, max_size=4), min_size=3,
                          max_size=6))  # fmt: skip
prefix = st.sampled_from(["k", "M", "G", "T", "Ki", "Mi", "Gi"])
data_unit = st.builds(lambda n, b, u, r: f"{n}{b}{u}{r}", number, blank,
                      st.tuples(prefix, st.sampled_from(["b", "B", "o", "bit"])).map("".join)
                      | st.sampled_from(["bit", "B"]), st.sampled_from(["", "/s"]))  # fmt: skip
power = st.sampled_from(["⁻¹", "⁻²", "⁻³", "²", "³"])
si = st.sampled_from(["km", "m", "s", "h", "kg", "mol", "g", "W", "N", "J"])
product = st.builds(lambda n, b, u, sep, v, p: f"{n}{b}{u}{sep}{v}{p}", number, blank, si,
                    st.sampled_from([" ", "\u00a0", "·", "⋅"]), si, power)  # fmt: skip
named = st.builds(lambda n, b, u: f"{n}{b}{u}", number, blank, st.sampled_from(["ch", "CV", "Å",
                  "kW·h"]))  # fmt: skip
minus = st.builds(lambda n, b, u: f"–{n}{b}{u}", number, blank, st.sampled_from(["°C", "%", "km"]))
years = st.builds(lambda a, b: f"{a}/{b}", st.integers(1800, 2099),
                  st.sampled_from(["2026", "1999", "17", "08"]))  # fmt: skip
token = st.one_of(clock, signed, isbn, iban, data_unit, product, named, minus, years)


@st.composite
def in_sentence(draw: st.DrawFn) -> tuple[str, str]:
    """A sentence with the token inserted between words, at its start or end, with
    punctuation (French spacing included) after it."""
    tok = draw(token)
    words = draw(st.sampled_from(OWN)).split(" ")
    after = draw(st.sampled_from(["", "", ",", ".", ")", "\u00a0:", " ;", "\u202f!"]))
    words.insert(draw(st.integers(0, len(words))), tok + after)
    return " ".join(words), tok


@given(in_sentence())
@settings(max_examples=400, deadline=None)
def test_a_bound_token_is_inside_one_frozen_span(case: tuple[str, str]) -> None:
    text, tok = case
    at = text.find(tok)
    assert any(s <= at and at + len(tok) <= e for s, e in frozen_spans(text)), (tok, text)


@pytest.mark.parametrize(
    "text",
    [
        "Le 14\u00a0juillet, il pleuvait.",  # a date's month is a word: translated
        "Il a 3\u00a0chats et 2\u00a0chiens.",
        "Louis\u00a0XIV régnait, dit-il\u00a0: non\u00a0!",
        "En 1998, nous étions 12 à partir, puis 3 à revenir.",
        "Le chapitre 3 est plus court que le 2.",
    ],
)
def test_words_bound_to_a_number_stay_the_engines(text: str) -> None:
    assert frozen_spans(text) == []
