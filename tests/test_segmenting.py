import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- Ordinary words that were mistaken for abbreviations -------------------------------------


@pytest.mark.parametrize(
    "word", ["no", "ill", "miss", "mass", "sun", "sat", "wed", "co", "la", "pa", "ga", "est", "al"]
)
def test_ordinary_word_before_a_capital_ends_the_sentence(word: str) -> None:
    text = f"She said {word}. The vote failed."
    assert sentences(text) == [f"She said {word}.", "The vote failed."]


def test_ambiguous_abbreviations_still_hold_before_a_number() -> None:
    text = "He wore No. 3 and cited vol. 2, fig. 4 and ca. 1900 in the Jan. 5 memo."
    assert sentences(text) == [text]


def test_titles_always_hold() -> None:
    text = "Mr. Smith met Rep. Jones, Lt. Col. Davis, Sgt. Pepper and Prof. Lee in St. Louis."
    assert sentences(text) == [text]


def test_state_abbreviation_ends_a_sentence_before_a_capital() -> None:
    text = "He lives in Springfield, Ill. The mayor agreed. He moved from Mass. 20 years ago."
    assert sentences(text) == [
        "He lives in Springfield, Ill.",
        "The mayor agreed.",
        "He moved from Mass. 20 years ago.",
    ]


def test_dateline_bracket_after_a_state_does_not_split() -> None:
    text = "SPRINGFIELD, Ill. (AP) — The mayor agreed."
    assert sentences(text) == [text]


def test_month_and_weekday_end_a_sentence_before_a_capital() -> None:
    text = "The vote is due in Jan. The count ends Sat. Officials said so."
    assert sentences(text) == [
        "The vote is due in Jan.",
        "The count ends Sat.",
        "Officials said so.",
    ]


# --- Quotes, times, initialisms ----------------------------------------------------------------


def test_closing_quote_after_full_stop_ends_the_sentence_even_after_a_short_word() -> None:
    assert sentences("he said: “No.” Then he left.") == ["he said: “No.”", "Then he left."]
    assert sentences("He wrote 'Gov.' Then he left.") == ["He wrote 'Gov.'", "Then he left."]


def test_time_of_day_ends_a_sentence_before_a_capital() -> None:
    text = "It began at 10 a.m. Police then cleared the square by 2 p.m. It was calm."
    assert sentences(text) == [
        "It began at 10 a.m.",
        "Police then cleared the square by 2 p.m.",
        "It was calm.",
    ]


def test_time_of_day_runs_on_into_a_zone_weekday_or_date() -> None:
    text = "It starts at 10 a.m. EST on Monday, at 3 p.m. Friday and at 9 a.m. Jan. 5 again."
    assert sentences(text) == [text]


def test_initialism_splits_before_function_words_but_not_names() -> None:
    text = (
        "Washington, D.C. Its mayor spoke. He went to the U.S. Some stayed. "
        "The U.S. Marshals Service and the D.C. Council met in Washington, D.C. — briefly. "
        "The U.S.-Mexico border and the U.S. Army stayed."
    )
    assert sentences(text) == [
        "Washington, D.C.",
        "Its mayor spoke.",
        "He went to the U.S.",
        "Some stayed.",
        "The U.S. Marshals Service and the D.C. Council met in Washington, D.C. — briefly.",
        "The U.S.-Mexico border and the U.S. Army stayed.",
    ]


def test_list_markers_do_not_form_sentences() -> None:
    text = "1. Buses will run every ten minutes.\n\nIV. Trains stop.\nB. Taxis wait. 2. Walk."
    assert sentences(text) == [
        "1. Buses will run every ten minutes.",
        "IV. Trains stop.",
        "B. Taxis wait.",
        "2. Walk.",
    ]


def test_numbers_and_decimals() -> None:
    text = "Rates rose 2.5 percent on Jan. 5. The Fed held. It was 1999. Then 2000 came."
    assert sentences(text) == [
        "Rates rose 2.5 percent on Jan. 5.",
        "The Fed held.",
        "It was 1999.",
        "Then 2000 came.",
    ]


def test_ellipsis_in_full_stops_and_other_marks() -> None:
    text = "Wait... Then it came?! Yes. No... and more."
    assert sentences(text) == ["Wait...", "Then it came?!", "Yes.", "No... and more."]


def test_empty_paragraph_list_is_respected() -> None:
    assert split_sentences("Text here. More.", []) == []


# --- Invariants ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "U.S.", "D.C.", "a.m.", "Jan.", "No.", "Gov.", "St.", "Ill.", "J.", "1.", "IV.", "2.5",
        "no", "The", "he", "Its", "EST", "Monday", "word", "“", "”", "’", "'", '"', "(", ")",
        "—", "…", "...", ".", "!", "?", "?!", " ", "  ", "\n", "\n\n", " \n \n", "\t", "\u00a0",
        "DHS.’s", "中文。", "🙂",
    ]
)  # fmt: skip
_TEXTS = st.one_of(
    st.text(alphabet=st.sampled_from("aA1 .?!…“”’'\"()—\n\t\u00a0"), max_size=80),
    st.lists(_PIECES, max_size=60).map("".join),
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.text(max_size=80),
)


@given(_TEXTS)
@settings(max_examples=400, deadline=None)
def test_sentences_tile_their_paragraphs(text: str) -> None:
    paragraphs = split_paragraphs(text)
    got = split_sentences(text, paragraphs)
    for earlier, later in itertools.pairwise(got):
        assert earlier.end <= later.start
        assert earlier.paragraph <= later.paragraph
    for sentence in got:
        paragraph = paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
        assert text[sentence.start : sentence.end].strip()
        assert not text[sentence.start].isspace() and not text[sentence.end - 1].isspace()
    covered: set[int] = set()
    for sentence in got:
        covered.update(range(sentence.start, sentence.end))
    for paragraph in paragraphs:
        for index in range(paragraph.start, paragraph.end):
            assert text[index].isspace() or index in covered, (text, index)


def test_chinese_and_japanese_sentences_end_at_their_marks() -> None:
    text = (
        "市长周一表示，大桥将关闭三个月。维修工作将于四月开始！"
        "谁来付钱？他说：“不知道。”然后离开了。"
    )
    assert sentences(text) == [
        "市长周一表示，大桥将关闭三个月。",
        "维修工作将于四月开始！",
        "谁来付钱？",
        "他说：“不知道。”",
        "然后离开了。",
    ]
    assert sentences("橋は閉鎖される。工事は四月に始まる。") == [
        "橋は閉鎖される。",
        "工事は四月に始まる。",
    ]


def test_thai_sentences_end_at_spaces_between_sentences_not_phrases() -> None:
    # Thai writes spaces between phrases too: after "said that" (ว่า), before "after"
    # (หลังจาก) and "and" (และ), and around a number, the sentence goes on.
    first = (
        "นายกเทศมนตรีกล่าวเมื่อวันจันทร์ว่า สะพานถนนฮาร์เบอร์จะปิดซ่อมเป็นเวลาสามเดือน "
        "หลังจากผู้ตรวจสอบพบรอยร้าวในคานเหล็กสองจุด"
    )
    second = "การซ่อมแซมจะเริ่มในวันที่ 1 เมษายน และจะเสร็จก่อนเทศกาลฤดูร้อน"
    assert sentences(f"{first} {second}") == [first, second]
    # A short phrase before a space is not a sentence of its own.
    assert sentences("สะพานจะปิดสามเดือน การซ่อมแซมจะเริ่มในเดือนเมษายน") == [
        "สะพานจะปิดสามเดือน การซ่อมแซมจะเริ่มในเดือนเมษายน"
    ]


def test_words_of_scripts_without_spaces_are_counted_by_length() -> None:
    from tui.core.segmenting import count_words

    assert count_words("The bridge will close.") == 4
    assert count_words("市长表示大桥将关闭三个月") == 6
    assert count_words("สะพานจะปิดสามเดือน") == 4


@pytest.mark.parametrize(
    ("script", "text"),
    [
        ("Arabic", "قال الوزير إن الاتفاق وقع أمس. وأضاف أن القرار تاريخي."),
        ("Arabic question mark", "هل وقع الاتفاق؟ نعم وقع أمس."),
        ("Hebrew", "השר אמר שההסכם נחתם אתמול. הוא הוסיף שזה היסטורי."),
        ("Korean", "정부는 어제 새 법안을 발표했다. 야당은 반대했다."),
        ("Hindi danda", "सरकार ने कल नया कानून पेश किया। विपक्ष ने विरोध किया।"),
        ("Urdu full stop", "حکومت نے کل نیا قانون پیش کیا۔ اپوزیشن نے مخالفت کی۔"),
        ("Georgian", "მთავრობამ გუშინ ახალი კანონი წარადგინა. ოპოზიცია წინააღმდეგია."),
    ],
)
def test_scripts_without_case_start_a_sentence_after_an_end_mark(script: str, text: str) -> None:
    # A letter without case is no lowercase word continuing the sentence ("... grew. it").
    first, second = sentences(text)
    assert text == f"{first} {second}", script


def test_a_lowercase_word_after_a_full_stop_still_continues_the_sentence() -> None:
    assert sentences("The economy grew 3 p.c. in the spring. it was fine.") == [
        "The economy grew 3 p.c. in the spring. it was fine."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "डॉ. मनमोहन सिंह ने कहा। अगला वाक्य आया।",
        "प्रो. शर्मा ने कहा। अगला वाक्य आया।",
        "ए.पी.जे. अब्दुल कलाम आए। अगला वाक्य आया।",
        "ডা. রহমান বললেন। পরের বাক্য এল।",
    ],
)
def test_an_indic_abbreviation_does_not_end_a_sentence(text: str) -> None:
    # Indic scripts end sentences with a danda; a full stop after one syllable abbreviates.
    first, _ = sentences(text)
    assert first.endswith("।") and "." in first


def test_an_indic_sentence_may_still_end_at_a_full_stop() -> None:
    assert sentences("सरकार ने कानून प्रस्तुत किया. विपक्ष ने विरोध किया.") == [
        "सरकार ने कानून प्रस्तुत किया.",
        "विपक्ष ने विरोध किया.",
    ]


def _unpunctuated(words: int) -> str:
    """A transcript with no full stops: a comma after every 37th word."""
    return " ".join(f"word{k}," if k % 37 == 36 else f"word{k}" for k in range(words))


def test_a_sentence_without_full_stops_is_cut_at_clause_breaks_into_bounded_pieces() -> None:
    text = _unpunctuated(1000)
    pieces = [text[s.start : s.end] for s in split_sentences(text, most=100)]
    assert len(pieces) > 1
    assert all(len(piece.split()) <= 100 for piece in pieces)
    # Each piece but the last ends at the last comma of its second half.
    assert all(piece.endswith(",") for piece in pieces[:-1])
    # Every word is kept, once, in order.
    assert " ".join(pieces).split() == text.split()


def test_a_long_sentence_without_clause_breaks_is_cut_between_words() -> None:
    text = " ".join(f"word{k}" for k in range(250))
    pieces = [text[s.start : s.end] for s in split_sentences(text, most=100)]
    assert [len(piece.split()) for piece in pieces] == [100, 100, 50]
    assert " ".join(pieces) == text


def test_sentences_up_to_the_bound_stay_whole() -> None:
    text = _unpunctuated(120) + "."
    assert sentences(text) == [text]
    assert len(split_sentences(text, most=60)) > 1
