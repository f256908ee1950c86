"""The hostile world: the ways a run could write wrong data while every count still adds up.

Each test here failed on the code before its fix (see the closing note of the "silent
corruption" issue). Runs that only need the reader and the writers use a pipeline with no
stages, so they take milliseconds; the rest use the real CLI in a real process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from pipeline import Pipeline
from pipeline.executors import ShardWork
from pipeline.executors.local import LocalExecutor
from pipeline.io.lock import OutputInUse, run_lock
from pipeline.run.parts import Parts, is_attempt, pass_number
from pipeline.run.pipeline import OutputOverlapsInput, ResumeError
from pipeline.shards import Shard
from tests.conftest import ROOT, read_jsonl


def bare() -> Pipeline:
    """Reader and writers only: what these tests are about."""
    return Pipeline(stages=[])


def jsonl(path: Path, texts: Sequence[str], prefix: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": f"{prefix}{i}", "text": t}) for i, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=timeout,
    )  # fmt: skip


# -- every input file read once, keyed by its full identity ------------------------------------


def test_two_inputs_with_the_same_relative_path_are_both_read(tmp_path: Path) -> None:
    jsonl(tmp_path / "a" / "data.jsonl", ["First file, first line.", "First file, second."])
    jsonl(tmp_path / "b" / "data.jsonl", ["Second file, only line."])
    for inputs in (["a", "b"], ["a/data.jsonl", "b/data.jsonl"]):
        out = tmp_path / f"out-{len(inputs[0])}"
        cwd = Path.cwd()
        os.chdir(tmp_path)
        try:
            report = bare().run(inputs, out)
        finally:
            os.chdir(cwd)
        assert report["counts"]["read"] == 3
        sources = sorted({r["source"] for r in read_jsonl(out / "corpus.jsonl")})
        assert sources == ["a/data.jsonl", "b/data.jsonl"]


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    data = jsonl(tmp_path / "in" / "data.jsonl", ["Only once, please."])
    report = bare().run([data, tmp_path / "in", data], tmp_path / "out")
    assert report["counts"]["read"] == 1


# -- outputs never overwrite or feed back into inputs ------------------------------------------


def test_an_output_folder_that_is_an_input_folder_is_refused(tmp_path: Path) -> None:
    jsonl(tmp_path / "in" / "corpus.jsonl", ["A user's own file named like our output."])
    before = (tmp_path / "in" / "corpus.jsonl").read_bytes()
    with pytest.raises(OutputOverlapsInput):
        bare().run([tmp_path / "in"], tmp_path / "in")
    with pytest.raises(OutputOverlapsInput):
        bare().run([tmp_path / "in" / "corpus.jsonl"], tmp_path / "in")
    assert (tmp_path / "in" / "corpus.jsonl").read_bytes() == before
    result = cli("run", str(tmp_path / "in"), "--out-dir", str(tmp_path / "in"))
    assert result.returncode == 2 and "would write into the input" in result.stderr


def test_an_output_inside_an_input_is_skipped_and_said(tmp_path: Path) -> None:
    jsonl(tmp_path / "in" / "data.jsonl", ["One line.", "Two lines."])
    out = tmp_path / "in" / "out"
    first = bare().run([tmp_path / "in"], out)
    second = bare().run([tmp_path / "in"], out)
    assert first["counts"]["read"] == second["counts"]["read"] == 2
    elsewhere = bare().run([tmp_path / "in"], tmp_path / "other")
    assert elsewhere["counts"]["read"] == 2
    warnings = read_jsonl(tmp_path / "other" / "warnings.jsonl")
    assert [w["code"] for w in warnings] == ["W003"] and "out" in warnings[0]["source"]


# -- one run per output folder -----------------------------------------------------------------


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path: Path) -> None:
    with run_lock(tmp_path / "out"), pytest.raises(OutputInUse, match=str(os.getpid())):
        bare().run([jsonl(tmp_path / "x.jsonl", ["Text."])], tmp_path / "out")
    bare().run([tmp_path / "x.jsonl"], tmp_path / "out")  # free again
    assert not (tmp_path / "out" / ".lock").exists()


def test_a_live_run_keeps_the_folder_and_a_killed_one_does_not_block_resume(
    tmp_path: Path,
) -> None:
    texts = [f"Le film numéro {i} fut tourné à Paris avec une équipe nombreuse." for i in range(60)]
    data = jsonl(tmp_path / "in" / "data.jsonl", texts)
    out = tmp_path / "out"
    args = [str(data), "--out-dir", str(out), "--no-cache", "--shard-size", "300", "-w", "1"]
    first = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", *args],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not Parts.of(out).root.is_dir():
        assert first.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    second = cli("run", *args)
    assert second.returncode == 2 and "in use by another run" in second.stderr
    assert Parts.of(out).root.is_dir(), "the refused run touched nothing"
    first.send_signal(signal.SIGKILL)
    first.wait()
    resumed = cli("run", *args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert len(read_jsonl(out / "corpus.jsonl")) == 60


class StopAfter:
    """An executor that runs `count` shards and then fails, like a run killed half-way."""

    def __init__(self, count: int) -> None:
        self.count = count

    def describe(self) -> dict[str, object]:
        return {"executor": "stop-after"}

    def run(
        self, work: ShardWork, shards: Sequence[Shard],
        on_done: Callable[[Shard], None] = lambda shard: None, report: object = None,
    ) -> None:  # fmt: skip
        for shard in shards[: self.count]:
            work(shard)
            on_done(shard)
        raise KeyboardInterrupt


def interrupted(inputs: list[Path], out: Path, shard_bytes: int) -> None:
    with pytest.raises(KeyboardInterrupt):
        Pipeline(stages=[], executor=StopAfter(1)).run(inputs, out, shard_bytes=shard_bytes)


def test_a_shard_of_another_plan_is_never_accepted(tmp_path: Path) -> None:
    data = jsonl(tmp_path / "data.jsonl", [f"Line number {i} of the input." for i in range(40)])
    out = tmp_path / "out"
    interrupted([data], out, 200)
    marker = Parts.of(out).shard(1, "shard-00000") / "done.json"
    state = json.loads(marker.read_text())
    marker.write_text(json.dumps({**state, "plan": "another-run"}))
    report = bare().run([data], out, resume=True, shard_bytes=200)
    assert report["shards"]["resumed"] == 0
    assert len(read_jsonl(out / "corpus.jsonl")) == 40


def test_resume_sees_an_edit_that_keeps_the_size(tmp_path: Path) -> None:
    data = jsonl(tmp_path / "data.jsonl", [f"Line number {i} of the input." for i in range(40)])
    out = tmp_path / "out"
    interrupted([data], out, 200)
    edited = data.read_bytes().replace(b"Line number 1 ", b"Line NUMBER 1 ")
    assert len(edited) == data.stat().st_size
    data.write_bytes(edited)
    with pytest.raises(ResumeError):
        bare().run([data], out, resume=True, shard_bytes=200)


def test_leftovers_of_a_merge_killed_half_way_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".corpus.jsonl.k1l2m3.tmp").write_text("half a corpus")
    bare().run([jsonl(tmp_path / "x.jsonl", ["Text."])], out)
    assert not list(out.glob(".*.tmp"))


# -- what is not a plain file in the tree --------------------------------------------------------


def test_a_fifo_is_reported_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    jsonl(folder / "data.jsonl", ["A normal line."])
    os.mkfifo(folder / "pipe.jsonl")
    bare().run([folder], tmp_path / "out")  # returns: nothing blocks on the FIFO
    (error,) = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert (error["source"], error["code"]) == ("pipe.jsonl", "E008")


def test_a_link_leaving_the_input_tree_is_not_followed_unless_asked(tmp_path: Path) -> None:
    secret = jsonl(tmp_path / "elsewhere" / "private.jsonl", ["Not meant to be read."])
    folder = tmp_path / "in"
    jsonl(folder / "data.jsonl", ["A normal line."])
    (folder / "private.jsonl").symlink_to(secret)
    (folder / "outside").symlink_to(secret.parent, target_is_directory=True)
    (folder / "inside.jsonl").symlink_to(folder / "data.jsonl")
    report = bare().run([folder], tmp_path / "out")
    assert report["counts"]["written"] == 1
    errors = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert sorted((e["source"], e["code"]) for e in errors) == [
        ("outside", "E007"), ("private.jsonl", "E007"),
    ]  # fmt: skip
    from pipeline.io.readers import Reader

    followed = Pipeline(stages=[], reader=Reader(follow_links=True))
    assert followed.run([folder], tmp_path / "out2")["counts"]["written"] == 2


def test_workers_in_a_pool_still_hold_the_lock(tmp_path: Path) -> None:
    """The lock is the run's, not a worker's: workers writing shards do not release it."""
    data = jsonl(tmp_path / "data.jsonl", [f"Line {i}." for i in range(50)])
    pipe = Pipeline(stages=[], executor=LocalExecutor(2))
    pipe.run([data], tmp_path / "out", shard_bytes=200)
    assert len(read_jsonl(tmp_path / "out" / "corpus.jsonl")) == 50


# -- no key in any output ------------------------------------------------------------------------

FRENCH_LINES = ["Le chat dort sur le canapé du salon.", "Une autre phrase, assez longue."]


@pytest.mark.parametrize("fault", ["refused with 403", "nothing listening"])
def test_api_keys_reach_no_output(tmp_path: Path, fault: str) -> None:
    from tests.libre_server import libre_server

    data = jsonl(tmp_path / "in" / "data.jsonl", FRENCH_LINES)
    env = {**os.environ, "LIBRE_API_KEY": "SECRET123", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    with libre_server() as server:
        server.always = ("status", 403, None)
        url = server.url if fault == "refused with 403" else "http://127.0.0.1:9/"
        env["LIBRE_URL"] = url
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", str(data), "--out-dir", str(tmp_path / "out"),
             "--translator", "libre", "--fallback", "none", "-w", "1"],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=600,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    corpus = read_jsonl(tmp_path / "out" / "corpus.jsonl")
    assert all("untranslated" in r["meta"] for r in corpus)
    assert "SECRET123" not in result.stdout + result.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "run.json" for p in written)
    leaks = [p for p in written if b"SECRET123" in p.read_bytes()]
    assert leaks == [], leaks


def test_redaction_masks_keys_in_urls_and_messages() -> None:
    from pipeline.redact import redact

    message = (
        "GET https://user:pw@api.example/translate?q=chat&api_key=SECRET123&auth_key=SECRET456 "
        "AuthorizationException: SECRET789 is not a valid key"
    )
    clean = redact(message, ["SECRET789"])
    assert not any(s in clean for s in ("SECRET123", "SECRET456", "SECRET789", "user:pw"))
    assert "q=chat" in clean


# -- a server that drips ---------------------------------------------------------------------------


def test_a_dripping_server_meets_a_total_deadline() -> None:
    from pipeline.engines.translate.online import OnlineTranslator
    from pipeline.record import Record
    from pipeline.stages.translate import Translate
    from tests.libre_server import libre_server

    with libre_server() as server:
        server.always = ("drip", 0.2)  # one byte every 0.2 s: no read ever waits 1 s
        engine = OnlineTranslator(
            "libre", custom_url=server.url, timeout=1, deadline=1.5, retries=1, backoff=0.01
        )
        stage = Translate(engine=engine, fallback="apertium", cache=None, max_failures=1)
        records = [
            Record(id=f"r{i}", doc_id="d", source="s", seq=i, text=t, lang="fr")
            for i, t in enumerate(FRENCH_LINES)
        ]
        started = time.monotonic()
        out = list(stage(records))
    assert time.monotonic() - started < 20
    assert all(r.translation and r.translation.engine.startswith("apertium") for r in out)
    assert stage.describe()["engines_down"] == ["libre"]


# -- text that cannot be written as UTF-8 ------------------------------------------------------


def test_a_lone_surrogate_is_replaced_and_warned(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text(
        '{"id": "s", "text": "Hello \\ud800 how are you", "note": "\\udfff"}\n'
        '{"id": "pair", "text": "A real pair \\ud83d\\ude00 stays."}\n',
        encoding="utf-8",
    )
    report = bare().run([data], tmp_path / "out")
    assert report["counts"]["written"] == 2
    corpus = {r["id"]: r for r in read_jsonl(tmp_path / "out" / "corpus.jsonl")}
    assert corpus["s"]["text"] == "Hello \ufffd how are you"
    assert corpus["s"]["meta"]["note"] == "\ufffd"
    assert corpus["pair"]["text"] == "A real pair 😀 stays."
    (warning,) = read_jsonl(tmp_path / "out" / "warnings.jsonl")
    assert (warning["code"], warning["line"]) == ("W004", 1)


# -- what one record may cost, and text that is not UTF-8 ------------------------------------------


def test_a_huge_record_fails_alone_and_fast(tmp_path: Path) -> None:
    from pipeline.io.readers import Reader

    data = tmp_path / "in" / "data.jsonl"
    jsonl(data, ["Before.", "x " * 30_000, "After."])
    with data.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "giant", "text": "y" * 500_000}) + "\n")
    (tmp_path / "in" / "page.txt").write_text("Short line.\n\n" + "z" * 500_000 + "\n")
    pipe = Pipeline(stages=[], reader=Reader(max_chars=50_000))
    started = time.monotonic()
    report = pipe.run([tmp_path / "in"], tmp_path / "out")
    assert time.monotonic() - started < 10
    errors = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert sorted((e["source"], e["line"], e["code"]) for e in errors) == [
        ("data.jsonl", 2, "E009"), ("data.jsonl", 4, "E009"), ("page.txt", 3, "E009"),
    ]  # fmt: skip
    assert report["counts"]["written"] == 3


def test_legacy_and_wide_encodings_are_detected_and_said(tmp_path: Path) -> None:
    line = "Un café très noir, s'il vous plaît, avec un croissant bien chaud."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "latin1.txt").write_bytes((line + "\n").encode("latin-1"))
    (tmp_path / "in" / "utf16.txt").write_bytes((line + "\n").encode("utf-16"))
    report = bare().run([tmp_path / "in"], tmp_path / "out")
    corpus = {r["source"]: r["text"] for r in read_jsonl(tmp_path / "out" / "corpus.jsonl")}
    assert corpus == {"latin1.txt": line, "utf16.txt": line}
    assert report["counts"]["warnings"] == {"W005": 2}


# -- no process outlives its run ---------------------------------------------------------------


@pytest.fixture(scope="module")
def french_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve French documents (each its own shard with --shard-size 1): Apertium runs in every
    worker while the run is interrupted."""
    from tests.conftest import FRENCH_NOTES, RAW

    root = tmp_path_factory.mktemp("french")
    lines = [
        line
        for line in (RAW / f"{FRENCH_NOTES}.txt").read_text(encoding="utf-8").splitlines()
        if len(line) > 40
    ]
    for i in range(12):
        chosen = [lines[(i + k) % len(lines)] for k in range(6)]
        (root / f"doc{i:02d}.txt").write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
    return root


def session_members(session: int) -> list[str]:
    """Live processes of a session (everything a run started, however deep), as "pid name"."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            data = stat.read_text()
        except OSError:
            continue
        name, fields = data[data.index("(") + 1 : data.rindex(")")], data[data.rindex(")") + 2 :]
        state, _, _, sid = fields.split()[:4]
        if int(sid) == session and state != "Z":
            found.append(f"{stat.parent.name} {name}")
    return found


def parent_of(pid: int) -> int | None:
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(data[data.rindex(")") + 2 :].split()[1])


def committed(out: Path) -> int:
    parts = Parts.of(out).root
    if not parts.is_dir():
        return 0
    return sum(
        1
        for p in parts.iterdir()
        if p.is_dir() and not is_attempt(p.name) and pass_number(p) is None
    )


def survivors_after(session: int, seconds: float = 3.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := session_members(session)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.mark.parametrize(
    ("executor", "event"),
    [
        *(("local", e) for e in ("success", "failure", "ctrl-c", "sigterm", "sigkill")),
        *(("dask", e) for e in ("success", "sigterm", "sigkill")),
    ],
)
def test_no_process_outlives_its_run(
    french_corpus: Path, tmp_path: Path, executor: str, event: str
) -> None:
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", str(french_corpus), "--out-dir", str(out),
         "--shard-size", "1", "--no-cache", "--workers", "2", "--executor", executor, "-q"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        if event == "success":
            assert run.wait(timeout=600) == 0
        else:
            deadline = time.monotonic() + 300
            while committed(out) < 1:
                assert run.poll() is None and time.monotonic() < deadline, "finished too early"
                time.sleep(0.02)
            if event == "failure":  # a worker dies: the pool breaks and the run fails
                pids = [int(m.split()[0]) for m in session_members(run.pid)]
                worker = next(p for p in pids if parent_of(p) == run.pid)  # forked or spawned
                os.kill(worker, signal.SIGKILL)
            elif event == "ctrl-c":
                os.killpg(run.pid, signal.SIGINT)  # what a terminal sends to the whole group
            else:
                os.kill(run.pid, signal.SIGTERM if event == "sigterm" else signal.SIGKILL)
            assert run.wait(timeout=120) != 0
        assert survivors_after(run.pid) == []
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        for member in session_members(run.pid):
            os.kill(int(member.split()[0]), signal.SIGKILL)


# -- a full or read-only output disk -----------------------------------------------------------


@contextlib.contextmanager
def small_disk(path: Path, size: int, read_only: bool = False) -> Iterator[Path]:
    """A real file system of `size` bytes mounted at `path` (tmpfs; needs root)."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_full_disk_is_one_line_and_resume_completes(french_corpus: Path, tmp_path: Path) -> None:
    args = [str(french_corpus), "--shard-size", "1", "--no-cache", "-w", "1"]
    reference = cli("run", *args, "--out-dir", str(tmp_path / "reference"))
    assert reference.returncode == 0, reference.stderr
    size = (tmp_path / "reference" / "corpus.jsonl").stat().st_size
    # room for the shards (and three 4 kB blocks for each shard's id digests and its linking
    # partial: every document's names, ~6 kB here), not for the shards and the joined corpus
    # beside them
    with small_disk(tmp_path / "disk", size * 3 // 2 + 12 * 3 * 4096) as disk:
        out = disk / "out"
        full = cli("run", *args, "--out-dir", str(out), "--quiet")
        assert full.returncode == 1
        lines = full.stderr.strip().splitlines()
        assert len(lines) == 1 and "No space left" in lines[0] and "--resume" in lines[0], lines
        assert committed(out) == 12, "every shard was committed before the merge failed"
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        resumed = cli("run", *args, "--out-dir", str(out), "--resume")
        assert resumed.returncode == 0, resumed.stderr
        expected = (tmp_path / "reference" / "corpus.jsonl").read_bytes()
        assert (out / "corpus.jsonl").read_bytes() == expected


def test_a_read_only_disk_is_one_line(tmp_path: Path) -> None:
    data = jsonl(tmp_path / "in" / "data.jsonl", ["A line."])
    with small_disk(tmp_path / "disk", 1 << 20, read_only=True) as disk:
        result = cli("run", str(data), "--out-dir", str(disk / "out"), "--translator", "none")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "Read-only file system" in line


# -- the same output whatever the workers and the cache ------------------------------------------


def test_real_text_is_byte_identical_across_workers_and_cache(shared: Path, tmp_path: Path) -> None:
    """200 real French news sentences: one worker without the cache, two workers with a cold
    cache, one worker with the warm cache."""
    with (shared / "data" / "real" / "mt_fr_en_newstest2014_dev.jsonl").open() as f:
        texts = [json.loads(line)["fr"] for line, _ in zip(f, range(200), strict=False)]
    data = jsonl(tmp_path / "in" / "news.jsonl", texts)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def run(name: str, *extra: str) -> bytes:
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", str(data), "--out-dir", str(tmp_path / name),
             "--shard-size", "4000", "-q", *extra],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return (tmp_path / name / "corpus.jsonl").read_bytes()

    one = run("one", "-w", "1", "--no-cache")
    assert run("cold", "-w", "2") == one
    assert run("warm", "-w", "1") == one


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_run_says_what_it_kept_and_how_to_resume(
    french_corpus: Path, tmp_path: Path, signum: int, code: int
) -> None:
    out = tmp_path / "out"
    args = [str(french_corpus), "--out-dir", str(out), "--shard-size", "1", "--no-cache", "-q"]
    run = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", *args, "-w", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while committed(out) < 1:
        assert run.poll() is None and time.monotonic() < deadline, "finished too early"
        time.sleep(0.02)
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == code
    assert "interrupted:" in stderr and "--resume" in stderr and "Traceback" not in stderr
    resumed = cli("run", *args, "--resume")
    assert resumed.returncode == 0, resumed.stderr


def test_a_dead_worker_ends_the_run_in_one_line_with_the_resume_hint(
    french_corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", str(french_corpus), "--out-dir", str(out),
         "--shard-size", "1", "--no-cache", "--workers", "2", "-q"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while committed(out) < 1:
            assert run.poll() is None and time.monotonic() < deadline, "finished too early"
            time.sleep(0.02)
        while True:  # a worker frozen inside a shard: the shard it runs is known for sure
            tmp = {int(p.name.split(".tmp-")[1].split("-")[0]): p.name.split(".tmp-")[0]
                   for p in Parts.of(out).root.glob("shard-*.tmp-*")}  # fmt: skip
            worker = next((p for p in tmp if parent_of(p) == run.pid), None)
            assert run.poll() is None and time.monotonic() < deadline, "finished too early"
            if worker is not None:
                os.kill(worker, signal.SIGSTOP)
                if any(p.name.startswith(f"{tmp[worker]}.tmp-{worker}-")
                       for p in Parts.of(out).root.glob("shard-*.tmp-*")):  # fmt: skip
                    break
                os.kill(worker, signal.SIGCONT)
            time.sleep(0.01)
        os.kill(worker, signal.SIGKILL)
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 1
    assert "Traceback" not in stderr
    (line,) = [line for line in stderr.splitlines() if line.strip()]
    assert line.startswith("error: a worker process died") and "--resume" in line
    # the shard the killed worker was running, not the first still in flight (a survivor's)
    assert f"while running {tmp[worker]} (" in line, (tmp, worker, line)
