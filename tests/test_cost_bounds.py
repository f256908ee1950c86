"""Every regular expression of the package, on long runs of every character class, costs at
most about linear time: a new pattern that backtracks quadratically fails here.

The patterns are found in the source (`tests/cost_classes.py`): compiled ones held by a
module or class, literal ones at each `re.X(...)` / `regex.X(...)` call, and the rules of
`models/segment.json`. Each runs (finditer, match, fullmatch) on every class and structure at
two sizes, 16x apart; the bound sits between linear (16x) and quadratic (256x) growth: 64x the
time, with a 1 ms floor under the small size's time. It is there to catch quadratic blow-ups,
not to time anything
(bench/cost.py does, end to end)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.cost_classes import (
    CHARACTERS,
    MIXED,
    STRUCTURES,
    Found,
    call_sites,
    every_pattern,
    hostile_texts,
    uses,
)
from tests.regex_prefixes import prefixes
from tests.timing import best_of

SMALL, BIG = 400, 6400  # 16x: linear grows 16x, quadratic 256x
RATIO = 64  # their geometric middle: a noisy small timing moves neither across it
FLOOR = 0.001  # seconds: under this, a time is noise

FOUND, UNEXPLAINED = every_pattern()
SMALL_TEXTS = dict(hostile_texts(SMALL))
BIG_TEXTS = dict(hostile_texts(BIG))


def test_every_regex_of_the_package_is_found() -> None:
    assert UNEXPLAINED == []
    sites = list(call_sites())
    assert len(sites) >= 40 and len(FOUND) >= 40  # the package has ~60 call sites
    where = {f.where for f in FOUND}
    assert "pipeline.io.segment.kinds.FACT_SEPARATOR" in where
    assert "models/segment.json:byline" in where


def test_the_generator_covers_every_class_and_structure() -> None:
    assert len(SMALL_TEXTS) == len(CHARACTERS) * len(STRUCTURES) + len(MIXED)
    assert all(SMALL // 2 <= len(t) <= SMALL + 10 for t in SMALL_TEXTS.values())
    assert all(BIG // 2 <= len(t) <= BIG + 10 for t in BIG_TEXTS.values())


# Patterns the package only ever applies with `.match` at a position it found (after a tag's
# name) or with `.fullmatch` on one word: their scan from a position is linear (possessive),
# and `finditer` is never run on them.
ANCHORED = frozenset(
    {
        "pipeline.io.html_depth.TAG_REST",
        # the payload scanner's attribute runs (`markup_payload.kept_span`, inside a tag)
        "pipeline.io.markup_payload.OTHER_ATTRIBUTES",
        "pipeline.io.markup_payload.STRICT_OTHER_ATTRIBUTES",
        # one attribute of such a run, its value counted or not (`markup_payload.values_in`)
        "pipeline.io.markup_payload.ONE_ATTRIBUTE",
        # a value's leading blanks and `data:` (`value_rule`, `kept_span` at the value's start)
        "pipeline.io.markup_payload.DATA_URI",
        # the words after a name, `.match` at the name's end (`name_guard.subject_context`)
        "pipeline.engines.translate.name_guard.WORDS_AFTER",
        # `.match` at a word's end within SUBJECT_REACH / 8 characters (`evidence.speaking_names`,
        # `evidence.person_signs`)
        "pipeline.evidence.SUBJECT_AFTER",
        "pipeline.evidence.CLOSES_QUOTE",
        # one word, `.fullmatch` (`entities.junk_word`)
        "pipeline.entities.SHORT_STEM",
        # a review's first token, `.fullmatch` (`extract.after_user_name`)
        "pipeline.stages.extract.USER_NAME",
        # a speaker tag, `.match` at a line's start within TAG_REACH + 8 characters (`speakers`)
        "pipeline.speakers.TAG",
        # a speaker's turn, the same (`speakers.speaker_at`, `speaker_tags`)
        "pipeline.speakers.TURN",
        # a name's opening particle, `.match` at a mention's start (`name_guard.particle_surname`)
        "pipeline.engines.translate.name_guard.PARTICLE_OPENING",
        "pipeline.engines.translate.name_guard.ELIDED_PARTICLE",
    }
)


@pytest.mark.parametrize("found", FOUND, ids=[f.where for f in FOUND])
def test_a_regex_is_linear_on_long_runs(found) -> None:  # type: ignore[no-untyped-def]
    slow = slow_on(found, SMALL_TEXTS, BIG_TEXTS)
    assert not slow, f"{found.where} {found.pattern.pattern!r}: " + "; ".join(slow[:5])


STOP = "\x01"  # after a run: a character few patterns take, so a match must give the run back


def prefixed(pattern, n: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A run of each character class put where each repeat of the pattern reads it: alone and
    between words (a lazy repeat starts on the word), before a character few patterns take."""
    return {
        f"{prefix!r}+{name}/{structure}": prefix + STRUCTURES[structure](c, n) + STOP
        for prefix in prefixes(pattern)
        for name, c in CHARACTERS.items()
        for structure in ("run", "gap")
    }


def slow_on(found, small_texts: dict[str, str], big_texts: dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Each use of the pattern whose time grows past the bound from the small to the big text."""
    slow = []
    for name, small in small_texts.items():
        pairs = zip(uses(found.pattern, small), uses(found.pattern, big_texts[name]), strict=True)
        for (use, on_small), (_, on_big) in pairs:
            if found.where in ANCHORED and use == "finditer":
                continue
            bound = RATIO * max(best_of(on_small), FLOOR)
            if best_of(on_big) > bound:  # again, at its best of 3: a busy machine is not a bug
                bound = RATIO * max(best_of(on_small, 3), FLOOR)
                if (took := best_of(on_big, 3)) > bound:
                    slow.append(f"{use} on {name}: {took:.3f}s at {BIG} chars > {bound:.3f}s")
    return slow


@pytest.mark.parametrize("found", FOUND, ids=[f.where for f in FOUND])
def test_a_regex_is_linear_on_runs_where_its_repeats_read_them(found) -> None:  # type: ignore[no-untyped-def]
    """The run after the text that takes the pattern to each of its repeats (hostile43: a
    subtitle timing line's settings, a speaker tag: a run alone never reached them)."""
    slow = slow_on(found, prefixed(found.pattern, SMALL), prefixed(found.pattern, BIG))
    assert not slow, f"{found.where} {found.pattern.pattern!r}: " + "; ".join(slow[:5])


def test_the_prefixes_catch_a_pattern_a_run_alone_missed() -> None:
    """The subtitle reader's timing pattern before hostile43 H6: quadratic in a run of blanks
    in its settings, which no run reaches without a timing line's times before it. (Its speaker
    pattern, `<v(?:\\.[\\w-]+)*\\s+([^<>\\n]+?)\\s*>`, was cubic after `<v `: 16 s at 2,000
    blanks, too slow to time here; `prefixes` gives it `<v `.)"""
    import re

    old = re.compile(
        r"^\s*(\d\d):(\d\d)[,.](\d{3})\s*-->\s*(\d\d):(\d\d)[,.](\d{3})"
        r"(?:[ \t]+(?P<settings>.*?))?\s*$"
    )
    found = Found("old", old)
    assert not slow_on(found, SMALL_TEXTS, BIG_TEXTS)
    small = {k: v for k, v in prefixed(old, SMALL).items() if "+space/" in k}
    big = {k: v for k, v in prefixed(old, BIG).items() if "+space/" in k}
    assert slow_on(found, small, big)
    speaker = re.compile(r"<v(?:\.[\w-]+)*\s+([^<>\n]+?)\s*>")
    assert "<v " in prefixes(speaker)


def test_the_bound_catches_a_quadratic_pattern() -> None:
    """The check itself can fail: the separator the segmenter used before (`\\s*[|•·]\\s*`)."""
    import re

    old = re.compile(r"\s*[|•·]\s*")
    on_small = dict(uses(old, SMALL_TEXTS["space/run"]))["finditer"]
    on_big = dict(uses(old, BIG_TEXTS["space/run"]))["finditer"]
    assert best_of(on_big, 3) > RATIO * max(best_of(on_small, 5), FLOOR)


def test_segmenting_one_line_of_each_class_is_linear() -> None:
    """The segmenter's own code (furniture test, byline, tagline, facts) on one line, the way
    the reader gives it: the blanks run of the issue (minutes at 180,000 characters) is here."""
    from pipeline.io.segment.segmenter import Segmenter

    segmenter = Segmenter()

    def segment(text: str) -> Callable[[], object]:
        return lambda: list(segmenter.segment([(1, text)], "d", "d.txt"))

    slow = []
    for name, small in SMALL_TEXTS.items():
        on_small, on_big = segment(small), segment(BIG_TEXTS[name])
        if best_of(on_big) > RATIO * max(best_of(on_small), FLOOR):
            bound = RATIO * max(best_of(on_small, 3), FLOOR)
            if (took := best_of(on_big, 3)) > bound:
                slow.append(f"{name}: {took:.3f}s > {bound:.3f}s")
    assert not slow, "; ".join(slow[:5])
