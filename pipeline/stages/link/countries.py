"""A country under its names and its ISO 3166-1 codes (rule `country_codes`): "US", "U.S.",
"USA" and "United States" are one entity across documents, on the evidence of the standard
(pycountry's copy of Debian's iso-codes), not of the corpus's names alone (#31 item 3: an
acronym is not linked across documents by its letters).

A code stands for its country only when its letters are the initials of the country's name
("US": United States; a three-letter code, of its official name too: "USA") and of no other
place the standard lists (ISO 3166-2): "CA" (Canada, California), "DE" (Germany, Delaware) or
"NC" (New Caledonia, North Carolina) are read as what the text around them says. Only a name
read as a place takes part: "SS" read as an organisation is not South Sudan. A document that
writes another name those letters spell ("SA" beside "South Africa") decides for its own
mentions (`spells_another`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import cache

from pipeline.stages.link.names import acronym_letters, initials, name_key
from pipeline.stages.link.surface import Surface

PLACE = "LOC"


@cache
def country_table() -> tuple[dict[str, str], dict[str, str]]:
    """(a country's name, as `name_key` compares it → its alpha-2 code; a code that stands for
    its country → the alpha-2 code). Empty when pycountry is not installed: the rule then has
    nothing to go on."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency; a stripped install links as before
        return {}, {}
    names: dict[str, str] = {}
    spelled: dict[str, set[str]] = defaultdict(set)  # code → the names its letters spell
    for country in pycountry.countries:
        every = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
        for name in filter(None, every):
            names[name_key(name)] = country.alpha_2
        for code, held in ((country.alpha_2, every[:2]), (country.alpha_3, every)):
            # not an inverted name ("Korea, Republic of")
            if code in {initials(n) for n in held if n and "," not in n}:
                spelled[code].add(country.alpha_2)
    for place in pycountry.subdivisions:  # "NC": New Caledonia, and North Carolina
        code = place.code.split("-", 1)[1]
        if (
            code in spelled
            and initials(place.name) == code
            and names.get(name_key(place.name)) not in spelled[code]  # not the country itself
        ):
            spelled[code].add(place.code)
    codes = {code: next(iter(held)) for code, held in spelled.items() if len(held) == 1}
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


def spells_another(
    key: str, country: str, here: dict[str, int], surfaces: dict[str, Surface]
) -> bool:
    """Whether the document of counts `here` writes a name other than `country`'s that the code
    `key` spells ("SA" beside "South Africa", when Saudi Arabia is the corpus's country)."""
    letters = acronym_letters(surfaces[key].form())
    if not letters:
        return False
    code = country_of(surfaces[country].form())
    return any(
        spells(surfaces[n].form(), letters) and country_of(surfaces[n].form()) != code for n in here
    )


def spells(name: str, letters: str) -> bool:
    """Whether `letters` are the initials of `name`'s words, none of which is an acronym
    itself ("U.S. war" holds "US", it is not spelled by it)."""
    words = name.split()
    return len(words) > 1 and initials(name) == letters and not any(map(acronym_letters, words))


@cache
def country_names(lang: str) -> frozenset[str]:
    """The countries' names the standard gives in `lang` (pycountry's translations of
    iso-codes: "Belgique", "Irlande"), as `name_key` compares them; English's for "en". Empty
    when pycountry or its translation is not installed."""
    try:
        import gettext

        import pycountry
    except ImportError:  # pragma: no cover - a dependency
        return frozenset()
    say: Callable[[str], str] = str
    with suppress(OSError):  # no translation for `lang`: the English names
        say = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    return frozenset(
        name_key(say(name))
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", None))
        if name and "," not in say(name)
    )


def names_a_country(text: str, langs: Iterable[str]) -> bool:
    """Whether `text` is a country's name in one of `langs` (or English), by the standard."""
    key = name_key(text)
    return any(key in country_names(lang) for lang in {"en", *langs})
