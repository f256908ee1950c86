"""One self-contained HTML page for a run: what a person looks at instead of JSONL.

First what went wrong (`problems`: failed records, dropped lines and warnings, each grouped by
reason with its count and first example; a group opens to list its entries), then what the
run did (translation and entity outcomes with their reasons, settings collapsed, seconds per
stage), charts of languages, entity types and the most mentioned entities, every record
with its language (score, and why when it came from the document), its translation beside the
original (under it on a screen narrower than ~700 px) and entities highlighted in both (click
a name: every mention of that entity lights up, in every language), a browsable entity table.

The page is one template per section (`templates/report-NAME.html.j2`, in `SECTIONS` order)
inside `templates/report.html.j2`; its style and script are `templates/report.css` and
`templates/report.js`, inlined, so the report stays one file.

Built with jinja2 (auto-escaping). Records and entities are embedded once, as JSON in a
`<script type="application/json">` (jinja2's `tojson`: HTML-safe), and the page renders them
50 at a time, so 50,000 records load and filter in the browser in a second or so (tested in
Chromium). No server, no network; only the page's own script may run (CSP with its hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from importlib.resources import files
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pipeline.app.report_duplicates import duplicate_clusters
from pipeline.io.writers import CORPUS, DROPPED, ENTITIES, RUN, atomic_open, records_of
from pipeline.record import UNDETERMINED, Record
from pipeline.run import problems
from pipeline.run.accounting import explained
from pipeline.stages.detect import FROM_DOCUMENT
from pipeline.stages.settings import NO_TRANSLATION

MAX_RECORDS = 200_000  # embedded in the page; beyond, the report says how many it left out
MAX_GROUPS = 100  # reasons listed per kind (failures, dropped, warnings); more are counted
TOP_ENTITIES = 15
ENTITY_OPTIONS = 500
LABEL_COLOURS = MappingProxyType(
    {"PERSON": "#f6c9a0", "ORG": "#b8d8f2", "LOC": "#c5e8b7", "MISC": "#e3c9f2"}
)

SECTIONS = (
    "summary", "problems", "charts", "outcomes", "run", "records", "duplicates", "entities"
)  # fmt: skip
"""The page's sections in order, each a template `templates/report-NAME.html.j2`: what went
wrong comes right after the counts, before the charts, the settings and the records."""
GROUP_ROWS = 50  # entries listed when a reason's group is opened; the rest are in the file


def asset(name: str) -> str:
    """A file of `pipeline/app/templates` as it is (the style and the script, inlined)."""
    return (files("pipeline.app") / "templates" / name).read_text(encoding="utf-8")


def duplicates_of(counts: dict[str, Any]) -> int:
    """Records `--dedup` found, exact or near: marked in the corpus, or dropped."""
    marked = sum(counts.get("duplicates", {}).values())
    marked += sum(counts.get("near_duplicates", {}).values())
    reasons = counts.get("dropped_by_reason", {})
    return int(marked + reasons.get("duplicate", 0) + reasons.get("near", 0))


def record_data(record: Record) -> dict[str, Any]:
    """What the page needs of a record, compactly: entities as [start, end, label, id, field]."""
    meta = record.meta
    entities = sorted(record.entities, key=lambda e: (e.start, -e.end))
    why = meta.get("lang_reason") or (
        "from the document" if meta.get("lang_source") == FROM_DOCUMENT else None
    )
    notes = [
        meta.get("fell_back") and f"translated by the fallback: {meta['fell_back']}",
        meta.get("untranslated") and f"not translated: {meta['untranslated']}",
        meta.get("entities_skipped") and f"no entities: {meta['entities_skipped']}",
    ]
    return {
        "id": record.id,
        "lang": record.lang or UNDETERMINED,
        "score": record.lang_score,
        "why": why,
        "kind": meta.get("kind"),
        "author": meta.get("author"),
        "section": meta.get("section"),
        "text": record.text,
        "tr": record.translation.to_dict() if record.translation else None,
        "ents": [[e.start, e.end, e.label, e.entity_id or e.text, e.field] for e in entities],
        "ids": sorted({e.entity_id or e.text for e in entities}),
        "note": " · ".join(n for n in notes if n) or None,
    }


def settings_rows(run: dict[str, Any]) -> list[tuple[str, str]]:
    """The run's settings, one per row: the inputs, the reader's, each stage's."""
    rows = [("inputs", run["settings"].get("inputs", []))]
    rows += [(f"reader.{k}", v) for k, v in run["settings"].get("reader", {}).items()]
    rows += [
        (f"{stage}.{k}", v)
        for stage, description in run.get("stages", {}).items()
        for k, v in description.items()
    ]
    return [(name, json.dumps(value, ensure_ascii=False)) for name, value in rows]


def shown_groups(groups: list[problems.Group]) -> list[problems.Group]:
    """The reasons the page lists (the most frequent `MAX_GROUPS`); the rest are counted."""
    return groups[:MAX_GROUPS]


def cards(
    counts: dict[str, Any], languages: int, entities: int, failures: list[problems.Group]
) -> list[dict[str, Any]]:
    """The counts at the top. "failed" names its most frequent reason and links to them all."""
    top = failures[0] if failures else None
    note = f"{top.count} × {top.code} {top.reason}" if top else None
    return [
        {"name": "records", "n": counts["written"]},
        {"name": "read", "n": counts["read"]},
        {"name": "dropped", "n": counts["dropped"], "href": "#droppeds"},
        {"name": "failed", "n": counts["failed"], "href": "#errors", "bad": bool(top),
         "note": note},
        {"name": "warnings", "n": sum(counts.get("warnings", {}).values()), "href": "#warnings"},
        {"name": "languages", "n": languages},
        {"name": "entities", "n": entities},
        *([{"name": "duplicates", "n": n}] if (n := duplicates_of(counts)) else []),
    ]  # fmt: skip


def build_report(
    out_dir: str | Path, output: str | Path | None = None, max_records: int = MAX_RECORDS
) -> Path:
    """Write the report for the run in `out_dir` (to `out_dir/report.html` by default)."""
    out_dir = Path(out_dir)
    target = Path(output) if output else out_dir / "report.html"
    page = template().generate(**report_context(out_dir, max_records))
    with atomic_open(target) as f:
        f.writelines(page)  # (records and clusters are read as the page is written)
    return target


def template() -> Any:
    """The report's page (`templates/report.html.j2`, a template per section): a name it shows
    that the context lacks fails (`StrictUndefined`) rather than showing nothing."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.app", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("report.html.j2")


def report_context(out_dir: Path, max_records: int) -> dict[str, Any]:
    """What the report's sections show of the run in `out_dir`: its settings and outcome, the
    cards and charts, the problems, the entities, and the records (at most `max_records`,
    read lazily, as the duplicate clusters)."""
    run = json.loads((out_dir / RUN).read_text(encoding="utf-8"))
    counts = run["counts"]
    entities = list(problems.read_jsonl(out_dir / ENTITIES))
    failures = problems.failures(out_dir, keep=GROUP_ROWS)
    languages = sorted(counts.get("by_language", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        **page_assets(),
        **run_summary(run),
        **problem_groups(out_dir, counts, failures),
        **entity_rows(entities),
        "cards": cards(counts, len(languages), len(entities), failures),
        "charts": charts(counts, languages, entities),
        "languages": languages,
        "clusters": duplicate_clusters(
            lambda: problems.read_jsonl(out_dir / CORPUS),
            lambda: problems.read_jsonl(out_dir / DROPPED),
        ),
        "records": map(record_data, islice(records_of([out_dir]), max_records)),
        "left_out": max(0, counts["written"] - max_records),
        "max_records": max_records,
    }


def page_assets() -> dict[str, Any]:
    """The page's own style, script (and the content security policy that allows it alone),
    label colours and sections."""
    script = asset("report.js")
    return {
        "csp": content_security_policy(script),
        "css": asset("report.css"),
        "script": script,
        "colours": dict(LABEL_COLOURS),
        "sections": SECTIONS,
    }


def run_summary(run: dict[str, Any]) -> dict[str, Any]:
    """What the run was given and how it went: its inputs, translation engines, language
    detector, outcome, settings and each pass's seconds."""
    counts = run["counts"]
    engines = sorted({k.split(" ", 1)[1] for k in counts.get("translated", {})}) or [NO_TRANSLATION]
    return {
        "inputs": ", ".join(str(p) for p in run["settings"].get("inputs", [])),
        "engines": ", ".join(engines),
        "detector": str(run["stages"].get("detect", {}).get("engine", "")),
        "outcomes": explained(counts),
        "settings": settings_rows(run),
        "timings": list(run.get("seconds", {}).items()),
    }


def problem_groups(
    out_dir: Path, counts: dict[str, Any], failures: list[problems.Group]
) -> dict[str, Any]:
    """Failures, dropped lines and warnings by reason, the first `GROUP_ROWS` groups of each
    shown, with their totals and how many groups were left out."""
    dropped = problems.dropped(out_dir, keep=GROUP_ROWS)
    warnings = problems.warnings(out_dir, keep=GROUP_ROWS)
    shown_failures, shown_dropped, shown_warnings = (
        shown_groups(failures),
        shown_groups(dropped),
        shown_groups(warnings),
    )
    return {
        "failures": shown_failures,
        "failed": counts["failed"],
        "failures_left": len(failures) - len(shown_failures),
        "dropped": shown_dropped,
        "dropped_total": counts["dropped"],
        "dropped_left": len(dropped) - len(shown_dropped),
        "warnings": shown_warnings,
        "warnings_total": sum(g.count for g in warnings),
        "warnings_left": len(warnings) - len(shown_warnings),
    }


def charts(
    counts: dict[str, Any], languages: list[tuple[str, int]], entities: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The report's bar charts: languages, entity types by mentions, the most mentioned."""
    labels: Counter[str] = Counter()
    for key, n in counts.get("entities", {}).items():
        labels[key.split(":", 1)[1]] += n
    return [
        chart("Languages", languages),
        chart("Entity types (mentions)", sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))),
        chart(
            "Most mentioned entities",
            [(f"{e['canonical']} ({e['label']})", e["mentions"]) for e in entities[:TOP_ENTITIES]],
        ),
    ]


def entity_rows(entities: list[dict[str, Any]]) -> dict[str, Any]:
    """The entity index's rows (their languages sorted) and the first ones as filter options."""
    return {
        "entity_options": entities[:ENTITY_OPTIONS],
        "entities": [
            {
                **{k: e[k] for k in ("entity_id", "canonical", "label", "aliases", "mentions")},
                "languages": sorted(e["languages"]),
            }
            for e in entities
        ],
    }


def chart(title: str, rows: list[tuple[str, int]]) -> dict[str, Any]:
    """A bar chart as an HTML table: labels are never cut, bars scale to the largest."""
    return {"title": title, "rows": rows, "top": max((n for _, n in rows), default=1) or 1}


def script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def content_security_policy(script: str) -> str:
    """Only the report's own script may run (by its hash): even if escaping ever failed, no
    script from corpus text, ids or metadata would execute, and the page loads nothing."""
    return (
        f"default-src 'none'; script-src '{script_hash(script)}'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
