"""A table used for layout, or one that holds data?

Pages of the 1990s-2000s (and mail templates still) set the whole page in a `<table>`: a banner
row, a menu cell beside the article's cell, a footer row. Read as data, each `<tr>` was one
`row` record: a menu link glued to the article's first line ("Links | intro of the review"),
the banner and footer rows content (issue 29, F14). A layout table is read as the blocks its
cells hold (a cell is a `<div>` to the reader); a data table's row is one record whatever its
cells hold (`markup.tree_blocks`).

The rule, in the order browsers' accessibility code (Firefox's `IsProbablyLayoutTable`) and
Readability's `_markDataTables` ask it, from the table's own markup only:

- `role="presentation"` or `role="none"`, or `datatable="0"`: layout;
- a caption, a `thead`/`tfoot`, a `col`/`colgroup`, a header cell or a `summary`: data;
- a cell holding a table, or `LAYOUT_BLOCKS` blocks or more at any depth (paragraphs,
  lists, divisions: an article's text, not a value): layout;
- else data (a table of short cells, whatever its size).

Only the table's own rows and cells are looked at, never the inside of a table nested in
them: each element of a page is looked at for one table at most (the innermost around it;
`holds_a_page` stops at the first table or the second block), so the cost is linear.
"""

from __future__ import annotations

from typing import Any

LAYOUT_ROLES = frozenset({"presentation", "none"})
DATA_PARTS = frozenset({"caption", "thead", "tfoot", "col", "colgroup"})
SECTIONS = frozenset({"thead", "tbody", "tfoot"})
# what in a cell is a block of text of its own (a `<br>`, an inline element is not)
CELL_BLOCKS = frozenset({
    "p", "div", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "form", "center", "section", "article", "address", "hr", "fieldset", "menu", "nav",
    "header", "footer", "aside", "main", "figure",
})  # fmt: skip
LAYOUT_BLOCKS = 2  # blocks in one cell that make it a part of a page, not a value
# in a data table, a cell's blocks are lines of its row, unless one is a heading or
# preformatted (a section's title, code: a row of "1. Background", a listing's lines as a
# row's words) or they are `LAYOUT_BLOCKS` blocks of `LONG_CELL` characters or more (a FAQ's
# answer, DocBook's Q&A tables marked as data with `summary`)
OWN_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre", "xmp", "listing", "table"})
LONG_CELL = 200


def rows_of(table: Any) -> list[Any]:
    """A table's rows: its `tr` children and those of its row groups."""
    rows = []
    for child in table.iter():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in SECTIONS:
            rows.extend(row for row in child.iter() if row.tag == "tr")
    return rows


def layout_table(table: Any) -> bool:
    """Whether a `<table>` is used for layout (see the module's doc)."""
    attributes = table.attributes
    if (attributes.get("role") or "").strip().lower() in LAYOUT_ROLES:
        return True
    if (attributes.get("datatable") or "").strip() == "0":
        return True
    if "summary" in attributes or any(c.tag in DATA_PARTS for c in table.iter()):
        return False
    layout = False
    for row in rows_of(table):
        for cell in row.iter():
            if cell.tag == "th":
                return False
            if cell.tag != "td" or layout:
                continue
            layout = holds_a_page(cell)
    return layout


def holds_a_page(cell: Any) -> bool:
    """Whether a cell holds a table or `LAYOUT_BLOCKS` blocks, at any depth (in a `<font>`,
    a `<div>`), a nested table's inside not looked at (its own rows are its own question)."""
    blocks = 0
    pending = list(cell.iter())
    while pending:
        node = pending.pop()
        if node.tag == "table":
            return True
        if node.tag in CELL_BLOCKS:
            blocks += 1
            if blocks >= LAYOUT_BLOCKS:
                return True
        pending.extend(node.iter())
    return False


def holds_blocks(cell: Any) -> bool:
    """Whether a data table's cell is read as the blocks it holds rather than as lines of its
    row (`OWN_BLOCKS`, `LONG_CELL`). Stops at a nested table, at the answer: linear."""
    blocks = chars = 0
    pending = list(cell.iter(include_text=True))
    while pending:
        node = pending.pop()
        tag = node.tag
        if tag == "-text":
            chars += len(node.text_content or "")
        elif tag in OWN_BLOCKS:
            return True
        elif tag in CELL_BLOCKS:
            blocks += 1
        if blocks >= LAYOUT_BLOCKS and chars >= LONG_CELL:
            return True
        if tag != "-text":
            pending.extend(node.iter(include_text=True))
    return False
