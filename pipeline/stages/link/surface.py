"""The votes the corpus gives one name: its labels, its mentions and how it is written."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from pipeline.rules import active

LABEL_ORDER = MappingProxyType({"PERSON": 0, "ORG": 1, "LOC": 2, "MISC": 3})


@dataclass
class Surface:
    """Votes for one name (a `name_key`): labels, mentions (a mention is 1), and how it is
    written, in original texts and in translations."""

    labels: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    written: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    translated: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    mentions: float = 0.0

    def label(self) -> str:
        """The label most of its mentions carry."""
        return majority(self.labels)

    def form(self) -> str:
        """How the name is written: the form the original texts use most, else the
        translations; a form with lower-case letters before an all-capitals one."""
        forms = self.written or self.translated
        if self.labels and self.label() == "PERSON" and active().on("cased_form"):
            # a person's capitals are typography (cues, credits): the cased form first
            return min(forms, key=lambda f: (f.isupper(), -forms[f], f))
        return min(forms, key=lambda f: (-forms[f], f.isupper(), f))

    def add(self, other: dict[str, Any]) -> None:
        for mine, theirs in ((self.labels, other["labels"]), (self.written, other["written"]),
                             (self.translated, other["translated"])):  # fmt: skip
            for k, v in theirs.items():
                mine[k] += v
        self.mentions += other["mentions"]

    def to_dict(self) -> dict[str, Any]:
        return {"labels": dict(self.labels), "written": dict(self.written),
                "translated": dict(self.translated), "mentions": self.mentions}  # fmt: skip


def majority(votes: dict[str, float]) -> str:
    """The label with the most votes; a tie goes to the first in `LABEL_ORDER`."""
    return min(votes, key=lambda lb: (-votes[lb], LABEL_ORDER.get(lb, 9)))
