"""Shapes an online engine rewrote because the guard sent them as words (h49 finding T3): a
number grouped by thin or figure spaces ("4 500 kg", U+2009), a month and year ("03/2024"),
an emoji sequence (a zero-width joiner, a variation selector, a skin tone, a keycap, tag
characters: "👨‍👩‍👧‍👦", "❤️", "🧑🏿‍💻", "1️⃣"), which an engine that drops joiners splits into
four people. Each is one frozen span now (`guard.SPACE`, `guard.MONTH_YEAR`,
`guard.emoji_spans`) and comes out byte-identical through a loopback engine that lower-cases,
spaces slashes, drops joiners and selectors and replaces thin spaces.

Generated: the shapes from their grammar (hypothesis), in sentences written for this test.
On main 200 of 200 generated shapes were outside every frozen span (thin-space groups, month
and year, every emoji sequence), and the online engine changed 30 of 30 generated sentences;
0 now. Also: a group is three digits, never the start of a run of four ("12 2024 ans" froze
"12 202"). Through Apertium, an emoji sequence masked keeps its place and the sentence's
agreement ("Tom ❤️ aime Marie." → "Tom ❤️ loves Marie.", was "love").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import frozen_spans
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.libre_server import mangling_stage

# Sentences written for this test (not from any corpus).
SENTENCES = ["Le colis est arrivé ce matin.", "Nous avons fêté son anniversaire.",
             "Il faut payer la facture avant lundi."]  # fmt: skip
ZWJ, VS16 = "\u200d", "\ufe0f"
PEOPLE = ["👨", "👩", "👧", "👦", "🧑"]
TONES = [chr(c) for c in range(0x1F3FB, 0x1F400)]
emoji = st.one_of(
    st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=4).map(ZWJ.join),  # a family
    st.sampled_from(["❤", "☀", "✌", "☺", "✈"]).map(lambda e: e + VS16),  # a text symbol as emoji
    st.builds(lambda p, t, w: p + t + ZWJ + w, st.sampled_from(PEOPLE), st.sampled_from(TONES),
              st.sampled_from(["💻", "🔧", "🎓", "🍳"])),  # a job, with a skin tone
    st.sampled_from(["🏳️‍🌈", "🏴‍☠️", "1️⃣", "#️⃣", "👍🏽", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"]),
)  # fmt: skip
grouped = st.builds(
    lambda a, b, blank, unit: f"{a}{blank}{b:03d}{unit}",
    st.integers(1, 999), st.integers(0, 999), st.sampled_from(["\u2009", "\u2007"]),
    st.sampled_from(["", "\u00a0kg", "\u2009€", " km", "\u00a0%"]),
)  # fmt: skip
month_year = st.builds(lambda m, y: f"{m:02d}/{y}", st.integers(1, 12), st.integers(1990, 2030))
shapes = st.one_of(emoji, grouped, month_year)


@st.composite
def with_shapes(draw: st.DrawFn) -> tuple[str, list[str]]:
    words = draw(st.sampled_from(SENTENCES)).split(" ")
    inserted = []
    for _ in range(draw(st.integers(1, 2))):
        shape = draw(shapes)
        words.insert(draw(st.integers(1, len(words) - 1)), shape)
        inserted.append(shape)
    return " ".join(words), inserted


def mangle(text: str) -> str:
    """What an online engine may do: lower case, spaced slashes, thin spaces replaced, joiners
    and selectors dropped, digit groups joined."""
    text = text.lower().replace("/", " / ").replace("\u2009", " ").replace("\u2007", " ")
    text = text.replace(ZWJ, "").replace(VS16, "")
    return re.sub(r"(\d) (\d)", r"\1\2", text)


@given(with_shapes())
@settings(max_examples=200, deadline=None)
def test_every_shape_is_one_frozen_span(case: tuple[str, list[str]]) -> None:
    text, inserted = case
    spans = frozen_spans(text)
    for shape in inserted:
        at = text.index(shape)
        assert any(s <= at and at + len(shape) <= e for s, e in spans), (shape, text)


def test_the_mangler_breaks_them() -> None:
    """Without the guard the online test would fail: `mangle` changes each kind."""
    for shape in ["👨\u200d👩\u200d👧", "❤\ufe0f", "4\u2009500\u00a0kg", "03/2024"]:
        assert mangle(shape) != shape


def test_a_digit_group_is_three_digits() -> None:
    text = "Il a 12 2024 ans, 1 200 000 € et 3\u2009000 amis."
    assert [text[s:e] for s, e in frozen_spans(text)] == ["1 200 000 €", "3\u2009000"]


@pytest.fixture(scope="module")
def online() -> Iterator[Translate]:
    with mangling_stage(mangle) as (_, stage):
        yield stage


@settings(max_examples=1, deadline=None, phases=[Phase.generate],  # one batch, not shrunk
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(with_shapes(), min_size=30, max_size=30, unique_by=lambda c: c[0]))
def test_an_online_engine_carries_every_shape(
    online: Translate, cases: list[tuple[str, list[str]]]
) -> None:
    records = [Record(id=str(i), doc_id=str(i), source="s", seq=0, text=t, lang="fr")
               for i, (t, _) in enumerate(cases)]  # fmt: skip
    out = [r.translation.text if r.translation else "" for r in online(records)]
    bad = [(t, a) for (t, inserted), a in zip(cases, out, strict=True)
           if any(a.count(s) < t.count(s) for s in inserted)]  # fmt: skip
    assert not bad, f"{len(bad)} of {len(cases)}: {bad[:3]}"
