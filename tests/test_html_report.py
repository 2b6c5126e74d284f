"""The HTML report: self-contained, escaped, and drawn by a real browser at two widths."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tui.core.exporting import to_dict, to_markdown
from tui.core.html_report import to_html
from tui.core.model import Document, Story
from tui.core.story import story_from_documents

HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='img'\">"


def hostile_story() -> Story:
    shared = "The harbour bridge closes on Monday for three months of repairs, the city said."
    return story_from_documents(
        [
            Document(
                id="a",
                source="a.txt",
                raw=f"{shared} “We will reopen it by June,” Mayor Jones said. {HOSTILE} is text.",
                title=HOSTILE,
                outlet="Ledger <b>bold</b>",
                date="2025-02-10T14:03Z",
                structured=True,
            ),
            Document(
                id="b",
                source="b.txt",
                raw=f"{shared} “We won’t reopen it by June,” Mayor Jones said.",
                title="Bridge to close",
                outlet="Courier",
                date="Feb. 11, 2025",
                structured=True,
            ),
        ]
    )


def test_report_is_self_contained_and_escaped() -> None:
    page = to_html(hostile_story())
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "Ledger &lt;b&gt;bold&lt;/b&gt;" in page
    # Nothing to load: no external URL, no link or import, and a policy forbidding both.
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page)
    assert "<link" not in page and "@import" not in page
    assert "script-src 'none'" in page and "default-src 'none'" in page


def test_report_has_every_section(seeds_story: Story) -> None:
    page = to_html(seeds_story)
    for heading in (
        "Articles",
        "Shared passages",
        "Quotes",
        "Figures",
        "Who shares text with whom",
        "Single-source passages",
    ):
        assert f">{heading}</h2>" in page
    # The in-quote change is marked by a tag, not by colour alone.
    assert "Department of <del>the</del> Treasury" in page
    assert "outlets disagree" in page
    assert re.search(r"approximately 2,100</b> \(NewsNation\)", page)
    assert page.count('class="cell"') == 5 * 4  # the heat map: every ordered pair, a number each
    # Only two seeds are dated: the earliest dated outlet is not claimed as the first.
    assert re.search(r"earliest dated: [^<(]+ \(\d of \d undated\)", page)
    assert "first seen: Breitbart" not in page


def test_markdown_has_quotes_and_figures_sections(seeds_story: Story) -> None:
    report = to_markdown(seeds_story)
    quotes, figures = report.index("## Quotes"), report.index("## Figures")
    assert quotes < figures < report.index("## Single-source passages")
    assert "of <del>the</del> Treasury" in report[quotes:figures]
    first = report[figures:].split("\n- ")[1]
    assert "outlets disagree" in first and "2,290 (The Epoch Times" in first


def test_json_version_2_sections(seeds_story: Story) -> None:
    data = json.loads(json.dumps(to_dict(seeds_story)))
    assert data["version"] == 2
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert {"quotes", "figures", "outlets"} <= set(data)
    for group in data["quotes"]:
        for version in group["versions"]:
            text = texts[version["article"]]
            assert version["text"].startswith(text[version["start"] : version["end"]][:20])
    for group in data["figures"]:
        for figure in group["figures"]:
            quoted = texts[figure["article"]][figure["start"] : figure["end"]]
            assert " ".join(quoted.split()) == figure["text"]
    for passage in data["passages"]:
        assert set(passage["first_seen"]) == {"first", "order", "undated"}
    outlets = data["outlets"]
    names, chars, totals = outlets["names"], outlets["chars"], outlets["totals"]
    fox, epoch = names.index("Fox News"), names.index("The Epoch Times")
    # Directional: the share of Fox's text Epoch carries is not the share of Epoch's Fox does.
    shared = {
        name: sum(
            m.end - m.start
            for p in seeds_story.passages
            if {"Fox News", "The Epoch Times"}
            <= {seeds_story.article(x.article).label for x in p.members}
            for m in p.members
            if seeds_story.article(m.article).label == name
        )
        for name in ("Fox News", "The Epoch Times")
    }
    assert chars[fox][epoch] == shared["Fox News"] > 0
    assert chars[epoch][fox] == shared["The Epoch Times"] > 0
    assert chars[fox][epoch] / totals[fox] != pytest.approx(chars[epoch][fox] / totals[epoch])
    assert sorted(outlets["order"]) == sorted(names) and chars[fox][fox] == 0


def test_cli_writes_html(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "html", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("<!DOCTYPE html>")


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(browser: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.mark.skipif(
    _browser() is None, reason="no headless browser: install Debian's chromium (.ci/run does)"
)
def test_browser_runs_no_script_and_draws_the_report(tmp_path: Path) -> None:
    browser = _browser()
    assert browser is not None
    page = tmp_path / "report.html"
    page.write_text(to_html(hostile_story()), encoding="utf-8")
    dom = _chromium(browser, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<title>storydiff report</title>" in dom.stdout  # no script renamed the page
    assert "pwned" in dom.stdout and "&lt;script&gt;" in dom.stdout  # the title, as text
    assert "<script" not in dom.stdout.lower()
    for width, name in ((1280, "desktop.png"), (390, "phone.png")):
        shot = tmp_path / name
        result = _chromium(
            browser, f"--screenshot={shot}", f"--window-size={width},900", page.as_uri()
        )
        assert result.returncode == 0, result.stderr[-2000:]
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width  # drawn at the width asked for
