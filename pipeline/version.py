"""The installed distribution's name and version (`corpusmill`: "pipeline" on the public index
is another project), read from its metadata so that pyproject.toml writes the version once."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "corpusmill"

try:
    __version__ = version(DISTRIBUTION)
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
