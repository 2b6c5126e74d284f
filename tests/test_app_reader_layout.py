"""Pilot tests for the reader at small terminals (80x24, 100x30), the removed furniture shown
in place, and provenance in compare's pane titles."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.content import Content
from textual.widgets import DataTable, Static

from tui.app import StorydiffApp
from tui.core.cleaning import clean
from tui.core.loading import load_paths
from tui.core.model import REWRITE, Document, Story
from tui.core.story import SEEDS, story_from_documents
from tui.screens.help import KEY_COLUMN, KEY_GAP, HelpSection
from tui.screens.library import ArticlesTable
from tui.widgets.article import ArticleView
from tui.widgets.blocks import BlockView
from tui.widgets.collation import CollationView
from tui.widgets.compare import CompareView
from tui.widgets.factlist import FactVersions
from tui.widgets.summary import Fact, SummaryLine, fitted

SMALL = ((80, 24), (100, 30))

PARAGRAPH_1 = (
    "The Harbor Street bridge will close to all traffic on April 1 for three months of "
    "repairs, the city said on Friday."
)
PARAGRAPH_2 = (
    "Workers will replace the deck and repaint the steel, officials told reporters at a briefing."
)
PARAGRAPH_3 = (
    "The detour adds ten minutes to most trips across the river, according to the transport office."
)
#: A share bar and an audio player's clock between the first two paragraphs.
RAW = (
    f"Harbor bridge to close\n\n{PARAGRAPH_1}\n\nShare and Follow\n0:00\n\n"
    f"{PARAGRAPH_2}\n\n{PARAGRAPH_3}"
)


def bridge_story() -> Story:
    documents = [
        Document("a", "a.txt", RAW, outlet="Coastal Ledger", url="https://ledger.example/b"),
        Document(
            "b",
            "b.txt",
            f"{PARAGRAPH_1}\n\nThe mayor called the work overdue and long promised to residents.",
            outlet="Metro Daily",
            date="2025-03-14",
            author="Maria Okafor",
            url="https://metro.example/news/bridge",
        ),
    ]
    return story_from_documents(documents)


def test_the_cleaner_says_where_it_removed_each_block() -> None:
    cleaned = clean(Document("a", "a.txt", RAW))
    assert cleaned.removed == ("Share and Follow\n0:00",)
    # The block stood before the second paragraph.
    (at,) = cleaned.removed_at
    assert cleaned.text[at:].startswith(PARAGRAPH_2)


async def test_f_shows_the_removed_furniture_where_it_was_line_by_line() -> None:
    story = bridge_story()
    app = StorydiffApp(story)
    app.state = replace(app.state, article="a")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(ArticleView)

        def lines() -> list[str]:
            return [view.line_text(i).rstrip() for i in range(view.line_count)]

        assert not any("Share and Follow" in line for line in lines())
        await pilot.press("f")
        await pilot.pause()
        shown = lines()
        share = next(i for i, line in enumerate(shown) if "Share and Follow" in line)
        # As it was: two lines, not joined into "Share and Follow 0:00".
        assert shown[share].split() == ["cut", "Share", "and", "Follow"]
        assert shown[share + 1].strip() == "0:00"
        # In place: after the first paragraph, before the second.
        first = next(i for i, line in enumerate(shown) if "Harbor Street bridge" in line)
        second = next(i for i, line in enumerate(shown) if "Workers will replace" in line)
        assert first < share < second
        # And shown on screen, not only somewhere below the text.
        assert view.scroll_y <= share < view.scroll_y + view.size.height
        await pilot.press("f")
        assert not any("Share and Follow" in line for line in lines())


async def test_compare_row_headers_wrap_at_a_word_on_small_terminals(seeds_story: Story) -> None:
    # The pair whose first row is the widely retold rewrite: its header is the longest.
    rewrite = next(p for p in seeds_story.passages if p.kind == REWRITE)
    left, right = rewrite.members[0].article, rewrite.members[1].article
    vocabulary = {"rewrite", "the", "same", "fact", "in", "other", "words", "outlets"}
    body = {w for a in seeds_story.articles for w in re.findall(r"\w+", a.text.lower())}
    cuts = {word[:n] for word in vocabulary for n in range(2, len(word)) if word[:n] not in body}
    for size in SMALL:
        app = StorydiffApp(seeds_story, view="compare", left=left, right=right)
        async with app.run_test(size=size):
            view = app.screen.query_one(CompareView)
            seen = set()
            for y in range(view.line_count):
                for side in view.line_text(y).split(" │ "):
                    seen.update(w.lower() for w in re.findall(r"\w+", side))
            # Every word of a row's meaning is whole: "other", never "oth".
            assert {"rewrite", "fact", "other", "words"} <= seen, size
            assert not seen & cuts, (size, seen & cuts)


async def test_every_view_shows_its_position_first_and_help_and_quit(seeds_story: Story) -> None:
    for size in SMALL:
        app = StorydiffApp(seeds_story)
        async with app.run_test(size=size) as pilot:
            for key, title, position in (
                ("1", "#summary", r"storydiff  article 1/5 "),
                ("2", "#compare-title", r"Compare  row \d+/\d+ · difference \d+/\d+"),
                ("3", "#passages-title", r"Passages  passage 1/\d+"),
            ):
                await pilot.press(key)
                await pilot.pause()
                line = str(app.screen.query_one(title, Static).render())
                assert re.match(position, line), (size, line)
                footer = app.screen.query_one("Footer")
                shown = " ".join(str(item.render()) for item in footer.query("FooterKey")) or str(
                    footer.render()
                )
                assert "Help" in shown and "Quit" in shown, (size, key, shown)
            await pilot.press("1", "down")
            line = str(app.screen.query_one("#summary", Static).render())
            assert line.startswith("storydiff  article 2/5"), line


async def test_compare_pane_titles_give_date_author_and_url() -> None:
    story = bridge_story()
    app = StorydiffApp(story, view="compare", left="a", right="b")
    async with app.run_test(size=(100, 30)):
        left = str(app.screen.query_one("#left-title", Static).render())
        right = str(app.screen.query_one("#right-title", Static).render())
        assert "Coastal Ledger" in left and "date unknown" in left
        assert "ledger.example/b" in left
        assert "Metro Daily" in right and "2025-03-14" in right and "Maria Okafor" in right
        assert "metro.example/news/bridge" in right


async def test_version_labels_wrap_at_a_word_in_a_narrow_passages_view(
    seeds_story: Story,
) -> None:
    rewrite = next(p for p in seeds_story.passages if p.kind == REWRITE)
    app = StorydiffApp(seeds_story, view="passages")
    app.state = replace(app.state, passage=rewrite.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        assert view.passage is rewrite
        lines = [view.line_text(y).strip(" ▌") for y in range(view.line_count)]
        text = " ".join(lines)
        # Each version's label is whole: "the same fact in other words", never "the sam…".
        assert "…" not in text
        assert text.count("the same fact in other words") >= 1


async def test_a_passages_view_under_80_columns_shows_lists_or_versions_whole(
    seeds_story: Story,
) -> None:
    app = StorydiffApp(seeds_story, view="passages")
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        lists, versions = app.screen.query_one("#lists"), app.screen.query_one(CollationView)
        assert lists.display and not versions.display
        # The lists take the whole width, so the Text column says something.
        assert lists.region.width == 60
        await pilot.press("enter")
        await pilot.pause()
        assert versions.display and not lists.display and versions.has_focus
        assert versions.region.width == 60
        assert versions.passage is seeds_story.passages[0]
        # Lines as wide as the screen: no version is squeezed into a sliver.
        assert max(len(versions.line_text(y)) for y in range(versions.line_count)) > 50
        await pilot.press("u")
        await pilot.pause()
        assert lists.display and not versions.display
        assert app.screen.query_one("#unique").has_focus
    app = StorydiffApp(seeds_story, view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lists, versions = app.screen.query_one("#lists"), app.screen.query_one(CollationView)
        assert lists.display and versions.display
        assert lists.region.right <= versions.region.x


def test_a_summary_line_shortens_its_facts_before_it_cuts_them() -> None:
    head = Content("Quotes  quote 1/20")
    facts: list[Fact] = [("2 carried by two or more outlets", "2 shared"), ("1 cut", "")]
    assert (
        fitted(head, facts, 80).plain
        == "Quotes  quote 1/20   2 carried by two or more outlets · 1 cut"
    )
    assert fitted(head, facts, 40).plain == "Quotes  quote 1/20   2 shared"
    assert fitted(head, [*facts, "3 more"], 36).plain == "Quotes  quote 1/20   2 shared …"
    assert fitted(head, facts, 10).plain == "Quotes  quote 1/20"  # the position stays whole


def test_a_summary_fact_can_shorten_in_steps() -> None:
    head = Content("Compare  row 1/9")
    order = "in Fox News's order"
    facts: list[Fact] = [("3 only left", "3 left"), (order, order, "◀ order")]
    assert fitted(head, facts, 52).plain == "Compare  row 1/9   3 only left · in Fox News's order"
    assert fitted(head, facts, 51).plain == "Compare  row 1/9   3 left · in Fox News's order"
    assert fitted(head, facts, 46).plain == "Compare  row 1/9   3 left · ◀ order"
    assert fitted(head, facts, 34).plain == "Compare  row 1/9   3 left …"


async def test_compare_title_says_every_count_short_at_80_columns(seeds_story: Story) -> None:
    """Every pair of the seeds: the counts and the order, never "…"; a toggle's
    hidden count, then a search's position, shows in place of the one-side counts."""
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#compare-title", SummaryLine)
        for _ in range(len(seeds_story.articles)):
            for _ in range(len(seeds_story.articles) - 1):
                await pilot.press("]")
                await pilot.pause()
                line = title.render().plain
                assert cell_len(line) <= title.content_size.width
                assert re.search(r"\d+ shared · \d+ left · \d+ right · ◀ order$", line), line
            await pilot.press("[")
        await pilot.press("o")
        await pilot.pause()
        assert re.search(r"\d+ left · \d+ right · ▶ order$", title.render().plain)
        await pilot.press("s")
        await pilot.pause()
        assert re.search(r"\d+ shared · \d+ hidden · . order$", title.render().plain)
        await pilot.press("s", "i")
        await pilot.pause()
        assert re.search(r"\d+ shared · \d+ identical hidden · . order$", title.render().plain)
        # A search's position joins the head: the one-side counts give way to it.
        await pilot.press("i", "slash", *"Bessent", "enter")
        await pilot.pause()
        line = title.render().plain
        assert re.match(r"Compare  match 1/\d+ · row \d+/\d+ · .* \d+ shared · ▶ order$", line)


async def test_compare_title_keeps_both_toggles_and_a_search_at_80_columns(
    seeds_story: Story,
) -> None:
    """With ``s`` and ``i`` both on, the title cut "0 identical hidden" off ("29 hidden …"),
    so a user could not see the second toggle was on; the shared count gives way to it (with
    ``s`` on, the row count says it), and beside a search "identical" shortens."""
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#compare-title", SummaryLine)
        await pilot.press("s", "i")
        await pilot.pause()
        line = title.render().plain
        assert re.search(r"  \d+ hidden · \d+ identical hidden · ◀ order$", line), line
        await pilot.press("slash", *"IRS", "enter")
        await pilot.pause()
        line = title.render().plain
        assert cell_len(line) <= title.content_size.width
        assert re.match(r"Compare  match \d+/\d+ · row \d+/\d+ · difference \d+/\d+ ", line)
        assert re.search(r"  \d+ hidden · \d+ ident\. hidden( …| · ◀ order)$", line), line


async def test_the_library_keeps_the_outlets_count_beside_its_order_at_80_columns(
    seeds_story: Story,
) -> None:
    """``s`` sorts: "sorted by shared %, highest first" pushed "5 outlets" out of the line;
    the order's short form ("by shared %") leaves room for it."""
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = app.screen.query_one("#summary", SummaryLine)
        for column in ("shared %", "date", "outlet", "words"):
            await pilot.press("s")
            await pilot.pause()
            line = summary.render().plain
            assert cell_len(line) <= summary.content_size.width
            counts = f"{len(seeds_story.passages)} shared · {len(seeds_story.unique)} single-source"
            assert line.endswith(f"5 outlets · {counts} · by {column}"), line


async def test_the_library_shows_the_column_it_is_sorted_by_at_80_columns(
    seeds_story: Story,
) -> None:
    """At 80 columns Shared, Date and Words give way to the titles; sorted by one of them,
    the rows looked unsorted, so the sorted column stays and another gives way."""
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#articles", ArticlesTable)
        assert not {"shared", "date", "words"} & set(table.shown)
        for column in ("shared", "date", "outlet", "words"):
            await pilot.press("s")
            await pilot.pause()
            assert column in table.shown, (column, table.shown)
            header = " ".join(str(c.label) for c in table.columns.values())
            assert "▾" in header
        await pilot.press("s")  # back to file order: the titles have the room again
        await pilot.pause()
        assert not {"shared", "date", "words"} & set(table.shown)


async def test_toasts_do_not_cover_the_text_being_read(
    seeds_story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80x24 Textual's toasts stood four lines tall above the footer, over the article's
    or compare's last lines; they are one line over the footer now."""
    monkeypatch.chdir(tmp_path)  # a screenshot saved here is named by its file alone
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        shown, hidden, search = ("1", "f"), ("f",), ("3", "slash", *"Noem", "enter")
        for keys in (shown, hidden, ("2", "ctrl+s"), ("2", "i"), search):
            app.clear_notifications()
            await pilot.press(*keys)
            await pilot.pause(0.2)
            toasts = list(app.screen.query("Toast"))
            assert toasts, keys
            reading = [*app.screen.query(BlockView), *app.screen.query(DataTable)]
            for toast in toasts:
                assert toast.region.height == 1, (keys, toast.region)
                for widget in reading:
                    assert not toast.region.overlaps(widget.region), (keys, widget)
        # Pressed on and on at the last difference: one toast, not a stack rising over the text.
        await pilot.press("2", "G", *"dddddd")
        await pilot.pause(0.2)
        assert len(app.screen.query("Toast")) == 1


async def test_startup_problems_take_one_line_over_the_footer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file not loaded and each notice was a titled toast of two lines; four stacked
    over the library's table at 80x24 for 5 seconds. One line says how many, ``!`` lists."""
    # The toast lives 5 s; on a loaded machine the build may take longer than that. What is
    # asserted is its shape and place, so it is kept until the test looks at it.
    notify = StorydiffApp.notify

    def lasting(self: StorydiffApp, message: str, **options: object) -> None:
        notify(self, message, **{**options, "timeout": 60})  # type: ignore[arg-type]

    monkeypatch.setattr(StorydiffApp, "notify", lasting)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "seeds" / "old.txt").write_bytes(b"Caf\xe9 owners say \x93no\x94 to rent.\n")
    (tmp_path / "seeds" / "empty.txt").write_text("")
    loaded = load_paths([tmp_path / "seeds", tmp_path / "gone.txt", tmp_path / "lost.md"])
    assert sorted(p.notice for p in loaded.problems) == [False, False, False, True]
    app = StorydiffApp(documents=loaded.documents, problems=loaded.problems)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        toasts = list(app.screen.query("Toast"))
        assert len(toasts) == 1
        assert toasts[0].region.height == 1
        assert "3 files not loaded, 1 notice · ! to list them" in str(toasts[0].render())
        table = app.screen.query_one(DataTable)
        assert not toasts[0].region.overlaps(table.region)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_single_source_count_reads_the_same_in_library_and_passages(
    seeds_story: Story, size: tuple[int, int]
) -> None:
    """The library said "55 single-source" where the passages view said "55 in one source"
    (or "55 found in one source only"): one count, two names for it."""
    single = len(seeds_story.unique)
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=size) as pilot:
        said = []
        for key, title in (("1", "#summary"), ("3", "#passages-title")):
            await pilot.press(key)
            await pilot.pause()
            line = app.screen.query_one(title, SummaryLine).render().plain
            assert "one source" not in line, line
            found = re.search(rf"\b{single} single-source( passages)?\b", line)
            assert found, (key, line)
            said.append(found.group())
        # The long form where the line has room for it, the short one where not.
        assert said[0] == said[1] or size == (80, 24), said


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_single_source_text_is_named_so_in_every_heading(
    seeds_story: Story, size: tuple[int, int]
) -> None:
    """The summaries said "56 single-source" while the library's column read "Only here",
    the passages list and the reports "Found in one source only": one kind of text, three
    names. Every heading, key and report section now says "single-source"."""
    from tui.core.exporting import to_markdown
    from tui.core.html_report import to_html

    def old_words(text: str) -> bool:
        return bool(re.search(r"only here|one source only", text, re.IGNORECASE))

    app = StorydiffApp(seeds_story)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = " ".join(str(c.label) for c in app.screen.query_one(DataTable).columns.values())
        assert "Single-source" in header and not old_words(header), header
        await pilot.press("3")
        await pilot.pause()
        title = str(app.screen.query_one("#unique-title", Static).render())
        assert title.startswith("Single-source passages"), title
        footer = app.screen.query_one("Footer")
        keys = " ".join(str(item.render()) for item in footer.query("FooterKey"))
        assert "Single-source" in keys and not old_words(keys), keys
    report = to_markdown(seeds_story)
    assert "## Single-source passages" in report and not old_words(report)
    page = to_html(seeds_story)
    assert ">Single-source passages</h2>" in page and not old_words(page)


async def test_every_summary_line_fits_the_terminal_whole(seeds_story: Story) -> None:
    titles = {
        "1": "#summary",
        "2": "#compare-title",
        "3": "#passages-title",
        "4": "#facts-title",
        "5": "#facts-title",
        "6": "#outlets-title",
    }
    for size in SMALL:
        app = StorydiffApp(seeds_story)
        async with app.run_test(size=size) as pilot:
            for key, title in titles.items():
                await pilot.press(key)
                await pilot.pause()
                widget = app.screen.query_one(title, SummaryLine)
                line = widget.render()
                assert line.cell_length <= widget.content_size.width, (size, line.plain)
                if key in "2345":  # short enough to say every count at 80 columns
                    assert "…" not in line.plain, (size, line.plain)
            await pilot.press("4")
            await pilot.pause()
            line = str(app.screen.query_one("#facts-title", SummaryLine).render())
            assert all(word in line for word in ("shared", "reworded", "speakers", "cut")), line


async def test_the_library_says_files_not_loaded_at_80_columns(tmp_path: Path) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "broken.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "windows.txt").write_bytes("\x93Quoted,\x94 she said. It rained.".encode("latin-1"))
    loaded = load_paths([tmp_path])
    story = story_from_documents(loaded.documents, loaded.problems)
    app = StorydiffApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#summary", SummaryLine).render().plain
        # The outlets give way (the table lists them); what failed to load never does.
        assert line.endswith("single-source · 1 not loaded · 1 notice"), line


async def test_passages_title_says_which_list_the_cursor_is_in(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#passages-title", SummaryLine)
        single, shared = len(seeds_story.unique), len(seeds_story.passages)
        assert str(title.render()).startswith(f"Passages  passage 1/{shared}")
        await pilot.press("u", "down", "down")
        await pilot.pause()
        assert str(title.render()).startswith(f"Passages  single-source 3/{single}")
        await pilot.press("v")  # the versions pane shows that passage still
        await pilot.pause()
        assert str(title.render()).startswith(f"Passages  single-source 3/{single}")
        await pilot.press("s")
        await pilot.pause()
        assert str(title.render()).startswith(f"Passages  passage 1/{shared}")


async def test_figures_at_80x24_show_every_version_of_a_group_one_line_each(
    seeds_story: Story,
) -> None:
    group = seeds_story.facts.figure_groups[0]  # the IRS disagreement, four outlets
    labels = [seeds_story.article(f.article).label for f in group.figures]
    app = StorydiffApp(seeds_story, view="figures")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        versions = app.screen.query_one(FactVersions)

        def shown() -> str:
            return "\n".join(versions.render_line(y).text for y in range(versions.size.height))

        assert all(f"{label} ¶" in shown() for label in labels), shown()
        # The highlighted version's sentence in full, the others' headings only.
        assert "roughly 100,000 employees" in shown()
        assert "forensic accounting" not in shown()
        await pilot.press("v", "down", "down")
        await pilot.pause()
        assert "forensic accounting" in shown()  # Breitbart's sentence
        assert "roughly 100,000 employees" not in shown()
        assert all(f"{label} ¶" in shown() for label in labels), shown()


async def test_help_wraps_a_long_meaning_under_itself_not_under_the_keys(
    seeds_story: Story,
) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        sections = list(app.screen.query(HelpSection))

        def lines(section: HelpSection) -> list[str]:
            return [section.render_line(y).text.rstrip() for y in range(section.size.height)]

        legend = lines(sections[-1])
        assert legend[0].strip() == "Reading the screen"
        tint = next(i for i, line in enumerate(legend) if "a passage 3 outlets carry" in line)
        # "… (more outlets, deeper tint)" goes on in the meanings' column.
        assert re.match(rf" {{{2 + KEY_COLUMN}}}\S", legend[tint + 1]), legend
        assert all(line.startswith("  ") for line in legend[1:]), legend
        # A term wider than the column stands on a line of its own, its meaning in the column.
        wide = next(i for i, line in enumerate(legend) if "words · speaker · cut" in line)
        assert legend[wide].strip() == "words · speaker · cut", legend
        assert re.match(rf" {{{2 + KEY_COLUMN}}}Quotes:", legend[wide + 1]), legend
        # A section of short keys gives its meanings the room the keys leave.
        library = lines(sections[0])
        assert library[0].strip() == "Library (1)"
        assert sections[0].column == len("⏎  c") + KEY_GAP
        assert library[1].endswith("Compare the selected article with the one it shares most")


async def test_quotes_at_80x24_show_every_outlets_heading_and_one_text(seeds_story: Story) -> None:
    group = seeds_story.facts.quote_groups[0]  # the Noem letter, three outlets
    labels = [seeds_story.article(v.quote.article).label for v in group.versions]
    app = StorydiffApp(seeds_story, view="quotes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        versions = app.screen.query_one(FactVersions)
        shown = "\n".join(versions.render_line(y).text for y in range(versions.size.height))
        assert all(f"{label} ¶" in shown for label in labels), shown
        assert shown.count("understanding that the Department") == 1, shown  # the fullest's
        # A version's warning comes before its speaker, so it shows whole on its first line.
        assert "Fox News ¶7 · ⚠ words changed inside the quote" in shown, shown
