"""Tokens a translation carries as written (`guard.frozen_spans`: a link's path, a snake_case
file name, a version's suffix, a Windows path, an e-mail address, a handle, a hashtag) are no
evidence of a text's language (hostile47 V21: "Voir the_quick_brown_fox_jumps.py ici." was
English, so left untranslated): a short French sentence holding one is French.

Generated: short French frames written for this test, each holding one token made of English
words (wordfreq's frequent English words, read when the test runs), one record per document
(no prior to lean on). Before the fix 81 of 200 such sentences were read as English, after it
none. The real short texts (`langid_tatoeba_dev`, Debian's
strings) keep every language's accuracy (`bench/langid.py`'s sets through the stage, h48)."""

from __future__ import annotations

import functools

import wordfreq
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import frozen_spans
from pipeline.record import Record
from pipeline.stages.detect import TOKEN_SIGN, Detect, unfrozen

# Frames written for this test: a French sentence around "{}".
FRAMES = ["Voir {} ici.", "J'ai envoyé {} hier soir.", "Regarde {} demain.",
          "Lisez {} avant lundi.", "Il faut ouvrir {} maintenant.", "Tu as reçu {} ?"]  # fmt: skip


@functools.cache
def english() -> list[str]:
    return [w for w in wordfreq.top_n_list("en", 400) if w.isalpha() and len(w) >= 3]


words = st.lists(st.sampled_from(english()), min_size=2, max_size=5)
TOKENS = st.one_of(
    words.map(lambda ws: "https://www.example.com/" + "/".join(ws)),  # a link's path
    words.map(lambda ws: "_".join(ws) + ".py"),  # a snake_case file name
    words.map(lambda ws: "v2.3.1-" + "-".join(ws)),  # a version's suffix
    words.map(lambda ws: "C:\\" + "\\".join(w.capitalize() for w in ws) + ".exe"),  # a path
    words.map(lambda ws: ".".join(ws) + "@example.com"),  # an e-mail address
    words.map(lambda ws: "@" + "_".join(ws)),  # a handle
    words.map(lambda ws: "#" + "".join(w.capitalize() for w in ws)),  # a hashtag
)


@settings(max_examples=1, deadline=None, phases=[Phase.generate],  # one batch, not shrunk
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(st.tuples(st.sampled_from(FRAMES), TOKENS), min_size=100, max_size=100))
def test_a_french_sentence_holding_an_english_worded_token_is_french(
    cases: list[tuple[str, str]],
) -> None:
    texts = [frame.format(token) for frame, token in cases]
    records = [Record(id=str(i), doc_id=str(i), source="s", seq=0, text=t)
               for i, t in enumerate(texts)]  # fmt: skip
    bad = [(r.text, r.lang) for r in Detect()(records) if r.lang != "fr"]
    assert not bad, f"{len(bad)} of {len(texts)}: {bad[:3]}"


@settings(max_examples=200)
@given(st.sampled_from(FRAMES), TOKENS)
def test_the_token_sign_finds_every_token(frame: str, token: str) -> None:
    """`frozen_spans` is asked only where `TOKEN_SIGN` finds a sign: every token shape has
    one, so the text language ID reads holds no frozen token."""
    text = frame.format(token)
    assert TOKEN_SIGN.search(text)
    assert token not in unfrozen(text)
    assert frozen_spans(unfrozen(text)) == []


def test_a_text_of_tokens_alone_is_read_whole() -> None:
    """Nothing left once the tokens are out: the whole text decides (a code line)."""
    (record,) = Detect()([Record(id="0", doc_id="0", source="s", seq=0,
                                 text="import ServerTlsPolicy")])  # fmt: skip
    assert record.lang == "en"
    assert unfrozen("import ServerTlsPolicy") == "import 0"
