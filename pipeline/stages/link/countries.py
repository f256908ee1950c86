"""A country under its names and its ISO 3166-1 codes (rule `country_codes`): "US", "U.S.",
"USA" and "United States" are one entity across documents, on the evidence of the standard
(pycountry's copy of Debian's iso-codes), not of the corpus's names alone (#31 item 3: an
acronym is not linked across documents by its letters).

A code stands for its country only when its letters are the initials of the country's name
("US": United States; a three-letter code, of its official name too: "USA"): "CA" (Canada,
California), "DE" (Germany, Delaware) or "AR" (the Argentine Republic, Arkansas) are read as
what the text around them says, not as a country. Only a name read as a place takes part: "SS"
read as an organisation is not South Sudan. A document that writes another name those letters
spell ("SA" beside "South Africa") decides for its own mentions (`spells_another`)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from pipeline.stages.link.names import acronym_letters, initials, name_key
from pipeline.stages.link.surface import Surface

PLACE = "LOC"


@cache
def country_table() -> tuple[dict[str, str], dict[str, str]]:
    """(a country's name, as `name_key` compares it → its alpha-2 code; a code written as the
    initials of one of its names → the alpha-2 code). Empty when pycountry is not installed:
    the rule then has nothing to go on."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency; a stripped install links as before
        return {}, {}
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for country in pycountry.countries:
        short = [getattr(country, a, None) for a in ("name", "common_name")]
        every = [*short, getattr(country, "official_name", None)]
        for name in filter(None, every):
            names[name_key(name)] = country.alpha_2
        if country.alpha_2 in {initials(n) for n in short if n}:
            codes[country.alpha_2] = country.alpha_2
        if country.alpha_3 in {initials(n) for n in every if n}:
            codes[country.alpha_3] = country.alpha_2
    return names, codes


def country_of(form: str) -> str | None:
    """The alpha-2 code of the country `form` names (a name of it, or a code written as its
    initials, with or without full stops), else None."""
    names, codes = country_table()
    letters = acronym_letters(form)
    if letters:
        return codes.get(letters)
    return names.get(name_key(form))


def country_groups(surfaces: dict[str, Surface]) -> dict[str, str]:
    """Each name read as a place that names a country the corpus writes in two ways or more →
    the name the country's mentions go to: the name the corpus writes most (a code only when
    it writes no name), so the canonical name is one an original text writes."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key, stats in sorted(surfaces.items()):
        if stats.label() == PLACE and (code := country_of(stats.form())) is not None:
            groups[code].append(key)
    out: dict[str, str] = {}
    for keys in groups.values():
        if len(keys) < 2:
            continue
        canonical = min(
            keys,
            key=lambda k: (
                bool(acronym_letters(surfaces[k].form())),
                -surfaces[k].mentions,
                k,
            ),
        )
        out.update((k, canonical) for k in keys)
    return out


def spells_another(key: str, country: str, here: dict[str, int], surfaces: dict[str, Surface]) -> bool:
    """Whether the document of counts `here` writes a name other than `country`'s that the code
    `key` spells ("SA" beside "South Africa", when Saudi Arabia is the corpus's country)."""
    letters = acronym_letters(surfaces[key].form())
    if not letters:
        return False
    country_code = country_of(surfaces[country].form())
    return any(
        " " in n and initials(surfaces[n].form()) == letters and country_of(surfaces[n].form()) != country_code
        for n in here
    )
