"""``storydiff archive report``: archive-wide copying figures as JSON, CSV, Markdown and HTML.

Each story contributes its figures when it is aligned (``story_figures``, kept in its
summary); the report adds them up, so it never re-reads the stories' text.

- **reuse**: a passage member's text is *found earlier in another outlet* when another
  outlet's member of the same passage is dated strictly earlier (a same-day copy cannot be
  ordered and is not counted). It is credited to the earliest such outlet, so each copied
  character is counted once: row = the outlet that carries the text, column = where it was
  first. Undated articles take no part.
- **share**: an outlet's reused characters over all its article text in the archive (every
  article, in a story or not).
- **passages carried furthest**: the shared passages with the most distinct outlets.

- **disagreements**: per story, the quantities its outlets give different values for and the
  quotations quoted in other words or attributed to different speakers (the engine's fact
  analyses, as ``storydiff export`` finds them); the stories with the most are listed.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from tui.archive.build import outlet_totals, story_rows
from tui.archive.fingerprints import UNDATED, day_number
from tui.core.exporting import escape_md, write_atomic
from tui.core.figures import DISAGREE
from tui.core.html_report import CSS, MAX_HEATMAP, heat_cell
from tui.core.model import Story

REPORT_VERSION = 1
NO_OUTLET = "(no outlet)"
#: The report lists this many passages carried by the most outlets.
TOP_PASSAGES = 25
#: ... and this many stories with the most disagreements.
TOP_DISAGREEMENTS = 25
_SNIPPET = 300


def story_figures(
    sid: str, story: Story, copies: Sequence[tuple[str, str, str]] = ()
) -> dict[str, Any]:
    """One story's share of the report: reused characters and its widest passages.

    ``copies`` are verbatim copies the loader kept out of the story, as (outlet, date, id of
    the article kept): each copy, and the kept article, is reused whole when another outlet
    had the text strictly earlier.
    """
    outlet = {a.id: a.outlet or NO_OUTLET for a in story.articles}
    day = {a.id: day_number(a.date) for a in story.articles}
    reuse: dict[str, Counter[str]] = defaultdict(Counter)
    holders: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for copy_outlet, copy_date, kept in copies:
        holders[kept].append((day_number(copy_date), copy_outlet or NO_OUTLET))
    whole: set[str] = set()
    for kept, others in holders.items():
        size = sum(s.end - s.start for s in story.article(kept).sentences)
        group = [(day[kept], outlet[kept]), *others]
        for when, mine in group:
            earlier = [(d, o) for d, o in group if o != mine and d != UNDATED and d < when]
            if when != UNDATED and earlier:
                reuse[mine][min(earlier)[1]] += size
                if (when, mine) == group[0]:
                    whole.add(kept)
    passages = []
    for passage in story.passages:
        dated = [(day[m.article], outlet[m.article]) for m in passage.members]
        # A member inside its parent's member is counted there already: counted once. A
        # member outside it (single-source text copying the parent's) reuses what any
        # member had first.
        for member in passage.members:
            mine, when = outlet[member.article], day[member.article]
            if when == UNDATED or member.article in whole or passage.inside_parent(member.article):
                continue
            earlier = [(d, o) for d, o in dated if o != mine and d != UNDATED and d < when]
            if earlier:
                reuse[mine][min(earlier)[1]] += member.end - member.start
        outlets = sorted({outlet[m.article] for m in passage.members})
        base = passage.members[passage.base]
        passages.append(
            {
                "story": sid,
                "passage": passage.id,
                "outlets": outlets,
                "members": len(passage.members),
                "kind": passage.kind,
                "text": base.text[:_SNIPPET],
            }
        )
    passages.sort(key=_passage_order)
    facts = story.facts
    return {
        "reuse": {o: dict(sorted(sources.items())) for o, sources in sorted(reuse.items())},
        "passages": passages[:TOP_PASSAGES],
        "disagreements": {
            "figures": sum(1 for g in facts.figure_groups if g.status == DISAGREE),
            "quotes": sum(1 for g in facts.quote_groups if g.wording_changed or g.speakers_differ),
        },
    }


def _passage_order(p: dict[str, Any]) -> tuple[int, int, str, int]:
    return (-len(p["outlets"]), -p["members"], p["story"], int(p["passage"][1:]))


def archive_report(outdir: Path) -> dict[str, Any]:
    """The report of a finished build, as plain data (what ``report.json`` holds)."""
    rows = story_rows(outdir)
    totals = {name or NO_OUTLET: value for name, value in outlet_totals(outdir).items()}
    matrix: dict[str, Counter[str]] = defaultdict(Counter)
    passages: list[dict[str, Any]] = []
    for row in rows:
        for copier, sources in row["figures"]["reuse"].items():
            matrix[copier].update(sources)
        passages.extend(row["figures"]["passages"])
        passages = sorted(passages, key=_passage_order)[:TOP_PASSAGES]
    outlets = []
    for name, (articles, chars) in sorted(totals.items()):
        reused = sum(matrix[name].values())
        outlets.append(
            {
                "outlet": name,
                "articles": articles,
                "chars": chars,
                "reused_chars": reused,
                "reused_share": round(min(1.0, reused / chars), 4) if chars else 0.0,
                "sources": {
                    source: round(min(1.0, n / chars), 4) if chars else 0.0
                    for source, n in sorted(matrix[name].items(), key=lambda kv: (-kv[1], kv[0]))
                },
            }
        )
    disputed = [
        {"story": row["story"], "headline": row.get("headline"), **row["figures"]["disagreements"]}
        for row in rows
        if row["figures"]["disagreements"]["figures"] or row["figures"]["disagreements"]["quotes"]
    ]
    disputed.sort(key=lambda d: (-(d["figures"] + d["quotes"]), d["story"]))
    names = sorted(totals)
    return {
        "version": REPORT_VERSION,
        "articles": sum(a for a, _ in totals.values()),
        "stories": len(rows),
        "articles_in_stories": sum(row["size"] for row in rows),
        "outlets": outlets,
        "matrix": {
            "outlets": names,
            "chars": [[matrix[row].get(col, 0) for col in names] for row in names],
        },
        "passages": passages,
        "disagreements": disputed[:TOP_DISAGREEMENTS],
    }


def _csv(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# storydiff archive report",
        "",
        f"{report['articles']} articles, {report['stories']} stories "
        f"({report['articles_in_stories']} articles in stories).",
        "",
        "## Text found earlier in another outlet",
        "",
        "| outlet | articles | reused | mostly from |",
        "|---|---|---|---|",
    ]
    for o in sorted(report["outlets"], key=lambda o: (-o["reused_share"], o["outlet"])):
        sources = ", ".join(f"{escape_md(s)} {v:.0%}" for s, v in list(o["sources"].items())[:3])
        lines.append(
            f"| {escape_md(o['outlet'])} | {o['articles']} | {o['reused_share']:.1%} | "
            f"{sources or '—'} |"
        )
    lines += [
        "",
        "## Passages carried by the most outlets",
        "",
        "| outlets | story | passage | kind | text |",
        "|---|---|---|---|---|",
    ]
    for p in report["passages"]:
        lines.append(
            f"| {len(p['outlets'])} | {p['story']} | {p['passage']} | {p['kind']} | "
            f"{escape_md(p['text'])} |"
        )
    lines += [
        "",
        "## Stories with the most disagreement",
        "",
        "| story | figures disputed | quotes changed | headline |",
        "|---|---|---|---|",
    ]
    for d in report["disagreements"]:
        lines.append(
            f"| {d['story']} | {d['figures']} | {d['quotes']} | {escape_md(d['headline'] or '')} |"
        )
    lines += [
        "",
        "The outlet × outlet matrix (characters of the row outlet's text first found in the "
        "column outlet) is in `report-matrix.csv`.",
    ]
    return "\n".join(lines) + "\n"


def _cell(value: object, label: str, numeric: bool = False) -> str:
    kind = ' class="num"' if numeric else ""
    return f'<td{kind} data-label="{escape(label)}">{escape(str(value))}</td>'


def _heat(report: dict[str, Any]) -> list[str]:
    names = report["matrix"]["outlets"]
    rows = dict(zip(names, report["matrix"]["chars"], strict=True))
    chars = {o["outlet"]: o["chars"] for o in report["outlets"]}
    shown = sorted(names, key=lambda n: (-sum(rows[n]), n))[:MAX_HEATMAP]
    shown = [n for n in names if n in shown]
    note = (
        f" The {MAX_HEATMAP} outlets that reuse the most; the CSV has all."
        if len(names) > len(shown)
        else ""
    )
    out = [
        '<h2 id="matrix">Whose text each outlet carried first</h2>',
        '<p class="legend">Each cell: the share of the <b>row</b> outlet\'s text first found '
        f"in the <b>column</b> outlet, dated earlier (darker = more).{note}</p>",
        '<div class="wrap"><table class="heat"><thead><tr><th>text of ↓ first in →</th>',
        *(f"<th>{escape(n)}</th>" for n in shown),
        "</tr></thead><tbody>",
    ]
    column = {n: i for i, n in enumerate(names)}
    for a in shown:
        cells = []
        for b in shown:
            if a == b:
                cells.append('<td class="cell muted">—</td>')
                continue
            share = min(1.0, rows[a][column[b]] / chars[a]) if chars.get(a) else 0.0
            cells.append(heat_cell(share))
        out.append(f'<tr><th class="row">{escape(a)}</th>{"".join(cells)}</tr>')
    out.append("</tbody></table></div>")
    return out


def to_html(report: dict[str, Any]) -> str:
    """The report as one self-contained HTML page, in the story report's style: inline CSS,
    no script, nothing to load (Content-Security-Policy ``default-src 'none'``), and every
    outlet name, headline and passage through ``html.escape``."""
    body = [
        "<h1>storydiff archive report</h1>",
        f'<p class="muted">{report["articles"]} articles, {report["stories"]} stories '
        f"({report['articles_in_stories']} articles in stories).</p>",
        '<nav><a href="#outlets">Reuse by outlet</a><a href="#matrix">Who had it first</a>'
        '<a href="#passages">Passages carried furthest</a>'
        '<a href="#disagreements">Disagreements</a></nav>',
        '<h2 id="outlets">Text found earlier in another outlet</h2>',
        '<div class="wrap"><table class="cards"><thead><tr><th>outlet</th>'
        '<th class="num">articles</th><th class="num">reused</th><th>mostly from</th>'
        "</tr></thead><tbody>",
    ]
    for o in sorted(report["outlets"], key=lambda o: (-o["reused_share"], o["outlet"])):
        sources = ", ".join(f"{s} {v:.0%}" for s, v in list(o["sources"].items())[:3])
        body.append(
            "<tr>"
            + _cell(o["outlet"], "outlet")
            + _cell(o["articles"], "articles", True)
            + _cell(f"{o['reused_share']:.1%}", "reused", True)
            + _cell(sources or "—", "mostly from")
            + "</tr>"
        )
    body.append("</tbody></table></div>")
    body += _heat(report)
    body += [
        '<h2 id="passages">Passages carried by the most outlets</h2>',
        '<div class="wrap"><table class="cards"><thead><tr><th class="num">outlets</th>'
        "<th>story</th><th>kind</th><th>text</th></tr></thead><tbody>",
    ]
    for p in report["passages"]:
        body.append(
            "<tr>"
            + _cell(len(p["outlets"]), "outlets", True)
            + _cell(f"{p['story']} {p['passage']}", "story")
            + _cell(p["kind"], "kind")
            + _cell(p["text"], "text")
            + "</tr>"
        )
    body += [
        "</tbody></table></div>",
        '<h2 id="disagreements">Stories with the most disagreement</h2>',
        '<div class="wrap"><table class="cards"><thead><tr><th>story</th>'
        '<th class="num">figures disputed</th><th class="num">quotes changed</th>'
        "<th>headline</th></tr></thead><tbody>",
    ]
    for d in report["disagreements"]:
        body.append(
            "<tr>"
            + _cell(d["story"], "story")
            + _cell(d["figures"], "figures disputed", True)
            + _cell(d["quotes"], "quotes changed", True)
            + _cell(d["headline"] or "", "headline")
            + "</tr>"
        )
    body.append("</tbody></table></div>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src 'none'; script-src 'none'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>storydiff archive report</title>",
            f"<style>{CSS}</style></head><body>",
            *body,
            "</body></html>",
            "",
        ]
    )


def write_report(outdir: Path) -> list[Path]:
    """Write ``report.json``, ``report.md``, ``report.html`` and the CSVs beside the build;
    returns them."""
    report = archive_report(outdir)
    names = report["matrix"]["outlets"]
    files = {
        "report.json": json.dumps(report, ensure_ascii=False, indent=1) + "\n",
        "report.md": to_markdown(report),
        "report.html": to_html(report),
        "report-outlets.csv": _csv(
            [["outlet", "articles", "chars", "reused_chars", "reused_share", "top_source"]]
            + [
                [
                    o["outlet"],
                    o["articles"],
                    o["chars"],
                    o["reused_chars"],
                    o["reused_share"],
                    next(iter(o["sources"]), ""),
                ]
                for o in report["outlets"]
            ]
        ),
        "report-matrix.csv": _csv(
            [["outlet \\ first in", *names]]
            + [[name, *row] for name, row in zip(names, report["matrix"]["chars"], strict=True)]
        ),
        "report-passages.csv": _csv(
            [["outlets", "members", "story", "passage", "kind", "outlet_names", "text"]]
            + [
                [
                    len(p["outlets"]),
                    p["members"],
                    p["story"],
                    p["passage"],
                    p["kind"],
                    "; ".join(p["outlets"]),
                    p["text"],
                ]
                for p in report["passages"]
            ]
        ),
    }
    paths = []
    for name, text in files.items():
        write_atomic(outdir / name, text, overwrite=True)
        paths.append(outdir / name)
    return paths
