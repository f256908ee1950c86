"""Shapes of tokens a translation must carry byte-identical that the guard missed (h47: V1,
V2, V3, V10, V16, V18), generated from their grammar through the token-shape strategies of
`tests/test_token_shapes.py`, one property per family:

- marks (V18): any token right after an opening mark or before a closing one of any convention
  (Unicode's Ps, Pi, Pf: „ “, ‚ ‘, 「 」, » «...), or glued to a sign before it or around it
  (":#ÉTÉ", "→a@b.fr", "+a::b", "|$VIN|"); the marks are drawn from the Unicode categories,
  not a list;
- fragments (V1): a file name, a folder path or a host path with a `#section`;
- code (V2): a call `a.b()`, a scoped name `a::b`, a variable `$ÉTÉ` in any letters;
- addresses (V3): an e-mail to an address literal `a@[127.0.0.1]`, a local part with digits,
  a Markdown link `[a@b.fr](a@b.fr)`;
- inline code (V10): a span opened by two backticks or more, holding a backtick;
- centuries (V16): a range of Roman-numeral ordinals `XIXe–XXe`;
- invisible (V14): any token holding a word joiner, a zero-width space or a soft hyphen
  (`marie\u2060@exemple.fr`): carried with it, not sent without it.

Each case: the token lies inside one frozen span (`guard.frozen_spans`, cheap); a sample of
every family goes through Apertium, the token byte-identical in the answer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import STARTS, frozen_spans
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations
from tests.test_token_shapes import (
    LOWER,
    OWN,
    address,
    digits,
    ext,
    handle,
    hashtag,
    idn,
    label,
    tld,
    variable,
    word,
    www,
)

ACCENTED_UPPER = "ÉÈÀÔÇÜÏ"
upper = st.text(LOWER.upper() + ACCENTED_UPPER, min_size=2, max_size=7)
capitals = st.one_of(
    upper.map(lambda w: "@" + w),
    upper.map(lambda w: "#" + w),
    st.builds(lambda a, h, t: f"{a}@{h}.{t}".upper(), label, word, tld),
    st.builds(lambda h, t, p: f"www.{h}.{t}/{p}?{p}=1#{p}", word, tld, label),
    st.builds(lambda h, a, b: f"{h}.com/{a.capitalize()}.{b}", word, idn, word),
    st.builds(lambda a, b: f"@{a}.{b}", word, word),
    st.builds(lambda a, b: f"{a}.{b}.json", word, word),
    upper.map(lambda w: "${" + w + "}"),
)
token = st.one_of(address, hashtag, handle, www, variable, capitals)


def category(*names: str) -> list[str]:
    return [c for c in map(chr, range(0x10000)) if unicodedata.category(c) in names]


OPENING = category("Ps", "Pi", "Pf")  # » opens in German, “ closes there
CLOSING = category("Pe", "Pi", "Pf")
SIGNS = [c for c in category("Po", "Pd", "Sm", "So") if c not in STARTS][::7]


@st.composite
def marked(draw: st.DrawFn) -> tuple[str, str]:
    """A token between marks, or glued to a sign before it."""
    core = draw(token)
    how = draw(st.sampled_from(["marks", "before", "around"]))
    if how == "marks":
        return draw(st.sampled_from(OPENING)) + core + draw(st.sampled_from(CLOSING)), core
    sign = draw(st.sampled_from([*SIGNS, "+", "~"] if how == "before" else SIGNS))
    return sign + core + (sign if how == "around" else ""), core


fragment = st.builds(lambda a, b: f"{a}#{b}", st.one_of(
    st.builds(lambda f, e: f"{f}.{e}", label, st.sampled_from(["html", "md", "htm", "php"])),
    st.builds(lambda f, e: f"{f.upper()}.{e}", word, st.sampled_from(["md", "txt"])),
    st.builds(lambda d, f, e: f"{d}/{f}.{e}", label, label, ext),
    st.builds(lambda h, t, p: f"{h}.{t}/{p}", word, tld, label),
), label)  # fmt: skip
code = st.one_of(
    st.builds(lambda a, b: f"{a}.{b}()", label, label),
    st.builds(lambda a, b, c: f"{a}.{b}({c})", word, label, word),
    st.builds(lambda a, b: f"{a}::{b}", label, label),
    st.builds(lambda a: f"${a.upper()}", st.builds(lambda a, b: a + b, st.sampled_from(
        ACCENTED_UPPER), upper)),
)  # fmt: skip
ipv4 = st.builds(lambda a, b: f"{a}.0.0.{b}", st.integers(1, 255), st.integers(0, 255))
addresses = st.one_of(
    st.builds(lambda a, ip: f"{a}@[{ip}]", label, ipv4),
    st.builds(lambda a, d, h, b, t: f"{a}.{d}@{h}.{b}.{t}", label, digits, label, word, tld),
)
backticks = st.builds(
    lambda n, a, b, c: ("`" * n) + f"{a} `{b}` {c}" + ("`" * n),
    st.integers(2, 3),
    word,
    word,
    st.sampled_from(["", "fin", "x"]),
)
ROMAN = ["XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "IV", "IX", "XII"]
centuries = st.builds(
    lambda a, b, e, d: f"{a}{e}{d}{b}{e}",
    st.sampled_from(ROMAN), st.sampled_from(ROMAN), st.sampled_from(["e", "ème", "ᵉ"]),
    st.sampled_from(["–", "-", "—"]),
)  # fmt: skip


@st.composite
def with_invisible(draw: st.DrawFn) -> str:
    core = draw(st.one_of(address, hashtag, handle, www, code, addresses, fragment))
    at = draw(st.integers(1, len(core) - 1))
    return core[:at] + draw(st.sampled_from(["\u2060", "\u200b", "\u00ad", "\ufeff"])) + core[at:]


FAMILIES = {
    "marks": marked(),
    "fragments": fragment.map(lambda t: (t, t)),
    "code": code.map(lambda t: (t, t)),
    "addresses": st.one_of(
        addresses.map(lambda t: (t, t)),
        addresses.map(lambda t: (f"„{t}“", t)),
        addresses.map(lambda t: (f"[{t}]({t})", t)),
    ),
    "inline_code": backticks.map(lambda t: (t, t)),
    "centuries": centuries.map(lambda t: (t, t)),
    "invisible": with_invisible().map(lambda t: (t, t)),
}


@st.composite
def in_sentence(draw: st.DrawFn, family: str) -> tuple[str, str]:
    """A sentence with a token (as written, and the part to carry) inserted between words,
    at its start or end, with punctuation after it."""
    written, carried = draw(FAMILIES[family])
    words = draw(st.sampled_from(OWN)).split(" ")
    written += draw(st.sampled_from(["", "", ",", ".", " :", "!"]))
    words.insert(draw(st.integers(0, len(words))), written)
    return " ".join(words), carried


def carried(case: tuple[str, str]) -> bool:
    text, token = case
    at = text.find(token)
    return any(s <= at and at + len(token) <= e for s, e in frozen_spans(text))


@pytest.mark.parametrize("family", sorted(FAMILIES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_shape_is_inside_a_frozen_span(family: str, data: st.DataObject) -> None:
    case = data.draw(in_sentence(family))
    assert carried(case), case


def test_prose_around_marks_has_nothing_frozen() -> None:
    for mark in (*OPENING[:40], *SIGNS[:40]):
        text = f"Il a dit {mark}Bonjour{mark} à {mark}l'école{mark}, fin.Début (voir [note])."
        assert frozen_spans(text) == [], mark


@pytest.fixture(scope="module")
def offline() -> Iterator[Translate]:
    stage = Translate(cache=None, fallback="none")
    yield stage
    stage.close()


@needs_fr_es
@given(st.tuples(*(st.lists(in_sentence(f), min_size=4, max_size=4) for f in sorted(FAMILIES))))
@settings(max_examples=1, deadline=None)
def test_apertium_carries_every_family(
    offline: Translate, cases: tuple[list[tuple[str, str]], ...]
) -> None:
    flat = [c for family in cases for c in family]
    answers = translations(offline, [text for text, _ in flat], doc="d")
    lost = [(t, a) for (t, token), a in zip(flat, answers, strict=True) if token not in a]
    assert not lost
