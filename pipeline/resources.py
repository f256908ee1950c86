"""Where the pipeline finds its model assets (patterns, label maps, knowledge base, pins).

Assets are data, not code: they live in `models/` at the project root so users can edit them;
an installed pipeline (a wheel, `pip install .`) carries them inside the package as
`pipeline/models` (see pyproject.toml). `PIPELINE_MODELS_DIR` points the library at another copy.
"""

from __future__ import annotations

import json
import os
import tempfile
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


def models_dir() -> Path:
    return Path(os.environ.get("PIPELINE_MODELS_DIR", DEFAULT_MODELS_DIR))


@cache
def load_json(name: str) -> Any:
    """Load `models/NAME` once per process."""
    path = models_dir() / name
    with path.open(encoding="utf-8") as f:
        return json.load(f)
