from pathlib import Path

import pytest

from tui.core.cleaning import clean, sanitize
from tui.core.model import Document
from tui.core.story import build_story, story_from_documents


def test_sanitize_removes_terminal_control_but_keeps_text() -> None:
    raw = "Red \x1b[31mALERT\x1b[0m [bold]x[/] \x07bell\x00 \u202eevil\u202c 中文 🙂 שלום\r\nnext"
    assert sanitize(raw) == "Red ALERT [bold]x[/] bell evil 中文 🙂 שלום\nnext"


def article(raw: str) -> Document:
    return Document(id="x", source="x.txt", raw=raw)


def test_general_page_furniture_on_an_unseen_layout() -> None:
    raw = "\n".join(
        [
            "Council approves new bridge budget",
            "By Jane Doe",
            "Published 3 hours ago",
            "Share on Facebook",
            "1:24 / 3:05",
            "The city council approved a budget for the new bridge on Tuesday.",
            "Officials said construction will begin in March.",
            "A view of the river crossing. (AP Photo/John Smith)",
            "Mayor Lee called it a historic day.",
            "Related Coverage",
            "Storm knocks out power across the county",
            "Local team wins the championship game…",
        ]
    )
    cleaned = clean(article(raw))
    assert cleaned.title == "Council approves new bridge budget"
    assert cleaned.text.split("\n\n") == [
        "The city council approved a budget for the new bridge on Tuesday.",
        "Officials said construction will begin in March.",
        "Mayor Lee called it a historic day.",
    ]
    removed = "\n".join(cleaned.removed)
    for furniture in (
        "By Jane Doe",
        "Share on Facebook",
        "1:24 / 3:05",
        "AP Photo",
        "Storm knocks",
    ):
        assert furniture in removed


def test_date_prefix_becomes_the_date() -> None:
    cleaned = clean(article(" date 2025-02-10 The story starts here. It goes on."))
    assert cleaned.date == "2025-02-10"
    assert cleaned.text == "The story starts here. It goes on."
    assert cleaned.title is None


def test_seed_furniture_is_removed_but_kept() -> None:
    story = build_story(["seeds"])
    bodies = " ".join(a.text for a in story.articles)
    removed = " ".join(r for a in story.articles for r in a.removed)
    for furniture in (
        "You May Also Like",
        "UC Berkeley professor",
        "Historic Lodge at Grand Canyon",
        "Share and Follow",
        "0:00",
        "is a reporter for The Epoch Times",
        "Last Updated on",
        "MarsLink News",
    ):
        assert furniture not in bodies, furniture
        assert furniture in removed, furniture
    # The story itself survives.
    assert "It is DHS.’s understanding" in bodies
    assert "Tom Ozimek" not in bodies


SCRAPES = Path(__file__).parent / "data" / "scrapes"


def cleaned_scrape(name: str) -> tuple[list[str], str]:
    raw = (SCRAPES / name).read_text(encoding="utf-8")
    cleaned = clean(Document(id=name, source=name, raw=raw))
    return cleaned.text.split("\n\n"), "\n".join(cleaned.removed)


def test_inline_read_more_links_do_not_swallow_the_story() -> None:
    kept, removed = cleaned_scrape("blog.txt")
    assert len(kept) == 5
    assert kept[-1] == "Supporters said the vote was long overdue."
    assert "Parking fight heats up" in removed and "Posted by Jamie Rivera" in removed


def test_list_items_and_a_last_line_without_full_stop_are_story() -> None:
    kept, _ = cleaned_scrape("list.txt")
    assert "- Landlords must give tenants a yearly statement of rent paid" in kept
    assert kept[-1].startswith("Critics said the credit would cost")


def test_prose_that_mentions_credits_or_reporters_is_kept() -> None:
    kept, removed = cleaned_scrape("pull.txt")
    assert any(p.startswith("Getty Images bought the rights") for p in kept)
    assert any(p.startswith("The governor, who was an investigative journalist") for p in kept)
    assert "The town council will meet on Thursday to discuss the timeline." in kept
    # The pull quote repeats words of an earlier paragraph: furniture.
    assert "“We are tired of being told to wait.”" in removed


def test_wire_story_keeps_sources_and_drops_bylines() -> None:
    kept, removed = cleaned_scrape("wire.txt")
    assert any("according to AFP." in p for p in kept)
    assert any(p.startswith("Schumer, who was a reporter") for p in kept)
    assert kept[-1] == "The bill now goes to the White House"
    assert "By Lisa Mascaro" in removed and "Updated 9:14 PM EST" in removed
    assert "contributed to this report" in removed


WRAPPED_PARAGRAPHS = [
    "The city council voted on Tuesday to close the Harbor Street bridge for three months of"
    " repairs, a decision that officials said could not wait any longer after inspectors"
    " found cracks in two of its steel supports.",
    "Traffic will be sent over the Main Street crossing, which engineers expect to carry about"
    " twice its usual load. Buses will keep their routes but add ten minutes to each trip.",
    "Mayor Lee said the work would begin on April 1 and end before the summer festival.",
]


def test_hard_wrapped_text_is_unwrapped_into_its_paragraphs() -> None:
    import textwrap

    for width in (60, 72, 80):
        raw = "Bridge to close for repairs\n\n" + "\n\n".join(
            textwrap.fill(p, width) for p in WRAPPED_PARAGRAPHS
        )
        cleaned = clean(article(raw))
        assert cleaned.title == "Bridge to close for repairs"
        assert cleaned.text.split("\n\n") == WRAPPED_PARAGRAPHS, width


def test_wrapped_text_without_blank_lines_ends_paragraphs_at_short_lines() -> None:
    import textwrap

    raw = "\n".join(textwrap.fill(p, 70) for p in WRAPPED_PARAGRAPHS)
    assert clean(article(raw)).text.split("\n\n") == WRAPPED_PARAGRAPHS


def test_offsets_slice_the_unwrapped_text() -> None:
    import textwrap

    from tui.core.story import make_article

    raw = "\n\n".join(textwrap.fill(p, 64) for p in WRAPPED_PARAGRAPHS)
    made = make_article(article(raw))
    assert [made.text[p.start : p.end] for p in made.paragraphs] == WRAPPED_PARAGRAPHS
    assert made.text[made.sentences[1].start : made.sentences[1].end] == (
        "Traffic will be sent over the Main Street crossing, which engineers expect to carry"
        " about twice its usual load."
    )


def test_lines_of_unwrapped_text_stay_lines() -> None:
    raw = "\n".join(WRAPPED_PARAGRAPHS)  # one paragraph per line, no wrapping
    assert clean(article(raw)).text.split("\n\n") == WRAPPED_PARAGRAPHS


def test_headline_only_articles_keep_their_text() -> None:
    for raw in (
        "England captain Strauss retires from cricket\n",
        "Breaking news\n\nEngland captain Strauss retires from cricket",
    ):
        cleaned = clean(article(raw))
        assert cleaned.text == "England captain Strauss retires from cricket", raw


def test_date_after_a_title_line_is_metadata() -> None:
    body = "The council voted on Tuesday to close the bridge for repairs."
    same_line = clean(article(f"Bridge to close\n date 2025-03-02 {body}\n"))
    own_line = clean(article(f"Bridge to close\n\ndate 2025-03-02\n\n{body}\n"))
    for cleaned in (same_line, own_line):
        assert (cleaned.title, cleaned.date, cleaned.text) == (
            "Bridge to close",
            "2025-03-02",
            body,
        )
        assert cleaned.removed == ()


def test_line_and_paragraph_separators_break_lines() -> None:
    assert sanitize("one\u2028two\u2029three\x85four") == "one\ntwo\n\nthree\nfour"


def test_chinese_japanese_and_thai_articles_keep_their_text() -> None:
    texts = {
        "zh": "市长周一表示，海港街大桥将关闭三个月进行维修。维修工作将于四月一日开始，"
        "夏季节日之前结束。公交线路不变，但每趟车程将增加十分钟。",
        "ja": "市長は月曜日、港通りの橋を修理のため三か月間閉鎖すると述べた。工事は四月一日に"
        "始まり、夏祭りの前に終わる。バスの路線は変わらない。",
        "th": "นายกเทศมนตรีกล่าวเมื่อวันจันทร์ว่าสะพานถนนฮาร์เบอร์จะปิดซ่อมเป็นเวลาสามเดือน "
        "การซ่อมแซมจะเริ่มในวันที่หนึ่งเมษายนและเสร็จก่อนเทศกาลฤดูร้อน",
    }
    for lang, body in texts.items():
        cleaned = clean(article(f"海港大桥 {lang}\n\n{body}\n"))
        assert cleaned.text == body, lang


DATELINE_STORY = (
    "The Senate passed a stopgap spending bill on Friday, hours before a midnight deadline."
)


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (AP) —",
        "LONDON, March 3 (Reuters) -",
        "SAN JUAN, Puerto Rico —",
        "SPRINGFIELD, Ill. (AP) —",
        "BEIJING, Jan. 5 (Xinhua) --",
        "PARÍS (EFE) —",
    ],
)
def test_a_dateline_opening_the_story_is_furniture_where_it_stood(dateline: str) -> None:
    cleaned = clean(article(f"Senate passes stopgap bill\n{dateline} {DATELINE_STORY}\nMore."))
    assert cleaned.text.startswith(DATELINE_STORY)
    assert cleaned.removed == (dateline,)
    assert cleaned.removed_at == (0,)


@pytest.mark.parametrize(
    "opening",
    [
        "NASA — the agency that runs the station — said the crew was safe.",
        "The Senate — after a long night of votes — passed the bill.",
        "NATO allies met on Friday to discuss the budget.",
    ],
)
def test_a_story_that_opens_with_capitals_or_a_dash_keeps_its_words(opening: str) -> None:
    cleaned = clean(article(f"Senate passes stopgap bill\n{opening}\nMore text follows here."))
    assert cleaned.text.startswith(opening)
    assert cleaned.removed == ()


def test_one_outlets_dateline_is_neither_single_source_text_nor_a_change_of_wording() -> None:
    documents = [
        Document("a", "a.txt", f"WASHINGTON (AP) — {DATELINE_STORY}", structured=True),
        Document("b", "b.txt", DATELINE_STORY, structured=True),
    ]
    story = story_from_documents(documents)
    (passage,) = story.passages
    assert passage.same_wording
    assert story.unique == ()
    assert story.article("a").removed == ("WASHINGTON (AP) —",)
