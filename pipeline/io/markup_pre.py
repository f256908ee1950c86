"""Preformatted text (`<pre>`, `<xmp>`, `<listing>`): a hard-wrapped message, or code?

Mailing-list archives (Pipermail, MHonArc, hypermail) and many old pages put a message wrapped
at 72 columns in `<pre>`: read as code, each of its lines was a record of its own, sentences cut
mid-clause (issue 29, F30), where the same text in a `.txt` file is joined by the text reader's
rule (`io/segment/wrapping.py`). Code in `<pre>` must stay as written, one line a record. Decided
by evidence, in this order:

- the markup: a `<code>`, `<samp>` or `<kbd>` element in it, or a class naming a language or a
  highlighter on it, is code (`CODE_ELEMENTS`, `CODE_CLASSES`);
- the lines (`code_line`): a line is code-like when it holds an operator no prose writes
  (`==`, `=>`, `->`, `::`, `&&`, `{`, `}`, `;` before the line end, ` = `, `()`, `$(`),
  starts as code does (`$ `, `#include`, `//`, `/*`, `#!`, `@@`, `+++`, `---`, a `(`), ends on
  `{`, `[`, `(`, `\\` or `:` alone after a bare word, or is indented deeper than the
  non-blank line before it (prose wraps to the same margin; code nests); a word with `_`,
  a dotted call (`a.b(`), an inner capital (camelCase) or a path (`/usr/bin/ld`) is code's.
  Prose: a line of `WRAP_WIDTH` characters at least (a wrap cut it), at most `CODE_SHARE`
  of its non-blank lines code-like, and letters at least `LETTER_SHARE` of its non-blank
  characters.

Measured on the generated classes of `tests/test_markup_pre.py` (10 kinds of code x 3 markups: 0
read as prose; 5 archive shapes x 4 mails: 0 read as code), and on the documentation pages
installed here (592 pages of Node.js, Rust, valgrind, libxslt, w3m, npm, libffi: 8,763 `<pre>`,
7,077 code by their markup; of the 1,686 others 1 reads as prose, two short header lines the
segmenter leaves apart). A line, a command, never is (`WRAP_WIDTH`, two lines at least). One
pass over the text, no regex: linear.
"""

from __future__ import annotations

from itertools import pairwise

CODE_ELEMENTS = frozenset({"code", "samp", "kbd", "var"})
# class words of highlighters and of the Markdown converters' `language-x`
CODE_CLASSES = ("lang", "highlight", "code", "source", "brush", "prettyprint", "syntax", "hljs")
OPERATORS = ("==", "!=", "=>", "->", "::", "&&", "||", "+=", "-=", ":=", "()", "[]", "{}",
             " = ", "$(", "${", "</", "/>", "<<", ">>", "/*", "*/", "%s", "%d")  # fmt: skip
COLUMNS = "   "  # a run of blanks inside a line: aligned columns (a table, a listing)
STARTS = ("$ ", "# ", "#include", "#define", "#!", "//", "/*", "*/", "@@", "+++", "---",
          "(", "{", "}", "- ", "import ", "from ", "def ", "class ", "return ")  # fmt: skip
ENDS = ("{", "}", "[", "(", ";", "\\", "=", ",)", "[]", "*/")
CODE_SHARE = 0.15  # of a message's non-blank lines code-like at most (a path, a URL, a smiley)
LETTER_SHARE = 0.7  # of its non-blank characters letters at least
SIGNATURE = "--"  # a mail signature's separator ("-- "): prose's, not a diff's or SQL's
# a wrapped message has a line this long at least (`segment.WRAP_WIDTH`); shorter lines are
# a command's output, a poem, an address: kept as written
WRAP_WIDTH = 40
PATH_STARTS = ("/", "./", "../", "~/")


def code_class(classes: str) -> bool:
    """Whether an element's class attribute names a language or a highlighter."""
    lowered = classes.lower()
    return any(word in lowered for word in CODE_CLASSES)


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def identifier(word: str) -> bool:
    """A word of code: `snake_case`, `a.b(`, `camelCase` (a capital after a lower-case
    letter inside a word; prose's capitals start words)."""
    core = word.strip(".,;:!?\"'()[]")
    if "_" in core.strip("_") or ("." in core.strip(".") and "(" in word):
        return True
    if "://" not in core and (core.startswith(PATH_STARTS) or core.count("/") >= 2):
        return True  # a path (a URL is a message's)
    if (core[:1] == "-" and core[1:2].isalpha()) or (core.startswith("--") and len(core) > 2):
        return True  # a command's option (`-lc`, `--leak-check=yes`)
    if "=" in core.strip("=") and "://" not in core:
        return True  # an assignment, an option's value
    return any(a.islower() and b.isupper() for a, b in pairwise(core))


def code_line(line: str, previous: str | None) -> bool:
    """Whether one line of preformatted text reads as code (see the module's doc)."""
    body = line.lstrip(" \t")
    while body.startswith(">"):  # a mail's quotation marks are no code
        body = body[1:].lstrip(" ")
    if not body or body.rstrip() == SIGNATURE:
        return False
    stripped = body.rstrip()
    if any(op in stripped for op in OPERATORS) or stripped.startswith(STARTS):
        return True
    if stripped.endswith(ENDS) or ("\t" in stripped):
        return True
    if stripped.endswith(":") and len(stripped.split()) == 1:  # `all:`, `key:`
        return True
    if COLUMNS in stripped:
        return True
    if previous is not None and indent(line) > indent(previous):
        return True
    return any(identifier(word) for word in stripped.split())


def reads_as_prose(text: str) -> bool:
    """Whether preformatted text with no markup evidence of code is a wrapped message: few
    code-like lines and mostly letters."""
    previous: str | None = None
    lines = code = letters = characters = widest = 0
    for line in text.splitlines():
        if not line.strip():
            previous = None  # a paragraph's first line may be indented
            continue
        lines += 1
        widest = max(widest, len(line.strip()))
        code += code_line(line, previous)
        previous = line
        for char in line:
            if not char.isspace():
                characters += 1
                letters += char.isalpha()
    if widest < WRAP_WIDTH or lines < 2:  # one line: a command, nothing to join
        return False
    return code <= CODE_SHARE * lines and letters >= LETTER_SHARE * characters
