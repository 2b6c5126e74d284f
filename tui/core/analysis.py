"""The fact-checker's findings about a story, computed once when the story is built.

Quotations (``quotes``), figures (``figures``), publication dates (``dates``) and who shares
text with whom (``outlets``), gathered in one immutable ``Analysis`` that ``Story.analysis``
holds, so views and exports only look things up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core import outlets
from tui.core.dates import When, parse_date
from tui.core.figures import Figure, FigureGroup, emphasis, find_figures, group_figures
from tui.core.model import Article, Passage, Span
from tui.core.outlets import Provenance, provenance
from tui.core.parallel import forked_call
from tui.core.quotes import Quote, QuoteGroup, find_quotes, group_quotes


@dataclass(frozen=True)
class Analysis:
    #: Every quotation of every article, article by article in story order.
    quotes: tuple[Quote, ...]
    #: The same statement across outlets, most widely carried first (one-outlet quotes last).
    quote_groups: tuple[QuoteGroup, ...]
    figures: tuple[Figure, ...]
    #: Each quantity across outlets: disagreements first, figures one outlet gives last.
    figure_groups: tuple[FigureGroup, ...]
    #: (passage id, article id) -> spans (into ``Article.text``) of the figures of the
    #: quantity that passage shares: what a view emphasises in that member.
    figure_spans: dict[tuple[str, str], tuple[Span, ...]]
    provenance: Provenance


def analyse(
    articles: Sequence[Article], passages: Sequence[Passage], processes: int = 1
) -> Analysis:
    """The story's findings; with ``processes`` > 1 and more than ``MAX_DENSE`` articles,
    who shares text with whom is computed by a forked worker (``tui.core.parallel``) while
    this process finds the quotations and figures, which depend on nothing it computes.

    Only there do the shared-text rows cost n² cells (3.7 s of CPU at 10,000 articles);
    the dense matrix of 1,000 costs 0.2 s, less than the pages this process copies once
    it has forked (measured: 0.15-0.3 s more CPU for the stage, no wall gain)."""
    dates = {a.id: parse_date(a.date) for a in articles}
    fork = processes if len(articles) > outlets.MAX_DENSE else 1
    with forked_call(_provenance, (articles, passages, dates), fork) as shared_text:
        quotes = tuple(q for a in articles for q in find_quotes(a))
        seen: dict[str, tuple[object, ...]] = {}
        figures = tuple(f for a in articles for f in find_figures(a, seen))  # type: ignore[arg-type]
        figure_groups = group_figures(figures, passages, articles)
        quote_groups = group_quotes(quotes, passages)
        figure_spans = emphasis(figure_groups, passages)
        found = shared_text()
    return Analysis(
        quotes=quotes,
        quote_groups=quote_groups,
        figures=figures,
        figure_groups=figure_groups,
        figure_spans=figure_spans,
        provenance=found,
    )


def _provenance(
    inputs: tuple[Sequence[Article], Sequence[Passage], dict[str, When | None]],
) -> Provenance:
    return provenance(*inputs)
