"""Markdown front matter, by class (issue #29, hostile41 F3, F4, F18): every style static-site
generators write (YAML `---` closed by `---` or `...`, TOML `+++`, JSON `{...}`) x every way
a title or an author is written (quotes, escapes, comments, folded, literal and multi-line
scalars, lists, nested values) x BOM x CRLF is metadata, read by a real parser; and every
block that is not a mapping (a thematic break then prose, an unclosed block, invalid YAML,
TOML or JSON, a list) is ordinary Markdown whose words are all kept.

Each case checks: the title record's text (exactly as the parser reads the value), the
author on every body record, that every non-blank line of the block is either dropped as
`markup` or held by the title record, and that no other line is dropped as `markup`."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from unicodedata import normalize

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

BODY = [
    "The velvet orchard sleeps under a cinder sky.",
    "",
    "A second paragraph, about the thistle lantern.",
    "",
    "---",  # a thematic break in the body is never a front-matter fence
    "",
    "After the rule, the pebble meadow.",
]
BODY_TEXTS = [line for line in BODY if line and line != "---"]


@dataclass(frozen=True)
class Front:
    """A front-matter block: its lines (fences included), the title and author a reader
    must take from it, and which of its lines (1-based) the title holds."""

    lines: tuple[str, ...]
    title: str | None
    author: str | None
    title_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Part:
    lines: tuple[str, ...]
    value: str | None
    holds: tuple[int, ...] = ()  # lines of `lines` (0-based) the value holds


def block(opening: str, closing: str, parts: list[Part | None], title: Part | None) -> Front:
    """The block `opening, parts..., closing`; `title` is the part that is the title."""
    lines = [opening]
    title_lines: tuple[int, ...] = ()
    author = None
    for part in parts:
        if part is None:
            continue
        if part is title:
            title_lines = tuple(len(lines) + 1 + i for i in part.holds)
        elif part.value is not None and author is None and part is not title:
            author = part.value
        lines += part.lines
    lines.append(closing)
    return Front(tuple(lines), title.value if title else None, author, title_lines)


# --- YAML: every scalar style a title is written in, every shape of an author
YAML_TITLES = {
    "plain": Part(("title: Zorvat Quillmere",), "Zorvat Quillmere", (0,)),
    "single quotes": Part(("title: 'Brennick''s Lantern'",), "Brennick's Lantern", (0,)),
    "double quotes, escapes": Part(
        ('title: "L\\u2019\\u00e9t\\u00e9: a \\"velvet\\" tale"',),
        'L\u2019\u00e9t\u00e9: a "velvet" tale',
        (0,),
    ),
    "folded": Part(
        ("title: >-", "  The Cinder", "  Keeper Returns"), "The Cinder Keeper Returns", (0, 1, 2)
    ),
    "literal": Part(
        ("title: |", "  Quill Orchard", "  Second Line"), "Quill Orchard Second Line", (0, 1, 2)
    ),
    "plain on the next lines": Part(
        ("title:", "  Meadow of", "  Pebbles"), "Meadow of Pebbles", (0, 1, 2)
    ),
    "comment": Part(("title: Thistle Road # a draft title",), "Thistle Road", (0,)),
    "number": Part(("title: 1917",), "1917", (0,)),
    "nested": Part(("title:", "  main: Velvet Main", "  sub: Velvet Sub"), None),
    "list": Part(("title: [Velvet One, Velvet Two]",), None),
    "null": Part(("title:",), None),
    "empty": Part(('title: ""',), None),
}
YAML_AUTHORS = {
    "none": None,
    "plain": Part(("author: Ada Brennick",), "Ada Brennick"),
    "quoted, comment": Part(('author: "Ada Brennick" # the critic',), "Ada Brennick"),
    "flow list": Part(("author: [Ada Brennick, Bo Lark]",), "Ada Brennick; Bo Lark"),
    "block list": Part(("author:", "  - Ada Brennick", "  - Bo Lark"), "Ada Brennick; Bo Lark"),
    "authors key": Part(("authors: [Ada Brennick]",), "Ada Brennick"),
    "mapping with a name": Part(
        ("author:", "  name: Ada Brennick", "  url: x.example"), "Ada Brennick"
    ),
}
YAML_OTHER = Part(("layout: post", "tags: [lantern, pebble]"), None)
YAML_LITERAL = Part(("summary: |", "  A summary line.", "", "  After a blank line."), None)


def yaml_fronts() -> dict[str, Front]:
    """Every title shape x every author shape, each closed by `---` and by `...` in turn."""
    out = {}
    for (i, (t, title)), (j, (a, author)) in itertools.product(
        enumerate(YAML_TITLES.items()), enumerate(YAML_AUTHORS.items())
    ):
        closing = ("---", "...")[(i + j) % 2]
        parts = [YAML_OTHER, title, author, YAML_LITERAL]
        out[f"yaml {closing} title {t}, author {a}"] = block("---", closing, parts, title)
    return out


TOML_TITLES = {
    "basic": Part(('title = "Zorvat Quillmere"',), "Zorvat Quillmere", (0,)),
    "literal": Part(("title = 'C:\\velvet\\path'",), "C:\\velvet\\path", (0,)),
    "escapes": Part(
        ('title = "L\\u2019\\u00e9t\\u00e9 \\"velvet\\""',), 'L\u2019\u00e9t\u00e9 "velvet"', (0,)
    ),
    "multi-line": Part(
        ('title = """', "The Cinder", 'Keeper Returns"""'), "The Cinder Keeper Returns", (0, 1, 2)
    ),
    "number": Part(("title = 1917",), "1917", (0,)),
    "comment": Part(('title = "Thistle Road" # a draft',), "Thistle Road", (0,)),
}
TOML_AUTHORS = {
    "none": None,
    "string": Part(('author = "Ada Brennick"',), "Ada Brennick"),
    "array": Part(('authors = ["Ada Brennick", "Bo Lark"]',), "Ada Brennick; Bo Lark"),
}
TOML_TABLE = Part(("[params]", 'title = "Not The Title"', 'author = "Not The Author"'), None)


def toml_fronts() -> dict[str, Front]:
    out = {}
    for (t, title), (a, author) in itertools.product(TOML_TITLES.items(), TOML_AUTHORS.items()):
        parts = [Part(("date = 2024-01-02", 'tags = ["lantern"]'), None), title, author]
        out[f"toml title {t}, author {a}"] = block("+++", "+++", [*parts, TOML_TABLE], title)
    nested = Part(("[title]", 'main = "Velvet Main"'), None)
    out["toml nested title"] = block("+++", "+++", [Part(("draft = false",), None), nested], None)
    return out


JSON_TITLES = {
    "plain": Part(('  "title": "Zorvat Quillmere",',), "Zorvat Quillmere", (0,)),
    "escapes": Part(
        ('  "title": "L\\u2019\\u00e9t\\u00e9 \\"velvet\\"",',),
        'L\u2019\u00e9t\u00e9 "velvet"',
        (0,),
    ),
    "number": Part(('  "title": 1917,',), "1917", (0,)),
    "nested": Part(('  "title": {"main": "Velvet Main"},',), None),
}
JSON_AUTHORS = {
    "string": Part(('  "author": "Ada Brennick",',), "Ada Brennick"),
    "array": Part(('  "author": ["Ada Brennick", "Bo Lark"],',), "Ada Brennick; Bo Lark"),
    "object": Part(('  "author": {"name": "Ada Brennick"},',), "Ada Brennick"),
}
JSON_LAST = Part(('  "params": {"title": "Not The Title"}',), None)


def json_fronts() -> dict[str, Front]:
    out = {}
    for (t, title), (a, author) in itertools.product(JSON_TITLES.items(), JSON_AUTHORS.items()):
        out[f"json title {t}, author {a}"] = block("{", "}", [title, author, JSON_LAST], title)
    one = Front(('{"title": "Zorvat Quillmere", "author": "Ada Brennick"}',), "Zorvat Quillmere",
                "Ada Brennick", (1,))  # fmt: skip
    out["json on one line"] = one
    return out


FRONTS = {**yaml_fronts(), **toml_fronts(), **json_fronts()}
BYTES = {"lf": ("", "\n"), "crlf": ("", "\r\n"), "bom": ("\ufeff", "\n"),
         "bom crlf": ("\ufeff", "\r\n")}  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the module (a `tmp_path` per case cost more than reading the file)."""
    return tmp_path_factory.mktemp("front")


def read(path: Path, lines: list[str], form: str) -> list:
    bom, end = BYTES[form]
    path.write_bytes((bom + end.join(lines) + end).encode("utf-8"))
    return list(Reader()([path]))  # type: ignore[arg-type]


def cases() -> list[tuple[str, str]]:
    """Every front matter in one byte form (LF, BOM, CRLF, both) in turn: each title shape
    meets each form over the author shapes."""
    forms = sorted(BYTES)
    return [(n, forms[i % len(forms)]) for i, n in enumerate(sorted(FRONTS))]


@pytest.mark.parametrize(("name", "form"), cases())
def test_front_matter_is_read_as_its_format_reads_it(folder: Path, name: str, form: str) -> None:
    front = FRONTS[name]
    records = read(folder / "front.md", [*front.lines, "", *BODY], form)
    kept = [r for r in records if r.dropped is None and r.error is None]
    assert [r.text for r in kept] == ([front.title] if front.title else []) + BODY_TEXTS
    assert all(r.error is None for r in records)
    body = kept[1:] if front.title else kept
    assert [r.meta.get("author") for r in body] == [front.author] * len(body)
    size = len(front.lines)
    markup = {r.location.line for r in records if r.dropped == "markup"}
    held = set(front.title_lines)
    if front.title:
        assert kept[0].location.line in held
    nonblank = {i for i, line in enumerate(front.lines, 1) if line.strip()}
    assert markup == nonblank - held, "every line of the block, and nothing else, is markup"
    body_lines = [size + 2 + i for i, line in enumerate(BODY) if line and line != "---"]
    assert [r.location.line for r in body] == body_lines


# --- blocks that are not front matter: ordinary Markdown, every word kept
PROSE = "A sentence of prose, written by the thistle keeper."
NOT_FRONT = {
    "rule, blank, prose, rule": ["---", "", PROSE, "", "Second paragraph of prose.", "", "---"],
    "rule, prose, rule": ["---", PROSE, "", "---"],
    "rule, blank, prose that reads as a mapping": [
        "---",
        "",
        "Note: a sentence of prose.",
        "",
        "Update: another one.",
        "",
        "---",
    ],
    "rule, blank, keys": ["---", "", "title: Velvet Draft", "author: Quill Lark", "---"],
    "rule, prose, no closing": ["---", "", PROSE],
    "unclosed yaml, a later rule": [
        "---",
        "title: Velvet Draft",
        "author: Quill Lark",
        "",
        PROSE,
        "",
        "---",
    ],
    "yaml never closed": ["---", "title: Velvet Draft", "", PROSE],
    "yaml, unclosed quote": ["---", 'title: "Velvet Draft', "---"],
    "yaml, unknown alias": ["---", "title: *velvet", "---"],
    "yaml, unclosed flow": ["---", "title: [Velvet, Draft", "---"],
    "yaml list": ["---", "- velvet item", "- quill item", "---"],
    "yaml scalar": ["---", "Velvet prose words only", "---"],
    "asterisk rule": ["***", "", PROSE, "", "***"],
    "underscore rule": ["___", "", PROSE, "", "___"],
    "toml, prose": ["+++", PROSE, "+++"],
    "toml, invalid": ["+++", "title = Velvet Draft", "+++"],
    "toml never closed": ["+++", 'title = "Velvet Draft"', "", PROSE],
    "json, prose in braces": ["{velvet prose in braces}", "", PROSE],
    "json never closed": ["{", '  "title": "Velvet Draft"', "", PROSE],
    "json, words after": ['{"title": "Velvet Draft"} and words after', "", PROSE],
    "json array": ['["velvet", "draft"]', "", PROSE],
    "json, a string left open": ['{"title": "Velvet', 'Draft", "author": "Quill Lark"}', "", PROSE],
    "hugo shortcode": ['{{< figure src="velvet.png" >}}', "", PROSE],
    "liquid tag": ["{% include velvet.html %}", "", PROSE],
    "pandoc attributes": ["{#velvet .draft}", "", PROSE],
}
WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("form", sorted(BYTES))
@pytest.mark.parametrize("name", sorted(NOT_FRONT))
def test_a_block_that_is_not_a_mapping_is_markdown(folder: Path, name: str, form: str) -> None:
    lines = NOT_FRONT[name] + ["", "The closing paragraph of the quill."]
    records = read(folder / "not.md", lines, form)
    shown = [r for r in records if r.dropped != "markup"]
    words = sorted(WORD.findall(" ".join(r.text for r in shown)))
    assert words == sorted(WORD.findall(" ".join(lines)))
    assert all(r.meta.get("author") is None for r in records)


# --- generated: any title and authors, written by the format's own writer (PyYAML chooses
# plain, quoted or escaped styles; json escapes; TOML as basic strings and arrays, which JSON's
# strings and arrays are), read back as that writer's reader reads them
TITLE_TEXT = st.text(
    st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u00a0\u2007\u202f"),
    min_size=1,
    max_size=40,
).filter(lambda t: any(c.isalpha() for c in t))
NAMES = st.lists(TITLE_TEXT, min_size=1, max_size=3)


def shown(text: str) -> str:
    return " ".join(text.split(" ")).strip()


@settings(max_examples=40)
@given(title=TITLE_TEXT, names=NAMES, style=st.sampled_from(["yaml", "json", "toml"]),
       width=st.sampled_from([12, 80]))  # fmt: skip
def test_a_written_title_and_authors_are_read_back(
    tmp_path_factory: pytest.TempPathFactory, title: str, names: list[str], style: str, width: int
) -> None:
    import json

    import yaml

    title = f"Velvet {title}"  # (a title that is all furniture, `©A`, is dropped as such)
    meta = {"layout": "post", "title": title, "author": names if len(names) > 1 else names[0]}
    if style == "yaml":
        text = yaml.safe_dump(meta, allow_unicode=True, width=width, sort_keys=False)
        lines = ["---", *text.rstrip("\n").split("\n"), "---"]
    elif style == "toml":  # a JSON string is a TOML basic string (unescaped: TOML has no
        # surrogate pairs, `\U0001xxxx` instead)
        lines = ["+++", *(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()),
                 "+++"]  # fmt: skip
    else:
        lines = json.dumps(meta, ensure_ascii=width > 40, indent=2).split("\n")
    path = tmp_path_factory.mktemp("written") / "w.md"
    records = read(path, [*lines, "", BODY[0]], "lf")
    kept = [r for r in records if r.dropped is None and r.error is None]
    want = normalize("NFC", " ".join(title.split()))  # every record's text is NFC
    assert [r.text for r in kept] == [want, BODY[0]]
    assert kept[1].meta.get("author") == "; ".join(" ".join(n.split()) for n in names)
    markup = {r.location.line for r in records if r.dropped == "markup"}
    held = {i for i, line in enumerate(lines, 1) if line.strip()} - markup  # the title's lines
    assert kept[0].location.line in held
    assert held == set(range(min(held), max(held) + 1)) and max(markup) == len(lines)


@pytest.mark.parametrize("name", sorted(FRONTS)[::5])
def test_without_libyaml_the_same_is_read(
    folder: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML without its C loader reads the same front matter; a block nested past its bound
    is no front matter (pure-Python PyYAML took 6 s on 2,000 nested `[`), its words kept."""
    from pipeline.io import front_matter

    monkeypatch.setattr(front_matter, "YAML_LOADER", None)
    front = FRONTS[name]
    records = read(folder / "pure.md", [*front.lines, "", *BODY], "lf")
    kept = [r.text for r in records if r.dropped is None and r.error is None]
    assert kept == ([front.title] if front.title else []) + BODY_TEXTS
    deep = ["---", "title: Velvet Deep", "k: " + "[" * 2000 + "]" * 2000, "---", "", BODY[0]]
    records = read(folder / "deep.md", deep, "lf")
    assert all(r.text != "Velvet Deep" for r in records)  # no title taken from it
    assert "Velvet Deep" in " ".join(r.text for r in records if r.dropped != "markup")


def alias_bomb(depth: int, key: str) -> str:
    """Front matter whose `key` is an alias of lists nested `depth` times (9^depth names)."""
    names = [f"l{i}" for i in range(depth)]
    lines = [
        "---",
        "title: Bomb",
        f'{names[0]}: &{names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ]
    for before, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{','.join([f'*{before}'] * 9)}]")
    lines += [f"{key}: *{names[-1]}", "---", "", "Body paragraph.", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("key", ["author", "authors", "Author"])
@pytest.mark.parametrize("depth", [2, 3, 5, 9])
def test_an_alias_bomb_names_no_author_and_costs_what_the_file_spells(
    tmp_path: Path, key: str, depth: int
) -> None:
    """Nested lists through YAML aliases (a "billion laughs") name no one; a flat list does."""
    path = tmp_path / "bomb.md"
    path.write_text(alias_bomb(depth, key), encoding="utf-8")
    records = list(Reader()([path]))
    assert [r.text for r in records if not r.dropped] == ["Bomb", "Body paragraph."]
    authors = {r.meta.get("author") for r in records}
    assert authors == {None}, authors
    flat = tmp_path / "flat.md"
    flat.write_text(alias_bomb(1, key), encoding="utf-8")
    body = [r for r in Reader()([flat]) if r.text == "Body paragraph."]
    assert [r.meta.get("author") for r in body] == ["; ".join(["lol"] * 9)]
