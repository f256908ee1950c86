"""py3langid's tables mapped from the cache, not read: the same scores as the shipped model.

The cached copy is a folder of `.npy` files mapped into memory (`resources.mapped_arrays`);
its scores must be exactly those of the model decompressed from the wheel, for any text, and
a damaged or missing copy is rebuilt, never used.
"""

from __future__ import annotations

import lzma
from array import array
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.langid.py3langid_engine import ARRAYS, load_identifier
from pipeline.resources import cache_array_folder

py3langid = pytest.importorskip("py3langid.langid")


def shipped() -> dict[str, np.ndarray]:
    with lzma.open(py3langid.MODEL_DIR / py3langid.MODEL_FILE) as packed, np.load(packed) as data:
        return {name: data[name] for name in ARRAYS}


def read_whole(arrays: dict[str, np.ndarray]) -> Any:
    """The model as py3langid ships it, read whole into stdlib arrays (the form before)."""

    def table(values: np.ndarray) -> array[int]:
        out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
        out.frombytes(values.tobytes())
        return out

    return py3langid.LanguageIdentifier(
        arrays["ptc"],
        arrays["pc"],
        arrays["classes"].tolist(),
        table(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=table(arrays["nextmove_row"]),
    )


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, Path]:
    folder = tmp_path_factory.mktemp("cache") / "py3langid-test"
    arrays = shipped()
    cache_array_folder(folder, arrays)  # as `load_identifier` writes it when there is none
    return read_whole(arrays), load_identifier(folder), folder


TEXTS = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(max_codepoint=0x24F), max_size=300),
    st.sampled_from(["", "AD", "Ça va ?", "ÉTÉ", "日本語のテキスト", "Привет", "\ud800x"]),
)


@settings(max_examples=100, deadline=None)
@given(text=TEXTS)
def test_mapped_copy_scores_as_the_shipped_model(models: tuple[Any, Any, Path], text: str) -> None:
    reference, mapped, _ = models
    expected, found = reference._decide(text), mapped._decide(text)
    assert found.dtype == expected.dtype
    assert np.array_equal(found, expected)


def test_the_copy_is_mapped_not_read(models: tuple[Any, Any, Path]) -> None:
    _, mapped, folder = models
    assert isinstance(mapped.nb_ptc, np.memmap)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.npy" for n in ARRAYS)


@pytest.mark.parametrize("damage", ["truncated", "missing"])
def test_a_damaged_copy_is_rebuilt(
    tmp_path: Path, models: tuple[Any, Any, Path], damage: str
) -> None:
    reference, _, built = models
    folder = tmp_path / "py3langid-test"
    folder.mkdir()
    for each in built.iterdir():
        (folder / each.name).write_bytes(each.read_bytes())
    target = folder / "nextmove.npy"
    if damage == "truncated":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    else:
        target.unlink()
    earlier = tmp_path / "py3langid-test.npz"  # the copy's earlier form: removed on rebuild
    earlier.write_bytes(b"old")
    model = load_identifier(folder)
    text = "Une phrase en français, pour voir."
    assert np.array_equal(model._decide(text), reference._decide(text))
    assert not earlier.exists()
    again = load_identifier(folder)  # the rebuilt copy maps
    assert isinstance(again.nb_ptc, np.memmap)
    assert np.array_equal(again._decide(text), reference._decide(text))
