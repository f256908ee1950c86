"""Lines given on the command line or stdin (`pipeline detect`, `translate`, `entities`) are
read in NFC, as every reader gives its texts (issue #30, hostile finding T18): a decomposed
line made other name decisions ("Athènes" kept as written instead of "Athens"). Generated:
words of accented letters, each line in NFC, NFD, NFKD's canonical part and mixed."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.app.lines import as_records

LETTERS = "aeiouAEIOU" + "àâäéèêëîïôöùûüÿçœÀÂÉÈÊËÎÏÔÖÙÛÜÇ" + "ñãõåøÅ"
WORDS = st.text(alphabet=LETTERS, min_size=1, max_size=8)


@settings(max_examples=30, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=6), form=st.sampled_from(["NFC", "NFD"]))
def test_a_line_is_read_in_nfc(words: list[str], form: str) -> None:
    line = unicodedata.normalize(form, " ".join(words) + ".")
    (record,) = as_records([line], lang="fr")
    assert record.text == unicodedata.normalize("NFC", line)


def test_mixed_forms_read_as_one() -> None:
    composed = "Athènes et Israël."
    mixed = "Athe\u0300nes et Israël."
    records = list(as_records([composed, mixed, unicodedata.normalize("NFD", composed)]))
    assert {r.text for r in records} == {composed}
