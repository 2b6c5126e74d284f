"""``storydiff archive``: grouping an archive into stories on Dask, and its report."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench.archive import predicted_stories
from bench.generate import generate_archive, pair_scores, write_archive
from tui import cli
from tui.archive import build as archive_build
from tui.archive.build import ArchiveSettings, BuildError, build, components
from tui.archive.report import write_report
from tui.core.loading import load_paths


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    """A small generated archive in three .jsonl files, with a bad line and a broken .gz."""
    folder = tmp_path_factory.mktemp("archive") / "in"
    documents, truth = generate_archive(stories=24, filler=50, seed=7)
    write_archive(documents, truth, folder, per_file=60)
    (folder / "truth.json").rename(folder.parent / "truth.json")
    with (folder / "archive-0000.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with (folder / "archive-0001.jsonl").open("ab") as raw:
        raw.write(b'{"text": "caf\xe9 latin-1"}\n')
    (folder / "broken.jsonl.gz").write_bytes(b"this is not gzip")
    return folder, truth


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            protocol="tcp",
            host="127.0.0.1",
            dashboard_address=None,
            memory_limit="1GiB",
        ) as local,
        Client(local, timeout="20s") as client,
    ):
        yield client


def _build_cli(
    inputs: list[Path], out: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    code = cli.main(["archive", "build", *map(str, inputs), "-o", str(out), *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == "", "stdout stays free: progress goes to stderr"
    assert cli.main(["archive", "report", str(out)]) == 0
    return captured.err


@pytest.fixture(scope="module")
def local_build(
    archive: tuple[Path, dict[str, str | None]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("local") / "out"
    return out, _run_cli_capturing([archive[0]], out)


def _run_cli_capturing(inputs: list[Path], out: Path, *extra: str) -> str:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()) as stdout:
        code = cli.main(["archive", "build", *map(str, inputs), "-o", str(out), *extra])
        assert cli.main(["archive", "report", str(out)]) == 0
    assert code == 0, err.getvalue()
    assert stdout.getvalue() == "", "stdout stays free: progress goes to stderr"
    return err.getvalue()


@pytest.fixture(scope="module")
def cluster_build(
    archive: tuple[Path, dict[str, str | None]],
    cluster: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    out = tmp_path_factory.mktemp("cluster") / "out"
    build([archive[0]], out, ArchiveSettings(), client=cluster)
    write_report(out)
    return out


def _tree(out: Path) -> dict[str, bytes]:
    names = ["index.json", "index.csv", "report.json", "report.md"]
    names += [p.name for p in out.glob("report-*.csv")]
    files = {name: (out / name).read_bytes() for name in names}
    for story in sorted((out / "stories").iterdir()):
        for name in ("articles.jsonl", "story.json"):
            files[f"{story.name}/{name}"] = (story / name).read_bytes()
    return files


def test_cluster_and_local_builds_are_identical(
    local_build: tuple[Path, str], cluster_build: Path
) -> None:
    local, cluster_files = _tree(local_build[0]), _tree(cluster_build)
    assert len(local) > 20
    assert local.keys() == cluster_files.keys()
    for name in local:
        assert local[name] == cluster_files[name], name


def test_grouping_finds_the_planted_stories(
    archive: tuple[Path, dict[str, str | None]], local_build: tuple[Path, str]
) -> None:
    out = local_build[0]
    truth = json.loads((archive[0].parent / "truth.json").read_text("utf-8"))
    index = json.loads((out / "index.json").read_text("utf-8"))
    predicted = predicted_stories(out, index)
    precision, recall = pair_scores(truth, predicted)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    # A story of one article is not a story; filler stays out of stories.
    assert all(row["size"] >= 2 for row in index)
    assert sum(truth[i] is None for i in predicted) <= 1


def test_the_same_text_two_years_later_is_another_story(
    archive: tuple[Path, dict[str, str | None]], local_build: tuple[Path, str]
) -> None:
    truth = json.loads((archive[0].parent / "truth.json").read_text("utf-8"))
    reruns = {label for label in truth.values() if label and label.endswith("-rerun")}
    assert reruns, "the instance plants at least one rerun"
    predicted = predicted_stories(
        local_build[0], json.loads((local_build[0] / "index.json").read_bytes())
    )
    for rerun in reruns:
        original = rerun.removesuffix("-rerun")
        first = {predicted.get(i) for i, label in truth.items() if label == original}
        later = {predicted.get(i) for i, label in truth.items() if label == rerun}
        assert len(first) == 1 and len(later) == 1 and first != later != {None}


def test_each_story_is_what_export_makes_of_its_file(
    local_build: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stories = sorted((local_build[0] / "stories").iterdir())
    assert len(stories) >= 20
    for folder in stories:
        monkeypatch.chdir(folder)
        exported = tmp_path / f"{folder.name}.json"
        assert cli.main(["export", "articles.jsonl", "-o", str(exported)]) == 0
        assert exported.read_bytes() == (folder / "story.json").read_bytes(), folder.name


def test_story_folders_open_with_their_metadata(
    archive: tuple[Path, dict[str, str | None]], local_build: tuple[Path, str]
) -> None:
    records = {}
    for path in archive[0].glob("*.jsonl"):
        for line in path.read_text("utf-8", errors="replace").splitlines():
            if line.startswith('{"id"'):
                record = json.loads(line)
                records[record["id"]] = record
    folder = next((local_build[0] / "stories").iterdir())
    loaded = load_paths([folder])
    assert len(loaded.documents) >= 2 and not loaded.problems
    for document in loaded.documents:
        record = records[document.id]
        assert (document.title, document.outlet, document.date, document.url) == (
            record["title"],
            record["outlet"],
            record["date"],
            record["url"],
        )
        assert document.raw == record["text"]


def test_unreadable_inputs_get_one_line_each(
    archive: tuple[Path, dict[str, str | None]], local_build: tuple[Path, str]
) -> None:
    lines = local_build[1].splitlines()
    bad_line = [line for line in lines if "archive-0000.jsonl:61" in line]
    where = archive[0] / "archive-0000.jsonl"
    assert bad_line == [
        f"storydiff: {where}:61: is not JSON (Expecting property name enclosed in double quotes)"
    ]
    assert [line for line in lines if "archive-0001.jsonl:" in line] == [
        f"storydiff: {archive[0] / 'archive-0001.jsonl'}:61: is not UTF-8 (byte 14)"
    ]
    broken = [line for line in lines if "broken.jsonl.gz" in line]
    assert len(broken) == 1 and "cannot be read" in broken[0]
    assert "Traceback" not in local_build[1]


def _tiny(folder: Path, records: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True)
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


WIRE = (
    "The Larkspur county council voted 7 to 2 on Tuesday to close the Embermill footbridge "
    "after inspectors found corroded cables under its eastern span. Repairs are expected to "
    "cost 3.4 million dollars and take until next spring, the council's engineer Dana Okafor "
    "told the meeting. Cyclists will be sent along the Quarry Road detour, which adds about "
    "two kilometres to the crossing. Shop owners near the bridge said the closure would cut "
    "their trade by a third during the busy summer months."
)


def _article(outlet: str, day: str, text: str, ident: str) -> dict[str, str]:
    return {
        "id": ident,
        "title": f"Bridge closes ({outlet})",
        "outlet": outlet,
        "date": day,
        "text": text,
    }


def test_report_credits_copies_to_the_outlet_that_had_the_text_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = (
        "A new bakery opened on Harbour Street on Saturday, selling rye bread and honey cakes "
        "to a queue that stretched past the fountain. The owners said they had saved for "
        "eleven years to open it, and that the ovens came from a closed shop in the old town."
    )
    source = _tiny(
        tmp_path / "in",
        [
            _article("Wire", "2025-03-01", WIRE, "w1"),
            _article(
                "Gazette", "2025-03-02", WIRE + " The Gazette asked the mayor for comment.", "g1"
            ),
            _article("Courier", "2025-03-04", "Readers wrote in. " + WIRE, "c1"),
            # The same release two years on is not part of the story, and alone is no story.
            _article("Ledger", "2027-03-05", WIRE, "l1"),
            _article("Gazette", "2025-03-02", other, "g2"),
        ],
    )
    out = tmp_path / "out"
    _build_cli([source], out, capsys)
    index = json.loads((out / "index.json").read_text("utf-8"))
    assert [(row["size"], row["outlets"], row["first_date"]) for row in index] == [
        (3, ["Courier", "Gazette", "Wire"], "2025-03-01")
    ]
    assert index[0]["headline"] == "Bridge closes (Wire)"
    report = json.loads((out / "report.json").read_text("utf-8"))
    by_outlet = {o["outlet"]: o for o in report["outlets"]}
    assert by_outlet["Wire"]["reused_chars"] == 0
    assert by_outlet["Ledger"]["reused_chars"] == 0
    assert list(by_outlet["Gazette"]["sources"]) == ["Wire"]
    assert list(by_outlet["Courier"]["sources"]) == ["Wire"]
    # The Gazette's share counts all its text, the bakery story too.
    assert 0.3 < by_outlet["Gazette"]["reused_share"] < by_outlet["Courier"]["reused_share"] <= 1
    names = report["matrix"]["outlets"]
    chars = report["matrix"]["chars"]
    for name, row in zip(names, chars, strict=True):
        assert sum(row) == by_outlet[name]["reused_chars"]
    assert report["passages"][0]["outlets"] == ["Courier", "Gazette", "Wire"]
    assert "| Courier |" in (out / "report.md").read_text("utf-8")


FOOTER = " Sign up for our weekly newsletter to get the best local stories in your inbox."


def _filler(count: int, seed: int, suffix: str = "") -> list[dict[str, str]]:
    documents, _ = generate_archive(stories=0, filler=count, seed=seed)
    return [_article(d.outlet or "", d.date or "", d.raw + suffix, d.id) for d in documents]


def test_wording_in_more_than_max_df_articles_is_boilerplate(tmp_path: Path) -> None:
    source = _tiny(tmp_path / "in", _filler(30, seed=3, suffix=FOOTER))
    chained = ArchiveSettings(window_days=100_000)
    assert build([source], tmp_path / "all", chained), "the footer alone chains articles"
    assert build([source], tmp_path / "capped", replace(chained, max_df=20)) == []


def test_one_shared_sentence_does_not_join_two_stories(tmp_path: Path) -> None:
    quote = " The minister said the decision had been taken after long and careful thought."
    first, second = [d for d in _filler(40, seed=5) if len(d["text"].split()) > 300][:2]
    second["date"] = first["date"]
    source = _tiny(
        tmp_path / "in",
        [{**first, "text": first["text"] + quote}, {**second, "text": quote + second["text"]}],
    )
    assert build([source], tmp_path / "out", ArchiveSettings()) == []
    assert build([source], tmp_path / "loose", ArchiveSettings(min_overlap=0.0)), (
        "without the overlap guard the quote links them"
    )


def test_a_finished_stage_is_not_redone_after_a_crash(
    archive: tuple[Path, dict[str, str | None]],
    local_build: tuple[Path, str],
    cluster: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    real = archive_build.gather_partition

    def crash(number: int, outdir: str, buckets: int) -> int:
        if number == 1:
            raise RuntimeError("worker lost")
        return real(number, outdir, buckets)

    monkeypatch.setattr(archive_build, "gather_partition", crash)
    with pytest.raises(RuntimeError, match="worker lost"):
        build([archive[0]], out, ArchiveSettings(), client=cluster)
    markers = sorted((out / "work" / "articles").glob("part-*.json"))
    assert markers
    stamps = [m.stat().st_mtime_ns for m in markers]
    monkeypatch.setattr(archive_build, "gather_partition", real)
    made = []
    monkeypatch.setattr(archive_build, "make_article", lambda d: made.append(d))
    build([archive[0]], out, ArchiveSettings(), client=cluster)
    assert made == [], "articles were cleaned again"
    assert [m.stat().st_mtime_ns for m in markers] == stamps
    write_report(out)
    assert _tree(out) == _tree(local_build[0])


def test_an_output_folder_of_another_build_is_refused(
    archive: tuple[Path, dict[str, str | None]], local_build: tuple[Path, str], tmp_path: Path
) -> None:
    with pytest.raises(BuildError, match="other inputs or settings"):
        build([archive[0]], local_build[0], ArchiveSettings(window_days=3))
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not empty"):
        build([archive[0]], tmp_path, ArchiveSettings())
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_components_join_chains_and_leave_loners() -> None:
    import numpy as np

    edges = np.array([[5, 1], [1, 3], [7, 8], [3, 0]], dtype=np.int64)
    assert components(edges, 10).tolist() == [0, 0, 2, 0, 4, 0, 6, 7, 7, 9]


def test_verbatim_copies_in_a_gzipped_archive_count_as_reuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cluster: Any
) -> None:
    (tmp_path / "in").mkdir()
    lines = "".join(
        json.dumps(_article(o, f"2025-03-0{n + 1}", WIRE, f"x{n}")) + "\n"
        for n, o in enumerate(["Wire", "Post", "Star"])
    )
    (tmp_path / "in" / "day.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    out = tmp_path / "out"
    _build_cli([tmp_path / "in"], out, capsys, "--scheduler", cluster.scheduler.address)
    index = json.loads((out / "index.json").read_bytes())
    assert [(r["size"], r["outlets"]) for r in index] == [(3, ["Post", "Star", "Wire"])]
    story = json.loads((out / "stories" / "s000001" / "story.json").read_bytes())
    assert len(story["articles"]) == 3, "two outlets running the same copy are two articles"
    report = {o["outlet"]: o for o in json.loads((out / "report.json").read_bytes())["outlets"]}
    assert report["Wire"]["reused_share"] == 0
    assert report["Post"]["sources"] == {"Wire": 1.0}
    assert report["Star"]["sources"] == {"Wire": 1.0}


def test_the_report_lists_stories_whose_outlets_disagree_on_a_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same wire story twice, except that one outlet gives the repair bill differently.
    changed = WIRE.replace("3.4 million dollars", "5.9 million dollars")
    assert changed != WIRE
    (tmp_path / "in").mkdir()
    lines = [
        _article("Wire", "2025-03-01", WIRE, "w"),
        _article("Post", "2025-03-02", changed, "p"),
    ]
    (tmp_path / "in" / "day.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    out = tmp_path / "out"
    _build_cli([tmp_path / "in"], out, capsys)
    report = json.loads((out / "report.json").read_bytes())
    assert [(d["story"], d["figures"]) for d in report["disagreements"]] == [("s000001", 1)]
    assert "## Stories with the most disagreement" in (out / "report.md").read_text()
    # The same wire story with nothing changed has nothing to list.
    (tmp_path / "in" / "day.jsonl").write_text(
        "".join(json.dumps(line | {"text": WIRE}) + "\n" for line in lines), encoding="utf-8"
    )
    again = tmp_path / "again"
    _build_cli([tmp_path / "in"], again, capsys)
    assert json.loads((again / "report.json").read_bytes())["disagreements"] == []


def test_a_story_is_exported_the_same_whatever_the_hash_seed() -> None:
    """Worker processes get different hash seeds, so nothing may depend on a set's order.
    This story's nearest candidates tied, and were ordered by float sums taken in a set's
    order (the flaky byte between cluster and local builds)."""
    code = (
        "import sys; sys.path.insert(0, '.');"
        "from bench.generate import generate_archive;"
        "from tui.core.story import story_from_documents;"
        "from tui.core.exporting import to_json;"
        "docs, truth = generate_archive(stories=24, filler=0, seed=7);"
        "print(to_json(story_from_documents("
        "[d for d in docs if truth[d.id] == 'story-1'], [])))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "5", "11")
    }
    assert len(outputs) == 1


def test_grouping_flags_set_the_build_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[ArchiveSettings] = []
    monkeypatch.setattr(
        archive_build, "build", lambda inputs, out, settings, client: seen.append(settings)
    )
    flags = ["--window-days", "3", "--ngram", "4", "--min-shared", "7", "--min-overlap", "0.1"]
    flags += ["--min-facts", "0", "--max-df", "50", "--max-fact-df", "20"]
    assert cli.main(["archive", "build", str(tmp_path), "-o", str(tmp_path / "o"), *flags]) == 0
    assert seen == [
        replace(
            ArchiveSettings(),
            window_days=3,
            ngram=4,
            min_shared=7,
            min_overlap=0.1,
            min_facts=0,
            max_df=50,
            max_fact_df=20,
        )
    ]
    for bad, says in (("--min-overlap", "1.5"), ("--ngram", "0"), ("--window-days", "-1")):
        assert cli.main(["archive", "build", str(tmp_path), "-o", "o", bad, says]) == 2
        assert f"{bad} must be" in capsys.readouterr().err
    assert seen == seen[:1]


def test_the_html_report_is_self_contained_and_escaped(local_build: tuple[Path, str]) -> None:
    from tui.archive.report import archive_report, to_html

    page = (local_build[0] / "report.html").read_text("utf-8")
    assert "default-src 'none'" in page and "<script" not in page
    report = archive_report(local_build[0])
    assert all(f'<td data-label="outlet">{o["outlet"]}</td>' in page for o in report["outlets"])
    hostile = "<script>alert(1)</script>"
    report["outlets"][0]["outlet"] = hostile
    report["matrix"]["outlets"][0] = hostile
    report["disagreements"] = [{"story": "s1", "figures": 1, "quotes": 0, "headline": hostile}]
    page = to_html(report)
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert not any(word in page for word in ("src=", 'href="http', "@import", "url("))


def test_stories_retold_in_other_words_group_by_their_facts(tmp_path: Path) -> None:
    documents, truth = generate_archive(stories=12, filler=30, seed=3, retold=0.5)
    write_archive(documents, truth, tmp_path / "in", per_file=50)
    scores = {}
    for facts in (0, ArchiveSettings().min_facts):
        out = tmp_path / f"out-{facts}"
        index = build([tmp_path / "in"], out, replace(ArchiveSettings(), min_facts=facts))
        scores[facts] = pair_scores(truth, predicted_stories(out, index))
    precision, recall = scores[ArchiveSettings().min_facts]
    assert precision >= 0.95 and recall >= 0.95, scores
    # Shared wording alone misses the retold articles.
    assert scores[0][1] < 0.9, scores


def test_hostile_dataset_lines_cost_the_archive_only_that_line(tmp_path: Path) -> None:
    good = json.dumps({"text": "The bridge will close for three months of repairs.", "id": "ok"})
    lines = [good, "[" * 100_000 + "]" * 100_000, '{"text": "x", "n": ' + "9" * 5001 + "}", good]
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems: list[Any] = []
    part = archive_build.Partition("jsonl", (str(path),), 0, path.stat().st_size, 1)
    documents = list(archive_build._read_jsonl(part, problems))
    assert [d.source for d in documents] == [f"{path}:1", f"{path}:4"]
    assert [str(p) for p in problems] == [
        f"{path}:2: is nested too deeply",
        f"{path}:3: holds a number too long to read",
    ]
