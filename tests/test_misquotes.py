"""A misquote shows wherever the quote shows: a quotation with a word changed, attributed in
other words, is one passage of close wording whose diff shows the change, in the story, every
export and the passages view, and no part of it is left "only in" the outlet that changed it."""

from __future__ import annotations

import json

import pytest

from tui.app import StorydiffApp
from tui.core.exporting import to_json, to_markdown
from tui.core.html_report import to_html
from tui.core.model import CLOSE_WORDING, Document, Passage, Story
from tui.core.story import story_from_documents
from tui.widgets.collation import CollationView

QUOTE = "These levees protect 80,000 homes, and we cannot afford to lose another {}"
#: One outlet changes "spring" to "season" and says "the governor"; one quotes it right and
#: goes on with a sentence of "She" ("She called the debate ...").
OUTLETS = {
    "ledger": (
        "The state senate passed the flood defence bill on Thursday after a long debate.\n\n"
        f"“{QUOTE.format('spring')},” Governor Ana Ruiz said after the debate.\n\n"
        "The bill now goes to the lower house."
    ),
    "tribune": (
        "Lawmakers argued for six hours before the final vote was taken.\n\n"
        f'"{QUOTE.format("season")}," the governor told reporters.\n\n'
        "Critics said the plan was far too expensive for a small state."
    ),
    "wire": (
        "The state senate passed the flood defence bill on Thursday after a long debate.\n\n"
        f"“{QUOTE.format('spring')},” Ruiz said. She called the debate “long overdue.”"
    ),
    # The changed word again, attributed before the quote.
    "courant": (
        "A long night in the state senate ended with a clear result.\n\n"
        f"Governor Ana Ruiz said: “{QUOTE.format('season')}.”"
    ),
}


def story(*outlets: str) -> Story:
    documents = [
        Document(id=k, source=f"{k}.txt", raw=OUTLETS[k], structured=True) for k in outlets
    ]
    return story_from_documents(documents)


def the_quote(found: Story) -> Passage:
    (passage,) = [p for p in found.passages if "levees" in p.members[0].text]
    return passage


@pytest.mark.parametrize(
    "outlets",
    [
        ("ledger", "tribune"),
        ("ledger", "tribune", "wire"),
        ("courant", "ledger", "tribune", "wire"),
    ],
)
def test_a_word_changed_in_a_quote_attributed_otherwise_is_close_wording(
    outlets: tuple[str, ...],
) -> None:
    found = story(*outlets)
    passage = the_quote(found)
    assert passage.kind == CLOSE_WORDING
    assert passage.articles == tuple(sorted(outlets))
    member = passage.member_for("tribune")
    assert member is not None and 'another season," the governor told reporters.' in member.text
    base = passage.members[passage.base].text
    changed = {
        frozenset((base[op.a_start : op.a_end], m.text[op.b_start : op.b_end]))
        for m, diff in zip(passage.members, passage.diffs, strict=True)
        for op in diff
        if op.change.value != "equal" and not op.minor
    }
    assert frozenset(("spring", "season")) in changed
    # Nothing of the quote is "only in" the outlet that changed it.
    assert not any("season" in u.text or "governor" in u.text for u in found.unique)


def test_the_misquote_shows_in_every_export() -> None:
    found = story("ledger", "tribune", "wire")
    markdown = to_markdown(found)
    shared = markdown.split("## Shared passages")[1].split("## Quotes")[0]
    assert "<del>spring</del> <ins>season</ins>" in shared
    html = to_html(found)
    passages = html.split('id="passages"')[1].split('id="quotes"')[0]
    assert "<del>spring</del> <ins>season</ins>" in passages
    exported = json.loads(to_json(found))
    (quote,) = [p for p in exported["passages"] if "levees" in p["members"][0]["text"]]
    assert quote["kind"] == CLOSE_WORDING
    tribune = next(m for m in quote["members"] if m["article"] == "tribune")
    assert any(c["text"] == "season" and not c["minor"] for c in tribune["changes"])


async def test_the_misquote_shows_in_the_passages_view() -> None:
    app = StorydiffApp(story("ledger", "tribune", "wire"), view="passages")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        assert view.passage is not None and view.passage.kind == CLOSE_WORDING
        texts = [view.block_text(i) for i in range(view.block_count())]
        assert any("another spring season" in text for text in texts)  # struck, then its own
