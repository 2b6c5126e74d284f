from tui.core.segmenting import split_paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Gov. Smith met Sen. Jones on Jan. 23 in Washington. "
        "Then Dr. Brown of the U.S. Marshals Service spoke on Feb. 7 in D.C. for an hour."
    )
    assert sentences(text) == [
        "Gov. Smith met Sen. Jones on Jan. 23 in Washington.",
        "Then Dr. Brown of the U.S. Marshals Service spoke on Feb. 7 in D.C. for an hour.",
    ]


def test_initials_do_not_end_sentences() -> None:
    assert sentences("John F. Kennedy spoke. He left.") == ["John F. Kennedy spoke.", "He left."]


def test_initialism_at_sentence_end_before_a_sentence_starter() -> None:
    assert sentences("The plan came from the U.S. The others objected.") == [
        "The plan came from the U.S.",
        "The others objected.",
    ]


def test_quote_closing_after_full_stop_stays_with_its_sentence() -> None:
    text = "“We will hunt you down.” Trump said so. “Some are bad,” he added."
    assert sentences(text) == [
        "“We will hunt you down.”",
        "Trump said so.",
        "“Some are bad,” he added.",
    ]


def test_possessive_after_full_stop_is_not_a_boundary() -> None:
    text = "“It is DHS.’s understanding that more can be done,” she said. Next one."
    assert sentences(text)[0].startswith("“It is DHS.’s understanding")
    assert len(sentences(text)) == 2


def test_em_dash_and_ellipsis() -> None:
    text = "They hired—were trying to hire 88,000 workers. It was slow… and then fast… Then done."
    assert sentences(text) == [
        "They hired—were trying to hire 88,000 workers.",
        "It was slow… and then fast…",
        "Then done.",
    ]


def test_offsets_slice_to_sentences_and_paragraphs() -> None:
    text = "First para. Still first.\n\n  Second para here.  \n\nThird."
    paragraphs = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == [
        "First para. Still first.",
        "Second para here.",
        "Third.",
    ]
    got = split_sentences(text, paragraphs)
    assert [(text[s.start : s.end], s.paragraph) for s in got] == [
        ("First para.", 0),
        ("Still first.", 0),
        ("Second para here.", 1),
        ("Third.", 2),
    ]
