"""A speaker's name opening the turns of a dialogue in the layouts a headline shares: in title
case before a colon ("Blanca: …"), before a spaced dash ("SOLEDAD – …", "Dolores — …"), after
a leading dash ("— NAME: …"). One line so is a headline's ("Paris — La ville…", "Noël : les
achats reculent"); a text opening two lines or more so is dialogue, and the names are carried
as written, for every engine (hostile49 T5, T6, T18). Apertium renders a speaker's name it
reads as a name of its own ("Graça" → "Gracia"): a speaker's name is carried as written.

Generated: every layout × invented names (title case, capitals, two words), in dialogue and
alone (the table: 24 of 24 dialogue cases failed before, 0 after; the headlines unchanged);
the language's frequent words as tags through a loopback engine that lower-cases (25 of 30
failed before, 0 after); given names Apertium pt→en renders, in two layouts (both failed
before, neither after).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import wordfreq
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.speakers import speaker_at
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs
from tests.libre_server import mangling_stage
from tests.test_online_speakers import mangle

# the layouts a headline shares, the name then what is said
LAYOUTS = ["{n}: {s}", "{n} — {s}", "{n} – {s}", "— {n}: {s}", "— {n} : {s}", "{n}:\t{s}"]
NAMES = ["Ondrelia", "ONDRELIA", "Tesmira Quall", "TESMIRA QUALL"]  # invented
SAID = ["Nous partons demain.", "Qui a fermé la porte ?"]


def turns(layout: str, name: str, other: str) -> str:
    """A dialogue of two turns in `layout`."""
    return f"{layout.format(n=name, s=SAID[0])}\n{layout.format(n=other, s=SAID[1])}"


def named_at(text: str, name: str) -> bool:
    start = text.index(name)
    return speaker_at(text, start, start + len(name), headline=False)


@pytest.mark.parametrize(("layout", "name"), itertools.product(LAYOUTS, NAMES))
def test_a_dialogues_speakers_are_names_in_every_layout(layout: str, name: str) -> None:
    text = turns(layout, name, "Perlindo")
    second = text.index("Perlindo")
    assert named_at(text, name), text
    assert speaker_at(text, second, second + len("Perlindo"), headline=False), text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_one_line_so_is_a_headline(layout: str) -> None:
    for name in ("Ondrelia", "Tesmira Quall"):
        text = layout.format(n=name, s="la ville change.")
        assert not named_at(text, name), text


@pytest.fixture(scope="module")
def online() -> Iterator[Translate]:
    with mangling_stage(mangle) as (_, stage):
        yield stage


def answers(stage: Translate, texts: list[tuple[str, str]]) -> list[str]:
    records = [Record(id=str(i), doc_id=str(i), source="s", seq=0, text=t, lang=lang)
               for i, (lang, t) in enumerate(texts)]  # fmt: skip
    return [r.translation.text if r.translation else "" for r in stage(records)]


SPOKEN = {"es": ["Mañana salimos temprano.", "¿Quién ha cerrado la ventana?"],
          "pt": ["Amanhã saímos cedo.", "Quem fechou a janela?"]}  # fmt: skip


@st.composite
def dialogues(draw: st.DrawFn) -> tuple[str, str, tuple[str, str]]:
    lang = draw(st.sampled_from(sorted(SPOKEN)))
    words = [w for w in wordfreq.top_n_list(lang, 400) if w.isalpha() and len(w) >= 4]
    one, two = draw(st.lists(st.sampled_from(words), min_size=2, max_size=2, unique=True))
    case = draw(st.sampled_from([str.capitalize, str.upper]))
    layout = draw(st.sampled_from(LAYOUTS))
    said = SPOKEN[lang]
    text = f"{layout.format(n=case(one), s=said[0])}\n{layout.format(n=case(two), s=said[1])}"
    return lang, text, (case(one), case(two))


@settings(max_examples=1, deadline=None, phases=[Phase.generate],  # one batch, not shrunk
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(dialogues(), min_size=30, max_size=30, unique_by=lambda c: c[1]))
def test_online_a_dialogues_speakers_are_carried(
    online: Translate, cases: list[tuple[str, str, tuple[str, str]]]
) -> None:
    out = answers(online, [(lang, text) for lang, text, _ in cases])
    bad = [(text, a) for (_, text, tags), a in zip(cases, out, strict=True)
           if not all(t in a for t in tags)]  # fmt: skip
    assert not bad, f"{len(bad)} of {len(cases)}: {bad[:3]}"


def test_online_a_headline_alone_is_the_engines(online: Translate) -> None:
    word = next(w for w in wordfreq.top_n_list("es", 400) if len(w) >= 4 and not w.isascii())
    (out,) = answers(online, [("es", f"{word.capitalize()} — {SPOKEN['es'][0]}")])
    assert out.startswith(mangle(word) + " —"), out


# given names Apertium's Portuguese dictionary renders as names of its own or as words
RENDERED = ["Graça", "Vitória", "Luz", "DORES"]


@needs_pairs("pt-es", "spa-eng")
@pytest.mark.parametrize("layout", ["{n}: {s}", "{n} — {s}"])
def test_apertium_carries_a_speakers_name_as_written(layout: str) -> None:
    stage = Translate(cache=None)
    texts = [turns(layout, name, "Perlindo").replace(SAID[0], SPOKEN["pt"][0]).replace(
        SAID[1], SPOKEN["pt"][1]) for name in RENDERED]  # fmt: skip
    out = answers(stage, [("pt", t) for t in texts])
    bad = [(n, a) for n, a in zip(RENDERED, out, strict=True) if not a.startswith(n)]
    assert not bad, bad
