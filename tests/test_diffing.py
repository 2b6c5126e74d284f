import itertools

from tui.core.diffing import is_same_wording, word_diff
from tui.core.model import Change


def changes(a: str, b: str) -> list[tuple[str, bool, str, str]]:
    return [
        (op.change.value, op.minor, a[op.a_start : op.a_end], b[op.b_start : op.b_end])
        for op in word_diff(a, b)
        if op.change is not Change.EQUAL
    ]


def test_identical_text_has_no_changes() -> None:
    text = "It is DHS’s understanding that the Department has personnel."
    assert changes(text, text) == []
    assert is_same_wording(word_diff(text, text))


def test_punctuation_and_quote_style_are_minor() -> None:
    a = "“It is DHS.’s understanding,” she said."
    b = '"It is DHS’s understanding," she said.'
    found = changes(a, b)
    assert found, "the quote styles differ, so something must be reported"
    assert all(minor for _, minor, _, _ in found)
    assert is_same_wording(word_diff(a, b))


def test_compound_spelling_is_minor() -> None:
    found = changes("the Service’s work force and budget", "the Service’s workforce and budget")
    assert found == [("replace", True, "work force", "workforce")]


def test_case_only_is_minor() -> None:
    assert changes("The Border Czar spoke", "The border czar spoke") == [
        ("replace", True, "Border Czar", "border czar")
    ]


def test_missing_word_is_a_wording_change() -> None:
    found = changes("the Department of the Treasury has", "the Department of Treasury has")
    assert found == [("delete", False, "the", "")]
    assert not is_same_wording(
        word_diff("the Department of the Treasury", "the Department of Treasury")
    )


def test_inserted_and_replaced_words() -> None:
    found = changes("Noem wrote to Bessent.", "Noem wrote a letter to Scott Bessent.")
    assert ("insert", False, "", "a letter") in found
    assert ("insert", False, "", "Scott") in found
    assert changes("about 2,100 investigators", "about 2,290 investigators") == [
        ("replace", False, "2,100", "2,290")
    ]


def test_runs_cover_both_texts_in_order() -> None:
    a = "Justice Department personnel, including agents from the DEA, have been deputized."
    b = "The DOJ then gave the U.S. Marshals Service, the DEA and others the authority."
    ops = word_diff(a, b)
    for first, second in itertools.pairwise(ops):
        assert first.a_end <= second.a_start and first.b_end <= second.b_start
    covered_a = "".join(a[op.a_start : op.a_end] for op in ops)
    assert covered_a.replace(" ", "") == "".join(a.split()).replace(" ", "")
