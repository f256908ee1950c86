"""XHTML pages read as XML, as a browser reads a page served as XHTML.

An XML content system writes a paragraph as `<p><![CDATA[...]]></p>`: text in XML, a comment
to an HTML parser (the paragraph was in no output, and the counts balanced without it). So
an XHTML file is parsed with lxml's XML parser, its namespaces dropped, and written
back as HTML (CDATA as escaped text, `<script/>` as `<script></script>`, not as a script
that swallows the page) for the HTML reader (`markup.html_page`). A file that is not
well-formed XML is read as HTML, as browsers do when it is served as such, but its CDATA
sections are still taken as text, since the file says it is XML.

Entities: those the page's internal DTD declares are expanded, in text and attributes, nested
ones too, as any XML reader does (`<!ENTITY rev "...">` then `&rev;` was kept as the literal
`&rev;`); external ones are never read (no network, no file), undeclared ones (`&nbsp;` under
XHTML's external DTD) are left to the HTML reader, which knows HTML's names. An expansion is
bounded: libxml2 stops one whose output grows past a fixed factor of its input ("billion
laughs": 10 levels of 10 references, 10 GB, refused in under 1 ms, measured); the HTML
fallback's own expansion is bounded by `MAX_EXPANSION` x the page. A page past the bound is
one error (`EntityExpansion`), never a truncated page.
"""

from __future__ import annotations

import html
import re
from html.entities import name2codepoint
from typing import Any

from pipeline.io.markup import Lines, Page, html_page

XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*>")  # lxml refuses one in a str
# a general entity with a literal value in an internal DTD (no `%` parameter entity, no SYSTEM
# or PUBLIC one: those are never read); possessive, so a failed match costs one scan
ENTITY_DECLARATION = re.compile(
    r"""<!ENTITY[ \t\r\n]++([A-Za-z_:][\w.:-]*+)[ \t\r\n]++(?:"([^"]*+)"|'([^']*+)')"""
)
# a reference, or the start of what holds none (a CDATA section, a comment: its end is found
# by `str.find`, so an unclosed one costs one scan)
ENTITY_REFERENCE = re.compile(r"&([A-Za-z_:][\w.:-]*+);|(<!\[CDATA\[|<!--)")
XML_NAMES = frozenset({"amp", "lt", "gt", "quot", "apos"})  # XML's own: markup, left as written
MAX_EXPANSION = 10  # the HTML fallback's expanded page: at most this many times the page
OVER_EXPANDED = ("amplification", "entity reference loop", "entities loop")  # libxml2's words


class EntityExpansion(ValueError):
    """A page whose entities expand past the bound: read as no text, one error."""


def xhtml_page(lines: Lines) -> Page:
    """The blocks of an XHTML page (see the module doc)."""
    page = "\n".join(text for _, text in lines)
    as_html = xml_as_html(page, "internal")
    if as_html is None:  # an entity its DTD does not declare (`&nbsp;`), or not XML at all
        page = expand_entities(page)
        as_html = xml_as_html(page, False)
    return html_page([(1, cdata_as_text(page) if as_html is None else as_html)])


def xml_as_html(page: str, entities: str | bool) -> str | None:
    """The XML document written as HTML, without namespaces, its internal entities expanded
    (`entities="internal"`) or left as written (False); None when it is not well-formed."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=entities, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        root = etree.fromstring(XML_DECLARATION.sub("", page, count=1), parser)
    except etree.XMLSyntaxError as error:
        if any(word in str(error) for word in OVER_EXPANDED):
            bound = f"its entities expand past the XML parser's bound ({error})"
            raise EntityExpansion(bound) from error
        return None
    except ValueError:
        return None
    blocks = foreign_blocks(root)
    for element in root.iter(tag=etree.Element):
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = "div" if element in blocks else etree.QName(element).localname
    etree.cleanup_namespaces(root)
    return str(etree.tostring(root, method="html", encoding="unicode"))


# vocabularies whose elements the HTML reader knows by their names
HTML_NAMESPACES = frozenset({
    "http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg",
    "http://www.w3.org/1998/Math/MathML",
})  # fmt: skip


def foreign_blocks(root: Any) -> set[Any]:
    """The elements of another vocabulary (DocBook's `para`, `listitem`, a custom namespace's
    `note`) that are blocks: those whose siblings are apart, only blanks between them (an
    XML writer's line ends), as the root is. Written as `<div>` for the HTML reader: with
    their own names they were inline there, and a DocBook article's paragraphs, list and
    CDATA paragraph were one record (issue 29, F16). An element in running text stays
    inline. Linear: each parent's text read once."""
    from lxml import etree

    apart: dict[Any, bool] = {}
    found: set[Any] = set()
    for element in root.iter(tag=etree.Element):
        namespace = etree.QName(element).namespace
        if namespace is None or namespace in HTML_NAMESPACES:
            continue
        parent = element.getparent()
        if parent is None:
            found.add(element)
            continue
        if parent not in apart:
            texts = [parent.text, *(child.tail for child in parent)]
            apart[parent] = not any((t or "").strip() for t in texts)
        if apart[parent]:
            found.add(element)
    return found


def cdata_as_text(page: str) -> str:
    """The page with each CDATA section replaced by its text, escaped (one pass; an
    unclosed section runs to the end of the page)."""
    out: list[str] = []
    pos = 0
    while (start := page.find("<![CDATA[", pos)) >= 0:
        end = page.find("]]>", start + 9)
        stop = len(page) if end < 0 else end
        out += [page[pos:start], html.escape(page[start + 9 : stop], quote=False)]
        pos = stop + 3 if end >= 0 else len(page)
    out.append(page[pos:])
    return "".join(out)


def expand_entities(page: str) -> str:
    """The page without its internal DTD, each reference to an entity it declares replaced by
    the entity's value, nested ones too, and each reference to a name XHTML's own DTDs
    declare (`&nbsp;`, `&eacute;`: HTML 4's names, which a browser reading XHTML knows) by
    its character, so the page parses as XML without its DTD. For a page the XML parser
    refused: as far as a plain reading can, none in a CDATA section or a comment; at most
    `MAX_EXPANSION` x the page's length, else `EntityExpansion`. A reference to no name
    declared anywhere is left as written."""
    doctype = page.find("<!DOCTYPE")
    subset = page.find("[", doctype) if doctype >= 0 else -1
    end = page.find("]>", subset) if 0 <= subset < page.find(">", doctype) else -1
    declared: dict[str, str] = {}
    out: list[str] = []
    start = size = 0
    if end >= 0:
        for m in ENTITY_DECLARATION.finditer(page, subset, end):
            declared.setdefault(m[1], m[2] if m[2] is not None else m[3])
        # the internal DTD is no text (an HTML parser ends the doctype at its first `>`); its
        # external one, if named, is kept
        out = [page[:subset].rstrip(), ">"]
        start = size = end + 2
    for name, point in name2codepoint.items():
        if name not in XML_NAMES:
            declared.setdefault(name, chr(point))
    budget = MAX_EXPANSION * max(len(page), 1000)
    # what is left to read: (text, from where, the entities being expanded around it: a
    # reference to one of them, a loop, is left as written)
    todo: list[tuple[str, int, frozenset[str]]] = [(page, start, frozenset())]
    while todo:
        text, pos, inside = todo.pop()
        at = pos
        for m in ENTITY_REFERENCE.finditer(text, at):
            if m.start() < at:  # inside the CDATA section or comment just passed
                continue
            if m[2] is not None:  # no entity is read in there: to its end
                close = text.find("]]>" if m[2] != "<!--" else "-->", m.end())
                at = len(text) if close < 0 else close + 3
                continue
            name = m[1]
            if name not in declared or name in inside:
                continue
            out.append(text[pos : m.start()])
            size += m.start() - pos
            todo.append((text, m.end(), inside))
            todo.append((declared[name], 0, inside | {name}))
            break
        else:
            out.append(text[pos:])
            size += len(text) - pos
        if size > budget:
            raise EntityExpansion(f"its entities expand past {MAX_EXPANSION} times its size")
    return "".join(out)
