"""The run machinery: a `Pipeline` planned into shards, run as passes on an executor, and
finalized into the outputs (`pipeline`, `plan`, `passes`, `shard_task`, `accounting`,
`contract`, `ids`). The names below are imported when first used (PEP 562), as in the
package root: importing one module of the run does not load every stage.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.run.pipeline import OutputOverlapsInput, Pipeline, ResumeError, default_stages

WHERE = {
    "OutputOverlapsInput": "pipeline.run.pipeline",
    "Pipeline": "pipeline.run.pipeline",
    "ResumeError": "pipeline.run.pipeline",
    "default_stages": "pipeline.run.pipeline",
}
__all__ = ["OutputOverlapsInput", "Pipeline", "ResumeError", "default_stages"]


def __getattr__(name: str) -> Any:
    if name in WHERE:
        value = getattr(import_module(WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline.run' has no attribute {name!r}")
