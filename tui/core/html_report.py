"""The story as one self-contained HTML page an editor opens in any browser.

No script, no network, no external file: the CSS is inline, and a Content-Security-Policy
forbids scripts and loads of any kind, so even a page edited by hand cannot fetch anything.
Every piece of article text and metadata goes through ``html.escape``: a title with
``<script>`` stays text. Differences are marked by more than colour: struck and labelled
"was" for the base's words, underlined for this version's, dotted italic for punctuation or
case only; figures of the quantity a passage shares are bold.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tui.core.exporting import change_spaces, nearest_note, single_outlet_quotes
from tui.core.figures import DISAGREE, PRECISION, SINGLE, status_words
from tui.core.model import Change, DiffOp, Span, Story
from tui.core.quotes import QuoteGroup, QuoteVersion
from tui.core.words import base_reason, count, percent

#: The heat map shows at most this many outlets (those sharing the most text); the JSON
#: export has the whole matrix.
MAX_HEATMAP = 30

#: The report's style sheet (inline; the archive report uses it too).
CSS = """
:root { color-scheme: light; --ink:#1b1b1b; --muted:#555; --line:#c8c8c8; --del:#8a1c1c;
  --ins:#0b5d1e; --bg:#fff; --soft:#f4f4f4; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); margin: 0 auto; padding: 1rem; max-width: 80rem; }
h1 { font-size: 1.6rem; margin: .2rem 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
nav a { margin-right: .8rem; }
.muted, .legend { color: var(--muted); font-size: .92rem; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.versions { display: grid; gap: .6rem;
  grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); }
.version { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .6rem; }
.version h4 { margin: 0 0 .3rem; font-size: .95rem; }
.tag { display: inline-block; font-size: .75rem; border: 1px solid var(--muted);
  border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; color: var(--muted); }
.flag { display: inline-block; font-size: .8rem; font-weight: 600; border: 2px solid var(--del);
  color: var(--del); border-radius: 3px; padding: 0 .35rem; margin: 0 .3rem .2rem 0; }
del { color: var(--del); text-decoration: line-through 2px; }
del::before, del::after { display: inline-block; font-size: .75em; text-decoration: none;
  white-space: pre; }
del::before { content: "[was: "; }
del::after { content: "]"; }
ins { color: var(--ins); text-decoration: underline 2px; }
i.minor { text-decoration: underline dotted; }
b.figure { background: #fff3b0; }
.heat td.cell { text-align: center; font-variant-numeric: tabular-nums; min-width: 3rem; }
.heat th.row { white-space: nowrap; position: sticky; left: 0; }  /* names stay in view */
ul.single li { margin-bottom: .3rem; }
td.date { white-space: nowrap; }
@media (max-width: 40rem) {
  body { padding: .5rem; font-size: 15px; }
  table.cards thead { display: none; }
  table.cards tr { display: block; border: 1px solid var(--line); margin-bottom: .5rem; }
  table.cards td { display: block; border: none; padding: .15rem .45rem; text-align: left; }
  table.cards td::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print { nav { display: none; } }
"""


def _text(value: object) -> str:
    return escape("" if value is None else str(value))


def _bolded(text: str, start: int, end: int, spans: Sequence[Span], offset: int) -> str:
    """``text[start:end]`` escaped, with the parts inside ``spans`` (offsets minus ``offset``)
    in bold."""
    out = []
    position = start
    for span in spans:
        s, e = max(span.start - offset, position), min(span.end - offset, end)
        if s >= e:
            continue
        out.append(escape(text[position:s]))
        out.append(f'<b class="figure">{escape(text[s:e])}</b>')
        position = e
    out.append(escape(text[position:end]))
    return "".join(out)


def _marked(
    base: str,
    text: str,
    ops: Sequence[DiffOp],
    spans: Sequence[Span] = (),
    offset: int = 0,
) -> str:
    """``text`` with its word differences from ``base`` marked (and ``spans`` in bold)."""
    parts = []
    position = 0
    for op in ops:
        parts.append(_bolded(text, position, op.b_start, spans, offset))
        old = base[op.a_start : op.a_end]
        if op.change is Change.EQUAL:
            parts.append(_bolded(text, op.b_start, op.b_end, spans, offset))
        elif op.minor:
            if op.b_end > op.b_start:
                inner = _bolded(text, op.b_start, op.b_end, spans, offset)
                parts.append(f'<i class="minor" title="was: {escape(old)}">{inner}</i>')
        else:
            before, between, after = change_spaces(base, text, op)
            parts.append(f"{before}<del>{escape(old)}</del>{between}" if old else "")
            if op.b_end > op.b_start:
                parts.append(f"<ins>{_bolded(text, op.b_start, op.b_end, spans, offset)}</ins>")
            parts.append(after)
        position = max(position, op.b_end)
    parts.append(_bolded(text, position, len(text), spans, offset))
    return "".join(parts)


def _articles(story: Story, labels: dict[str, str]) -> list[str]:
    prov = story.facts.provenance
    rows = []
    for a in story.articles:
        stats = story.stats.get(a.id)
        when = prov.dates.get(a.id)
        partner = prov.most_shared.get(a.id)
        most = "—"
        if partner:
            names = ", ".join(labels[o] for o in partner.others)
            back = ", ".join(percent(b) for b in partner.back)
            most = f"{escape(names)} ({percent(partner.share)} of this; {back} of theirs)"
        title = _text(a.title) if a.title else '<span class="muted">(no title)</span>'
        rows.append(
            "<tr>"
            f'<td data-label="outlet">{_text(a.label)}</td><td data-label="title">{title}</td>'
            f'<td data-label="published" class="date">'
            f"{_text(when.iso() if when else (a.date or 'unknown'))}</td>"
            f'<td data-label="words" class="num">{stats.words if stats else a.word_count}</td>'
            f'<td data-label="shared" class="num">'
            f"{percent(stats.shared) if stats else '?'}</td>"
            f'<td data-label="most shared with">{most}</td>'
            f'<td data-label="file">{_text(a.id)}</td></tr>'
        )
    return [
        '<h2 id="articles">Articles</h2>',
        '<div class="wrap"><table class="cards"><thead><tr><th>outlet</th><th>title</th>'
        "<th>published</th>"
        '<th class="num">words</th><th class="num">shared</th><th>most shared with</th>'
        "<th>file</th></tr></thead><tbody>",
        *rows,
        "</tbody></table></div>",
    ]


def _passages(story: Story, labels: dict[str, str]) -> list[str]:
    facts = story.facts
    if not story.passages:
        return [
            '<h2 id="passages">Shared passages</h2>',
            '<p class="muted">No passage is shared by more than one outlet.</p>',
        ]
    out = [
        '<h2 id="passages">Shared passages</h2>',
        '<p class="legend">Each version is compared with the passage\'s base (<span class="tag">'
        "base</span>, with why: the most common version; where none is, the one closest to the "
        "others; where versions tie, the one published first): <del>struck</del> words are the "
        "base's and this version drops or "
        'replaces them; <ins>underlined</ins> words are this version\'s own; <i class="minor">'
        "dotted italic</i> is a difference of punctuation, quotes or case only; "
        '<b class="figure">bold</b> marks the figures the versions report for one quantity.</p>',
    ]
    for passage in story.passages:
        seen = facts.provenance.first_seen.get(passage.id)
        first = "first seen: unknown (no dates)"
        if seen and seen.first:
            first = "first seen: " + ", ".join(labels[a] for a in seen.first)
            if seen.undated:
                # Not the first for sure: an undated outlet may have had it earlier.
                first = (
                    "earliest dated: "
                    + ", ".join(labels[a] for a in seen.first)
                    + f" ({len(seen.undated)} of {len(passage.members)} undated)"
                )
        within = ""
        if passage.within:
            inside = [
                labels[m.article]
                for m in passage.members
                if passage.outside and passage.inside_parent(m.article)
            ]
            link = f'<a href="#{_text(passage.within)}">{_text(passage.within)}</a>'
            within = f" within {link}" + (f" for {_text(', '.join(inside))}" if inside else "")
        out.append(
            f'<h3 id="{_text(passage.id)}">{_text(passage.id)}: {len(passage.members)} outlets, '
            f"{_text(passage.kind)}{within} <span class='muted'>· {_text(first)}</span></h3>"
        )
        if passage.disagreements:
            said = "; ".join(passage.disagreements)
            out.append(f'<p><span class="flag">≠ the versions disagree</span> {_text(said)}</p>')
        rest = story.rest_note(passage.id)
        if rest:
            out.append(f'<p class="muted">{_text(rest)}</p>')
        out.append('<div class="versions">')
        base = passage.members[passage.base]
        order = [passage.base] + [i for i in range(len(passage.members)) if i != passage.base]
        for index in order:
            member = passage.members[index]
            spans = facts.figure_spans.get((passage.id, member.article), ())
            tag = ""
            if index == passage.base:
                why = base_reason(passage.base_is)
                tag = ' <span class="tag">base</span>' + (
                    f' <span class="muted">{_text(why)}</span>' if why else ""
                )
            if passage.kind == "rewrite":
                body = _bolded(member.text, 0, len(member.text), spans, member.start)
            else:
                body = _marked(base.text, member.text, passage.diffs[index], spans, member.start)
            out.append(
                f'<div class="version"><h4>{_text(labels[member.article])}{tag}</h4>'
                f"<p>{body}</p></div>"
            )
        out.append("</div>")
    return out


def _quote_version(group: QuoteGroup, version: QuoteVersion, labels: dict[str, str]) -> str:
    quote = version.quote
    base = group.versions[0].quote.text
    words = _marked(base, quote.text, version.diff)
    who = _text(quote.attribution or quote.speaker or "no speaker named")
    notes = []
    if version is group.versions[0]:
        notes.append('<span class="tag">fullest</span>')
    if version.left_out:
        notes.append(f"leaves out “{_text(' / '.join(version.left_out))}” ({version.how_cut})")
    if version.wording_changed:
        notes.append('<span class="flag">words changed inside the quote</span>')
    return (
        f'<tr><td data-label="outlet">{_text(labels[quote.article])}</td>'
        f'<td data-label="quoted words">“{words}”</td><td data-label="attribution">{who}</td>'
        f'<td data-label="notes">{" ".join(notes)}</td></tr>'
    )


def _quotes(story: Story, labels: dict[str, str]) -> list[str]:
    facts = story.facts
    shared = [g for g in facts.quote_groups if len(g.articles) > 1]
    out = [
        '<h2 id="quotes">Quotes</h2>',
        f'<p class="legend">{count(len(shared), "quotation")} carried by more than one outlet, '
        "most widely carried first. Each version is compared with the fullest one: changes "
        "inside the quotation marks are marked as above; the attribution is the outlet's own "
        "words.</p>"
        if shared
        else '<p class="muted">No quotation appears in more than one outlet.</p>',
    ]
    for group in shared:
        flags = "".join(f'<span class="flag">{escape(f)}</span>' for f in group.flags)
        out.append(f"<h3>{_text(group.id)}: {len(group.articles)} outlets {flags}</h3>")
        out.append(
            '<div class="wrap"><table class="cards"><thead><tr><th>outlet</th><th>quoted words</th>'
            "<th>attribution</th><th>notes</th></tr></thead><tbody>"
        )
        out += [_quote_version(group, v, labels) for v in group.versions]
        out.append("</tbody></table></div>")
    single = len(facts.quote_groups) - len(shared)
    if single:
        out.append(f'<p class="muted">{single_outlet_quotes(single)}.</p>')
    return out


def _figures(story: Story, labels: dict[str, str]) -> list[str]:
    facts = story.facts
    out = ['<h2 id="figures">Figures</h2>']
    common = [group for group in facts.figure_groups if group.status != SINGLE]
    if not common:
        out.append('<p class="muted">No figure is given by more than one outlet.</p>')
    else:
        out += [
            '<p class="legend">Each quantity as the outlets report it, disagreements first. '
            "Values that are one number at two precisions (2,290 and about 2,300) agree at "
            "different precisions; a group disagrees when two of its values cannot be the same "
            "number.</p>",
            '<div class="wrap"><table class="cards"><thead><tr><th>quantity</th><th>verdict</th>'
            "<th>values (outlets)</th></tr></thead><tbody>",
        ]
    for group in common:
        verdict = status_words(group)
        if group.status in (DISAGREE, PRECISION):
            verdict = f'<span class="flag">{escape(verdict)}</span>'
        values = " · ".join(
            f"<b>{_text(v.text)}</b> ({_text(', '.join(labels[a] for a in v.articles))})"
            for v in group.values
        )
        out.append(
            f'<tr><td data-label="quantity">{_text(group.label)}</td>'
            f'<td data-label="verdict">{verdict}</td><td data-label="values">{values}</td></tr>'
        )
    if common:
        out.append("</tbody></table></div>")
    singles = [group.figures[0] for group in facts.figure_groups if group.status == SINGLE]
    if singles:
        out.append("<h3>Given by one outlet only</h3><ul class='single'>")
        out += [f"<li>{_text(f.label)} — {_text(labels[f.article])}</li>" for f in singles]
        out.append("</ul>")
    return out


def heat_cell(share: float) -> str:
    """One cell of a heat map: the share as a number, on a shade that deepens with it."""
    # Lightness falls with the square root, so small shares are still visible.
    light = 97 - 62 * share**0.5
    ink = "#fff" if light < 55 else "#1b1b1b"
    return (
        f'<td class="cell" style="background: hsl(210 70% {light:.0f}%); '
        f'color: {ink}">{percent(share)}</td>'
    )


def _heatmap(story: Story) -> list[str]:
    matrix = story.facts.provenance.outlets
    names = list(matrix.order)
    note = ""
    if len(names) > MAX_HEATMAP:
        keep = set(sorted(names, key=lambda n: -matrix.sums[matrix.index(n)])[:MAX_HEATMAP])
        names = [n for n in names if n in keep]
        note = (
            f" Showing the {MAX_HEATMAP} outlets that share the most; the JSON has all"
            " (above 2,000 outlets, each one's top partners)."
        )
    out = [
        '<h2 id="outlets">Who shares text with whom</h2>',
        '<p class="legend">Each cell: the share of the <b>row</b> outlet\'s text that the '
        "<b>column</b> outlet also carries (darker = more). Read across a row for what an "
        "outlet took or gave; the matrix is not symmetric: a wire story copied whole into a "
        f"short item is most of the item and little of the wire story.{note}</p>",
        '<div class="wrap"><table class="heat"><thead><tr><th>text of ↓ found in →</th>',
    ]
    out += [f"<th>{_text(n)}</th>" for n in names]
    out.append("</tr></thead><tbody>")
    for a in names:
        cells = []
        for b in names:
            if a == b:
                cells.append('<td class="cell muted">—</td>')
                continue
            cells.append(heat_cell(matrix.share(a, b)))
        out.append(f'<tr><th class="row">{_text(a)}</th>{"".join(cells)}</tr>')
    out.append("</tbody></table></div>")
    return out


def _single(story: Story, labels: dict[str, str]) -> list[str]:
    out = ['<h2 id="single">Single-source passages</h2>']
    if not story.unique:
        out.append('<p class="muted">Every passage is carried by more than one outlet.</p>')
    for article in story.articles:
        entries = [u for u in story.unique if u.article == article.id]
        if entries:
            out.append(
                f"<h3>{_text(labels[article.id])} <span class='muted'>"
                f"({_text(article.id)})</span></h3><ul class='single'>"
            )
            for u in entries:
                note = nearest_note(story, u)
                aside = f" <span class='muted'>({_text(note)})</span>" if note else ""
                out.append(f"<li>{_text(u.text)}{aside}</li>")
            out.append("</ul>")
    for heading, notice in (("Problems", False), ("Notices", True)):
        said = [p for p in story.problems if p.notice is notice]
        if said:
            out.append(f"<h2>{heading}</h2><ul>")
            out += [f"<li>{_text(str(p))}</li>" for p in said]
            out.append("</ul>")
    return out


def to_html(story: Story) -> str:
    """The report as one HTML document (a string), with nothing to load and nothing to run."""
    labels = {a.id: a.label for a in story.articles}
    body = [
        "<h1>storydiff report</h1>",
        f'<p class="muted">{count(len(story.articles), "article")} from '
        f"{count(len(story.outlets), 'outlet')}, {count(len(story.passages), 'shared passage')}, "
        f"{count(len(story.unique), 'single-source passage')}.</p>",
        '<nav><a href="#articles">Articles</a><a href="#passages">Shared passages</a>'
        '<a href="#quotes">Quotes</a><a href="#figures">Figures</a>'
        '<a href="#outlets">Who shares with whom</a><a href="#single">Single-source</a></nav>',
        *_articles(story, labels),
        *_passages(story, labels),
        *_quotes(story, labels),
        *_figures(story, labels),
        *_heatmap(story),
        *_single(story, labels),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src 'none'; script-src 'none'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>storydiff report</title>",
            f"<style>{CSS}</style></head><body>",
            *body,
            "</body></html>",
            "",
        ]
    )
