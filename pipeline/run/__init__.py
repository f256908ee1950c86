"""The run machinery: a `Pipeline` planned into shards, run as passes on an executor, and
finalized into the outputs (`pipeline`, `plan`, `passes`, `shard_task`, `accounting`,
`contract`, `ids`, `parts`). The names below are imported when first used (`pipeline.lazy`):
importing one module of the run does not load every stage.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from pipeline.lazy import lazy_names

if TYPE_CHECKING:
    from pipeline.run.pipeline import OutputOverlapsInput, Pipeline, ResumeError, default_stages

WHERE = MappingProxyType(
    {
        "OutputOverlapsInput": "pipeline.run.pipeline",
        "Pipeline": "pipeline.run.pipeline",
        "ResumeError": "pipeline.run.pipeline",
        "default_stages": "pipeline.run.pipeline",
    }
)
__all__ = ["OutputOverlapsInput", "Pipeline", "ResumeError", "default_stages"]


__getattr__ = lazy_names(__name__, WHERE)
