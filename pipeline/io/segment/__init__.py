"""Segmentation: a text file's lines (or a markup page's blocks) → records.

A reader's job, not a stage's: `segmenter.Segmenter` turns one document's lines into records
(titles, headings, credits, paragraphs joined across hard wraps, list items, table rows,
dropped furniture); `blocks` is what it reads; `wrapping`, `layout`, `pages`, `boilerplate`
each decide one thing about the lines. Nothing here imports a reader: the readers
(`io/readers/`, `io/markup`, `io/markdown`) import it.
"""
