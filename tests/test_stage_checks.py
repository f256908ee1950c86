"""Every setting a stage validates is validated by its `check()` (issue #32): a value out of
its bounds builds the stage, and `check()` (which `Pipeline` calls when built) raises
`SettingError` naming the setting; a value within them passes. Generated per stage and
setting, so a bound left in `__post_init__` or in the command line fails here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.base import SettingError, Stage
from pipeline.stages.dedup import Dedup
from pipeline.stages.detect import Detect
from pipeline.stages.extract import Extract, default_models
from pipeline.stages.near_dedup import HIGHEST_THRESHOLD, LOWEST_THRESHOLD, NearDedup
from pipeline.stages.quotes import Quotations
from pipeline.stages.translate import Translate

share = st.floats(0.0, 1.0)
off_share = st.floats(1.0, 1e9, exclude_min=True) | st.floats(-1e9, 0.0, exclude_max=True)
not_codes = st.sampled_from(["xx", "und", "en-us", "zz", "qqq1"])

# (make the stage from a value, values that must fail, values that must pass, message words)
TABLE: dict[str, tuple[Callable[[Any], Stage], Any, Any, str]] = {
    "detect.languages": (
        lambda v: Detect(languages=v),
        st.lists(not_codes, min_size=1, max_size=3).map(lambda bad: ["en", *bad]),
        st.lists(st.sampled_from(["en", "fr", "de", "es"]), max_size=3),
        "is not an ISO 639 language code",
    ),
    "detect.threshold": (lambda v: Detect(threshold=v), off_share, share, "--lang-threshold"),
    "detect.min_words": (
        lambda v: Detect(min_words=v),
        st.integers(-99, -1),
        st.integers(0, 99),
        "min_words",
    ),
    "detect.short_words": (
        lambda v: Detect(short_words=v),
        st.integers(-99, -1),
        st.integers(0, 99),
        "short_words",
    ),
    "quotations.threshold": (
        lambda v: Quotations(threshold=v),
        off_share,
        share,
        "--lang-threshold",
    ),
    "extract.max_chars": (
        lambda v: Extract(fields=["text"], max_chars=v),
        st.integers(-99, 0),
        st.integers(1, 10**6),
        "max_chars",
    ),
    "extract.models": (
        lambda v: Extract(fields=["text"], models=v),
        st.dictionaries(st.sampled_from(["en", "fr"]), st.just("no_such_model_h44"), min_size=1),
        st.just(default_models()),
        "no model package 'no_such_model_h44' is installed",
    ),
    "translate.max_failures": (
        lambda v: Translate("none", max_failures=v),
        st.integers(-9, 0),
        st.integers(1, 9),
        "max_failures",
    ),
    "dedup.mode": (
        lambda v: Dedup(v),
        st.text(max_size=5).filter(lambda m: m not in ("mark", "drop")),
        st.sampled_from(["mark", "drop"]),
        "dedup mode",
    ),
    "near_dedup.threshold": (
        lambda v: NearDedup(threshold=v),
        st.floats(-1e9, LOWEST_THRESHOLD, exclude_max=True)
        | st.floats(HIGHEST_THRESHOLD, 1e9, exclude_min=True),
        st.floats(LOWEST_THRESHOLD, HIGHEST_THRESHOLD),
        "near dedup threshold",
    ),
    "near_dedup.mode": (
        lambda v: NearDedup(v),
        st.text(max_size=5).filter(lambda m: m not in ("mark", "drop")),
        st.sampled_from(["mark", "drop"]),
        "near dedup mode",
    ),
    "near_dedup.num_perm": (
        lambda v: NearDedup(num_perm=v),
        st.integers(-9, 1),
        st.integers(2, 256),
        "num_perm",
    ),
}


@pytest.mark.parametrize("setting", sorted(TABLE))
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_check_refuses_what_is_out_of_bounds_and_only_that(setting: str, data: Any) -> None:
    make, bad, good, words = TABLE[setting]
    stage = make(data.draw(bad, label="bad"))  # builds: the bound is check()'s
    with pytest.raises(SettingError, match=words.replace("-", r"\-")):
        stage.check()
    make(data.draw(good, label="good")).check()


def test_wrong_language_codes_are_named_in_the_order_given() -> None:
    with pytest.raises(SettingError) as e:
        Detect(languages=["xx", "en", "und"]).check()
    assert str(e.value) == (
        "--languages: 'xx', 'und' is not an ISO 639 language code (en, fr, de, ...)"
    )


def test_languages_shape_the_config_in_one_order() -> None:
    assert Detect(languages=["fr", "en"]).config() == Detect(languages=["en", "fr"]).config()
