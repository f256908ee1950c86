"""One self-contained HTML page for a run: what a person looks at instead of JSONL.

What the run did (counts, translation and entity outcomes with their reasons, settings, seconds
per stage), charts of languages, entity types and the most mentioned entities, every record
with its language (score, and why when it came from the document), its translation beside the
original and entities highlighted in both (click a name: every mention of that entity lights
up, in every language), a browsable entity table with aliases, dropped lines, errors.

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
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from pipeline.accounting import explained
from pipeline.io.writers import (
    CORPUS,
    DROPPED,
    ENTITIES,
    ERRORS,
    RUN,
    WARNINGS,
    atomic_open,
    records_of,
)
from pipeline.record import UNDETERMINED, Record
from pipeline.report_duplicates import duplicate_clusters
from pipeline.stages.detect import FROM_DOCUMENT
from pipeline.stages.translate import NO_TRANSLATION

MAX_RECORDS = 200_000  # embedded in the page; beyond, the report says how many it left out
MAX_ROWS = 1_000  # dropped lines and errors shown in tables
TOP_ENTITIES = 15
ENTITY_OPTIONS = 500
LABEL_COLOURS = {"PERSON": "#f6c9a0", "ORG": "#b8d8f2", "LOC": "#c5e8b7", "MISC": "#e3c9f2"}

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
main{padding:16px 24px}section{margin-bottom:24px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}
.charts{display:flex;gap:32px;flex-wrap:wrap}.chart{min-width:320px;max-width:560px}
table.bars{border:none;background:none;width:100%}table.bars th,table.bars td{border:none;padding:2px 6px;font-weight:normal;white-space:nowrap}
table.bars td{width:100%}.bar{display:inline-block;height:14px;background:#5c8dbc;vertical-align:middle}
.run{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
.filters{position:sticky;top:0;background:#fafafa;padding:8px 0;border-bottom:1px solid #ddd;display:flex;gap:12px;flex-wrap:wrap;align-items:center;z-index:1}
.record{background:#fff;border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:10px 14px}
.record .head,.record .note{font-size:12px;color:#666;margin-bottom:6px}.record .note{margin:6px 0 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:16px}.pair.single{grid-template-columns:1fr}
.pane h4{margin:0 0 4px;font-size:12px;color:#666;text-transform:uppercase}
mark.ent{border-radius:4px;padding:0 3px;cursor:pointer}
mark.ent small{font-size:10px;font-weight:bold;margin-left:3px;color:#444}
mark.ent.lit{outline:2px solid #d32f2f}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:4px 8px;font-size:13px;text-align:left;vertical-align:top}
.hidden{display:none}.muted{color:#777}
.cluster{background:#fff;border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:10px 14px}
.cluster .member{margin:6px 0 0;padding-left:10px;border-left:3px solid #ddd}mark.diff{background:#ffe08a}
"""

SCRIPT = """
const R=JSON.parse(document.getElementById('data-records').textContent);
const E=JSON.parse(document.getElementById('data-entities').textContent);
const COLOURS=__COLOURS__, PAGE=50;
const $=id=>document.getElementById(id);
for(const r of R)r.hay=(r.text+' '+(r.tr?r.tr.text:'')).toLowerCase();
for(const e of E)e.hay=[e.canonical,...e.aliases].join(' ').toLowerCase();
let hits=R,page=0;
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function marked(str,ents,field){
  // offsets count code points (Python's str), JavaScript strings UTF-16 units: slice code points
  const text=Array.from(str),cut=(a,b)=>text.slice(a,b).join('');
  const d=el('div');let c=0;
  for(const [s,e,label,id,f] of ents){
    if(f!==field||s<c)continue;
    d.append(cut(c,s));
    const m=el('mark','ent',cut(s,e));m.dataset.label=label;m.dataset.entity=id;
    m.style.background=COLOURS[label]||'#eee';m.title=label+' · '+id;m.append(el('small',null,label));
    d.append(m);c=e;
  }
  d.append(cut(c));return d;
}
function card(r){
  const a=el('article','record');a.id=r.id;a.dataset.lang=r.lang;a.dataset.entities=r.ids.join(' ');
  a.append(el('div','head',[r.id,r.kind,r.author&&'by '+r.author,r.section].filter(Boolean).join(' · ')));
  const pair=el('div','pair'+(r.tr?'':' single'));
  const o=el('div','pane original');
  o.append(el('h4',null,['original',r.lang,r.score==null?null:'score '+r.score,r.why].filter(x=>x!=null).join(' · ')),marked(r.text,r.ents,'text'));
  pair.append(o);
  if(r.tr){const t=el('div','pane translation');t.append(el('h4',null,'translation · '+r.tr.lang+' · '+r.tr.engine),marked(r.tr.text,r.ents,'translation'));pair.append(t);}
  a.append(pair);
  if(r.note)a.append(el('div','note',r.note));
  return a;
}
function render(){
  const pages=Math.max(1,Math.ceil(hits.length/PAGE));page=Math.min(page,pages-1);
  $('records').replaceChildren(...hits.slice(page*PAGE,page*PAGE+PAGE).map(card));
  $('shown').textContent=hits.length;$('page').textContent=(page+1)+' / '+pages;
  $('prev').disabled=page===0;$('next').disabled=page>=pages-1;
}
function apply(){
  const l=$('f-lang').value,e=$('f-entity').value,t=$('f-text').value.toLowerCase();
  hits=R.filter(r=>(!l||r.lang===l)&&(!e||r.ids.includes(e))&&(!t||r.hay.includes(t)));
  page=0;render();
}
function entities(){
  const t=$('e-text').value.toLowerCase(),rows=E.filter(e=>!t||e.hay.includes(t));
  $('e-shown').textContent=rows.length;
  $('entities').tBodies[0].replaceChildren(...rows.slice(0,200).map(e=>{
    const tr=el('tr');for(const v of [e.canonical,e.label,e.aliases.join(', '),e.mentions,e.languages.join(', ')])tr.append(el('td',null,String(v)));return tr;
  }));
}
for(const id of ['f-lang','f-entity'])$(id).addEventListener('change',apply);
$('f-text').addEventListener('input',apply);$('e-text').addEventListener('input',entities);
$('prev').addEventListener('click',()=>{page--;render();});$('next').addEventListener('click',()=>{page++;render();});
document.addEventListener('click',ev=>{
  const m=ev.target.closest('mark.ent');if(!m)return;
  const id=m.dataset.entity,on=!m.classList.contains('lit');
  for(const x of document.querySelectorAll('mark.ent.lit'))x.classList.remove('lit');
  if(on)for(const x of document.querySelectorAll('mark.ent'))if(x.dataset.entity===id)x.classList.add('lit');
});
apply();entities();
""".replace("__COLOURS__", json.dumps(LABEL_COLOURS))


def duplicates_of(counts: dict[str, Any]) -> int:
    """Records `--dedup` found, exact or near: marked in the corpus, or dropped."""
    marked = sum(counts.get("duplicates", {}).values())
    marked += sum(counts.get("near_duplicates", {}).values())
    reasons = counts.get("dropped_by_reason", {})
    return int(marked + reasons.get("duplicate", 0) + reasons.get("near", 0))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if path.exists():
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


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


def limited(rows: Iterator[dict[str, Any]], limit: int, keep: list[dict[str, Any]]) -> int:
    """Keep the first `limit` rows in `keep`; return how many more there were."""
    more = 0
    for row in rows:
        if len(keep) < limit:
            keep.append(row)
        else:
            more += 1
    return more


def build_report(
    out_dir: str | Path, output: str | Path | None = None, max_records: int = MAX_RECORDS
) -> Path:
    """Write the report for the run in `out_dir` (to `out_dir/report.html` by default)."""
    import jinja2

    out_dir = Path(out_dir)
    target = Path(output) if output else out_dir / "report.html"
    run = json.loads((out_dir / RUN).read_text(encoding="utf-8"))
    counts = run["counts"]
    entities = list(read_jsonl(out_dir / ENTITIES))
    dropped: list[dict[str, Any]] = []
    dropped_left = limited(
        (
            {"reason": d.get("reason"), "where": f"{d.get('source')}:{d.get('line') or ''}",
             "text": str(d.get("text", ""))[:200]}
            for d in read_jsonl(out_dir / DROPPED)
        ),
        MAX_ROWS, dropped,
    )  # fmt: skip
    problems: list[dict[str, Any]] = []
    problems_left = limited(problem_rows(out_dir), MAX_ROWS, problems)
    languages = sorted(counts.get("by_language", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    labels: Counter[str] = Counter()
    for key, n in counts.get("entities", {}).items():
        labels[key.split(":", 1)[1]] += n
    charts = [
        chart("Languages", languages),
        chart("Entity types (mentions)", sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))),
        chart(
            "Most mentioned entities",
            [(f"{e['canonical']} ({e['label']})", e["mentions"]) for e in entities[:TOP_ENTITIES]],
        ),
    ]
    engines = sorted({k.split(" ", 1)[1] for k in counts.get("translated", {})}) or [NO_TRANSLATION]
    records = map(record_data, islice(records_of([out_dir]), max_records))
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = environment.get_template("report.html.j2").generate(
        csp=CONTENT_SECURITY_POLICY,
        css=CSS,
        script=SCRIPT,
        inputs=", ".join(str(p) for p in run["settings"].get("inputs", [])),
        engines=", ".join(engines),
        detector=str(run["stages"].get("detect", {}).get("engine", "")),
        cards=[
            ("records", counts["written"]),
            ("read", counts["read"]),
            ("dropped", counts["dropped"]),
            ("failed", counts["failed"]),
            ("warnings", sum(counts.get("warnings", {}).values())),
            ("languages", len(languages)),
            ("entities", len(entities)),
            *([("duplicates", duplicates)] if (duplicates := duplicates_of(counts)) else []),
        ],
        charts=charts,
        outcomes=explained(counts),
        settings=settings_rows(run),
        timings=list(run.get("seconds", {}).items()),
        languages=languages,
        entity_options=entities[:ENTITY_OPTIONS],
        records=records,
        left_out=max(0, counts["written"] - max_records),
        max_records=max_records,
        entities=[
            {
                **{k: e[k] for k in ("entity_id", "canonical", "label", "aliases", "mentions")},
                "languages": sorted(e["languages"]),
            }
            for e in entities
        ],
        dropped=dropped,
        dropped_left=dropped_left,
        clusters=duplicate_clusters(
            lambda: read_jsonl(out_dir / CORPUS), lambda: read_jsonl(out_dir / DROPPED)
        ),
        problems=problems,
        problems_left=problems_left,
    )
    with atomic_open(target) as f:
        f.writelines(page)
    return target


def chart(title: str, rows: list[tuple[str, int]]) -> dict[str, Any]:
    """A bar chart as an HTML table: labels are never cut, bars scale to the largest."""
    return {"title": title, "rows": rows, "top": max((n for _, n in rows), default=1) or 1}


def problem_rows(out_dir: Path) -> Iterator[dict[str, Any]]:
    for kind, name in (("error", ERRORS), ("warning", WARNINGS)):
        for e in read_jsonl(out_dir / name):
            yield {
                "kind": kind,
                "code": str(e.get("code")),
                "where": f"{e.get('source')}:{e.get('line') or ''}",
                "message": str(e.get("message")),
                "text": str(e.get("text", ""))[:200],
            }


def script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


# Only the report's own script may run (by its hash): even if escaping ever failed, no script
# from corpus text, ids or metadata would execute, and the page can load nothing from anywhere.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src '{script_hash(SCRIPT)}'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
