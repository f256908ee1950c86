"""Lines of text through stages, for `pipeline detect`, `translate` and `entities`: each text a
document of its own (a line on stdin stands alone), its record given back as it comes out."""

from __future__ import annotations

import io
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import Warn
from pipeline.io.encoding import decide, decode_line, scan_stream
from pipeline.io.utf8_variants import decode_utf8
from pipeline.record import Record
from pipeline.run.pipeline import Pipeline, default_stages
from pipeline.stages.detect import Detect
from pipeline.stages.extract import Extract, analyser_beside
from pipeline.stages.foresight import ReadAhead
from pipeline.stages.quotes import Quotations
from pipeline.stages.translate import Translate

# NER batches of `pipeline translate`: each line is a document of its own, so a batch cuts no
# document, and spaCy finds the same entities in batches of 32, 64 or 256 (3,031 dev MT
# sentences: none differ). Translation waits for NER's first batch, and only its last batch is
# left to translate once NER is done: smaller batches start it sooner and leave it less.
TRANSLATE_NER_BATCH = 64


# Set once a line command has printed its last line (`all_printed`): the process then ends
# without freeing its objects one by one (`pipeline.entry`).
PRINTED = {"all": False}


def all_printed() -> None:
    """Say that the command's every line is out and nothing else is left to do: no file to
    close, no worker process. Freeing spaCy's model and the language-ID tables object by
    object, then killing and waiting for ~94 Apertium programs, took 0.3-0.6 s after the last
    line of `pipeline translate` (1,000 sentences, 2-core machine); the process ends instead,
    and the Apertium programs, their input closed with it, end on their own a moment later."""
    PRINTED["all"] = True


def texts_from(text: str | None) -> Iterator[str]:
    """The TEXT argument, or one text per line from stdin (for shell pipes), each line's
    bytes read as a file's are (`line_read`)."""
    if text is not None:
        yield text
        return
    for number, raw in enumerate(sys.stdin.buffer, 1):
        line, warning = line_read(raw.rstrip(b"\r\n"))
        if warning:
            print(f"pipeline: <stdin> line {number}: {warning}", file=sys.stderr)
        yield line


def line_read(raw: bytes) -> tuple[str, str | None]:
    """A line of stdin as a file of its own is read (`io.encoding`): UTF-8 and its variants
    (CESU-8), else the legacy encoding its bytes point to; and the warning to print (W005:
    read in a legacy encoding; W001: bytes replaced with U+FFFD), None when it read as UTF-8.
    Decoded by the text stream, a line with a byte that is not UTF-8 was left untranslated
    (its lone surrogates), silently."""
    text, bad = decode_utf8(raw)
    if bad is None:
        return text, None
    encoding = decide(scan_stream(io.BytesIO(raw)))
    text, at, used = decode_line(raw, encoding)
    if at is not None:
        return (
            text,
            f"{Warn.INVALID_UTF8.value} {Warn.INVALID_UTF8.message(encoding=used, offset=at)}",
        )
    return text, f"{Warn.NOT_UTF8.value} {Warn.NOT_UTF8.message(encoding=used)}"


def as_records(texts: Iterable[str], lang: str | None = None) -> Iterator[Record]:
    """Each text as its own one-record document (a line on stdin stands alone), in NFC as
    every reader gives its texts: decisions on names, words and languages are made on one
    form ("Athe\u0300nes" decomposed was kept as written where "Athènes" is "Athens")."""
    for i, text in enumerate(texts):
        text = text if text.isascii() else unicodedata.normalize("NFC", text)
        yield Record(
            id=f"stdin:{i}", doc_id=f"stdin:{i}", source="<stdin>", seq=i, text=text, lang=lang
        )


def detected(
    texts: Iterable[str], engine: str, languages: list[str] | None, threshold: float
) -> Iterator[Record]:
    """Each text with its language and score (batched: a single word stands alone too)."""
    pipe = Pipeline(stages=[Detect(engine=engine, languages=languages, threshold=threshold)])
    return pipe(as_records(texts))


def translated(
    texts: Iterable[str], translator: str, target_lang: str, source_lang: str | None
) -> Iterator[Record]:
    """Each text translated, its names kept (NER first); its language detected unless given."""
    expect = (source_lang,) if source_lang else ()  # its engine starts while NER loads
    translate = Translate(translator=translator, target_lang=target_lang, expect=expect)
    analyser = analyser_beside(translator)
    stages = [
        Extract(fields=["text"], batch_size=TRANSLATE_NER_BATCH, analyser=analyser),
        translate,
    ]
    records: Iterable[Record] = as_records(texts, lang=source_lang)
    if source_lang:  # the records' language is known before NER: translation starts sooner
        ahead = ReadAhead(records)
        translate.foresee(ahead)
        records = ahead
    # A quoted foreign line stays as written (`Quotations`). It reads nothing NER writes, so it
    # goes after it: its language-ID models load while spaCy loads, not before (1.3-4 s off
    # the first batch), and in NER's batches, so translation starts after one of them.
    quotations = Quotations(batch_size=TRANSLATE_NER_BATCH)
    for stage in (*stages, quotations):  # each line is a document: no batch waits for the next
        stage.documents_of_one = True
    pipe = (
        Pipeline(stages=[stages[0], quotations, stages[1]], given=("lang",))
        if source_lang
        else Pipeline([Detect(), *stages])
    )
    return pipe(records)


def with_entities(
    texts: Iterable[str], translator: str, target_lang: str, kb: Path | None
) -> Iterator[Record]:
    """Each text through the default stages: language, translation, entities."""
    pipe = Pipeline(stages=default_stages(translator=translator, target_lang=target_lang, kb=kb))
    return pipe(as_records(texts))
