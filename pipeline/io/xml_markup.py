"""XHTML pages read as XML, as a browser reads a page served as XHTML.

An XML content system writes a paragraph as `<p><![CDATA[...]]></p>`: text in XML, a comment
to an HTML parser (the paragraph was in no output, and the counts balanced without it). So
an XHTML file is parsed with lxml's XML parser (entities left as written: `&nbsp;` and the
other XHTML names are decoded by the HTML reader afterwards, an internal DTD's entities are
not expanded, so no entity expansion can grow the page), its namespaces dropped, and written
back as HTML (CDATA as escaped text, `<script/>` as `<script></script>`, not as a script
that swallows the page) for the HTML reader (`markup.html_page`). A file that is not
well-formed XML is read as HTML, as browsers do when it is served as such, but its CDATA
sections are still taken as text, since the file says it is XML.
"""

from __future__ import annotations

import html
import re

from pipeline.io.markup import Lines, Page, html_page

XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*>")  # lxml refuses one in a str


def xhtml_page(lines: Lines) -> Page:
    """The blocks of an XHTML page (see the module doc)."""
    page = "\n".join(text for _, text in lines)
    as_html = xml_as_html(page)
    return html_page([(1, cdata_as_text(page) if as_html is None else as_html)])


def xml_as_html(page: str) -> str | None:
    """The XML document written as HTML, without namespaces; None when it is not
    well-formed."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        root = etree.fromstring(XML_DECLARATION.sub("", page, count=1), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    for element in root.iter(tag=etree.Element):
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(root)
    return str(etree.tostring(root, method="html", encoding="unicode"))


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
