"""Each direction's mode is chosen, not the first found (issue 30, item 3): a modes folder
holding, beside the installed modes, one more mode for a direction already served (what an
`es-en` named package would add) gives every direction the same mode, so the same output.
Generated: every installed direction, the extra mode a copy of any other mode, named with the
direction's two- or three-letter codes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import langcodes
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import (
    DEFAULT_MODES_DIR,
    ApertiumTranslator,
    chosen_modes,
    installed_modes,
)
from tests.conftest import needs_pairs


def names(modes_dir: Path) -> dict[tuple[str, str], str]:
    return {key: mode.name for key, mode in installed_modes(modes_dir, chosen_modes()).items()}


@needs_pairs("fr-es", "spa-eng")
@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=st.data())
def test_an_extra_mode_for_a_served_direction_changes_no_route(data: st.DataObject) -> None:
    installed = names(DEFAULT_MODES_DIR)
    source, target = data.draw(st.sampled_from(sorted(installed)))
    donor = data.draw(st.sampled_from(sorted(set(installed.values()))))
    three = data.draw(st.booleans())
    codes = [langcodes.Language.get(c).to_alpha3() if three else c for c in (source, target)]
    extra = "-".join(codes)
    with tempfile.TemporaryDirectory() as folder:
        modes = Path(folder)
        for path in DEFAULT_MODES_DIR.glob("*.mode"):
            (modes / path.name).symlink_to(path)
        if (modes / f"{extra}.mode").exists():
            return  # the direction's own name: nothing extra
        shutil.copy(DEFAULT_MODES_DIR / f"{donor}.mode", modes / f"{extra}.mode")
        assert names(modes) == installed
        before, after = ApertiumTranslator(DEFAULT_MODES_DIR), ApertiumTranslator(modes)
        for lang in ("fr", "es", "ca", "pt"):
            assert [m.name for m in after.modes_used(lang, "en")] == [
                m.name for m in before.modes_used(lang, "en")
            ]


def test_a_chosen_mode_wins_over_a_packaged_one(tmp_path: Path) -> None:
    for name in ("es-en", "spa-eng"):
        (tmp_path / f"{name}.mode").write_text("lt-proc x\n")
    assert installed_modes(tmp_path)["es", "en"].name == "es-en"  # first by name
    assert installed_modes(tmp_path, {"spa-eng"})["es", "en"].name == "spa-eng"
