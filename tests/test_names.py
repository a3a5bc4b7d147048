"""Folding Vietnamese names: what search must treat as the same name folds to the same key."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.names import fold, given_name, initials, words


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    "spellings",
    [
        ["Hòa", "Hoà", "hoa", "HOÀ", "HÒA"],  # old and new tone-mark placement
        ["Thúy", "Thuý", "thuy"],
        ["Thủy", "Thuỷ", "thuy"],
        ["Đặng", "dang", "ĐẶNG", "đặng"],
        ["Nguyễn Thị Hoà", nfd("Nguyễn Thị Hoà"), "nguyen thi hoa", "NGUYEN THI HOA"],
        ["Lò Văn Sầm", nfd("Lò Văn Sầm"), "lo van sam"],
    ],
)
def test_spellings_people_consider_equal_fold_equal(spellings: list[str]) -> None:
    assert len({fold(s) for s in spellings}) == 1


def test_different_names_stay_different() -> None:
    assert fold("Hoà") != fold("Hoài")
    assert fold("Thuý") != fold("Thuỷ Tiên")


def test_d_with_stroke_folds_although_unicode_does_not_decompose_it() -> None:
    assert unicodedata.decomposition("đ") == ""  # why fold() must handle it by hand
    assert fold("Đỗ Đức Độ") == "do duc do"
    assert fold(nfd("Đỗ Đức Độ")) == "do duc do"


def test_spaces_are_collapsed_and_punctuation_separates_words() -> None:
    assert fold("  Nguyễn \t Văn   Hùng  ") == "nguyen van hung"
    assert fold("Trần Văn-Hùng.") == "tran van hung"
    assert fold("H'Hen Niê") == "h hen nie"  # the tokenizer of the index splits there too
    assert fold("...") == ""
    assert fold("") == ""


def test_digits_are_kept_for_birth_years_in_queries() -> None:
    assert fold("Hùng 58") == "hung 58"
    assert fold("hùng,1958") == "hung 1958"


def test_given_name_is_the_last_word_folded() -> None:
    assert given_name("Nguyễn Thị Thu Hà") == "ha"
    assert given_name("Hùng") == "hung"
    assert given_name("  ") == ""


def test_initials_are_the_first_letter_of_each_word() -> None:
    assert initials("Nguyễn Văn Hùng") == "nvh"
    assert initials("Đặng Thị Thu Hà") == "dtth"
    assert initials("") == ""


def test_words_are_folded_and_in_order() -> None:
    assert words("Lê  Thị THUÝ") == ["le", "thi", "thuy"]


# --- properties ----------------------------------------------------------------------------

_BASES = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng
_VOWELS = [unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES]
_VIETNAMESE_LETTERS = sorted({*_VOWELS, *(v.upper() for v in _VOWELS), *"bcdđghklmnpqrstvx", *"BCDĐGHKLMNPQRSTVX"})

vietnamese_text = st.text(st.sampled_from([*_VIETNAMESE_LETTERS, " ", " ", "-", "'", "."]), max_size=40)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_the_normal_form(text: str) -> None:
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


@given(st.text())
def test_fold_leaves_single_spaces_and_no_upper_case(text: str) -> None:
    folded = fold(text)
    assert folded == " ".join(folded.split())
    assert folded == folded.lower()


@given(vietnamese_text)
def test_vietnamese_names_fold_to_plain_ascii_letters(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert set(folded) <= set("abcdefghijklmnopqrstuvwxyz ")
    assert fold(nfd(text)) == folded
