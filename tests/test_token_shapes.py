"""Shapes of tokens a translation must carry byte-identical that the guard missed (h46: U1,
U2, U3, U4, U14, U16), generated from their grammar, not listed:

- addresses: scp/git (`user@host:path`), a domain in any script (IDNA labels) in an e-mail or
  a link without a scheme, an e-mail on a one-label domain (RFC 5322), `host:port/path`
  (RFC 3986's authority), a bare DOI (`10.NNNN/suffix`);
- files: a dotfile, a folder and a file name (`docs/plan.pdf`), an upper-case extension;
- any of these after an elided word (`l'`, `qu’`), inside `< >`, `* *`, `** **`;
- French ordinals spelt in a way the engine garbles (`3eme`, `22er`, `3ère`, `1ème`);
- what online engines rewrite (U13): a currency with a scale (`47,7 M€`), products and ranges
  (`852×1039`, `×9`, `9,4–14,7 km`), SI symbols with prefixes and powers (`dm³`, `mSv`, `kt`),
  environment variables (`%APPDATA%`, `${HOME}`).

Each case: the token lies inside one frozen span (`guard.frozen_spans`, cheap); a few go
through Apertium, the token byte-identical in the answer; the word after a „ “ title is not
capitalised.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import every_test, frozen_spans
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

# Sentences written for this test (not from any corpus).
OWN = [
    "Nous avons marché longtemps avant de trouver la gare.",
    "Il faut envoyer le dossier avant la fin de la semaine.",
    "Elle a écrit une lettre à son frère hier soir.",
    "Pourquoi as-tu laissé la fenêtre ouverte ?",
    "Le prix du pain a encore augmenté cette année.",
]
LOWER = "abcdefghijklmnopqrstuvwxyz"
ACCENTED = LOWER + "éèàôçüï"
word = st.text(LOWER, min_size=2, max_size=7)
idn = st.builds(lambda a, b, c: a + b + c, st.text(LOWER, max_size=3),
                st.text("éèàôçüïñ", min_size=1, max_size=2), st.text(LOWER, min_size=1, max_size=4))  # fmt: skip
label = st.one_of(word, idn)
tld = st.sampled_from(["fr", "com", "org", "de", "io", "be"])
ext = st.sampled_from(["pdf", "odt", "xlsx", "jpg", "docx", "txt", "csv"])
digits = st.text("0123456789", min_size=1, max_size=4)

scp = st.builds(lambda u, h, t, a, b: f"{u}@{h}.{t}:{a}/{b}.git", word, word, tld, word, label)
idn_email = st.builds(lambda a, h, t: f"{a}@{h}.{t}", label, idn, tld)
idn_host_path = st.builds(lambda h, t, p: f"{h}.{t}/{p}", idn, tld, label)
ipv4 = st.builds(lambda a, b: f"{a}.0.0.{b}", st.integers(1, 255), st.integers(0, 255))
host_port = st.builds(lambda h, p, a: f"{h}:{p}/{a}", word | ipv4, st.integers(1, 65535), label)
doi = st.builds(lambda n, s: f"10.{n}/{s}", st.integers(1000, 99999), label)
dotfile = st.builds(lambda a: f".{a}", word)
relative = st.builds(lambda d, f, e: f"{d}/{f}.{e}", label, label, ext)
one_label_email = st.builds(lambda a, h: f"{a}@{h}", label, label)
upper_ext = st.builds(lambda f, e, cap: f"{f.capitalize() if cap else f}.{e.upper()}",
                      label, ext, st.booleans())  # fmt: skip
hashtag = st.builds(lambda a: "#" + a, label)
handle = st.builds(lambda a: "@" + a, word)
www = st.builds(lambda h, t: f"www.{h}.{t}", label, tld)
address = st.one_of(scp, idn_email, idn_host_path, host_port, doi, dotfile, relative,
                    one_label_email, upper_ext)  # fmt: skip
elided = st.builds(lambda e, t: (e + t, t), st.sampled_from(["l'", "d'", "qu'", "j'", "L'", "l’",
                   "d’", "Qu’", "jusqu'"]), st.one_of(address, hashtag, handle, www))  # fmt: skip
wrapped = st.builds(lambda w, t: (w[0] + t + w[1], t),
                    st.sampled_from([("<", ">"), ("*", "*"), ("**", "**")]),
                    st.one_of(idn_email, one_label_email, relative, upper_ext, dotfile, handle))  # fmt: skip
ordinal = st.builds(lambda n, e: f"{n}{e}", st.integers(2, 99), st.sampled_from(
    ["eme", "er", "ère", "re", "emes", "ers"])) | st.sampled_from(["1ème", "1e", "1èmes"])  # fmt: skip
blank = st.sampled_from([" ", "\u00a0", "\u202f"])
decimal = st.builds(lambda a, d, sep: f"{a}{sep}{d}" if d else str(a), st.integers(0, 999),
                    st.text("0123456789", max_size=2), st.sampled_from([",", "."]))  # fmt: skip
scaled = st.builds(lambda n, b, u: f"{n}{b}{u}", decimal, blank,
                   st.sampled_from(["M€", "Md€", "k€", "M$", "k£"]))  # fmt: skip
product = st.one_of(
    st.builds(lambda a, b: f"{a}×{b}", st.integers(1, 4000), st.integers(1, 4000)),
    st.builds(lambda a: f"×{a}", st.integers(2, 99)),
)
ranged = st.builds(lambda a, b, u: f"{a}–{b}{u}", decimal, decimal,
                   st.sampled_from(["", " km", "\u00a0%", " €"]))  # fmt: skip
si_unit = st.builds(lambda n, b, p, u, e: f"{n}{b}{p}{u}{e}", decimal, blank,
                    st.sampled_from(["", "m", "k", "h", "d", "µ", "M", "c"]),
                    st.sampled_from(["Sv", "Pa", "t", "B", "Gy", "Bq", "m", "lx"]),
                    st.sampled_from(["", "³", "²"]))  # fmt: skip
variable = st.builds(lambda f, n: f.format(n), st.sampled_from(["%{}%", "${{{}}}", "${}"]),
                     st.text(LOWER.upper() + "_", min_size=2, max_size=8))  # fmt: skip
quantity = st.one_of(scaled, product, ranged, si_unit, variable)
plain = st.one_of(address, ordinal, quantity).map(lambda t: (t, t))
case = st.one_of(plain, elided, wrapped)


@st.composite
def in_sentence(draw: st.DrawFn) -> tuple[str, str]:
    """A sentence with a token (as written, and the part to carry) inserted between words,
    at its start or end, or before the final punctuation, with punctuation after it."""
    written, token = draw(case)
    words = draw(st.sampled_from(OWN)).split(" ")
    written += draw(st.sampled_from(["", "", ",", ".", ")", " :", "!"]))
    words.insert(draw(st.integers(0, len(words))), written)
    return " ".join(words), token


@given(in_sentence())
@settings(max_examples=500, deadline=None)
def test_every_shape_is_inside_a_frozen_span(case: tuple[str, str]) -> None:
    text, token = case
    at = text.find(token)
    assert any(s <= at and at + len(token) <= e for s, e in frozen_spans(text)), (token, text)


@pytest.mark.parametrize("sentence", OWN)
def test_prose_has_nothing_frozen(sentence: str) -> None:
    assert frozen_spans(sentence) == []


def test_words_elisions_and_standard_ordinals_stay_the_engines() -> None:
    text = "L'école, d'accord, aujourd'hui, qu'il vienne : et/ou, km/h, 1er, 2e, 3ème, 2nde."
    assert frozen_spans(text) == []
    for core in ("1re", "1ère", "13èmes", "2d", "22e", "3rd", "2º", ".", "fin."):
        assert not every_test(core), core


@pytest.fixture(scope="module")
def offline() -> Iterator[Translate]:
    stage = Translate(cache=None, fallback="none")
    yield stage
    stage.close()


def translated(stage: Translate, texts: list[str]) -> list[str]:
    return translations(stage, texts, doc="d")


@needs_fr_es
@given(st.lists(in_sentence(), min_size=20, max_size=20))
@settings(max_examples=2, deadline=None)
def test_apertium_carries_every_shape(offline: Translate, cases: list[tuple[str, str]]) -> None:
    answers = translated(offline, [text for text, _ in cases])
    lost = [(t, a) for (t, token), a in zip(cases, answers, strict=True) if token not in a]
    assert not lost


@needs_fr_es
def test_the_word_after_a_title_in_low_quotes_keeps_its_case(offline: Translate) -> None:
    texts = ["„Le Petit Prince“ reste un succès.", "„La Porte Verte“ passe ce soir."]
    for answer in translated(offline, texts):
        after = answer.split("“", 1)[1].split()
        assert after[0].islower(), answer


@needs_fr_es
@given(st.lists(st.tuples(st.sampled_from([("<", ">"), ("(", ")"), ("**", "**"), ("[", "]")]),
                          st.one_of(handle, one_label_email, relative)),
                min_size=8, max_size=8))  # fmt: skip
@settings(max_examples=2, deadline=None)
def test_the_word_after_a_wrapped_token_keeps_its_case(
    offline: Translate, cases: list[tuple[tuple[str, str], str]]
) -> None:
    texts = [f"Merci {o}{t}{c} et bonne journée." for (o, c), t in cases]
    for ((_, close), token), answer in zip(cases, translated(offline, texts), strict=True):
        after = answer.split(token + close, 1)[1].split()
        assert after[0].islower(), answer
