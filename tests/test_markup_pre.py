"""Class: preformatted text (`<pre>`, `<xmp>`, `<listing>`) that is prose vs code (issue 29,
F30). Mailing-list archives (Pipermail, MHonArc) and old pages put a hard-wrapped message in
`<pre>`: it must be joined as the same text is in a `.txt` file (the oracle: the text reader's
records for the same lines), never one record per line cut mid-clause. A code sample in
`<pre>` (any language, its indentation and symbols) stays one `code` record per line, as
written. Generated prose and code; no corpus text."""

from __future__ import annotations

import html
import random
import textwrap
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dru", "sen", "ti", "bar", "nu", "fo"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random) -> str:
    words = [word(rng) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.5:  # a clause after a comma
        words[rng.randint(2, len(words) - 3)] += ","
    return " ".join(words).capitalize() + rng.choice([".", ".", "?", "!"])


def paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def mail_body(rng: random.Random, width: int, quoted: bool, signature: bool) -> str:
    """A hard-wrapped mail body: paragraphs wrapped at `width`, blank lines between them, a
    quoted earlier message, a signature."""
    parts = []
    if quoted:
        parts.append("On Monday someone wrote:")
        for para in paragraphs(rng, 1):
            parts.append("\n".join("> " + line for line in textwrap.wrap(para, width - 2)))
    parts += ["\n".join(textwrap.wrap(para, width)) for para in paragraphs(rng, 3)]
    text = "\n\n".join(parts)
    if signature:
        text += "\n\n-- \nKalo Mirentas"
    return text + "\n"


def poem(rng: random.Random) -> str:
    stanzas = [
        "\n".join(
            " ".join(word(rng) for _ in range(rng.randint(3, 5))).capitalize() for _ in range(4)
        )
        for _ in range(2)
    ]
    return "\n\n".join(stanzas) + "\n"


# where an archive puts the body: Pipermail (`<PRE>` after `<HR>`, links inside), MHonArc
# (`<pre style=…>` with `<tt>`), an old page's `<xmp>` and `<listing>`
PROSE_CONTAINERS = {
    "pipermail": ("<H1>[list] A subject</H1><B>Someone</B><BR><I>Mon</I><HR><!--beginarticle-->"
                  "<PRE>", "</PRE><!--endarticle--><HR><A HREF='x'>Next message</A>"),
    "mhonarc": ("<h1>A subject</h1><ul><li><em>From</em>: someone</li></ul><hr>"
                "<pre style=\"margin: 0em;\"><tt>", "</tt></pre><hr>"),
    "plain": ("<pre>", "</pre>"),
    "xmp": ("<xmp>", "</xmp>"),
    "listing": ("<listing>", "</listing>"),
}  # fmt: skip


def records(path: Path) -> list[tuple[str | None, str, str | None]]:
    return [
        (r.meta.get("kind"), r.text, r.dropped)
        for r in Reader()([str(path)], lambda _w: None)
        if r.error is None
    ]


# the archive's own lines around the body (headers, navigation), not the message
AROUND = frozenset(
    {"A subject", "[list] A subject", "Someone", "Mon", "Next message", "From: someone"}
)


def content(path: Path) -> list[str]:
    """The texts of a file's records (not dropped), the archive's own lines left out."""
    return [text for _, text, dropped in records(path) if dropped is None and text not in AROUND]


@pytest.mark.parametrize("container", sorted(PROSE_CONTAINERS))
@pytest.mark.parametrize("seed", range(5))
def test_prose_in_pre_is_joined_as_the_text_reader_joins_it(
    tmp_path: Path, container: str, seed: int
) -> None:
    rng = random.Random(f"{container}{seed}")
    if seed == 4:  # a poem: short lines a wrap did not cut, each its own record
        body = poem(rng)
    else:
        width = rng.choice([60, 68, 72, 76])
        body = mail_body(rng, width, quoted=seed % 2 == 1, signature=seed > 1)
    before, after = PROSE_CONTAINERS[container]
    escaped = body if container in ("xmp", "listing") else html.escape(body, quote=False)
    page = tmp_path / "mail.html"
    page.write_text(f"<html><head><title>A subject</title></head><body>{before}"
                    f"{escaped}{after}</body></html>")  # fmt: skip
    text = tmp_path / "mail.txt"
    text.write_text(body)
    assert content(page) == content(text), (container, body)


def python(rng: random.Random) -> str:
    f, x, y = word(rng), word(rng), word(rng)
    return (f"def {f}_{x}({x}, {y}=None):\n    if {y} is None:\n        return {x} + 1\n"
            f"    for item in {x}:\n        {y}.append(item)\n    return {y}\n")  # fmt: skip


def c_like(rng: random.Random) -> str:
    f, x = word(rng), word(rng)
    return (f"#include <stdio.h>\n\nint {f}(int {x}) {{\n    if ({x} > 0) {{\n"
            f"        return {x} * 2;\n    }}\n    return 0;\n}}\n")  # fmt: skip


def javascript(rng: random.Random) -> str:
    f, x = word(rng), word(rng)
    return (f"const {f} = ({x}) => {{\n  const result = {x}.map((v) => v.{word(rng)});\n"
            f"  return result.filter(Boolean);\n}};\n\nexport default {f};\n")  # fmt: skip


def shell(rng: random.Random) -> str:
    d, f = word(rng), word(rng)
    return (f"$ cd /tmp/{d}\n$ tar xzf {f}.tar.gz\n$ ./configure --prefix=/usr/local\n"
            f"$ make && sudo make install\n")  # fmt: skip


def sql(rng: random.Random) -> str:
    t, c = word(rng), word(rng)
    return (f"select {c}, count(*) as total\n  from {t}\n  where {c} is not null\n"
            f"  group by {c}\n  order by total desc;\n")  # fmt: skip


def yaml(rng: random.Random) -> str:
    a, b, c = word(rng), word(rng), word(rng)
    return (f"{a}:\n  {b}: true\n  items:\n    - {c}\n    - {a}\n  retries: 3\n"
            f"{c}:\n  path: /var/lib/{b}\n")  # fmt: skip


def lisp(rng: random.Random) -> str:
    f, x = word(rng), word(rng)
    return (f"(defun {f} ({x})\n  (if (null {x})\n      nil\n"
            f"      (cons (car {x}) ({f} (cdr {x})))))\n")  # fmt: skip


def diff(rng: random.Random) -> str:
    a, b = word(rng), word(rng)
    return (f"--- a/{a}.c\n+++ b/{a}.c\n@@ -1,4 +1,4 @@\n int main(void)\n {{\n"
            f"-    {b}(1);\n+    {b}(2);\n }}\n")  # fmt: skip


def make(rng: random.Random) -> str:
    t = word(rng)
    return (f"all: {t}\n\n{t}: {t}.o util.o\n\t$(CC) -o $@ $^ $(LDFLAGS)\n\n"
            f"clean:\n\trm -f *.o {t}\n")  # fmt: skip


def output(rng: random.Random) -> str:
    x, y = word(rng), word(rng)
    return (f"/usr/bin/ld: cannot find -l{x}\ncollect2: ld returned 1 exit status\n"
            f"make[2]: *** [{y}] Error 1\n")  # fmt: skip


CODE = {
    "python": python, "c": c_like, "javascript": javascript, "shell": shell, "sql": sql,
    "yaml": yaml, "lisp": lisp, "diff": diff, "make": make, "output": output,
}  # fmt: skip
CODE_CONTAINERS = {
    "pre": ("<pre>", "</pre>"),
    "pre code": ("<pre><code>", "</code></pre>"),
    "highlighted": ('<pre class="highlight"><span>', "</span></pre>"),
}


@pytest.mark.parametrize("language", sorted(CODE))
@pytest.mark.parametrize("container", sorted(CODE_CONTAINERS))
def test_code_in_pre_stays_one_code_record_per_line(
    tmp_path: Path, language: str, container: str
) -> None:
    rng = random.Random(f"{language}{container}")
    code = CODE[language](rng)
    prose = " ".join(sentence(rng) for _ in range(3))
    before, after = CODE_CONTAINERS[container]
    page = tmp_path / "code.html"
    page.write_text(
        f"<html><head><title>T</title></head><body><article><h1>How</h1><p>{prose}</p>"
        f"{before}{html.escape(code, quote=False)}{after}<p>{prose} Again.</p></article>"
        "</body></html>"
    )
    got = [(kind, text) for kind, text, dropped in records(page) if dropped is None]
    lines = [line.rstrip() for line in code.splitlines() if line.strip()]  # indented as written
    assert [t for k, t in got if k == "code"] == lines, (language, got)
