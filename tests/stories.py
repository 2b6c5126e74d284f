"""Small made-up stories for tests: articles of one sentence per paragraph, passages given
by hand, so pairing and compare tests control exactly what is shared."""

from __future__ import annotations

from dataclasses import replace

from tui.core.analysis import analyse
from tui.core.analytics import count_pairs
from tui.core.diffing import is_same_wording, word_diff
from tui.core.disagreements import disagreements
from tui.core.model import (
    CLOSE_WORDING,
    SAME_WORDING,
    Article,
    Document,
    Member,
    Passage,
    Sentence,
    Span,
    Story,
    Unique,
)
from tui.core.settings import DEFAULT, Settings
from tui.core.story import story_from_documents


def make_story(texts: dict[str, list[str]], shared: list[dict[str, int]]) -> Story:
    """Articles of one sentence per paragraph; ``shared`` lists passages as {article: sentence}."""
    articles = []
    for article_id, sentences in texts.items():
        text = "\n\n".join(sentences)
        spans, found, start = [], [], 0
        for index, sentence in enumerate(sentences):
            spans.append(Span(start, start + len(sentence)))
            found.append(Sentence(start, start + len(sentence), index))
            start += len(sentence) + 2
        articles.append(
            Article(
                article_id,
                article_id,
                None,
                article_id.upper(),
                None,
                text,
                (),
                tuple(spans),
                tuple(found),
            )
        )
    by_id = {a.id: a for a in articles}
    passages = []
    covered: dict[str, set[int]] = {a.id: set() for a in articles}
    for number, spec in enumerate(shared, start=1):
        members = []
        for article_id, index in sorted(spec.items()):
            s = by_id[article_id].sentences[index]
            members.append(
                Member(
                    article_id,
                    s.start,
                    s.end,
                    by_id[article_id].text[s.start : s.end],
                    index,
                    index,
                )
            )
            covered[article_id].add(index)
        diffs = tuple(word_diff(members[0].text, m.text) for m in members)
        same = all(is_same_wording(d) for d in diffs)
        kind = SAME_WORDING if same else CLOSE_WORDING  # as the engine says it
        passage = Passage(f"p{number}", 0.9, tuple(members), 0, diffs, same, kind)
        said = disagreements(passage, labels={a.id: a.label for a in articles})
        passages.append(replace(passage, disagreements=said))
    unique = [
        Unique(a.id, s.start, s.end, a.text[s.start : s.end], i, i)
        for a in articles
        for i, s in enumerate(a.sentences)
        if i not in covered[a.id]
    ]
    return Story(
        tuple(articles),
        tuple(passages),
        tuple(unique),
        analysis=analyse(articles, passages),
        analytics=count_pairs(articles, passages),
    )


def facts_story() -> Story:
    """A made-up story for the fact views: one quotation misquoted in one outlet, given to
    another speaker in a second and shortened with "…" in a third; a count the outlets
    disagree on and one only one outlet gives; outlets that copy each other more or less."""
    quote = '"We will not close the bridge before the spring thaw," Mayor Jones said.'
    count = "The city employs 2,290 bridge inspectors, the council said."
    return make_story(
        {
            "harbor": [
                quote,
                count,
                "Harbor Gazette notes the vote was 7 to 2.",
                "Repairs will cost an estimated 4 million dollars, officials said.",
            ],
            "metro": [
                '"We won\'t close the bridge before the spring thaw," the governor said.',
                "The city employs about 2,100 bridge inspectors, the council said.",
                "Metro Ledger's own detail about traffic.",
            ],
            "coast": [
                '"We will not close the bridge …" Jones said.',
                count,
                "Repairs will cost an estimated 4 million dollars, officials said.",
                "Coast Courier lists 35 detour signs.",
            ],
        },
        [
            {"harbor": 0, "metro": 0, "coast": 0},
            {"harbor": 1, "metro": 1, "coast": 1},
            {"harbor": 3, "coast": 2},
        ],
    )


def retold_with_a_copied_clause(clause: str, dated: bool = False) -> Story:
    """One fact retold by three articles, two of which copy ``clause`` inside their sentences
    of it; each article has a sentence of its own after it (``dated``: "a" published first,
    then "b", then "c", each by an outlet of its own name)."""
    letter = (
        "Harbour Board chair Talvik Osembe sent a letter to Finance Minister Mirela Varga "
        f"on Friday, {clause}."
    )
    asked = f"Osembe asked Varga in writing to freeze the dock accounts, {clause}."
    retold = "Osembe, who chairs the Harbour Board, wrote to Varga seeking the records."
    own = {
        "a": "The talks went on for weeks before anything was agreed by anyone involved.",
        "b": "Lawyers for the groups said they would keep fighting the plan in the courts.",
        "c": "The raid was the largest in the state this year, local officials told the paper.",
    }
    texts = {"a": letter, "b": asked, "c": retold}
    days = {"a": "2025-02-07", "b": "2025-02-08", "c": "2025-02-09"}
    documents = [
        Document(
            id=k,
            source=f"{k}.txt",
            raw=f"{v}\n\n{own[k]}",
            structured=True,
            outlet=k.upper() if dated else None,
            date=days[k] if dated else None,
        )
        for k, v in texts.items()
    ]
    return story_from_documents(documents)


#: The clause ``copied_from_a_rewrite`` has two articles share.
COPIED_CLAUSE = "the customs ledgers of the three northern docks"


def copied_from_a_rewrite() -> Story:
    """ "a" and "c" retell one fact (a rewrite); "d" copies a clause of a's sentence of it
    into a sentence of its own about something else; each has a sentence of its own."""
    texts = {
        "a": "Harbour Board chair Talvik Osembe sent a letter to Finance Minister Mirela Varga "
        f"on Friday, asking for {COPIED_CLAUSE}.",
        "c": "Osembe, who chairs the Harbour Board, wrote to Varga seeking the records.",
        "d": f"Auditors have been trying for a year to read {COPIED_CLAUSE}, the union said.",
    }
    own = {
        "a": "The talks went on for weeks before anything was agreed by anyone involved.",
        "c": "The raid was the largest in the state this year, local officials told the paper.",
        "d": "Lawyers for the groups said they would keep fighting the plan in the courts.",
    }
    return story_from_documents(
        [
            Document(id=k, source=f"{k}.txt", raw=f"{v}\n\n{own[k]}", structured=True)
            for k, v in texts.items()
        ]
    )


def copied_from_close_wording(next_a: str = "", next_b: str = "") -> Story:
    """ "a" and "b" tell one sentence in close wording ("b" first, then "d", then "a", each
    its own outlet), "d" copies a clause of it into a sentence of its own; ``next_a`` and
    ``next_b`` open a's and b's next paragraphs."""
    sentence = (
        "Harbour Board chair Talvik Osembe sent a letter to Finance Minister Mirela Varga "
        f"on Friday, asking for {COPIED_CLAUSE}."
    )
    own = f"Auditors have been trying for a year to read {COPIED_CLAUSE}, the union said."
    texts = {
        "a": f"{sentence}\n\n{next_a}" if next_a else sentence,
        "b": sentence.replace("on Friday", "late on Friday") + (f"\n\n{next_b}" if next_b else ""),
        "d": f"{own}\n\nLawyers for the groups said they would keep fighting the plan in court.",
    }
    days = {"a": "2026-12-03", "b": "2026-12-01", "d": "2026-12-02"}
    return story_from_documents(
        [
            Document(k, f"{k}.txt", v, outlet=k.upper(), date=days[k], structured=True)
            for k, v in texts.items()
        ]
    )


def disagreeing_story() -> Story:
    """A made-up story for the disagreement warning: two outlets copy one wire report and
    edit it, one changing a vote and denying what the other reports; a third outlet agrees
    with the first on the vote."""
    vote = "The council approved the harbour plan 5-2 on Tuesday after a long debate."
    sign = "Mayor Ines Kole said she would sign the harbour bill next week."
    cost = "The plan will cost the city about 4 million dollars over five years."
    return make_story(
        {
            "wire": [vote, sign, cost, "Wire Service adds that the vote came late at night."],
            "daily": [
                vote.replace("5-2", "4-3"),
                sign.replace("would sign", "would not sign"),
                cost,
                "The Daily Star spoke to residents near the harbour.",
            ],
            "post": [vote, "The Evening Post has its own view of the harbour plan."],
        },
        [
            {"wire": 0, "daily": 0, "post": 0},
            {"wire": 1, "daily": 1},
            {"wire": 2, "daily": 2},
        ],
    )


#: Each article's own sentences in ``two_outlets``: the pair under test is all they share.
OWN = {
    "a": [
        "Lawyers for the residents said they would keep fighting the plan in the courts.",
        "The harbour ferry timetable changes again next month, the operator said.",
    ],
    "b": [
        "The raid was the largest in the state this year, local officials told the paper.",
        "A new school opens in the north of the district in September.",
    ],
}


def two_outlets(a: str, b: str, settings: Settings = DEFAULT) -> Story:
    """Two outlets (A, B) built by the engine, sharing at most ``a`` / ``b``."""
    documents = [
        Document(
            id=k,
            source=f"{k}.txt",
            raw="\n\n".join([sentence, *OWN[k]]),
            structured=True,
            outlet=k.upper(),
        )
        for k, sentence in (("a", a), ("b", b))
    ]
    return story_from_documents(documents, settings=settings)


QUOTE_AROUND_THE_CLAUSE = (
    f'"We will open {COPIED_CLAUSE} again," port director Talvik Osembe said on Monday.'
)


def quote_cut_around_a_copied_clause(quote: str = QUOTE_AROUND_THE_CLAUSE) -> Story:
    """Six outlets ("c0"...) carry ``quote``; "q" copies a clause of it ("open ... again")
    into a sentence of its own. "q" and "c0" share one more sentence, which "q" tells after
    the clause and "c0" before the quote."""
    cranes = "Engineers have been working around the clock to restore the cranes."
    others = [
        "Storm damage closed three piers along the northern shore last week.",
        "Residents lined up for hours to ask about the ferry timetable.",
    ]
    texts = {f"c{n}": f"{others[n % 2]}\n\n{quote}" for n in range(6)}
    texts["c0"] = f"{others[0]}\n\n{cranes}\n\n{quote}"
    texts["q"] = (
        f"At a crowded briefing the director vowed to open {COPIED_CLAUSE} again, to applause."
        f"\n\n{cranes}"
    )
    return story_from_documents(
        [Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in texts.items()]
    )


def retold_counts(**more: str) -> Story:
    """One fact told in other words by three outlets, two of them ("b", "c") giving one count
    and "a" another (which "b" also gives, elsewhere, as last year's); ``more`` adds
    articles (id: text)."""
    texts = {
        "a": "Of roughly 9,000 staff, the Varga Port Authority has approximately 2,100 harbour "
        "inspectors who look into smuggling.\n\nThe weather was calm on Monday.",
        "b": "The Varga Port Authority has 2,290 harbour inspectors in its inspection unit, the "
        "agency said.\n\nShips waited offshore for a week.\n\nA year ago the Varga Port "
        "Authority said it had approximately 2,100 harbour inspectors.",
        "c": "The Varga Port Authority has 2,290 harbour inspectors, officials told reporters in "
        "Qeshlan.\n\nA new crane arrived.",
    } | more
    return story_from_documents(
        [Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in texts.items()]
    )


def paragraph_story(texts: dict[str, list[str]]) -> Story:
    """A story of one article per outlet (id -> its paragraphs, the outlet its id in
    capitals), cleaned and aligned as any folder is."""
    return story_from_documents(
        [
            Document(k, f"{k}.txt", "\n\n".join(v), outlet=k.upper(), structured=True)
            for k, v in texts.items()
        ]
    )


#: The sentence ``told_whole_by_two`` has two outlets tell word for word.
FOOTBRIDGE = (
    "The river authority said on Monday that it will close the old stone footbridge at "
    "Millbrook for repairs until the end of March."
)


def told_whole_by_two() -> Story:
    """ "a" and "b" tell ``FOOTBRIDGE`` word for word; "c" copies its clause ("will close
    ... March") into a sentence of its own, alike enough for the sentence matcher to join
    the three. Each has three sentences of its own."""
    clause = "will close the old stone footbridge at Millbrook for repairs until the end of March"
    texts = {
        "a": [
            "Heavy rain flooded several streets in the valley overnight.",
            FOOTBRIDGE,
            "Residents were told to use the road bridge instead.",
            "Shops on the high street stayed open despite the water.",
        ],
        "b": [
            "Emergency crews pumped water from basements on Tuesday.",
            FOOTBRIDGE,
            "A local councillor called for better flood defences.",
            "Schools in the area will reopen on Thursday.",
        ],
        "c": [
            "Forecasters expect more rain later in the week.",
            f"Engineers {clause}, the council said.",
            "The bus company added extra services for commuters.",
            "Farmers said their fields were under water.",
        ],
    }
    return paragraph_story(texts)


#: The clause ``clause_after_one_word`` has "d" copy from a's sentence.
SEALED = "ledger of the three northern docks was sealed by court order"


def clause_after_one_word() -> Story:
    """ "a" and "c" retell one fact (a rewrite); "d" copies ``SEALED`` from a's sentence of
    it, which opens with one word before the clause ("A ledger ..."), into a sentence of its
    own. Each has three sentences of its own."""
    texts = {
        "a": [
            "Heavy rain flooded several streets in the valley overnight.",
            f"A {SEALED} on Friday, Harbour Board chair Talvik Osembe told Finance Minister "
            "Mirela Varga in a letter.",
            "The talks went on for weeks before anything was agreed by anyone involved.",
            "Shops on the high street stayed open despite the water.",
        ],
        "c": [
            "Forecasters expect more rain later in the week.",
            "Osembe, who chairs the Harbour Board, wrote to Varga on Friday that the dock "
            "records were sealed.",
            "The raid was the largest in the state this year, local officials told the paper.",
            "The bus company added extra services for commuters.",
        ],
        "d": [
            "Lawyers for the groups said they would keep fighting the plan in the courts.",
            f"Auditors complained for a year that the {SEALED}, the union said.",
            "Farmers said their fields were under water.",
            "Schools in the area will reopen on Thursday.",
        ],
    }
    return paragraph_story(texts)
