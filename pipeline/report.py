"""One self-contained HTML page for a run: what a person looks at instead of JSONL.

Summary, charts of languages and of the most mentioned entities, every record with its entities
highlighted in the original and the translation side by side, mentions of one entity linked
(click a name: all its mentions light up, in every language), filters by language, entity and
text, and the error list. No server, no network: CSS and JavaScript are inline, and every piece
of corpus text is HTML-escaped (a `<script>` in a review shows as text).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from pipeline.accounting import explained
from pipeline.io.writers import CORPUS, DROPPED, ENTITIES, ERRORS, RUN, WARNINGS, atomic_open

MAX_RECORDS = 5000  # a page, not a database: beyond this, the report says how many it left out
TOP_ENTITIES = 15
LABEL_COLOURS = {"PERSON": "#f6c9a0", "ORG": "#b8d8f2", "LOC": "#c5e8b7", "MISC": "#e3c9f2"}

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
main{padding:16px 24px}section{margin-bottom:24px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}
.charts{display:flex;gap:32px;flex-wrap:wrap}svg text{font-size:12px}
.filters{position:sticky;top:0;background:#fafafa;padding:8px 0;border-bottom:1px solid #ddd;display:flex;gap:12px;flex-wrap:wrap;align-items:center;z-index:1}
.record{background:#fff;border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:10px 14px}
.record .head{font-size:12px;color:#666;margin-bottom:6px}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:16px}.pair.single{grid-template-columns:1fr}
.pane h4{margin:0 0 4px;font-size:12px;color:#666;text-transform:uppercase}
mark.ent{border-radius:4px;padding:0 3px;cursor:pointer}
mark.ent small{font-size:10px;font-weight:bold;margin-left:3px;color:#444}
mark.ent.lit{outline:2px solid #d32f2f}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:4px 8px;font-size:13px;text-align:left;vertical-align:top}
.hidden{display:none}.muted{color:#777}
"""

SCRIPT = """
const records=[...document.querySelectorAll('.record')];
const lang=document.getElementById('f-lang'),ent=document.getElementById('f-entity'),text=document.getElementById('f-text');
const shown=document.getElementById('shown');
function apply(){
  const l=lang.value,e=ent.value,t=text.value.toLowerCase();let n=0;
  for(const r of records){
    const ok=(!l||r.dataset.lang===l)&&(!e||(' '+r.dataset.entities+' ').includes(' '+e+' '))&&(!t||r.textContent.toLowerCase().includes(t));
    r.classList.toggle('hidden',!ok);if(ok)n++;
  }
  shown.textContent=n;
}
for(const c of [lang,ent])c.addEventListener('change',apply);text.addEventListener('input',apply);
document.addEventListener('click',ev=>{
  const m=ev.target.closest('mark.ent');if(!m)return;
  const id=m.dataset.entity,on=!m.classList.contains('lit');
  for(const x of document.querySelectorAll('mark.ent.lit'))x.classList.remove('lit');
  if(on)for(const x of document.querySelectorAll('mark.ent'))if(x.dataset.entity===id)x.classList.add('lit');
});
apply();
"""


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if path.exists():
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def highlight(text: str, entities: list[dict[str, Any]]) -> str:
    """The text, escaped, with each entity wrapped in a <mark> carrying its label and entity."""
    out, cursor = [], 0
    for e in sorted(entities, key=lambda e: (e["start"], -e["end"])):
        if e["start"] < cursor:
            continue  # overlapping spans: the first wins
        colour = LABEL_COLOURS.get(e["label"], "#eee")
        tip = f"{e['label']} · {e.get('canonical') or e['text']}"
        out.append(escape(text[cursor : e["start"]]))
        out.append(
            f'<mark class="ent" style="background:{colour}" data-label="{escape(e["label"])}" '
            f'data-entity="{escape(e.get("entity_id") or e["text"])}" title="{escape(tip)}">'
            f"{escape(text[e['start'] : e['end']])}<small>{escape(e['label'])}</small></mark>"
        )
        cursor = e["end"]
    out.append(escape(text[cursor:]))
    return "".join(out)


def bar_chart(title: str, rows: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG."""
    if not rows:
        return f"<div><h3>{escape(title)}</h3><p class=muted>none</p></div>"
    top = max(n for _, n in rows)
    height = 22 * len(rows) + 10
    bars = []
    for i, (name, n) in enumerate(rows):
        width = 260 * n / top
        y = 22 * i + 5
        bars.append(
            f'<text x="0" y="{y + 13}">{escape(name[:28])}</text>'
            f'<rect x="180" y="{y}" width="{width:.1f}" height="16" fill="#5c8dbc"></rect>'
            f'<text x="{185 + width:.1f}" y="{y + 13}">{n}</text>'
        )
    return f'<div><h3>{escape(title)}</h3><svg width="500" height="{height}" role="img" aria-label="{escape(title)}">{"".join(bars)}</svg></div>'


def record_html(record: dict[str, Any]) -> str:
    meta = record.get("meta", {})
    entities = record.get("entities", [])
    translation = record.get("translation")
    ids = sorted({e.get("entity_id") or e["text"] for e in entities})
    head = " · ".join(
        escape(str(part))
        for part in (
            record["id"],
            meta.get("kind"),
            meta.get("author") and f"by {meta['author']}",
            meta.get("section"),
        )
        if part
    )
    original = highlight(record["text"], [e for e in entities if e["field"] == "text"])
    panes = [
        f'<div class="pane original"><h4>original · {escape(record["lang"] or "und")}</h4><div>{original}</div></div>'
    ]
    if translation:
        translated = highlight(
            translation["text"], [e for e in entities if e["field"] == "translation"]
        )
        panes.append(
            f'<div class="pane translation"><h4>translation · {escape(translation["lang"])} · '
            f"{escape(translation['engine'])}</h4><div>{translated}</div></div>"
        )
    single = "" if translation else " single"
    return (
        f'<article class="record" id="{escape(record["id"])}" data-lang="{escape(record["lang"] or "und")}" '
        f'data-entities="{escape(" ".join(ids))}"><div class="head">{head}</div>'
        f'<div class="pair{single}">{"".join(panes)}</div></article>'
    )


def errors_html(out_dir: Path) -> str:
    rows = []
    for kind, name in (("error", ERRORS), ("warning", WARNINGS)):
        for e in read_jsonl(out_dir / name):
            where = f"{e.get('source')}:{e.get('line') or ''}"
            rows.append(
                f"<tr><td>{kind}</td><td>{escape(str(e.get('code')))}</td><td>{escape(where)}</td>"
                f"<td>{escape(str(e.get('message')))}</td><td>{escape(str(e.get('text', ''))[:200])}</td></tr>"
            )
    if not rows:
        return "<p class=muted>No errors or warnings.</p>"
    return (
        "<table><tr><th></th><th>code</th><th>where</th><th>message</th><th>input</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


# Only the report's own script may run (by its hash): even if escaping ever failed, no script
# from corpus text, ids or metadata would execute, and the page can load nothing from anywhere.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src '{script_hash(SCRIPT)}'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def outcomes_html(counts: dict[str, Any]) -> str:
    """Translation and entity outcomes with their reasons, as the end-of-run summary says them."""
    lines = explained(counts)
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<section><h2>Translation and entities</h2><ul class="outcomes">{items}</ul></section>'


def build_report(
    out_dir: str | Path, output: str | Path | None = None, max_records: int = MAX_RECORDS
) -> Path:
    """Write the report for the run in `out_dir` (to `out_dir/report.html` by default)."""
    out_dir = Path(out_dir)
    target = Path(output) if output else out_dir / "report.html"
    run = json.loads((out_dir / RUN).read_text(encoding="utf-8"))
    counts = run["counts"]
    entities = list(read_jsonl(out_dir / ENTITIES))
    dropped = sum(1 for _ in read_jsonl(out_dir / DROPPED))
    languages = sorted(counts["by_language"].items(), key=lambda kv: (-kv[1], kv[0]))
    top = [(f"{e['canonical']} ({e['label']})", e["mentions"]) for e in entities[:TOP_ENTITIES]]
    engines = sorted({k.split(" ", 1)[1] for k in counts["translated"]}) or ["none"]
    cards = [
        ("records", counts["written"]), ("read", counts["read"]), ("dropped", dropped),
        ("failed", counts["failed"]), ("warnings", sum(counts.get("warnings", {}).values())),
        ("languages", len(languages)), ("entities", len(entities)),
    ]  # fmt: skip
    options_lang = "".join(
        f'<option value="{escape(lang)}">{escape(lang)} ({n})</option>' for lang, n in languages
    )
    options_ent = "".join(
        f'<option value="{escape(e["entity_id"])}">{escape(e["canonical"])} · {escape(e["label"])} ({e["mentions"]})</option>'
        for e in entities[:500]
    )
    with atomic_open(target) as f:
        f.write(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Corpus report</title>'
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head><body>'
            f"<header><h1>Corpus report</h1><div>{escape(', '.join(str(p) for p in run['settings'].get('inputs', [])))}"
            f" · translation: {escape(', '.join(engines))} · language ID: "
            f"{escape(str(run['stages'].get('detect', {}).get('engine', '')))}</div></header><main>"
            f'<section class="cards">{"".join(f"<div class=card><b>{n}</b>{escape(k)}</div>" for k, n in cards)}</section>'
            f'<section class="charts">{bar_chart("Languages", languages)}{bar_chart("Most mentioned entities", top)}</section>'
            f"{outcomes_html(counts)}"
            '<section><h2>Records</h2><div class="filters">'
            f'<label>Language <select id="f-lang"><option value="">all</option>{options_lang}</select></label>'
            f'<label>Entity <select id="f-entity"><option value="">all</option>{options_ent}</select></label>'
            '<label>Search <input id="f-text" type="search" placeholder="text"></label>'
            '<span><span id="shown"></span> shown</span></div>'
        )
        written = 0
        for record in read_jsonl(out_dir / CORPUS):
            if written >= max_records:
                break
            f.write(record_html(record))
            written += 1
        if counts["written"] > written:
            f.write(
                f"<p class=muted>{counts['written'] - written} more records are in corpus.jsonl.</p>"
            )
        f.write(f"</section><section><h2>Errors and warnings</h2>{errors_html(out_dir)}</section>")
        f.write(f"</main><script>{SCRIPT}</script></body></html>\n")
    return target
