"""The HTML report, as a person sees it: headless Chromium (Debian's) driven by Playwright."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import Pipeline
from pipeline.app.report import build_report
from pipeline.errors import Code
from pipeline.run.pipeline import default_stages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: scripts/install-system-deps.sh --test")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seed_report(seed_run: Path) -> Path:
    return build_report(seed_run)


def test_report_shows_translations_beside_originals_with_linked_entities(
    browser: object, seed_report: Path, seed_run: Path
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(seed_report.as_uri())
    record = page.locator('article.record[data-lang="fr"]:has(.pane.translation)').nth(2)
    original, translation = record.locator(".pane.original"), record.locator(".pane.translation")
    assert "fit publier une lettre ouverte" in original.inner_text()
    assert (
        "Peter Bogdanovich" in translation.inner_text()
        and "fit publier" not in translation.inner_text()
    )
    box_o, box_t = original.bounding_box(), translation.bounding_box()
    assert (
        box_o and box_t and abs(box_o["y"] - box_t["y"]) < 5 and box_t["x"] > box_o["x"]
    )  # side by side
    for pane in (original, translation):
        mark = pane.locator('mark.ent[data-label="PERSON"]', has_text="Peter Bogdanovich").first
        assert mark.is_visible()
    # linked mentions: clicking one lights up every mention of the entity, in both languages
    original.locator("mark.ent", has_text="Peter Bogdanovich").first.click()
    lit = page.locator("mark.ent.lit")
    assert lit.count() >= 4
    assert {m.get_attribute("data-entity") for m in lit.all()} == {"ent:peter-bogdanovich"}
    # filter to French records
    page.select_option("#f-lang", "fr")
    visible = page.locator("article.record:not(.hidden)")
    assert visible.count() == 5 and all(r.get_attribute("data-lang") == "fr" for r in visible.all())
    assert page.locator("#shown").inner_text() == "5"
    page.screenshot(path=str(seed_run / "report.png"), full_page=False)
    assert (seed_run / "report.png").stat().st_size > 10_000
    assert all(url.startswith("file://") for url in requests), requests  # works offline


def test_corpus_text_is_escaped_and_never_runs(browser: object, tmp_path: Path) -> None:
    hostile = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> was here'
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "x", "text": f"Alice wrote {hostile}."}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    Pipeline(stages=default_stages(translator="none", cache=None)).run([tmp_path / "in.jsonl"], out)
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(build_report(out).as_uri())
    assert page.evaluate("window.__xss") is None
    assert "<script>window.__xss = 1</script>" in page.locator("article.record").inner_text()


def test_hostile_ids_meta_and_entity_names_run_no_script(browser: object, tmp_path: Path) -> None:
    """Only the report's own script runs (Content-Security-Policy with its hash): hostile ids,
    metadata, entity names and `javascript:` URLs are shown as text and execute nothing."""
    attack = '"><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    record = {
        "id": attack, "doc_id": attack, "text": "Alice Smith met Bob in Paris.",
        "homepage": "javascript:window.__xss=3", "author": attack,
    }  # fmt: skip
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    Pipeline(stages=[]).run([tmp_path / "in.jsonl"], out)
    (row,) = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
    row["entities"] = [
        {"text": "Alice Smith", "label": attack, "start": 0, "end": 11, "field": "text",
         "mention": attack, "canonical": attack, "entity_id": attack},
    ]  # fmt: skip
    (out / "corpus.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    entity = {"entity_id": attack, "canonical": attack, "label": attack, "aliases": [attack],
              "mentions": 1, "languages": ["en"], "records": 1}  # fmt: skip
    (out / "entities.jsonl").write_text(json.dumps(entity) + "\n", encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(build_report(out).as_uri())
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy is not None and "script-src 'sha256-" in policy and "unsafe-inline'" in policy
    assert "script-src 'unsafe" not in policy
    assert page.locator("#shown").inner_text() == "1"  # the report's own script did run
    for target in page.locator("article.record mark.ent, article.record").all():
        target.click()
    assert page.evaluate("window.__xss") is None
    assert "javascript:window.__xss=3" not in [
        a.get_attribute("href") for a in page.locator("a").all()
    ]


def test_highlights_stay_on_their_names_after_emoji_and_other_astral_characters(
    browser: object, tmp_path: Path
) -> None:
    """Corpus offsets count code points; JavaScript strings count UTF-16 units: the page must
    slice code points, or every highlight after an emoji is shifted."""
    text = "🎬🎥 Great film by Ana Lima 😀, shot in 𝔓orto and Porto."
    row = {"id": "r1", "text": text}
    (tmp_path / "in.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    Pipeline(stages=[]).run([tmp_path / "in.jsonl"], out)
    (record,) = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
    names = [("Ana Lima", "PERSON"), ("Porto", "LOC")]
    record["entities"] = [
        {"text": n, "label": lb, "start": text.rindex(n), "end": text.rindex(n) + len(n),
         "field": "text", "mention": f"m{i}", "canonical": n, "entity_id": f"ent:{i}"}
        for i, (n, lb) in enumerate(names)
    ]  # fmt: skip
    (out / "corpus.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (out / "entities.jsonl").write_text("")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(build_report(out).as_uri())
    marks = page.locator("article.record mark.ent")
    assert [m.evaluate("m => m.firstChild.textContent") for m in marks.all()] == [
        "Ana Lima",
        "Porto",
    ]
    assert (
        "🎬🎥 Great film by Ana Lima" in page.locator("article.record .pane.original").inner_text()
    )


def synthetic_run(out: Path, records: int) -> None:
    """A run's output folder with `records` records (written directly: this tests the page)."""
    out.mkdir(parents=True)
    names = [("Ana Lima", "PERSON"), ("Porto", "LOC"), ("Harbour Films", "ORG")]
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for i in range(records):
            name, label = names[i % 3]
            text = f"Review {i}: {name} made the film number {i} by the sea, slow and patient."
            start = text.index(name)
            entity = {"text": name, "label": label, "start": start, "end": start + len(name),
                      "field": "text", "mention": "m0", "canonical": name,
                      "entity_id": f"ent:{name.lower().replace(' ', '-')}"}  # fmt: skip
            row = {"id": f"r{i}", "doc_id": f"d{i // 10}", "source": "big.jsonl", "seq": i,
                   "text": text, "lang": "en" if i % 4 else "pt", "lang_score": 0.99,
                   "translation": None, "entities": [entity], "meta": {"line": i + 1}}  # fmt: skip
            f.write(json.dumps(row) + "\n")
    index = [{"entity_id": f"ent:{n.lower().replace(' ', '-')}", "canonical": n, "label": lb,
              "aliases": [n], "mentions": records // 3, "languages": ["en", "pt"], "records": []}
             for n, lb in names]  # fmt: skip
    (out / "entities.jsonl").write_text("".join(json.dumps(e) + "\n" for e in index))
    run = {"counts": {"read": records, "written": records, "dropped": 0, "failed": 0,
                      "by_language": {"en": records - records // 4, "pt": records // 4},
                      "translated": {}, "entities": {"text:PERSON": records // 3}},
           "settings": {"inputs": ["big.jsonl"]}, "stages": {"detect": {"engine": "combined"}},
           "seconds": {"total": 1.0}}  # fmt: skip
    (out / "run.json").write_text(json.dumps(run))


def test_fifty_thousand_records_load_and_search_fast(browser: object, tmp_path: Path) -> None:
    """The records are embedded once as JSON and rendered 50 at a time: the page is usable
    in well under the time a person waits, and a search over all of them answers at once."""
    synthetic_run(tmp_path / "out", 50_000)
    report = build_report(tmp_path / "out")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    started = time.monotonic()
    page.goto(report.as_uri())
    page.wait_for_function("document.getElementById('shown').textContent === '50000'")
    loaded = time.monotonic() - started
    assert page.locator("article.record").count() == 50
    started = time.monotonic()
    page.fill("#f-text", "film number 4242 ")
    page.wait_for_function("document.getElementById('shown').textContent === '1'")
    searched = time.monotonic() - started
    assert page.locator("article.record").first.get_attribute("id") == "r4242"
    page.fill("#f-text", "")
    page.select_option("#f-lang", "pt")
    page.wait_for_function("document.getElementById('shown').textContent === '12500'")
    page.click("#next")
    assert page.locator("#page").inner_text() == "2 / 250"
    print(f"50,000 records: loaded in {loaded:.2f} s, searched in {searched:.3f} s")
    assert loaded < 5.0 and searched < 1.0, (loaded, searched)


@pytest.mark.parametrize("mode", ["mark", "drop"])
def test_duplicate_clusters_largest_first_with_the_differing_words_highlighted(
    browser: object, tmp_path: Path, mode: str
) -> None:
    from pipeline import NearDedup

    base = (
        "Zorvel quintam adrupe selvona mirtak plovene dastu rokami {} velindra "
        "suparo kintel moravi tespolen adrui vostram pelinda ruvok semtari olvane."
    )
    other = "Ankor belimu tisparo quelvan rostemi adulor pemkari {} sulvane ortimu dakreno vispel."
    rows = [
        ("a", base.format("trebol")),
        ("b", other.format("nembu")),
        ("a1", "CROSSPOSTED FROM ELSEWHERE\n\n" + base.format("trebol")),
        ("a2", base.format("<b>kaltor</b>")),  # a changed word, as markup: shown, never run
        ("b1", other.format("nembu") + " (c) Kelvo"),
        ("a3", base.format("trebol").upper()),  # case only: nothing differs
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    out = tmp_path / "out"
    Pipeline(stages=[NearDedup(mode)]).run([src], out)  # type: ignore[arg-type]
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(build_report(out).as_uri())
    clusters = page.locator("#duplicates .cluster")
    assert clusters.count() == 2
    first, second = clusters.nth(0), clusters.nth(1)
    assert first.locator(".head").inner_text().startswith("4 records") and "a" in first.inner_text()
    assert [m.locator("code").inner_text() for m in first.locator(".member").all()] == [
        "a1",
        "a2",
        "a3",
    ]
    marks = [
        [x.inner_text() for x in m.locator("mark.diff").all()]
        for m in first.locator(".member").all()
    ]
    assert marks == [["CROSSPOSTED FROM ELSEWHERE"], ["<b>kaltor</b>"], []]
    assert second.locator(".head").inner_text().startswith("2 records")
    assert [x.inner_text() for x in second.locator("mark.diff").all()] == ["(c) Kelvo"]
    assert page.locator(".member b").count() == 0  # the markup in a text stays text


# Unbroken runs of each kind of character a line cannot break inside by itself: a page that
# lets one of them set its width runs off a phone screen.
LONG_TOKENS = {
    "latin": "Zyx" * 90,
    "digits": "0123456789" * 25,
    "url": "https://example.invalid/" + "path/" * 40 + "?q=" + "v" * 60,
    "path": "/srv/" + "folder_" * 45 + "file.jsonl",
    "arabic": "\u0643\u062a\u0627\u0628" * 60,
    "emoji": "\U0001f3ac\U0001f3a5" * 70,
    "combining": "e\u0301" * 150,
    "json": json.dumps({"k" * 40: ["v" * 60] * 3}, separators=(",", ":")),
}


def hostile_run(out: Path) -> dict[str, int]:
    """A run's output folder with long unbroken tokens in every place the page shows text
    (records, translations, entity names, sources, messages, dropped lines, settings, inputs),
    a failure under every error code, a warning under every warning code and dropped lines of
    several reasons. Returns the counts."""
    from pipeline.errors import MESSAGES, Code, Warn

    out.mkdir(parents=True)
    tokens = list(LONG_TOKENS.values())
    rows, index = [], []
    for i, token in enumerate(tokens * 2):
        text = f"Record {i} names {token} and goes on for a while, {token[:20]} as well."
        start = text.index(token)
        entity = {"text": token, "label": "ORG", "start": start, "end": start + len(token),
                  "field": "text", "mention": f"m{i}", "canonical": token,
                  "entity_id": f"ent:{i}"}  # fmt: skip
        translation = {"text": f"Translated {i}: {token} again.", "lang": "en",
                       "engine": "apertium"} if i % 2 == 0 else None  # fmt: skip
        rows.append({"id": f"r{i}-{token[:30]}", "doc_id": "d", "source": token, "seq": i,
                     "text": text, "lang": "fr", "lang_score": 0.9, "translation": translation,
                     "entities": [entity], "meta": {"line": i + 1, "section": token}})  # fmt: skip
        index.append({"entity_id": f"ent:{i}", "canonical": token, "label": "ORG",
                      "aliases": [token], "mentions": 1, "languages": ["fr"]})  # fmt: skip
    (out / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (out / "entities.jsonl").write_text("".join(json.dumps(e) + "\n" for e in index))
    errors = [
        {
            "id": f"e{i}-{token}",
            "source": token,
            "line": i,
            "stage": "read",
            "code": code.value,
            "message": f"{MESSAGES[code].split('{')[0]} {token}",
            "text": token,
        }
        for i, (code, token) in enumerate(
            (code, tokens[k % len(tokens)]) for _ in range(2) for k, code in enumerate(Code)
        )  # each code twice, with the same token: one group per code
    ]
    warnings = [
        {"source": token, "line": i, "code": w.value, "message": f"{w.name} {token}"}
        for i, (w, token) in enumerate(zip(list(Warn), tokens * 2, strict=False))
    ]
    dropped = [
        {"id": f"d{i}", "source": token, "line": i, "reason": reason, "text": token}
        for i, (reason, token) in enumerate(
            zip(
                ["heading", "boilerplate", "byline", "duplicate of r1"] * 5,
                tokens * 3,
                strict=False,
            )
        )
    ]
    for name, entries in (("errors", errors), ("warnings", warnings), ("dropped", dropped)):
        (out / f"{name}.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries))
    by_reason: dict[str, int] = {}
    for d in dropped:
        by_reason[d["reason"].split()[0]] = by_reason.get(d["reason"].split()[0], 0) + 1
    counts = {"read": len(rows) + len(errors) + len(dropped), "written": len(rows),
              "dropped": len(dropped), "failed": len(errors), "dropped_by_reason": by_reason,
              "warnings": {w["code"]: 1 for w in warnings}, "by_language": {"fr": len(rows)},
              "translated": {"fr→en apertium": len(rows) // 2}, "entities": {"text:ORG": 16}}  # fmt: skip
    run = {"counts": counts, "settings": {"inputs": tokens, "reader": {"text_field": tokens}},
           "stages": {"detect": {"engine": "combined", **LONG_TOKENS}},
           "seconds": {"total": 1.0}}  # fmt: skip
    (out / "run.json").write_text(json.dumps(run))
    return counts


@pytest.mark.parametrize("width", [400, 1400])
def test_what_went_wrong_comes_first_and_the_page_fits_the_screen(
    browser: object, tmp_path: Path, width: int
) -> None:
    """At 400 px (a phone) and 1400 px: no horizontal overflow, even with every group opened;
    failures, dropped lines and warnings grouped by reason above the records, with counts that
    add up; settings collapsed; original and translation stacked on the phone, side by side on
    the wide screen. Screenshots are left in the test's tmp folder (not in git)."""
    counts = hostile_run(tmp_path / "out")
    report = build_report(tmp_path / "out")
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(report.as_uri())
    page.wait_for_function("document.getElementById('shown').textContent !== ''")
    fits = "document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(fits), page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(tmp_path / f"report-{width}.png"))

    def top(selector: str) -> float:
        return float(page.locator(selector).first.bounding_box()["y"])  # type: ignore[index]

    assert top("#problems") < top("#charts") < top("#run") < top("#records-section")
    assert top("#errors") < top("#droppeds") < top("#warnings")
    failed = [int(c) for c in page.locator("#errors details.group .count").all_inner_texts()]
    assert sum(failed) == counts["failed"] and len(failed) == len(set(c.value for c in Code))
    shown_dropped = {
        d.locator("code").inner_text(): int(d.locator(".count").inner_text())
        for d in page.locator("#droppeds details.group").all()
    }
    assert shown_dropped == counts["dropped_by_reason"]
    assert page.locator("#warnings details.group").count() == len(counts["warnings"])
    card = page.locator("a.card", has_text="failed")
    assert card.get_attribute("href") == "#errors" and "×" in card.inner_text()
    assert page.locator("details.settings").get_attribute("open") is None
    assert not page.locator("details.settings table").is_visible()

    record = page.locator("article.record:has(.pane.translation)").first
    original = record.locator(".pane.original").bounding_box()
    translation = record.locator(".pane.translation").bounding_box()
    assert original and translation
    if width < 700:  # stacked
        assert translation["y"] >= original["y"] + original["height"] - 1
        assert abs(translation["x"] - original["x"]) < 2
    else:  # side by side
        assert abs(translation["y"] - original["y"]) < 2 and translation["x"] > original["x"]
    assert record.bounding_box()["width"] <= width  # type: ignore[index]

    page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true")
    assert page.evaluate(fits), page.evaluate("document.documentElement.scrollWidth")
    page.locator("#problems").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / f"report-{width}-open.png"))
    for selector in ("#f-lang", "#f-entity", "#f-text"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] + box["width"] <= width
