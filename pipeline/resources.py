"""Where the pipeline finds its model assets (patterns, label maps, knowledge base, pins).

Assets are data, not code: they live in `models/` at the project root so users can edit them;
an installed pipeline (a wheel, `pip install .`) carries them inside the package as
`pipeline/models` (see pyproject.toml). `PIPELINE_MODELS_DIR` points the library at another copy.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

PROJECT_MODELS_DIR = Path(__file__).resolve().parent.parent / "models"  # a checkout


def installed_models_dir() -> Path:
    """The assets an installed package carries (`pipeline.models`)."""
    from importlib.resources import files

    return Path(str(files("pipeline") / "models"))


DEFAULT_MODELS_DIR = (
    PROJECT_MODELS_DIR if (PROJECT_MODELS_DIR / "ner.json").is_file() else installed_models_dir()
)


def cache_dir() -> Path:
    """Where the pipeline keeps what it can rebuild (translations, lexicon tables)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pipeline"


def cache_arrays(path: Path, arrays: dict[str, Any]) -> None:
    """Keep numpy arrays in the cache (written whole, then renamed in place). A cache that
    cannot be written only costs time: the next process rebuilds them."""
    import numpy as np

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def cache_array_folder(path: Path, arrays: dict[str, Any]) -> None:
    """Keep numpy arrays in the cache as a folder of `.npy` files (`mapped_arrays` maps them
    instead of reading them), written whole in a folder beside it, then renamed in place: a
    reader sees every file or none. A folder already there (damaged: it did not map) is moved
    aside first, and removed (a process that mapped its files keeps them). A cache that
    cannot be written only costs time."""
    import numpy as np

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", array, allow_pickle=False)
        if path.exists():
            aside = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.old."))
            os.replace(path, aside / path.name)
            shutil.rmtree(aside, ignore_errors=True)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def mapped_arrays(path: Path, names: Sequence[str]) -> dict[str, Any]:
    """The arrays `cache_array_folder` kept at `path`, mapped read-only into memory (pages
    are read as they are touched; a folder replaced meanwhile leaves the mapped files whole).
    OSError or ValueError if one is missing or damaged."""
    import numpy as np

    return {
        name: np.load(path / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in names
    }


def models_dir() -> Path:
    return Path(os.environ.get("PIPELINE_MODELS_DIR", DEFAULT_MODELS_DIR))


@cache
def load_json(name: str) -> Any:
    """Load `models/NAME` once per process."""
    path = models_dir() / name
    with path.open(encoding="utf-8") as f:
        return json.load(f)
