"""A stage's `config()` derives from its fields (issue #32), and must say what run.json and the
`--resume` identity always said: the same keys in the same order, whatever the settings; a
field that does not shape the output changes nothing there; a stage pickles to the same
settings. Generated settings for every stage of the default chain and the duplicate steps."""

from __future__ import annotations

import pickle
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.base import Stage
from pipeline.stages.dedup import Dedup
from pipeline.stages.detect import Detect
from pipeline.stages.extract import Extract
from pipeline.stages.link import Link
from pipeline.stages.near_dedup import NearDedup
from pipeline.stages.quotes import Quotations
from pipeline.stages.translate import Translate

# run.json's keys per stage, as they were before stages were dataclasses.
KEYS = {
    Detect: ["engine", "languages", "threshold", "min_words", "short_words", "batch_size"],
    Quotations: ["engine", "threshold", "batch_size"],
    Extract: [
        "fields",
        "models",
        "agreement",
        "labels",
        "kb",
        "cues",
        "propagate",
        "rules",
        "max_chars",
        "analyser",
        "batch_size",
    ],
    Translate: [
        "engine",
        "fallback",
        "target_lang",
        "protect_entities",
        "kb",
        "max_failures",
        "rules",
        "batch_size",
        "options",
    ],
    Link: ["kb", "rules"],
    Dedup: ["mode"],
    NearDedup: [
        "mode",
        "threshold",
        "num_perm",
        "ngram",
        "seed",
        "bands",
        "rows",
        "sketch_bits",
        "frames",
    ],
}
# Per stage: generated settings, and a field that is no setting with another value.
SETTINGS: dict[type[Stage], tuple[Any, dict[str, Any]]] = {
    Detect: (
        st.fixed_dictionaries({
            "threshold": st.floats(0, 1), "languages": st.none() | st.just(["fr", "en"]),
            "short_words": st.integers(1, 9), "batch_size": st.integers(1, 512),
        }),
        {"reuse": 0},
    ),
    Quotations: (st.fixed_dictionaries({"threshold": st.floats(0, 1)}), {}),
    Extract: (
        st.fixed_dictionaries({
            "fields": st.sampled_from([["text"], ["translation"], ["text", "translation"]]),
            "propagate": st.booleans(), "max_chars": st.integers(1, 10**6),
        }),
        {"reuse": 0},
    ),
    Translate: (
        st.fixed_dictionaries({
            "translator": st.sampled_from(["apertium", "none", "Apertium"]),
            "fallback": st.sampled_from(["auto", "none", None]),
            "protect_entities": st.booleans(), "max_failures": st.integers(1, 9),
        }),
        {"expect": ["fr"], "cache": None},
    ),
    Link: (st.fixed_dictionaries({}), {}),
    Dedup: (st.fixed_dictionaries({"mode": st.sampled_from(["mark", "drop"])}), {}),
    NearDedup: (
        st.fixed_dictionaries({
            "mode": st.sampled_from(["mark", "drop"]), "threshold": st.floats(0.05, 1),
            "ngram": st.integers(1, 5),
        }),
        {},
    ),
}  # fmt: skip


@st.composite
def stages(draw: st.DrawFn) -> tuple[type[Stage], dict[str, Any], dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(SETTINGS, key=lambda k: k.__name__)))
    strategy, other = SETTINGS[kind]
    return kind, draw(strategy), other


@settings(max_examples=60, deadline=None)
@given(stages())
def test_config_keeps_run_json_keys_and_ignores_what_is_no_setting(
    case: tuple[type[Stage], dict[str, Any], dict[str, Any]],
) -> None:
    kind, chosen, no_setting = case
    stage = kind(**chosen)
    assert list(stage.config()) == KEYS[kind]
    assert kind(**chosen, **no_setting).config() == stage.config()
    again = pickle.loads(pickle.dumps(stage))
    assert again.config() == stage.config() and again.name == stage.name
    assert again.reads == stage.reads
