"""Settings several stages share, and their checks (`Stage.check`): a knowledge base that reads, a
translator and fallback that can work here. Each raises `SettingError` with the words the
command line shows (the option, what is wrong, the fix), before any shard runs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import langcodes

from pipeline import hints
from pipeline.engines.registry import (
    UnknownEngine,
    make_translator,
    translator_names,
    why_unreachable,
)
from pipeline.engines.translate.base import Translator
from pipeline.entities import KnowledgeBaseError, known_names
from pipeline.stages.base import SettingError

NO_TRANSLATION = "none"  # --translator none / --fallback none
AUTO_FALLBACK = "auto"  # the offline engine behind an online one, none behind the offline one
OFFLINE = "apertium"  # the default translator: it works without a network
TARGET_LANG = "en"  # the language translations are written in
DEFAULT_CACHE = "default"  # the translation cache's file: the user's (`default_cache_path`)


class UnknownTranslator(SettingError, UnknownEngine):
    """A translator or fallback name no registered engine has."""


def check_kb(path: str | Path | None) -> None:
    """A knowledge base that cannot be read fails now, before any model loads."""
    try:
        known_names(path)
    except KnowledgeBaseError as e:
        raise SettingError(f"--kb: {e}") from None


def check_languages(codes: Iterable[str] | None) -> None:
    """Each code of a closed language set is an ISO 639 language code: "xx" would otherwise
    force every record into the one real code of the set, and `und` is no language."""
    wrong = [c for c in codes or () if c == "und" or not langcodes.tag_is_valid(c) or "-" in c]
    if wrong:
        raise SettingError(
            f"--languages: {', '.join(map(repr, wrong))} is not an ISO 639 language code "
            "(en, fr, de, ...)"
        )


def check_share(option: str, value: float, low: float = 0.0) -> None:
    """A score or similarity setting is a number in [low, 1] (a threshold above 1 or below
    0 would silently accept or refuse everything)."""
    if not low <= value <= 1.0:
        raise SettingError(f"{option} {value!r}: give a number in [{low:g}, 1]")


def check_at_least(option: str, value: int, least: int) -> None:
    """A count setting is at least `least` (a negative count means nothing)."""
    if value < least:
        raise SettingError(f"{option} {value!r}: give a whole number of at least {least}")


def check_translator_names(name: str, fallback: str | None) -> None:
    """The translator and its fallback are engines there are (or none, auto)."""
    known = translator_names()
    if name != NO_TRANSLATION and name not in known:
        raise UnknownTranslator(
            f"--translator {name!r} is unknown; choose from {', '.join(known)} or none"
        )
    if fallback not in (None, AUTO_FALLBACK, NO_TRANSLATION) and fallback not in known:
        raise UnknownTranslator(
            f"--fallback {fallback!r} is unknown; choose auto, none or one of {', '.join(known)}"
        )


def check_target(target_lang: str) -> None:
    """The target language is an ISO 639-1 code."""
    if (
        len(target_lang) != 2
        or not target_lang.isalpha()
        or not langcodes.tag_is_valid(target_lang)
    ):
        raise SettingError(
            f"--target-lang {target_lang!r} is not an ISO 639-1 code (en, fr, de, ...)"
        )


def check_translator(name: str | None, target_lang: str, fallback: str | None) -> None:
    """The translator, its fallback and the target language, checked before any model loads:
    an unknown name, a missing key or URL, a target no engine writes, a server that does not
    answer. `name` None: an engine object was given, used as it is."""
    check_translator_names(name or NO_TRANSLATION, fallback)
    check_target(target_lang)
    named = {n for n in (name, fallback) if n and n not in (NO_TRANSLATION, AUTO_FALLBACK)}
    for engine_name in sorted(named):
        option = "--translator" if engine_name == name else "--fallback"
        check_engine(engine_name, option, target_lang)


def check_engine(engine_name: str, option: str, target_lang: str) -> None:
    """One engine: it can be made (keys, URLs), writes `target_lang`, and answers."""
    try:
        engine = make_translator(engine_name)
    except ValueError as e:  # a missing key or URL, an invalid URL
        raise SettingError(f"--translator {engine_name}: {e}") from None
    if not engine.writes(target_lang):
        raise SettingError(
            f"--translator {engine_name} cannot translate into {target_lang!r}: "
            + cannot_write(engine_name, engine, target_lang)
        )
    unreachable = why_unreachable(engine)
    if unreachable:
        raise SettingError(
            f"{option} {engine_name}: {unreachable}; without a network, use --translator "
            "apertium (offline)"
        )


def cannot_write(name: str, engine: Translator, target: str) -> str:
    """Why an engine writes no `target` here, and the fix that works where the user is."""
    from pipeline.packages import debian_packages

    if not engine.installed():
        return (f"Apertium is not installed here; fix: {hints.install_apertium(debian_packages())}"
                " (pipeline doctor lists what is missing)")  # fmt: skip
    if target == "en":
        return "its pairs into English are not installed here (pipeline doctor lists them)"
    return f"no offline pair writes {target!r}; the online engines do: --translator {hints.ONLINE}"
