"""How the fact views draw a quotation, a figure and a heat-map cell (``Content``: article text
is never markup). Every mark has a cue besides colour: struck, underlined, italic, bold, a
shade glyph and a number."""

from __future__ import annotations

from textual.color import Color
from textual.content import Content

from tui.core.exporting import change_spaces
from tui.core.figures import Figure
from tui.core.model import Article, Change
from tui.core.quotes import QUOTED_IN_PART, QuoteGroup, QuoteVersion
from tui.core.words import percent
from tui.viewmodels.facts import SHADES, level
from tui.widgets.blocks import inert

#: Styles of a quotation's differences from the fullest version (as compare marks them).
DROPPED = "strike on $error 30%"
ADDED = "underline on $success 30%"
MINOR = "italic on $foreground 8%"
#: The figure of the quantity in question (only that one, not the others in the sentence).
FIGURE = "bold underline on $accent 25%"
#: How much of the theme's accent each heat level mixes into the background (level 0: none).
TINT_SHARES = (0.0, 0.2, 0.4, 0.65, 0.9)


def heat_tints(background: str, accent: str) -> tuple[str, ...]:
    """One style per heat level: the accent blended into the background by ``TINT_SHARES``,
    with black or white text, whichever reads better on it (any theme, light or dark)."""
    base, tint = Color.parse(background), Color.parse(accent)
    styles = []
    for share in TINT_SHARES:
        if share == 0:
            styles.append("")
            continue
        mixed = base.blend(tint, share)
        styles.append(f"{mixed.get_contrast_text(1.0).hex} on {mixed.hex}")
    return tuple(styles)


def _clean(text: str) -> str:
    return inert(text, newlines=False)


def quote_heading(
    article: Article, group: QuoteGroup, version: QuoteVersion, base: bool
) -> Content:
    """ "Fox News ¶3 · ⚠ words changed inside the quote · shortened: leaves out … · speaker:
    Noem (“Noem wrote”)": the warnings and the cut before the speaker, so that a heading cut
    at the edge of a short pane (80x24) still shows them; "partial quote" (a few words
    quoted inside the outlet's own sentence) only where "quoted in part" does not say so."""
    quote = version.quote
    parts: list[Content | str | tuple[str, str]] = [
        (_clean(article.label), "bold"),
        f" ¶{article.paragraph_at(quote.start)}",
    ]
    if base:
        parts.append((" · fullest version", "italic"))
    base_key = group.versions[0].quote.speaker_key
    if (
        group.speakers_differ
        and quote.speaker_key
        and base_key
        and quote.speaker_key != base_key
        and not base
    ):
        parts.append((" · ⚠ other speaker", "bold $text-error"))
    if version.wording_changed:
        parts.append((" · ⚠ words changed inside the quote", "bold $text-error"))
    cuts = [c for c in version.changes if c.kind == "cut"]
    if cuts:
        left_out = " / ".join(f"“{_clean(c.base)}”" for c in cuts)
        parts.append((f" · shortened: leaves out {left_out} ({version.how_cut})", "bold"))
    speaker = _clean(quote.speaker) if quote.speaker else "not said"
    key = quote.speaker_key
    if quote.speaker and key and key not in quote.speaker.casefold():
        speaker += f" ({key.title()})"  # "she (Noem)": the name the article gives her
    parts.append(f" · speaker: {speaker}")
    if quote.attribution:
        parts.append(f" (“{_clean(quote.attribution)}”)")
    if quote.partial and not (cuts and version.how_cut == QUOTED_IN_PART):
        parts.append((" · partial quote", "italic"))
    return Content.assemble(*parts)


def quote_text(group: QuoteGroup, version: QuoteVersion, base: bool) -> Content:
    """The quoted words, with this version's differences from the fullest version inline:
    the fullest version's words it drops or replaces struck, its own new words underlined,
    punctuation/case-only differences italic."""
    text = version.quote.text
    if base:
        return Content.assemble("“", _clean(text), "”")
    base_text = group.versions[0].quote.text
    parts: list[Content | str | tuple[str, str]] = ["“"]
    last = 0
    for op in version.diff:
        parts.append(_clean(text[last : op.b_start]))
        last = max(last, op.b_end)
        old = _clean(base_text[op.a_start : op.a_end])
        new = _clean(text[op.b_start : op.b_end])
        if op.change is Change.EQUAL:
            parts.append(new)
            continue
        # Struck words stand apart from their neighbours as the Markdown report spaces them
        # ("rebuild, <del>and fast</del>", "<del>Officials said</del> “we").
        before, between, after = change_spaces(base_text, text, op)
        if old and new and not _attaches(new):
            between = " "  # an ellipsis for the words cut stands apart: "thaw, …"
        if op.minor:
            parts += [(new, MINOR)] if new else [before, (old, f"strike {MINOR}"), after]
        else:
            parts += [before, (old, DROPPED)] if old else []
            parts += [between, (new, ADDED)] if new else [after]
    parts.append(_clean(text[last:]))
    parts.append("”")
    return Content.assemble(*parts)


def _attaches(text: str) -> bool:
    """Whether ``text`` opens with punctuation that keeps to the word before it ("," not "…")."""
    return text[:1] in ",.;:!?)" and not text.startswith("...")


def figure_heading(article: Article, figure: Figure) -> Content:
    counts = f" {_clean(figure.counts)}" if figure.counts else ""
    names = f" ({', '.join(figure.names)})" if figure.names else ""
    return Content.assemble(
        (_clean(article.label), "bold"),
        f" ¶{article.paragraph_at(figure.start)} · ",
        (_clean(figure.text), "bold"),
        counts + names,
    )


def figure_sentence(article: Article, figure: Figure) -> Content:
    """The figure's sentence with only this figure emphasised."""
    start, end = figure.sentence.start, figure.sentence.end
    text = article.text[start:end]
    content = Content(_clean(text))
    if len(content.plain) == len(text):  # offsets still line up (nothing was removed)
        content = content.stylize(FIGURE, figure.start - start, figure.end - start)
    else:
        content = Content.assemble(content, "  [", (_clean(figure.text), FIGURE), "]")
    return content


def heat_cell(share: float | None, tints: tuple[str, ...] = ()) -> Content:
    """ "▓▓  45%": a swatch (the shade glyph on a tint of its level, ``heat_tints``) and the
    share; "—" on the diagonal. The number stays on the table's own background, so the
    cursor's highlight shows on every cell."""
    if share is None:
        return Content("     —  ")
    heat = level(share)
    number = percent(share)
    style = tints[heat] if heat < len(tints) else ""
    swatch = SHADES[heat] * 2
    return Content.assemble((swatch, style) if style else swatch, f" {number:>4} ")
