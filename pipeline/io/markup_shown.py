"""Elements whose content a browser shows though their tag says "fallback" or "one line".

- `<object>`: its content is what a browser shows when it cannot show the object itself. No
  browser has played Flash, Java, ActiveX, Silverlight, Shockwave or RealMedia plugins since
  2021, so for every such object (a whole generation of archived pages) the page shows exactly
  its fallback text, which was dropped as `fallback` (issue 29, F21). An object with nothing
  to load (no `data`) shows its content too. One that loads an image, a page, a PDF shows that
  and not its content: still `fallback`.
- `<textarea>`: its box shows its text with its line breaks (`white-space: pre-wrap`); a
  textarea of several lines is read as preformatted text (`markup_pre`: a message's lines
  joined, code's kept), a one-line one stays a word box in its sentence.
"""

from __future__ import annotations

from typing import Any

SHOWN_FALLBACK = "object-fallback"  # an `<object>` whose content shows (a tag no page has)
# ActiveX (`classid`, `codebase`), and the types and suffixes of plugins no browser runs
PLUGIN_ATTRIBUTES = ("classid", "codebase", "archive")
PLUGIN_TYPES = (
    "application/x-shockwave-flash", "application/futuresplash", "application/x-java",
    "application/java", "application/x-silverlight", "application/x-director",
    "application/x-mplayer2", "application/x-oleobject", "application/vnd.rn-realmedia",
    "audio/x-pn-realaudio", "video/x-ms-", "audio/x-ms-", "application/x-vlc-plugin",
    "video/quicktime", "audio/midi", "audio/x-midi",
)  # fmt: skip
PLUGIN_SUFFIXES = (
    ".swf", ".spl", ".class", ".jar", ".dcr", ".dir", ".xap", ".wmv", ".wma", ".asf", ".asx",
    ".rm", ".ram", ".ra", ".rpm", ".mov", ".qt", ".mid", ".midi", ".ocx", ".cab",
)  # fmt: skip


def shows_fallback(node: Any) -> bool:
    """Whether a browser shows an `<object>`'s content (see the module's doc)."""
    attributes = node.attributes
    if any(name in attributes for name in PLUGIN_ATTRIBUTES):
        return True
    data = (attributes.get("data") or "").strip().lower()
    data = data.split("#", 1)[0].split("?", 1)[0]
    if not data:
        return True
    kind = (attributes.get("type") or "").strip().lower()
    return kind.startswith(PLUGIN_TYPES) or data.endswith(PLUGIN_SUFFIXES)


def multiline_box(node: Any) -> bool:
    """Whether a `<textarea>` shows more than one line (its text holds a line break)."""
    return "\n" in (node.text(deep=True) or "").strip()
