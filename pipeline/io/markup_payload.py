"""What of an HTML page is not text, taken out as its lines stream in: `<script>` and `<style>`
bodies and `data:` URIs in the attributes that load a resource.

A page saved "as a single file" (SingleFile, MHTML converted, Evernote/Notion exports) holds
its images, fonts and styles inline: 8.4 MB of markup around 260 characters of text was
refused whole as "text too long" (issue 29, F10), and an ordinary 88 kB page with 87 kB of CSS
was refused with `--max-chars 2000`. A browser shows none of these bytes, the reader never
reads them (`markup.NOT_TEXT`), so the page's size is counted without them, and the parser
and trafilatura never see them (less to parse: the page's cost follows its markup, not its
payload). Only what no browser shows as text is taken: never an element's text, never an
`<input value>` (a browser shows it), never an attribute other than those that load a
resource (`RESOURCE_ATTRIBUTES`).

One pass over each line, with `str.find` and one anchored pattern (no backtracking): linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

# the start of a raw-text element whose body is never shown, or of a `data:` URI in an
# attribute that loads a resource (its name after a blank or a quote, `=`, an optional quote)
RESOURCE_ATTRIBUTES = ("src", "href", "srcset", "poster", "data", "background", "xlink:href")
# raw-text and escapable raw-text elements whose text may hold `<script>` as text (kept whole),
# a comment (kept whole), `<plaintext>` (the rest of the file is its text)
KEPT_RAW = ("textarea", "title", "xmp", "iframe", "noembed", "noframes")
PAYLOAD = re.compile(
    r"<(script|style)(?=[\s>/])"
    r"|<(" + "|".join(KEPT_RAW) + r"|plaintext)(?=[\s>/])|(<!--)"
    r"|(?<=[\s\"'])(?:" + "|".join(re.escape(a) for a in RESOURCE_ATTRIBUTES) + r")"
    r"[ \t]{0,16}=[ \t]{0,16}([\"']?)data:",
    re.IGNORECASE,
)
END_OF = {
    name: re.compile(rf"</{name}(?=[\s>/])", re.IGNORECASE)
    for name in ("script", "style", *KEPT_RAW)
}
END_OF["--"] = re.compile("-->")
UNQUOTED_END = re.compile(r"[\s>]")


class Unpacked(NamedTuple):
    """A line of the page without its payload, and how many characters were taken out."""

    number: int
    text: str
    taken: int


class State(NamedTuple):
    """Where a line starts: in ordinary markup (`mode` ""), in the start tag of a raw-text
    element (`tag`), in its body (`raw`: taken; `kept`: a `KEPT_RAW` one's or a comment's),
    in a `data:` URI ended by `quote` (`uri`), or after `<plaintext>` (`plain`)."""

    mode: str = ""
    name: str = ""
    quote: str = ""


def unpacked(lines: Iterable[tuple[int, str]]) -> Iterator[Unpacked]:
    """Each line without what `PAYLOAD` starts (see the module doc), in order."""
    state = State()
    for number, text in lines:
        kept, state = unpack_line(text, state)
        yield Unpacked(number, kept, len(text) - len(kept))


def unpack_line(text: str, state: State) -> tuple[str, State]:
    """One line without its payload, and the state the next line starts in."""
    parts: list[str] = []
    at = 0
    while at <= len(text):
        if state.mode == "plain":
            parts.append(text[at:])
            break
        if state.mode == "tag":  # the raw-text element's start tag goes on to its `>`
            close = text.find(">", at)
            if close < 0:
                parts.append(text[at:])
                break
            parts.append(text[at : close + 1])
            body = "raw" if state.name in ("script", "style") else "kept"
            if (
                close > 0 and text[close - 1] == "/"
            ):  # `<script/>`: closed in XHTML; the parser decides
                body = ""
            at, state = close + 1, State(body, state.name if body else "")
        elif state.mode in ("raw", "kept"):  # its body, up to the end tag (kept)
            end = END_OF[state.name].search(text, at)
            if end is None:
                if state.mode == "kept":
                    parts.append(text[at:])
                break
            if state.mode == "kept":
                parts.append(text[at : end.start()])
            at, state = end.start(), State()
        elif state.mode == "uri":  # the URI, up to its quote (or a blank or `>` unquoted)
            if state.quote:
                close = text.find(state.quote, at)
            else:
                found = UNQUOTED_END.search(text, at)
                close = found.start() if found else -1
            if close < 0:
                break
            at, state = close, State()
        else:
            match = PAYLOAD.search(text, at)
            if match is None:
                parts.append(text[at:])
                break
            parts.append(text[at : match.end()])
            at = match.end()
            if match.group(1):
                state = State("tag", match.group(1).lower())
            elif (name := (match.group(2) or "").lower()) == "plaintext":
                state = State("plain")
            elif name:
                state = State("tag", name)
            elif match.group(3):
                state = State("kept", "--")
            else:
                state = State("uri", quote=match.group(4))
    return "".join(parts), state
