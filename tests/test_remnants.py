"""What is left of a sentence beside shared wording ("grant.", "he said.") is the rest of that
shared sentence, shown with its passage, not a single-source passage; a leftover holding a
figure, a name or a denial the other versions lack is still a claim only one source makes."""

from __future__ import annotations

import json
from dataclasses import replace

from stories import OWN
from stories import two_outlets as story
from textual.widgets import DataTable

from tui.app import StorydiffApp
from tui.core.exporting import to_json, to_markdown
from tui.core.html_report import to_html
from tui.core.model import Document, Story
from tui.core.settings import DEFAULT
from tui.core.story import story_from_documents
from tui.viewmodels.pairing import edges, segments
from tui.widgets.collation import CollationView

COPIED = "the city will pay for the new harbour wall with money from the regional transport fund"


def single_source(s: Story) -> list[str]:
    return [u.text for u in s.unique if u.text not in {*OWN["a"], *OWN["b"]}]


def test_a_few_words_left_of_a_shared_sentence_are_shown_with_its_passage() -> None:
    s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED}, he said.")
    (passage,) = s.passages
    assert single_source(s) == []
    assert {(r.article, r.text, r.passage) for r in s.remnants} == {
        ("a", "Officials say", passage.id),
        ("b", "Critics note that", passage.id),
        ("b", "he said.", passage.id),
    }
    # Counted nowhere as single-source: the article's count is its own sentences alone.
    assert s.stats["b"].unique_passages == len(OWN["b"])
    assert s.rest_note(passage.id).startswith("rest of a shared sentence: ")


def test_the_rest_of_a_shared_sentence_is_cut_from_the_sentences_after_it() -> None:
    # The copy (one count changed, so it is shared wording, not a sentence passage) ends at
    # "the national geophysics institute"; "said." ends the wire's shared sentence and its
    # paragraph goes on with a sentence of its own. The rest is shown with the passage; the
    # sentence after it is single-source on its own, not as "said. Aftershocks …".
    wire = (
        "A magnitude 6.8 earthquake struck off the coast of southern Peru on Tuesday, killing "
        "at least 12 people and damaging hundreds of homes in the port city of Camana, "
        "officials said.\n\nThe quake hit at 4:12 a.m. local time at a depth of 35 km, the "
        "national geophysics institute said. Aftershocks continued through the morning."
    )
    daily = (
        "A magnitude 6.8 earthquake struck off the coast of southern Peru on Tuesday, killing "
        "at least 15 people and damaging hundreds of homes in the port city of Camana, "
        "officials said.\n\nThe quake hit at 4:12 a.m. local time at a depth of 35 km, "
        "according to the national geophysics institute."
    )
    s = story_from_documents(
        [
            Document(id=k, source=f"{k}.txt", raw=v, structured=True)
            for k, v in (("wire", wire), ("daily", daily))
        ]
    )
    assert [(r.article, r.text) for r in s.remnants] == [("wire", "said.")]
    assert [u.text for u in s.unique] == ["Aftershocks continued through the morning."]


def test_a_leftover_with_a_figure_a_name_or_a_denial_stays_single_source() -> None:
    for leftover in ("in 2019.", "seven years late.", "Mayor Kole said.", "did not."):
        s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED} {leftover}")
        assert single_source(s) == [leftover], leftover
        assert len(s.remnants) == 2  # "Officials say", "Critics note that"
    # ...unless the other version has it too: no claim only one source makes.
    s = story(f"Mayor Kole said {COPIED}.", f"Critics note that {COPIED}, Kole said.")
    assert single_source(s) == []


def test_a_leftover_with_a_date_a_time_or_a_denial_verb_stays_single_source() -> None:
    # "on Monday." dates the shared claim; "the mayor denied." is a claim only one outlet
    # makes; a plain attribution ("he said.", "the mayor said.") only says whose words.
    for leftover in (
        "on Monday.",
        "last week.",
        "by noon.",
        "the mayor denied.",
        "officials insisted.",
    ):
        s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED}, {leftover}")
        assert single_source(s) == [leftover], leftover
    for leftover in ("he said.", "the mayor said."):
        s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED}, {leftover}")
        assert single_source(s) == [], leftover


def test_longer_leftovers_and_quoted_words_stay_single_source() -> None:
    longer = "which called the plan a fair deal."
    s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED}, {longer}")
    assert single_source(s) == [longer]
    quoted = "“a good deal.”"
    s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED}, {quoted}")
    assert single_source(s) == [quoted]
    # With the rule off, every leftover is single-source, as it used to be.
    off = story(
        f"Officials say {COPIED}.",
        f"Critics note that {COPIED}, he said.",
        replace(DEFAULT, remnant_words=0),
    )
    assert sorted(single_source(off)) == ["Critics note that", "Officials say", "he said."]


QUOTE = "We will not reopen the harbour wall until every engineer on the site tells me it is safe"


def test_an_attribution_of_a_shared_quote_is_shown_with_its_passage() -> None:
    # Matched by its quoted words alone, a quote leaves who said it, how, to whom, where
    # and when: no claim of its own. The speaker's name is compared in the quotes view.
    for attribution in (
        "Mayor Ines Okoro said at a news conference on Wednesday.",
        "Okoro told reporters.",
    ):
        s = story(f"“{QUOTE},” {attribution}", f"“{QUOTE},” the mayor said.")
        assert single_source(s) == [], attribution
        assert attribution in {r.text for r in s.remnants}
    s = story(f"Mayor Ines Okoro was blunt: “{QUOTE}.”", f"“{QUOTE},” the mayor said.")
    assert single_source(s) == []
    assert "Mayor Ines Okoro was blunt:" in {r.text for r in s.remnants}


def test_an_attribution_that_adds_a_claim_stays_single_source() -> None:
    for attribution in (
        "Mayor Ines Okoro said, adding that the wall had cracked.",
        "Mayor Ines Okoro said after 44 people were hurt.",
        "Okoro told reporters the wall had cracked in two places.",
    ):
        s = story(f"“{QUOTE},” {attribution}", f"“{QUOTE},” the mayor said.")
        assert single_source(s) == [attribution], attribution
    # Beside shared wording that is no quotation, an attribution is a source's own claim.
    s = story(f"Officials say {COPIED}.", f"{COPIED[0].upper()}{COPIED[1:]}, Okoro told reporters.")
    assert single_source(s) == ["Okoro told reporters."]


def test_reports_give_the_rest_with_its_passage_and_leave_it_out_of_the_counts() -> None:
    s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED}, he said.")
    (passage,) = json.loads(to_json(s))["passages"]
    assert [(r["article"], r["text"]) for r in passage["remnants"]] == [
        ("a", "Officials say"),
        ("b", "Critics note that"),
        ("b", "he said."),
    ]
    markdown = to_markdown(s)
    assert "*Rest of a shared sentence: A “Officials say” · B “Critics note that”" in markdown
    assert f"{len(OWN['a']) + len(OWN['b'])} single-source passages." in markdown
    assert "rest of a shared sentence: A “Officials say”" in to_html(s)


async def test_the_reader_shows_the_rest_with_its_passage() -> None:
    s = story(f"Officials say {COPIED}.", f"Critics note that {COPIED}, he said.")
    app = StorydiffApp(s, view="passages")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        unique = app.screen.query_one("#unique", DataTable)
        listed = [str(unique.get_row_at(row)[1]) for row in range(unique.row_count)]
        assert sorted(listed) == sorted([*OWN["a"], *OWN["b"]])
        view = app.screen.query_one(CollationView)
        shown = " ".join(view.line_text(y) for y in range(view.line_count))
        assert "rest of a shared sentence: A “Officials say” · B “Critics note that” · B" in (
            " ".join(shown.split())
        )
    # The article and compare read the sentence whole, its words apart.
    for segment, (head, tail) in zip(
        found := segments(s, s.article("b")), edges(s.article("b").text, found), strict=True
    ):
        if segment.passage is not None:
            assert f"{head}{segment.text}{tail}" == f"Critics note that {COPIED}, he said."
