"""Shared wording at any boundary, single-source runs' nearest candidates, kinds from reasons."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from stories import (
    COPIED_CLAUSE,
    copied_from_a_rewrite,
    copied_from_close_wording,
    retold_with_a_copied_clause,
)

from bench.devset import (
    Copy,
    _copy_gold,
    _shared_gold,
    article_from_text,
    dev_stories,
    make_story,
    measure,
)
from tui.archive.report import story_figures
from tui.core.aligning import Cluster, build_index
from tui.core.exporting import escape_md, to_dict, to_markdown
from tui.core.html_report import to_html
from tui.core.model import CLOSE_WORDING, REWRITE, SHARED_WORDING, Article, Document, Story
from tui.core.reuse import Span, shared_wording
from tui.core.settings import DEFAULT, Settings
from tui.core.story import (
    _nested_wording,
    _passages,
    make_article,
    story_from_articles,
    story_from_documents,
)

CLAUSE = "the council agreed to close the old harbour bridge to heavy lorries from March"


def story(texts: dict[str, str], settings: Settings = DEFAULT) -> Story:
    documents = [
        Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in texts.items()
    ]
    return story_from_documents(documents, settings=settings)


def shared(found: Story) -> list:  # type: ignore[type-arg]
    return [p for p in found.passages if p.kind == SHARED_WORDING]


def test_a_clause_copied_inside_different_sentences_is_found_with_tight_spans() -> None:
    found = story(
        {
            "a": f"After a long night of talks, {CLAUSE}, a spokesman for the mayor said.",
            "b": f"Residents were surprised on Tuesday when {CLAUSE}, ending decades of traffic.",
        }
    )
    (passage,) = shared(found)
    assert [m.text for m in passage.members] == [CLAUSE, CLAUSE]
    assert passage.same_wording
    # The rest of each sentence is single-source, and says so.
    assert any("spokesman for the mayor" in u.text for u in found.unique)
    assert any("ending decades of traffic" in u.text for u in found.unique)


def test_a_single_source_run_after_a_copy_starts_at_its_own_words() -> None:
    # The copy ends one sentence on one side and runs into "that ..." on the other: what is
    # left after it is the next sentence, not ". Critics ...", and names that sentence.
    found = story(
        {
            "a": f"{CLAUSE[0].upper()}{CLAUSE[1:]}. Critics were not convinced by the plan.",
            "b": f"Residents were told on Friday that {CLAUSE}. Nobody cheered at all.",
        }
    )
    assert len(shared(found)) == 1
    assert {u.text for u in found.unique} == {
        "Critics were not convinced by the plan.",
        "Residents were told on Friday that",
        "Nobody cheered at all.",
    }
    for run in found.unique:
        article = found.article(run.article)
        assert article.sentences[run.first_sentence].start == run.start


def test_a_copy_never_cuts_a_figure_from_the_word_that_completes_it() -> None:
    found = story(
        {
            "a": "The repairs will cost $48 million, most of it paid for by a state grant "
            "that the council applied for last spring.",
            "b": "The project carries a price tag of $52 million, most of it paid for by a state "
            "grant that the council applied for last spring.",
        }
    )
    (passage,) = shared(found)
    assert all(m.text.startswith("most of it") for m in passage.members)
    assert {u.text for u in found.unique} == {
        "The repairs will cost $48 million,",
        "The project carries a price tag of $52 million,",
    }


def test_a_copy_starting_at_a_sum_keeps_its_currency_sign() -> None:
    found = story(
        {
            "a": "The project carries a price tag of $52 million, most of it covered by a state "
            "grant that the council applied for.",
            "b": "The repairs will cost $52 million, most of it covered by a state grant that "
            "the council applied for.",
        }
    )
    (passage,) = shared(found)
    assert all(m.text.startswith("$52 million") for m in passage.members)
    assert "The project carries a price tag of" in {u.text for u in found.unique}


def test_a_sentence_copied_with_an_edit_inside_stays_one_sentence_passage() -> None:
    # The edit cuts the shared wording short of the sentence's start ("The agency employs"
    # is too short a run to seed a copy); the words before it still agree, so the sentences
    # are one sentence told alike, not a clause two sentences share.
    one = "The agency employs 2,290 special agents across the country, the report said."
    found = story({"a": one, "b": one.replace("2,290", "about 2,300")})
    (passage,) = found.passages
    assert passage.kind == CLOSE_WORDING
    assert {m.text for m in passage.members} == {one, one.replace("2,290", "about 2,300")}
    assert not found.unique
    # Copied into sentences that go on differently, the same words stay shared wording.
    other = story({"a": one, "b": f"Critics say {one[4:-1]} and its director agreed."})
    assert [p.kind for p in other.passages] == [SHARED_WORDING]
    # Without the rule the edited sentence gave way to the copy, its head single-source.
    apart = story({"a": one, "b": one.replace("2,290", "about 2,300")}, Settings(outside_share=1.1))
    assert [p.kind for p in apart.passages] == [SHARED_WORDING]


@pytest.mark.parametrize(
    ("after", "run"),
    [
        (".’ Critics scoffed.", "Critics scoffed."),
        (". ’Tis the season, critics said.", "’Tis the season, critics said."),
        (". .NET developers cheered.", ".NET developers cheered."),
    ],
)
def test_the_trim_after_a_copy_keeps_a_sentences_own_first_character(after: str, run: str) -> None:
    found = story(
        {
            "a": f"{CLAUSE[0].upper()}{CLAUSE[1:]}{after}",
            "b": f"Residents were told on Friday that {CLAUSE}. Nobody cheered at all.",
        }
    )
    assert run in {u.text for u in found.unique if u.article == "a"}


def test_an_edited_copy_across_a_sentence_end_is_one_piece() -> None:
    copy = (
        "The bridge will close to lorries in March. Drivers must use the ring road "
        "while engineers repair the cracked piers"
    )
    edited = copy.replace("engineers repair", "crews mend").replace("lorries", "Lorries")
    found = story(
        {
            "a": f"Long before dawn on Monday morning the news spread quickly. {copy} and "
            "the ferry runs as usual.",
            "b": f"Officials confirmed it in a short notice posted online. {edited}, "
            "at a cost nobody would give.",
        }
    )
    (passage,) = shared(found)
    texts = {m.article: m.text for m in passage.members}
    assert texts == {"a": copy, "b": edited}
    assert not passage.same_wording  # "crews mend" is a change of wording, shown as a diff


@pytest.mark.parametrize("stop", [".", "?", "!", ".”"])
def test_a_copy_that_ends_a_sentence_everywhere_keeps_its_full_stop_in_the_reports(
    stop: str,
) -> None:
    # "… who uses them." quoted as "… who uses them" reads as cut off: where the copy ends
    # a sentence in every article, the stop (not a closing quote) is shared wording too.
    copy = "the city council voted to approve a network of protected bike lanes downtown"
    found = story(
        {
            "a": f"Residents packed the hall on Tuesday evening, and {copy}{stop}",
            "b": f"Nobody expected it to pass so quickly after {copy}{stop}",
        }
    )
    (passage,) = shared(found)
    ending = f"{copy}{stop[0]}"
    assert [m.text for m in passage.members] == [ending, ending]
    assert f"**a** *(base: most common version)*: {escape_md(ending)}\n" in to_markdown(found)
    assert f"<p>{ending}</p>" in to_html(found)
    # An article that goes on after the copy ("…, officials said.") shares no stop.
    found = story(
        {
            "a": f"Residents packed the hall on Tuesday evening, and {copy}{stop}",
            "b": f"Nobody expected it to pass so quickly after {copy}, officials said.",
        }
    )
    (passage,) = shared(found)
    assert [m.text for m in passage.members] == [copy, copy]


def test_a_quote_three_outlets_copy_is_one_passage_with_three_members() -> None:
    quote = "we will not let the harbour die while there is still work to do here"
    found = story(
        {
            "a": f"Speaking to a crowd of fishermen at the quay, the mayor said {quote}.",
            "b": f"In a statement that ran to two pages the mayor said {quote}, adding little.",
            "c": f"Few believed him, although he promised {quote} and left by car.",
        }
    )
    (passage,) = shared(found)
    assert passage.articles == ("a", "b", "c")
    # Only "a" ends its sentence with the quote: the full stop is not shared.
    assert all(m.text.endswith(quote) for m in passage.members)
    # a and b also share "the mayor said"; c does not, and its member is the quote alone.
    assert passage.member_for("c").text == quote  # type: ignore[union-attr]


@pytest.mark.parametrize("overlap", [False, True], ids=["adjacent", "overlapping"])
def test_a_hub_that_copies_two_stretches_from_two_sources_makes_two_passages(
    overlap: bool,
) -> None:
    # "a" copies X from "b" and, right after it, Y from "c" (starting with X's last three
    # words when ``overlap``): two copies, each a passage of its two outlets, each member tight
    # on its own wording; not one passage that joins "b" and "c" through "a". Words both
    # copies hold are shown once, in the stronger copy (Y, 15 words to X's 14).
    x = CLAUSE
    y = "while engineers from the regional water board inspect its crumbling stone piers"
    y_in_c = f"lorries from March {y}" if overlap else y
    x_alone = x.removesuffix(" lorries from March") if overlap else x
    found = story(
        {
            "a": f"After a long night of talks on Monday, {x} {y}, a spokesman said.",
            "b": f"Residents were surprised on Tuesday when {x}, ending decades of traffic.",
            "c": f"Traffic will be diverted for {y_in_c}, the board told reporters.",
        }
    )
    passages = {p.articles: {m.article: m.text for m in p.members} for p in shared(found)}
    assert passages == {
        ("a", "b"): {"a": x_alone, "b": x_alone},
        ("a", "c"): {"a": y_in_c, "c": y_in_c},
    }


def test_a_member_covers_only_the_wording_it_shares_with_its_own_passage() -> None:
    # "c" shares the lease with "a" (and "after a long") and with "b" (and "nobody expected
    # that"); "a" and "b" are held apart (the differ says they tell different facts), so "c"
    # joins "a" only, and its member is what it shares with "a", not with "b" too.
    lease = (
        "the harbour board agreed to lease the old fish market to the ferry company for ten years"
    )
    texts = [
        f"Late on Friday {lease} after a long and bitter night.",
        f"Nobody expected that {lease} as the auditors had warned.",
        f"Gulls circled while nobody expected that {lease} after a long dinner in town.",
    ]

    def differ(a: int, part_a: Span, held: Span, b: int, part_b: Span) -> bool:
        return {a, b} == {0, 1}

    regions = [[(0, len(text))] for text in texts]
    groups = shared_wording(texts, regions, differ=differ)
    found = [{a: texts[a][start:end] for a, (start, end) in g.items()} for g in groups]
    assert found == [{0: f"{lease} after a long", 2: f"{lease} after a long"}]


def test_text_without_spaces_aligns_character_by_character() -> None:
    copy = "市议会决定从三月起禁止重型卡车通过旧港口大桥"
    articles = [
        article_from_text("a", f"昨天晚上，{copy}。"),
        article_from_text("b", f"居民们感到惊讶，因为{copy}，结束了几十年的交通。"),
    ]
    (passage,) = shared(story_from_articles(articles))
    assert [m.text for m in passage.members] == [copy, copy]


def test_the_minimum_match_length_decides_what_counts_as_shared() -> None:
    texts = {
        "a": "Nobody expected the vote to pass on a rainy Tuesday in the old hall.",
        "b": "The old hall flooded again, and nobody expected repairs to finish soon.",
    }
    assert not shared(story(texts))  # "nobody expected" and "the old hall" are short
    short = shared(story(texts, replace(DEFAULT, min_match_words=2, ngram=2)))
    assert {m.text.lower() for p in short for m in p.members} >= {"nobody expected", "the old hall"}
    # The clause is 14 words: a minimum above that leaves it single-source.
    texts = {
        "a": f"After a long night of talks, {CLAUSE}, a spokesman for the mayor said.",
        "b": f"Residents were surprised on Tuesday when {CLAUSE}, ending decades of traffic.",
    }
    assert shared(story(texts, replace(DEFAULT, min_match_words=14)))
    assert not shared(story(texts, replace(DEFAULT, min_match_words=15)))


def test_turning_the_tier_off_leaves_copied_clauses_single_source() -> None:
    texts = {
        "a": f"After a long night of talks, {CLAUSE}, a spokesman for the mayor said.",
        "b": f"Residents were surprised on Tuesday when {CLAUSE}, ending decades of traffic.",
    }
    # Without the tier the sentence matcher may still join the two whole sentences, but
    # nothing marks the copied clause itself.
    assert not shared(story(texts, replace(DEFAULT, shared_wording=False)))
    assert shared(story(texts))


@pytest.fixture(scope="module")
def big() -> list[Article]:
    """Forty articles, one stretch of wording copied into all of them beside their own text."""
    dev = make_story(random.Random(3), articles=40, copies=0)
    copy = "the harbour board voted late on Thursday to sell the old ferry terminal to a developer"
    return [
        article_from_text(a.id, a.text.replace(". ", f". Meanwhile {copy} and ", 1))
        for a in dev.articles
    ]


def _holding(found: Story, words: str) -> int:
    """How many articles have ``words`` inside a passage member."""
    return len({m.article for p in found.passages for m in p.members if words in m.text})


def test_the_big_story_limits_bound_what_is_compared(big: list[Article]) -> None:
    words = "voted late on Thursday to sell the old ferry terminal"
    default = story_from_articles(big)
    assert _holding(default, words) == len(big)
    # Each occurrence of an n-gram paired with the next one only still joins every copy
    # (through the chain) ...
    narrow = story_from_articles(big, settings=replace(DEFAULT, ngram_window=1))
    assert _holding(narrow, words) == len(big)
    # ... while n-grams in more articles than the cap are boilerplate and seed nothing.
    capped = story_from_articles(big, settings=replace(DEFAULT, max_ngram_articles=1))
    assert not shared(capped)
    assert _holding(capped, words) < len(big)
    # One candidate per single-source run finds fewer nearest texts than the default.
    one = story_from_articles(big, settings=replace(DEFAULT, nearest_candidates=1))
    assert sum(len(u.nearest) for u in one.unique) < sum(len(u.nearest) for u in default.unique)


def test_a_single_source_run_names_its_nearest_candidate_and_what_it_lacks() -> None:
    found = story(
        {
            "a": "Mayor Okonkwo closed the harbour bridge to lorries on Monday.",
            "b": "The harbour bridge stays open to lorries, the port authority said.",
        }
    )
    run = next(u for u in found.unique if u.article == "a")
    (nearest,) = run.nearest
    assert nearest.article == "b"
    assert 0 < nearest.score < DEFAULT.match_threshold
    assert "Okonkwo" in nearest.missing
    assert "harbour" not in nearest.missing  # the candidate has it
    # The report says whose words they are: the candidate lacks them.
    assert f"nearest: b ¶1, {nearest.score:.2f}; it lacks Okonkwo" in to_markdown(found)


def test_kind_comes_from_why_the_members_matched_not_from_the_mean_score() -> None:
    texts = ["The mayor closed the bridge to lorries.", "The mayor shut the bridge to trucks."]
    articles = [
        make_article(Document(f"x{i}", f"x{i}", t, structured=True)) for i, t in enumerate(texts)
    ]
    spans = {0: (0, 0), 1: (0, 0)}
    # A chain of wording matches with a weak pair keeps its diff: close wording.
    assert _passages([Cluster(spans, 0.3)], [], articles, DEFAULT)[0].kind == CLOSE_WORDING
    fact = Cluster(spans, 0.9, reason="fact", evidence=("bridge", "mayor"))
    (passage,) = _passages([fact], [], articles, DEFAULT)
    assert passage.kind == REWRITE
    assert passage.evidence == ("bridge", "mayor")


def test_the_dev_set_copies_are_found_whole_and_the_baseline_misses_them() -> None:
    stories = dev_stories(3, seed=random.Random(7).randrange(1000))
    baseline = measure(stories, replace(DEFAULT, shared_wording=False))
    found = measure(stories, DEFAULT)
    assert found.recall >= 0.9 > baseline.recall
    assert found.precision >= 0.8
    assert found.granularity <= 1.2


def test_the_dev_sets_gold_joins_two_copies_of_the_same_source_words() -> None:
    # s copies "bb cc dd" into t and "cc dd ee" into u: t and u share "cc dd", truly.
    text = {"s": "aa bb cc dd ee", "t": "xx bb cc dd", "u": "cc dd ee yy"}
    t = Copy("s", 3, 11, "t", 3, 11, False, False, ((3, 5, 3, 5), (6, 8, 6, 8), (9, 11, 9, 11)))
    u = Copy("s", 6, 14, "u", 0, 8, False, False, ((6, 8, 0, 2), (9, 11, 3, 5), (12, 14, 6, 8)))
    pairwise = _copy_gold([t, u], text)
    gold = _shared_gold([t, u], text, pairwise)
    assert ("t", "u") not in pairwise
    assert gold[("t", "u")] == {("t", i) for i in (6, 7, 9, 10)} | {("u", i) for i in (0, 1, 3, 4)}
    assert gold[("s", "t")] == pairwise[("s", "t")]


def test_two_sentences_that_copy_a_clause_are_shared_wording_not_a_retold_fact() -> None:
    # The same two participants and a copied clause inside otherwise different sentences:
    # that is copying, shown tight with its word diff, not "the same fact in other words".
    copied = "Osembe signed the harbour lease with Mirela Varga"
    found = story(
        {
            "a": f"On a wet Friday evening in the old port of Qeshlan, Talvik {copied}, "
            "ending a quarrel that had split the town council for most of a decade.",
            "b": f"Critics objected at once, and loudly, when {copied} behind closed doors "
            "while the auditors were still reading the accounts of the previous year.",
        }
    )
    assert [p.kind for p in found.passages] == [SHARED_WORDING]
    assert [m.text for m in found.passages[0].members] == [copied, copied]


def test_a_sentence_that_copies_a_clause_naming_a_retold_facts_participant_joins_it() -> None:
    # "c" names only Varga among the participants (too few for the fact tier) but copies a
    # clause naming her from "a"'s sentence of the retold fact: it tells that fact too.
    letter = (
        "Talvik Osembe sent a letter to Mirela Varga on Friday asking for help with the inquiry."
    )
    retold = "In a letter, Osembe asked Varga to back the investigation."
    copier = (
        "The clerks said a letter to Mirela Varga on Friday asking for help arrived long "
        "after the vote on the harbour."
    )
    found = story({"a": letter, "b": retold, "c": copier})
    passage, copied = found.passages
    assert passage.kind == REWRITE and set(passage.articles) == {"a", "b", "c"}
    # The copy itself is shown too, tight, inside the fact it brought "c" into.
    assert copied.within == passage.id and set(copied.articles) == {"a", "c"}
    # A copy that names none of the fact's participants brings nothing in.
    stock = (
        "The clerks said it was asking for help with the inquiry on Friday, long after the vote."
    )
    found = story({"a": letter, "b": retold, "c": stock})
    assert [set(p.articles) for p in found.passages if p.kind == REWRITE] == [{"a", "b"}]


def test_a_copied_attribution_naming_a_participant_does_not_join_another_fact() -> None:
    # "c" reports another event and copies only the stock attribution of "a"'s sentence; the
    # attribution names the Department of Homeland Security ("Homeland" is a participant of
    # the retold letter), but as the source cited, not as someone the letter is about.
    stock = "the Department of Homeland Security said in a statement to reporters"
    letter = (
        "Homeland Security Secretary Kristi Noem sent a letter to Treasury Secretary "
        f"Scott Bessent on Friday, {stock}."
    )
    retold = (
        "In her letter, Homeland Security chief Noem asked Bessent to share the records "
        "with immigration agents."
    )
    raid = f"Agents detained forty people at a warehouse in Ohio, {stock}."
    fill = {
        "a": "The talks went on for weeks before anything was agreed by anyone involved.",
        "b": "Lawyers for the groups said they would keep fighting the plan in the courts.",
        "c": "The raid was the largest in the state this year, local officials told the paper.",
    }
    texts = {"a": letter, "b": retold, "c": raid}
    found = story({k: f"{v}\n\n{fill[k]}" for k, v in texts.items()})
    rewrites = [p for p in found.passages if p.kind == REWRITE]
    assert [set(p.articles) for p in rewrites] == [{"a", "b"}]
    # The same stretch copied with the letter's participant outside the attribution joins.
    copier = (
        "Officials confirmed that Noem sent a letter to Treasury Secretary Scott Bessent on "
        "Friday, weeks after the first request."
    )
    found = story({k: f"{v}\n\n{fill[k]}" for k, v in {**texts, "c": copier}.items()})
    rewrites = [p for p in found.passages if p.kind == REWRITE]
    assert [set(p.articles) for p in rewrites] == [{"a", "b", "c"}]


def test_a_stock_phrase_two_members_share_does_not_unmake_a_third_outlets_retelling() -> None:
    stock = "the Department of Homeland Security said in a statement to reporters"
    letter = (
        "Homeland Security Secretary Kristi Noem sent a letter to Treasury Secretary "
        f"Scott Bessent on Friday, {stock}."
    )
    asked = f"Noem asked Bessent in writing to share the taxpayer records with agents, {stock}."
    retold = "In her letter, Homeland Security chief Noem urged Bessent to hand over the records."
    found = story({"a": letter, "b": asked, "c": retold})
    rewrites = [set(p.articles) for p in found.passages if p.kind == REWRITE]
    assert rewrites == [{"a", "b", "c"}]


def test_wording_two_outlets_copy_inside_a_retold_fact_is_a_passage_within_it() -> None:
    clause = "weeks after the auditors found a gap in the pension fund"
    found = retold_with_a_copied_clause(clause)
    (retold,) = [p for p in found.passages if p.kind == REWRITE]
    assert set(retold.articles) == {"a", "b", "c"}
    (copied,) = shared(found)
    assert copied.within == retold.id and set(copied.articles) == {"a", "b"}
    # The clause ends both sentences: each member keeps the full stop.
    assert [m.text for m in copied.members] == [f"{clause}.", f"{clause}."]
    # Every stretch is counted once: the share, the outlet matrix and single-source runs
    # read the rewrite's members, which hold the clause already.
    for article in found.articles:
        member = retold.member_for(article.id)
        assert member is not None
        total = sum(s.end - s.start for s in article.sentences)
        assert found.stats[article.id].shared == (member.end - member.start) / total
    prov = found.facts.provenance.articles
    a = retold.member_for("a")
    assert a is not None and prov.pair_chars("a", "b") == a.end - a.start
    assert not any(clause in u.text for u in found.unique)
    # The exports say where it lies; a passage of its own is written as before.
    exported = {p["id"]: p for p in to_dict(found)["passages"]}
    assert exported[copied.id]["within"] == retold.id and "within" not in exported[retold.id]
    assert f"shared wording, similarity 1.00, within {retold.id}" in to_markdown(found)
    assert f'shared wording within <a href="#{retold.id}">' in to_html(found)


def test_an_archive_report_counts_nested_wording_once() -> None:
    found = retold_with_a_copied_clause(
        "weeks after the auditors found a gap in the pension fund", dated=True
    )
    (retold,) = [p for p in found.passages if p.kind == REWRITE]
    assert any(p.within == retold.id for p in found.passages)
    reuse = story_figures("s1", found)["reuse"]
    # "b" and "c" retell what "a" had first, each its whole sentence, the clause "b" copies
    # from "a" inside it.
    for later in ("b", "c"):
        member = retold.member_for(later)
        assert member is not None
        assert reuse[later.upper()] == {"A": member.end - member.start}


def test_wording_is_nested_in_rewrites_only() -> None:
    # A passage of close wording shows its word diff already: what its members copy is in it.
    found = retold_with_a_copied_clause("two days before the auditors were due to arrive")
    (retold,) = [p for p in found.passages if p.kind == REWRITE]
    articles = list(found.articles)
    index = build_index(articles, DEFAULT)
    assert len(_nested_wording([retold], articles, index, DEFAULT)) == 1
    close = replace(retold, kind=CLOSE_WORDING)
    assert _nested_wording([close], articles, index, DEFAULT) == []


def joined(found: Story, a: str, b: str, words: str) -> list[str]:
    """The kinds of the passages that join ``words`` of article ``a`` with article ``b``."""
    kinds = []
    for passage in found.passages:
        x, y = passage.member_for(a), passage.member_for(b)
        if x is not None and y is not None and words in x.text:
            kinds.append(passage.kind)
    return kinds


def test_sentences_that_swap_who_did_what_to_whom_share_no_wording() -> None:
    # Eighteen words are the same, but the names trade roles: no shared fact, and no
    # "shared wording" passage may say so.
    said = "In a long report published late on Sunday night, the magazine wrote that"
    tail = "at a ceremony in the old town hall on Friday evening, with few guests"
    kept = "Global Exchange was awarded the prize by Costa Relief"
    swapped = "Costa Relief was awarded the prize by Global Exchange"
    found = story({"a": f"{kept} {tail}.", "b": f"{said} {swapped} {tail}."})
    assert joined(found, "a", "b", "ceremony") == []
    # The same sentences with the roles kept are one piece of shared wording.
    found = story({"a": f"{kept} {tail}.", "b": f"{said} {kept} {tail}."})
    assert joined(found, "a", "b", "ceremony") == [SHARED_WORDING]


def test_a_swap_of_roles_between_unnamed_parties_shares_no_wording() -> None:
    # No capitalised names: the sentence matcher's word-order model sees the swap.
    tail = "for the long delays at the container port on Friday"
    found = story(
        {
            "a": f"The striking dockers blamed the harbour board {tail}.",
            "b": f"The harbour board blamed the striking dockers {tail}.",
        }
    )
    assert joined(found, "a", "b", "container port") == []


def copied(a: str, b: str) -> list[tuple[str, str]]:
    """What ``shared_wording`` finds two whole texts share, as text."""
    return [
        (a[g[0][0] : g[0][1]], b[g[1][0] : g[1][1]])
        for g in shared_wording([a, b], [[(0, len(a))], [(0, len(b))]])
    ]


#: Copied sentences around a swap of roles in the tests below.
_HARBOUR_MEETING = "The harbour board met behind closed doors for most of the long wet afternoon"
_LEASE_COST = "nobody from either side would say what the new lease had cost the town"
_LAST_DAY = "on the last day of the talks, long after the auditors had gone home"


@pytest.mark.parametrize(
    ("x", "y"),
    # "Mr." and "Ms." end no sentence: behind them the swapped words are still names.
    [("Talvik Osembe", "Mirela Varga"), ("Mr. Osembe", "Ms. Varga")],
)
def test_a_copy_across_sentences_is_not_bridged_over_a_swap_of_roles(x: str, y: str) -> None:
    # Three sentences copied, the middle one with its parties swapped: the sentences around
    # it are shared wording, the swapped one shares nothing.
    first = _HARBOUR_MEETING
    last = _LEASE_COST.capitalize()
    tail = _LAST_DAY
    one = f"{first}. {x} signed the lease with {y} {tail}. {last}."
    two = f"{first}. {y} signed the lease with {x} {tail}. {last}."
    assert copied(one, two) == [(f"{first}.", f"{first}."), (f"{last}.", f"{last}.")]
    # With the roles kept the copy is one piece, to the last full stop.
    assert copied(one, one) == [(one, one)]


def test_a_swap_inside_a_copy_that_one_side_runs_into_one_sentence_is_cut_out() -> None:
    # Three sentences copied into one long sentence, the parties of the middle one swapped:
    # its end is in no sentence edge of "b", so only the alignment inside the long sentence
    # shows the middle sentence's counterpart, and the swap.
    first = _HARBOUR_MEETING
    last = _LEASE_COST
    tail = _LAST_DAY
    dockers, pilots = "the striking dockers", "the harbour pilots"
    one = f"{first}. T{dockers[1:]} signed the lease with {pilots} {tail}. N{last[1:]}."
    two = f"{first}, and {pilots} signed the lease with {dockers} {tail}, and {last}."
    found = story({"a": one, "b": two})
    assert joined(found, "a", "b", "auditors") == []
    assert joined(found, "a", "b", "wet afternoon") == [SHARED_WORDING]
    assert joined(found, "a", "b", "new lease") == [SHARED_WORDING]


def test_a_copy_run_into_one_sentence_resumes_after_a_swap_of_named_roles() -> None:
    # The swap's sentence ends in "a" only: the copy resumes where the alignment does, not at
    # "b"'s next sentence end (there is none), so the last sentence stays shared wording.
    first = _HARBOUR_MEETING
    last = _LEASE_COST
    tail = _LAST_DAY
    x, y = "Talvik Osembe", "Mirela Varga"
    one = f"{first}. {x} signed the lease with {y} {tail}. N{last[1:]}."
    two = f"{first}, and {y} signed the lease with {x} {tail}, and {last}."
    assert copied(one, two) == [(first, first), (f"N{last[1:]}.", f"{last}.")]


@pytest.mark.parametrize(
    ("x", "y"),
    # Unnamed parties are cut by the order model, named ones at the stretch's edge.
    [("the striking dockers", "the harbour pilots"), ("Talvik Osembe", "Mirela Varga")],
)
def test_a_swap_is_not_joined_through_a_third_outlets_wording(x: str, y: str) -> None:
    # "a" and "b" swap the parties; "c" tells of others in the same stock words. "c" may share
    # wording with one of them, but no passage may hold the swapped pair together.
    tail = _LAST_DAY
    found = story(
        {
            "a": f"{x[0].upper()}{x[1:]} signed the lease with {y} {tail}.",
            "b": f"{y[0].upper()}{y[1:]} signed the lease with {x} {tail}.",
            "c": f"Weeks earlier, in a room above the fish market, the mayor signed the lease "
            f"with the ferrymen {tail}.",
        }
    )
    assert joined(found, "a", "b", "auditors") == []
    assert SHARED_WORDING in joined(found, "a", "c", "auditors") + joined(
        found, "b", "c", "auditors"
    )


def test_a_copy_whose_figure_was_changed_is_one_piece_with_the_change_in_its_diff() -> None:
    # A disputed figure inside copied wording: one passage, so its word diff shows the change
    # and the figures analysis sees the outlets disagree.
    start = "officials said late on Monday that the storm which swept in from the sea destroyed"
    end = "homes along the northern coast and left thousands of families without power"
    one = f"Fishermen were the first to notice, and {start} 1,240 {end}."
    two = f"Nobody had expected it to be so strong when {start} 1,420 {end}."
    assert copied(one, two) == [(f"{start} 1,240 {end}.", f"{start} 1,420 {end}.")]


def test_a_figure_copied_into_reports_of_two_places_is_not_shared_wording() -> None:
    # "17 people were wounded" in Kabul and in Madrid are two facts in the same words.
    wounded = "at least 17 people were wounded when a car bomb exploded near the main market"
    found = story(
        {
            "a": f"Police in Kabul said {wounded}, hours before the curfew.",
            "b": f"A spokesman for the fire service in Madrid said {wounded} on the square.",
        }
    )
    assert SHARED_WORDING not in joined(found, "a", "b", "car bomb")
    # Reported of one place, the copy is shared wording.
    found = story(
        {
            "a": f"Police in Kabul said {wounded}, hours before the curfew.",
            "b": f"A spokesman for the Kabul fire service said {wounded} on the square.",
        }
    )
    assert joined(found, "a", "b", "car bomb") == [SHARED_WORDING]


def test_a_copy_attributed_to_the_same_name_on_both_sides_is_shared_wording() -> None:
    # "Noem said that <copy>" / "Noem, who ..., told Fox that <copy>": Noem stands on both
    # sides and Fox/Reuters trade nothing, so the sixteen copied words stay one piece.
    copy = (
        "the Treasury would lend hundreds of its criminal investigators to the immigration effort"
    )
    one = (
        "Speaking to Reuters on a windy airfield outside the capital, where protesters had "
        f"gathered since dawn, Noem said that {copy} for a year."
    )
    two = (
        "Noem, who had flown in overnight and looked tired as she took the stage before a "
        f"crowd of supporters, told Fox that {copy} for a year, then left."
    )
    # No full stop: "b"'s sentence goes on after a comma, so the stop is not shared.
    assert copied(one, two) == [(f"that {copy} for a year", f"that {copy} for a year")]


def test_a_figure_copied_under_different_sources_is_still_shared_wording() -> None:
    # The names near the figure are the outlets' sources (Kabul's police; a hospital that told
    # the BBC), not two places the figure counts: the copy stays one passage.
    wounded = "at least 17 people were wounded when a car bomb exploded near the main market"
    found = story(
        {
            "a": f"After a night of rumours, police in Kabul said that {wounded}.",
            "b": f"Doctors at the Emergency hospital, which has treated victims of almost every "
            f"attack in the city for two decades, told the BBC that {wounded}.",
        }
    )
    assert joined(found, "a", "b", "car bomb") == [SHARED_WORDING]


def test_a_copy_does_not_run_over_an_edit_into_the_next_sentence_of_one_side() -> None:
    # "said after the debate." / "said. She called the debate ...": past "said" the two share
    # "the debate" only because the other sentence happens to say it.
    quote = "“These levees protect 80,000 homes, and we cannot afford to lose another spring,”"
    one = f"{quote} Governor Ana Ruiz said after the debate."
    two = f"{quote} Ruiz said. She called the debate “long overdue.”"
    ((first, second),) = copied(one, two)
    assert first.endswith("Governor Ana Ruiz said")
    assert second.endswith("Ruiz said")


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # One side drops the last word of a sentence and its full stop, running two
        # sentences into one.
        (
            "Crews will start work on the north bank of the river. Residents were",
            "Crews will start work on the north bank of the Residents were",
        ),
        # One side adds a first word to the next sentence; the other's ends there too,
        # though its next word has no capital.
        (
            "Crews will start work on the north bank of the river. Then residents were",
            "Crews will start work on the north bank of the river. residents were",
        ),
    ],
)
def test_a_copy_runs_over_an_edit_at_a_sentence_end(one: str, two: str) -> None:
    # The words after the edit are still the copy's.
    ((first, second),) = copied(f"{one} told nothing.", f"{two} angry.")
    assert (first, second) == (one, two)


def test_a_swap_that_moves_a_name_across_an_insertion_is_kept_apart() -> None:
    # The shared words bridge "has sued Harwick Mills" on one side as words added; they are
    # the words the other side has before the copied stretch: moved, so the roles differ.
    tail = "for breach of contract over the failed drainage works at the old mill"
    found = story(
        {
            "a": f"Harwick Mills has sued the Orlen Valley Council {tail}.",
            "b": f"The Orlen Valley Council has sued Harwick Mills {tail}.",
        }
    )
    assert found.passages == ()
    # Both sentences are single-source, and the reader says why they were kept apart.
    reasons = {u.article: [n.kept_apart for n in u.nearest] for u in found.unique}
    assert reasons == {"a": ["names in another order"], "b": ["names in another order"]}


@pytest.mark.parametrize("swapped", [True, False], ids=["roles swapped", "roles kept"])
def test_a_copy_after_a_swap_of_roles_in_sentences_that_go_on_differently_is_kept_apart(
    swapped: bool,
) -> None:
    # The words after "overtook" are the same, but who overtook whom is not, and the
    # sentences end differently, so the swap is diluted in the whole sentences' words.
    copy = "as the largest maker of frozen meals in the country"
    first = "Talvi Foods overtook Marrow Kitchens"
    second = "Marrow Kitchens overtook Talvi Foods" if swapped else first
    found = story(
        {
            "a": f"{first} {copy} in 2021, before losing the position again last year.",
            "b": f"{second} {copy} in the quarter, according to a research firm.",
        }
    )
    if swapped:
        assert found.passages == ()
        reasons = {u.article: [n.kept_apart for n in u.nearest] for u in found.unique}
        assert reasons == {"a": ["names in another order"], "b": ["names in another order"]}
    else:
        (passage,) = found.passages
        assert passage.kind == SHARED_WORDING
        assert {m.text for m in passage.members} == {f"{first} {copy} in"}


@pytest.mark.parametrize("between", ["\n\n", " "], ids=["paragraph break", "same paragraph"])
def test_a_passage_lists_exactly_the_outlets_that_share_its_words(between: str) -> None:
    # Two outlets share a sentence and the quote after it; a third carries only the quote.
    # The clinic sentence is the two outlets', the quote the three's: the two-outlet
    # stretch is cut where the third outlet's begins, whether or not a paragraph ends there.
    clinic = "In all, {} workers were taken to the county clinic, most of them with light burns."
    quote = "We will not restart this line until every inspector on the floor tells me it is safe"
    found = story(
        {
            "a": "A fire broke out at the Kessel paint works on Monday night. "
            + clinic.format(23)
            + f"{between}“{quote},” plant manager Ida Brenn said on Tuesday.",
            "b": "Fire crews spent six hours at the Kessel site in the dark. "
            + clinic.format(26)
            + f"{between}“{quote},” Brenn told reporters.",
            "c": f"Ida Brenn was blunt: “{quote}.” The works employ about 300 people.",
        }
    )
    holding_clinic = [p for p in found.passages if any("clinic" in m.text for m in p.members)]
    assert [[m.article for m in p.members] for p in holding_clinic] == [["a", "b"]]
    (quoted,) = [p for p in found.passages if any("inspector" in m.text for m in p.members)]
    assert [m.article for m in quoted.members] == ["a", "b", "c"]
    assert not any("clinic" in m.text for m in quoted.members)


def test_a_copy_with_a_clause_naming_someone_added_is_still_shared_wording() -> None:
    copy = "would cut the cost of the ferry crossing by a third for families by the summer"
    found = story(
        {
            "a": f"Speaking at the quay on a wet morning, Mayor Osric Dale said the plan {copy}.",
            "b": f"Ferry users cheered when told the plan, drawn up by Vena Holt, {copy}.",
        }
    )
    assert joined(found, "a", "b", "ferry crossing") == [SHARED_WORDING]


@pytest.mark.parametrize("end", ["", " The union added that talks would go on."])
def test_a_sentence_s_last_word_on_one_side_only_is_no_part_of_the_copy(end: str) -> None:
    # "said" ends another sentence in the first text, whose officials said something else:
    # the copy starts where both texts go on alike, at "Operations".
    one = (
        "The government intervened on Friday, two officials said. Operations will resume on "
        "Monday morning at the port" + (f".{end}" if end else ".")
    )
    two = "Port director Ivo Marinov said operations would resume on Monday morning at the port."
    ((first, second),) = copied(one, two)
    assert first.startswith("Operations") and second.startswith("operations")
    # A copy across a sentence edge both texts share keeps both sentences' words.
    both = "the port reopened on Monday morning. Operations will resume slowly, the union said"
    ((first, _),) = copied(f"Officials said {both}.", f"As expected, {both} on Tuesday.")
    assert first == both


def test_a_sentence_passage_comes_back_when_the_copy_it_gave_way_to_is_not_found_again() -> None:
    # The first search bridges the end of the quote (a passage that stays) into the next
    # sentence, whose own words share no four in a row: the copy is not found again once
    # the quote's passage holds its sentence, and the retold sentence must not be lost.
    found = story(
        {
            "a": 'Health Minister Clara Voss said on Tuesday that "no hospital will close this '
            'year, and no patient will be turned away."\n\nThe ministry plans to cut 1,200 '
            "administrative jobs by 2027.",
            "b": '"No hospital will close this year," Voss told parliament, adding that no '
            "patient would be turned away.\n\nThe ministry intends to cut about 1,200 "
            "administrative posts by 2027, officials said.",
        }
    )
    ministry = [p for p in found.passages if "ministry" in p.members[0].text]
    assert [len(p.members) for p in ministry] == [2]
    assert not [u for u in found.unique if "ministry" in u.text]


def test_a_clause_copied_from_a_passages_member_into_single_source_text_is_shared() -> None:
    # The shared-wording search reads what no sentence passage holds, so d's copy of a clause
    # of a's sentence (in a rewrite with c) was lost: d's sentence read single-source.
    story = copied_from_a_rewrite()
    (rewrite,) = [p for p in story.passages if p.kind == REWRITE]
    (copy,) = [p for p in story.passages if p.kind == SHARED_WORDING]
    assert [m.text for m in copy.members] == [COPIED_CLAUSE, COPIED_CLAUSE]
    assert (copy.within, copy.outside) == (rewrite.id, ("d",))
    assert copy.inside_parent("a") and not copy.inside_parent("d")
    assert not any(COPIED_CLAUSE in u.text for u in story.unique)
    # The rest of d's sentence is single-source; the words after the clause are its rest.
    assert any(u.article == "d" and u.text.startswith("Auditors") for u in story.unique)
    # a's clause is counted once, in the rewrite; d's is d's shared text.
    a = story.article("a")
    total = sum(s.end - s.start for s in a.sentences)
    member = rewrite.member_for("a")
    assert member is not None
    assert story.stats["a"].shared == pytest.approx((member.end - member.start) / total)
    assert story.stats["d"].shared > 0
    assert f"within {rewrite.id} for a" in to_markdown(story)
    assert to_dict(story)["passages"][1]["outside"] == ["d"]


def test_a_figure_told_of_another_place_shares_no_wording() -> None:
    # "Police in Chicago told the Tribune that at least 6,935 ..." / "Police in Berlin told
    # ...": two facts in one template, nowhere a copy, whichever search reads them.
    scores = measure(dev_stories(4, seed=0), DEFAULT)
    assert scores.joined_shared["figure"] and not any(scores.joined_shared["figure"])


def test_a_clause_copied_out_of_two_members_is_not_shared_twice_between_them() -> None:
    # a and b share the sentence (close wording); d copies a clause both members hold. The
    # a-b pair shares the clause once, in their passage; d shares it with each of them.
    story = copied_from_close_wording()
    (copy,) = [p for p in story.passages if p.outside]
    assert copy.outside == ("d",) and len(copy.members) == 3
    outlets = story.facts.provenance.outlets
    a_total = outlets.totals[outlets.index("A")]
    assert outlets.pair_chars("A", "B") == a_total  # the whole sentence, once
    assert outlets.pair_chars("A", "D") == len(COPIED_CLAUSE)
    reuse = story_figures("s1", story)["reuse"]
    # a (last) reused b's sentence, the clause in it; d (second) reused b's clause.
    assert reuse["A"] == {"B": a_total}
    assert reuse["D"] == {"B": len(COPIED_CLAUSE)}


def test_a_copy_the_first_search_ran_on_past_a_paragraph_is_still_found() -> None:
    # Both parent articles open their next paragraph with "The": the first search's span
    # runs on to it ("… docks.\n\nThe"), out of the parent's members.
    story = copied_from_close_wording("The talks went on for weeks.", "The raid was large.")
    (copy,) = [p for p in story.passages if p.outside]
    assert [m.text for m in copy.members] == [COPIED_CLAUSE] * 3


@pytest.mark.parametrize(
    ("carriers", "absorb_max_members"), [(6, DEFAULT.absorb_max_members), (3, 1), (3, 4)]
)
def test_a_clause_copied_out_of_a_widely_carried_sentence_is_shared_with_every_carrier(
    carriers: int, absorb_max_members: int
) -> None:
    # The first search reads one member of a passage wider than absorb_max_members: the
    # outlet quoting part of the sentence inside its own shares it with all who carry it.
    sentence = f'"{COPIED_CLAUSE} before winter," port director Talvik Osembe said on Monday.'
    others = [
        "Storm damage closed three piers along the northern shore last week.",
        "Engineers have been working around the clock to restore the cranes.",
        "Residents lined up for hours to ask about the ferry timetable.",
    ]
    texts = {f"c{n}": f"{others[n % 3]}\n\n{sentence}" for n in range(carriers)}
    texts["q"] = f"At a crowded briefing the director vowed {COPIED_CLAUSE}, to applause."
    found = story(texts, replace(DEFAULT, absorb_max_members=absorb_max_members))
    (carried,) = [p for p in found.passages if len(p.members) == carriers and not p.within]
    (copy,) = [p for p in found.passages if p.outside]
    assert (copy.within, copy.outside) == (carried.id, ("q",))
    assert sorted(m.article for m in copy.members) == sorted(texts)
    assert {m.text for m in copy.members} == {COPIED_CLAUSE}
    assert not any(COPIED_CLAUSE in u.text for u in found.unique)


def test_a_carrier_that_words_the_copied_clause_a_little_differently_still_shares_it() -> None:
    # One of six carriers says "four" for "three": the clause is found in its member
    # by a search of its own, not by the inside member's exact words.
    sentence = f'"{COPIED_CLAUSE} before winter," port director Talvik Osembe said on Monday.'
    texts = {f"c{n}": f"Piers {n} and {n + 1} were closed.\n\n{sentence}" for n in range(6)}
    edited = COPIED_CLAUSE.replace("three", "four")
    texts["c5"] = texts["c5"].replace(COPIED_CLAUSE, edited)
    texts["q"] = f"At a crowded briefing the director vowed {COPIED_CLAUSE}, to applause."
    found = story(texts)
    (copy,) = [p for p in found.passages if p.outside]
    assert sorted(m.article for m in copy.members) == sorted(texts)
    assert copy.member_for("c5").text == edited  # type: ignore[union-attr]
