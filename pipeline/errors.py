"""Stable error codes, so users can search for them (spaCy's `[E088]` idea).

A code never changes meaning once published; add new ones at the end of their block.
"""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    # input (E0xx)
    UNREADABLE_FILE = "E001"
    BINARY_FILE = "E002"
    INVALID_JSON = "E003"
    NOT_AN_OBJECT = "E004"
    MISSING_TEXT = "E005"
    UNSUPPORTED_FILE = "E006"
    LINK_OUTSIDE = "E007"
    NOT_A_FILE = "E008"
    TOO_LONG = "E009"
    INVALID_TABLE = "E010"
    # stages (E1xx detect, E2xx translate, E3xx extract)
    DETECT_FAILED = "E101"
    TRANSLATE_FAILED = "E201"
    EXTRACT_FAILED = "E301"


class Warn(str, Enum):
    """Something was repaired, not lost: reported in warnings.jsonl."""

    INVALID_UTF8 = "W001"
    DUPLICATE_ID = "W002"
    OUTPUT_SKIPPED = "W003"
    INVALID_UNICODE = "W004"
    NOT_UTF8 = "W005"
