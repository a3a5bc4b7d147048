"""Reading a voter list (danh sách cử tri) from CSV or XLSX into a checked, normalised ParsedList.

The format is shared/voter-list-format.md. Reading is all or nothing: every problem that makes a voter
impossible to identify is an error, all errors are collected and raised together in ListFileRefused;
everything else a clerk should look at is a warning that travels with the ParsedList.

Rows are numbered as Excel shows them (1-based, title rows included); columns are named by their
header as written. Messages never quote names or ID numbers: they may end up in logs and screenshots.
Each message is an English template marked with QT_TRANSLATE_NOOP("ListProblem", ...) and the values
of its named placeholders (ListProblem.template, .params), so the UI can show it in Vietnamese.
"""

from __future__ import annotations

import codecs
import csv
import gc
import hashlib
import io
import re
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, Final, NamedTuple

from clerk_app.clock import election_day_age
from clerk_app.errors import ListFileRefused, ListProblem
from clerk_app.model import Ballots, ListRow, ParsedList
from clerk_app.translatable import QT_TRANSLATE_NOOP

# A cell as read: always str from CSV; str, int, float, bool, datetime or None from XLSX.
Cells = Sequence[object]

# --- columns ------------------------------------------------------------------------------------

STT, NAME, BIRTH, GENDER, ETHNICITY = "stt", "name", "birth", "gender", "ethnicity"
RESIDENCE, TEMP_RESIDENCE, ID_NUMBER, GROUP, NOTE = "residence", "temp_residence", "id", "group", "note"
BALLOT_NATIONAL, BALLOT_CITY, BALLOT_WARD = "ballot_national", "ballot_city", "ballot_ward"

# Header spellings once folded (no case, diacritics, spaces or punctuation) -> field.
_HEADER_ALIASES: Final[dict[str, str]] = {
    "stt": STT,
    "sott": STT,
    "sothutu": STT,
    "hovaten": NAME,
    "hoten": NAME,
    "ngaysinh": BIRTH,
    "ngaythangnamsinh": BIRTH,
    "namsinh": BIRTH,
    "gioitinh": GENDER,
    "dantoc": ETHNICITY,
    "noithuongtru": RESIDENCE,
    "noitamtru": TEMP_RESIDENCE,
    "sodinhdanhcanhan": ID_NUMBER,
    "sodinhdanh": ID_NUMBER,
    "madinhdanh": ID_NUMBER,
    "dinhdanhcanhan": ID_NUMBER,
    "socccd": ID_NUMBER,
    "cccd": ID_NUMBER,
    "socancuoc": ID_NUMBER,
    "cancuoc": ID_NUMBER,
    "socancuoccongdan": ID_NUMBER,
    "cancuoccongdan": ID_NUMBER,
    "socmnd": ID_NUMBER,
    "cmnd": ID_NUMBER,
    "socmndcccd": ID_NUMBER,
    "cmndcccd": ID_NUMBER,
    "socccdcmnd": ID_NUMBER,
    "cccdcmnd": ID_NUMBER,
    "todanpho": GROUP,
    "thon": GROUP,
    "to": GROUP,
    "ghichu": NOTE,
}
# The three ballot columns: "Bầu ĐBQH", "Bầu HĐND tỉnh/thành phố", "Bầu HĐND cấp xã/phường" and the
# ways wards shorten or spell them out ("Bầu đại biểu Quốc hội", "HĐND TP", "Bầu cử HĐND xã").
_BALLOT_PREFIXES: Final = ("", "bau", "baucu", "phieu", "phieubau")
_BALLOT_NAMES: Final[dict[str, tuple[str, ...]]] = {
    BALLOT_NATIONAL: ("dbqh", "daibieuquochoi", "quochoi"),
    BALLOT_CITY: tuple(
        council + level
        for council in ("hdnd", "hoidongnhandan")
        for level in ("tinh", "thanhpho", "tp", "tinhthanhpho", "thanhphotinh", "tinhtp", "captinh", "captinhthanhpho")
    ),
    BALLOT_WARD: tuple(
        council + level
        for council in ("hdnd", "hoidongnhandan")
        for level in (
            "xa",
            "phuong",
            "xaphuong",
            "phuongxa",
            "capxa",
            "capphuong",
            "capxaphuong",
            "xaphuongthitran",
            "xaphuongdackhu",
            "thitran",
            "dackhu",
        )
    ),
}
_HEADER_ALIASES.update(
    {prefix + name: ballot for ballot, names in _BALLOT_NAMES.items() for name in names for prefix in _BALLOT_PREFIXES}
)
_HEADER_FIELD_NAMES: Final = frozenset(_HEADER_ALIASES.values())
_REQUIRED: Final[dict[str, str]] = {STT: "STT", NAME: "Họ và tên"}
_BALLOT_FIELDS: Final = (BALLOT_NATIONAL, BALLOT_CITY, BALLOT_WARD)
# The columns the row reader takes as text, in the order it unpacks them.
_PICKED_FIELDS: Final = (STT, NAME, BIRTH, GENDER, ETHNICITY, RESIDENCE, TEMP_RESIDENCE, ID_NUMBER, GROUP, NOTE)
# The header stands under a handful of title rows; looking further only slows down a header-less file.
_HEADER_SEARCH_ROWS: Final = 100
# A header the aliases do not know that still names ID numbers ("Số CMND/CCCD cũ", "Số chứng minh
# nhân dân"): it must never become a note, which would keep whole ID numbers in plain text. A card's
# date or place of issue ("Ngày cấp CCCD", "Nơi cấp") holds no ID number.
_ID_HEADER: Final = re.compile("cmnd|cccd|cancuoc|dinhdanh|chungminh")
_NOT_ID_HEADER: Final = re.compile("ngay|noicap")
# Words of a header that the aliases do not know that still names a ballot ("Bầu HĐND quận").
_BALLOT_HEADER_WORDS: Final = frozenset({"bau", "phieu", "hdnd", "dbqh"})

# --- text ---------------------------------------------------------------------------------------

# Invisible characters that creep in from web pages and Word; they would break search and matching.
_INVISIBLE: Final = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")

# Latin-1 letters and signs that Vietnamese never uses but that TCVN3 (ABC) and VNI fonts store
# Vietnamese letters as: "Nguyễn Thị Láng" typed in .VnTime reads "NguyÔn ThÞ L¸ng" as Unicode.
# Left out on purpose, because real text uses them: NBSP, « » · ° ² ³ and the soft hyphen.
_LEGACY_LETTERS: Final = "\u0080-\u009f¡¢£¤¥¦§¨©ª¬®¯±´µ¶¸¹º¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿ"
# VNI puts the mark after the vowel ("Nguyeãn", "Vaên", "Leâ"): Vietnamese never has a or e
# followed by a marked vowel, nor "oâ".
_VNI_PAIRS: Final = "[aAeE][âáàãäåêéèëúüùøûõïÂÁÀÃÄÅÊÉÈËÚÜÙØÛÕÏ]|[oO][âÂ]"
# UTF-8 read as Windows-1252 and saved again ("Nguyá»…n", "TrÆ°á»ng").
_DOUBLE_ENCODED: Final = "á[º»]|Ã[\u0080-\u00bf]|Æ[°¡]|Ä‘"
_LEGACY_TEXT: Final = re.compile(f"[{_LEGACY_LETTERS}]|{_VNI_PAIRS}|{_DOUBLE_ENCODED}")
_LEGACY_LETTER: Final = re.compile(f"[{_LEGACY_LETTERS}]")  # a fast first look at a whole row
_VNI_PAIR_TEXT: Final = re.compile(_VNI_PAIRS)
_DOUBLE_ENCODED_TEXT: Final = re.compile(_DOUBLE_ENCODED)
# Keystrokes typed with the VNI method but no input engine running: "Nguye64n", "Tra62n".
_VNI_KEYSTROKES: Final = re.compile(r"[^\W\d_][1-9]")
_LETTER: Final = re.compile(r"[^\W\d_]")


class _Says(NamedTuple):
    """What is wrong: an English template marked for translation, and the values of its placeholders."""

    template: str
    params: dict[str, object]


def _legacy_text_message(text: str, *, whole_file: bool = False) -> _Says:
    """Why text is unreadable; for a whole file, with the advice to convert it first."""
    if _DOUBLE_ENCODED_TEXT.search(text):
        if whole_file:
            garbled_file = QT_TRANSLATE_NOOP(
                "ListProblem",
                "text is garbled (UTF-8 that was read as another encoding and saved again); "
                "convert the file to Unicode (e.g. with Unikey) first",
            )
            return _Says(garbled_file, {})
        garbled = QT_TRANSLATE_NOOP(
            "ListProblem", "text is garbled (UTF-8 that was read as another encoding and saved again)"
        )
        return _Says(garbled, {})
    font = "VNI" if _VNI_PAIR_TEXT.search(text) else "TCVN3 (ABC)"
    if whole_file:
        legacy_file = QT_TRANSLATE_NOOP(
            "ListProblem",
            "text looks typed in the legacy {font} font, not Unicode; "
            "convert the file to Unicode (e.g. with Unikey) first",
        )
        return _Says(legacy_file, {"font": font})
    return _Says(
        QT_TRANSLATE_NOOP("ListProblem", "text looks typed in the legacy {font} font, not Unicode"), {"font": font}
    )


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐðÐ":  # đ has no Unicode decomposition; ð and Ð are its look-alikes (see _ETH_FOR_D)
        return "d"
    folded = unicodedata.normalize("NFD", ch)[0].lower()
    return folded if len(folded) == 1 else ch


def _fold(text: str) -> str:
    """Lower case without diacritics, one character per character of the NFC text (so spans match).

    A private twin of clerk_app.names.fold, which does not keep positions.
    """
    return "".join(map(_fold_char, unicodedata.normalize("NFC", text)))


def _header_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _fold(text))


# The Icelandic eth, Ð (U+00D0) and ð (U+00F0), looks the same as Đ (U+0110) and đ (U+0111), and
# keyboards and fonts mix them up. At the start of a word it is read as Đ/đ, before the legacy-font
# check (which counts Ð as TCVN3's "é", a letter that hardly ever starts a Vietnamese word).
_ETH_FOR_D: Final = re.compile(r"(?<![^\W\d_])[\u00d0\u00f0]")
_D_FOR_ETH: Final = {"\u00d0": "\u0110", "\u00f0": "\u0111"}


def _clean_str(text: str) -> str:
    """NFC, invisible characters dropped, whitespace (NBSP and line breaks too) collapsed, Ð read as Đ."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
        if _ETH_FOR_D.search(text):
            text = _ETH_FOR_D.sub(lambda eth: _D_FOR_ETH[eth[0]], text)
    return " ".join(text.split())


def _text(value: object) -> str:
    """A cell as the text a person reads in it (Excel's numbers and dates as Excel shows them)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean_str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


# Every character str.split() splits on except the plain space, the invisible ones and the eth that
# stands for Đ (one character class: a single fast scan of the row).
_ODD_SPACE_OR_INVISIBLE: Final = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\u00ad\u00d0\u00f0]"
)


def _clean_texts(cells: Cells) -> list[str]:
    """Every cell of a row as clean text. Most rows are clean already: that is checked once per row."""
    try:
        joined = "\x00".join(cells)  # type: ignore[arg-type]  # TypeError unless every cell is text
    except TypeError:
        return [_text(c) for c in cells]
    untidy = (
        "  " in joined
        or " \x00" in joined
        or "\x00 " in joined
        or joined[:1] == " "
        or joined[-1:] == " "
        or _ODD_SPACE_OR_INVISIBLE.search(joined) is not None
        or not (joined.isascii() or unicodedata.is_normalized("NFC", joined))
    )
    return [_clean_str(c) for c in cells] if untidy else list(cells)  # type: ignore[arg-type]


def _is_blank(cells: Cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _column_letter(index: int) -> str:
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- values -------------------------------------------------------------------------------------


class _BadValue(ValueError):
    """A cell that cannot be read as what its column holds; ``says`` what is wrong, for the clerk."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template.format(**params))
        self.says = _Says(template, params)


_WHOLE_NUMBER_TEXT: Final = re.compile(r"([0-9]+)(?:[.,]0*)?")  # "12", "12.0", "12,00", "12."


def _whole_number(value: object) -> int | None:
    """12, 12.0 and "12" as 12; anything else (text, fractions, dates, booleans) as None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        match = _WHOLE_NUMBER_TEXT.fullmatch(value.strip())
        return int(match.group(1)) if match else None
    return None


# The largest STT: it is the voter-card number, and a card code holds five digits (clerk_app.scan).
# A polling area lists at most a few thousand voters, so a larger one is a wrong cell.
MAX_LIST_NO: Final = 99_999
_LIST_NO_DIGITS: Final = len(str(MAX_LIST_NO))


# "1.000" or "1,000": one thousand with a separator, or 1 with three decimals; which, no one can tell.
_GROUPED_NUMBER_TEXT: Final = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")


def _parse_list_no(value: object) -> int:
    """The STT; messages do not quote the cell, which may hold a name or an ID number in the wrong column."""
    shown = _text(value)
    if not shown:
        raise _BadValue(QT_TRANSLATE_NOOP("ListProblem", "STT is empty"))
    if isinstance(value, str) and _GROUPED_NUMBER_TEXT.fullmatch(shown):
        grouped = QT_TRANSLATE_NOOP(
            "ListProblem", "STT is written with a thousands separator or decimals (like 1.000); write digits only"
        )
        raise _BadValue(grouped)
    number = _whole_number(value)
    if number is None:
        raise _BadValue(QT_TRANSLATE_NOOP("ListProblem", "STT is not a number"))
    if number < 1:
        raise _BadValue(
            QT_TRANSLATE_NOOP("ListProblem", "STT '{value}' is not a list number (1 or more)"), value=number
        )
    if number > MAX_LIST_NO:
        too_big = QT_TRANSLATE_NOOP("ListProblem", "STT is larger than {largest} (a voter card's number)")
        raise _BadValue(too_big, largest=MAX_LIST_NO)
    return number


class _Birth(NamedTuple):
    shown: str = ""  # "dd/mm/yyyy", "yyyy" or ""
    year: int | None = None
    day: date | None = None
    problem: _Says | None = None


_DMY: Final = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_YEAR: Final = re.compile(r"([0-9]{4})(?:\.0+)?")
# A CSV written by a script from typed cells: "1985-01-12" or "1985-01-12 00:00:00".
_ISO_DAY: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00(?::00)?)?")


def _parse_birth_text(text: str) -> _Birth:
    """A birth as written; a date cell arrives as its text dd/mm/yyyy, a year cell as yyyy."""
    if not text:
        return _Birth(problem=_Says(QT_TRANSLATE_NOOP("ListProblem", "birth date is empty"), {}))
    if dmy := _DMY.fullmatch(text):
        day_no, month, year = map(int, dmy.groups())
        if day_no == month == 0:  # "00/00/1945": how records write a year without day and month
            return _Birth(str(year), year)
    elif year_only := _YEAR.fullmatch(text):
        return _Birth(year_only[1], int(year_only[1]))
    elif iso := _ISO_DAY.fullmatch(text):
        year, month, day_no = map(int, iso.groups())
    else:
        not_a_date = QT_TRANSLATE_NOOP("ListProblem", "birth date '{value}' is not dd/mm/yyyy or yyyy")
        return _Birth(problem=_Says(not_a_date, {"value": text}))
    try:
        day = date(year, month, day_no)
    except ValueError:
        # The year of a mistyped day is still worth showing to tell namesakes apart.
        not_real = QT_TRANSLATE_NOOP("ListProblem", "birth date '{value}' is not a real date")
        return _Birth(str(year), year, problem=_Says(not_real, {"value": text}))
    return _Birth(f"{day_no:02d}/{month:02d}/{year}", year, day)


_OLDEST_AGE: Final = 120


_TOO_OLD: Final = QT_TRANSLATE_NOOP("ListProblem", "birth year {year} is more than {years} years before election day")
_BORN_UNDER_18: Final = QT_TRANSLATE_NOOP("ListProblem", "voter born in {year} is under 18 on election day")
# A mistyped day whose year is still wrong for a voter: both in one sentence, translated whole.
_NOT_REAL_AND: Final = {
    _TOO_OLD: QT_TRANSLATE_NOOP(
        "ListProblem",
        "birth date '{value}' is not a real date; birth year {year} is more than {years} years before election day",
    ),
    _BORN_UNDER_18: QT_TRANSLATE_NOOP(
        "ListProblem", "birth date '{value}' is not a real date; voter born in {year} is under 18 on election day"
    ),
}


def _age_problem(birth: _Birth, election_day: date) -> _Says | None:
    """Why this birth cannot be a voter's: too long ago, after election day, or under 18."""
    assert birth.year is not None
    if birth.year < election_day.year - _OLDEST_AGE:
        return _Says(_TOO_OLD, {"year": birth.year, "years": _OLDEST_AGE})
    if birth.day is not None and birth.day > election_day:
        after = QT_TRANSLATE_NOOP("ListProblem", "birth date {date} is after election day")
        return _Says(after, {"date": birth.shown})
    if birth.day is not None:
        age = election_day_age(birth.day.year, birth.day.month, birth.day.day, election_day)
        under_18 = QT_TRANSLATE_NOOP("ListProblem", "voter is under 18 on election day (aged {age})")
        return _Says(under_18, {"age": age}) if age < 18 else None
    if birth.year > election_day.year - 18:  # a year alone: warn only when surely under 18
        return _Says(_BORN_UNDER_18, {"year": birth.year})
    return None


def _birth_on_election_day(birth: _Birth, election_day: date) -> _Birth:
    """The birth as read, with any reason it cannot be a voter's added to its problem."""
    if birth.year is None:
        return birth
    problem = _age_problem(birth, election_day)
    if problem is None:
        return birth
    if birth.problem is None:
        return _Birth(birth.shown, birth.year, birth.day, problem)
    # Only a date that is not real keeps its year and a problem; with no day, the year is too old or under 18.
    both = _Says(_NOT_REAL_AND[problem.template], {**birth.problem.params, **problem.params})
    return _Birth(birth.shown, birth.year, birth.day, both)


_GENDERS: Final = {"nam": "Nam", "nu": "Nữ"}


def _parse_gender_text(text: str) -> str:
    if not text:
        raise _BadValue(QT_TRANSLATE_NOOP("ListProblem", "gender is empty (expected Nam or Nữ)"))
    gender = _GENDERS.get(_fold(text))
    if gender is None:
        raise _BadValue(QT_TRANSLATE_NOOP("ListProblem", "gender '{value}' is not Nam or Nữ"), value=text)
    return gender


_ID_DIGITS: Final = 12


def _parse_id_number(value: object, text: str) -> str | None:
    """12 digits, leading zeros restored; None when empty. Raises _BadValue when malformed."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _whole_number(value)
        if number is None or number < 0:
            raise _BadValue(QT_TRANSLATE_NOOP("ListProblem", "ID number is not {expected} digits"), expected=_ID_DIGITS)
        digits = str(number)
    else:
        # Ways to keep Excel from dropping the zeros that survive into a CSV: '001... and ="001...".
        digits = "".join(text.split()).lstrip("'").removeprefix("=").strip('"')
        if not digits:
            return None
        if not digits.isascii() or not digits.isdigit():
            # "1185640595.0": a CSV written from a number column; read as the number cell it was.
            whole = _WHOLE_NUMBER_TEXT.fullmatch(digits)
            if whole is None:
                raise _BadValue(QT_TRANSLATE_NOOP("ListProblem", "ID number is not all digits"))
            digits = whole[1]
    # A number cell (or a CSV exported from one) drops the zeros of province codes 001-099.
    if len(digits) in (_ID_DIGITS - 2, _ID_DIGITS - 1):
        digits = digits.zfill(_ID_DIGITS)
    if len(digits) != _ID_DIGITS:
        too_many_or_few = QT_TRANSLATE_NOOP("ListProblem", "ID number has {count} digits, not {expected}")
        raise _BadValue(too_many_or_few, count=len(digits), expected=_ID_DIGITS)
    if digits.startswith("000"):  # no province code 000: a phone number or a number cut short
        raise _BadValue(QT_TRANSLATE_NOOP("ListProblem", "ID number is not a personal ID (no province code)"))
    return digits


# As folded (_fold): "có" is "co", "Không" is "khong".
_BALLOT_YES: Final = frozenset({"x", "✓", "✔", "☑", "☒", "1", "true", "co"})
_BALLOT_NO: Final = frozenset({"", "-", "–", "—", "0", "false", "khong"})
# The common marks as written, looked up before any folding.
_BALLOT_MARKS: Final[dict[str, bool]] = {"x": True, "X": True, "": False}


def _parse_ballot(value: object, text: str) -> bool:
    """Raises _BadValue for a mark that is neither; the caller reads it as a mark (something is written)."""
    if isinstance(value, bool):
        return value
    folded = _fold(text)
    if folded in _BALLOT_YES:
        return True
    if folded in _BALLOT_NO:
        return False
    raise _BadValue(
        QT_TRANSLATE_NOOP("ListProblem", "ballot mark '{value}' is not 'x' or empty; read as 'x'"), value=text
    )


# --- the header ---------------------------------------------------------------------------------


def _looks_like_id_header(key: str) -> bool:
    """A folded header (_header_key) that names ID numbers, known alias or not."""
    return _HEADER_ALIASES.get(key) == ID_NUMBER or (
        _ID_HEADER.search(key) is not None and _NOT_ID_HEADER.search(key) is None
    )


def _looks_like_ballot_header(title: str) -> bool:
    return not _BALLOT_HEADER_WORDS.isdisjoint(re.findall("[0-9a-z]+", _fold(title)))


def _header_fields(cells: Cells) -> dict[str, int]:
    """Known fields named in a row -> their column; the first of two same-named columns wins.

    Without a known ID column, the first column whose header names ID numbers anyway is it.
    """
    found: dict[str, int] = {}
    id_like: int | None = None
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and cell.strip():
            key = _header_key(cell)
            known = _HEADER_ALIASES.get(key)
            if known is not None and known not in found:
                found[known] = index
            elif known is None and id_like is None and _looks_like_id_header(key):
                id_like = index
    if id_like is not None:
        found.setdefault(ID_NUMBER, id_like)
    return found


@dataclass(frozen=True)
class _Header:
    row_index: int  # 0-based index into the rows
    fields: dict[str, int]  # field -> column index
    titles: tuple[str, ...]  # every header cell as written

    @property
    def row_no(self) -> int:
        return self.row_index + 1

    def title(self, column: int) -> str:
        written = self.titles[column] if column < len(self.titles) else ""
        return written or f"column {_column_letter(column)}"

    def missing(self) -> list[str]:
        return [written for key, written in _REQUIRED.items() if key not in self.fields]

    def unread_columns(self) -> list[int]:
        """The named columns that are no field's: what they hold is kept as notes."""
        known = set(self.fields.values())
        return [i for i, title in enumerate(self.titles) if i not in known and title]


def _find_header(rows: Sequence[Cells]) -> _Header | None:
    """The first row naming STT and Họ và tên; else the first naming two known columns (so the
    refusal can say which required column is missing); else None."""
    candidate: _Header | None = None
    looked = 0
    for index, cells in enumerate(rows):
        if looked >= _HEADER_SEARCH_ROWS:
            break
        if _is_blank(cells):
            continue
        looked += 1
        fields = _header_fields(cells)
        header = _Header(index, fields, tuple(_text(c) for c in cells))
        if STT in fields and NAME in fields:
            return header
        if candidate is None and len(fields) >= 2:
            candidate = header
    return candidate


# --- the place line above the header ------------------------------------------------------------

_PLACE: Final = re.compile(r"(?:khu\s*vuc\s*bo\s*phieu|kvbp)\s*(?:so)?\s*[:.]?\s*0*([0-9]+)")
_WARD: Final = re.compile(r"\b(phuong|xa|thi\s+tran|dac\s+khu)\s+([^,;()\"“”]+)")


@dataclass(frozen=True)
class _Place:
    station_no: int | None = None
    ward: str | None = None
    line: str | None = None


def _read_place(title_rows: Sequence[Cells]) -> _Place:
    """Station number and ward from a line like "Khu vực bỏ phiếu số 07, phường Láng, thành phố Hà Nội"."""
    for cells in title_rows:
        line = " ".join(t for t in map(_text, cells) if t)
        folded = _fold(line)  # same length as line: spans found in it cut line too
        place = _PLACE.search(folded)
        if place is None:
            continue
        ward = None
        if found := _WARD.search(folded, place.end()):
            kind = line[found.start(1) : found.end(1)].lower()
            name = re.split(r"\s[-–]\s", line[found.start(2) : found.end(2)])[0].strip(" .")
            ward = f"{kind} {name}" if name else None
        return _Place(int(place.group(1)), ward, line)
    return _Place()


# --- rows ---------------------------------------------------------------------------------------


@dataclass
class _Problems:
    file: str
    errors: list[ListProblem] = field(default_factory=list)
    warnings: list[ListProblem] = field(default_factory=list)

    def error(self, row: int | None, column: str | None, says: _Says) -> None:
        self.errors.append(ListProblem(self.file, row, column, says.template, dict(says.params)))

    def warn(self, row: int | None, column: str | None, says: _Says) -> None:
        self.warnings.append(ListProblem(self.file, row, column, says.template, dict(says.params)))


_BallotReading = tuple[Ballots, tuple[tuple[str, _Says], ...]]  # the ballots, and (column, warning)s


class _RowReader:
    """Turns data rows into ListRows, noting every problem; remembers STTs and IDs to find repeats.

    This is the hot loop of a 40,000-row import: columns are picked by position in one call, values
    that repeat (birth dates, genders, ballot marks) are read once, and the common shapes of STT,
    name and ID take a short path that applies the same rules as the long one.
    """

    def __init__(self, header: _Header, problems: _Problems, election_day: date) -> None:
        self._header = header
        self._problems = problems
        self._election_day = election_day
        self._fields = header.fields
        self._width = len(header.titles) + 1  # one more, always empty: where absent columns point
        absent = self._width - 1
        self._at = {name: header.fields.get(name, absent) for name in _HEADER_FIELD_NAMES}
        self._pick = itemgetter(*(self._at[name] for name in _PICKED_FIELDS))
        self._ballots_at = tuple(self._at[name] for name in _BALLOT_FIELDS)
        known = set(header.fields.values())
        self._extra_columns = [i for i in range(len(header.titles)) if i not in known]
        self._row_of_list_no: dict[int, int] = {}
        self._row_of_id: dict[str, int] = {}
        self._births: dict[str, _Birth] = {}
        self._genders: dict[str, tuple[str, _Says | None]] = {}
        self._ballot_readings: dict[tuple[str, ...], _BallotReading] = {}
        # Evidence of the order of day and month in d/m/yyyy dates: the first row with a second
        # field over 12, and whether any date has a first field over 12.
        self._month_over_12_row: int | None = None
        self._day_over_12 = False

    def _column(self, name: str) -> str:
        index = self._fields.get(name)
        return self._header.title(index) if index is not None else _REQUIRED.get(name, name)

    def _raw(self, cells: Cells, name: str) -> object:
        """The cell as typed (XLSX numbers and dates), for the long paths."""
        index = self._at[name]
        return cells[index] if index < len(cells) else None

    def read(self, cells: Cells, texts: list[str], row_no: int) -> ListRow | None:
        """The voter on this row, or None when the row has errors (they are noted).

        texts: the row's cells as clean text, a list of our own (it is padded in place).
        """
        errors_before = len(self._problems.errors)
        self._check_legacy_text(texts, row_no)
        columns = self._width - 1
        overflow: list[str] = []
        if len(texts) > columns:  # cells past the header: kept as notes
            overflow = texts[columns:]
            del texts[columns:]
        texts.extend([""] * (self._width - len(texts)))  # the last one is where absent columns point
        stt, name, birth_text, gender, ethnicity, residence, temp_residence, id_text, group, note = self._pick(texts)
        birth = self._birth(birth_text, row_no)
        row = ListRow(
            list_no=self._list_no(cells, stt, row_no),
            name=self._name(name, row_no),
            source_row=row_no,
            birth=birth.shown,
            birth_year=birth.year,
            birth_date=birth.day,
            gender=self._gender(gender, row_no),
            ethnicity=ethnicity,
            residence=residence,
            temp_residence=temp_residence,
            id_number=self._id_number(cells, id_text, row_no),
            group=group,
            ballots=self._ballots(cells, texts, row_no),
            note=self._note(note, texts, overflow),
        )
        return row if len(self._problems.errors) == errors_before else None

    def _check_legacy_text(self, texts: list[str], row_no: int) -> None:
        """Report text in a legacy font. The whole row gets the fast look, the name the full one."""
        joined = "\x00".join(texts)
        if joined.isascii():
            return
        name_at = self._at[NAME]
        name = texts[name_at] if name_at < len(texts) else ""
        if not _LEGACY_LETTER.search(joined) and not _LEGACY_TEXT.search(name):
            return
        for index, text in enumerate(texts):
            if _LEGACY_TEXT.search(text):
                self._problems.error(row_no, self._header.title(index), _legacy_text_message(text))

    def _list_no(self, cells: Cells, text: str, row_no: int) -> int:
        if text.isdigit() and text.isascii() and text[0] != "0" and len(text) <= _LIST_NO_DIGITS:
            list_no = int(text)  # the usual cell: plain digits, within range
        else:
            try:
                list_no = _parse_list_no(self._raw(cells, STT))
            except _BadValue as bad:
                if STT in self._fields:  # else the missing column is the error
                    self._problems.error(row_no, self._column(STT), bad.says)
                return 0
        first_row = self._row_of_list_no.setdefault(list_no, row_no)
        if first_row != row_no:
            twice = QT_TRANSLATE_NOOP("ListProblem", "STT {value} is used twice: rows {first_row} and {row}")
            self._problems.error(
                row_no, self._column(STT), _Says(twice, {"value": list_no, "first_row": first_row, "row": row_no})
            )
        return list_no

    def _name(self, name: str, row_no: int) -> str:
        if name.replace(" ", "").isalpha() or NAME not in self._fields:
            return name  # letters and spaces only: the usual name, nothing to check
        problem = None
        if not name:
            problem = QT_TRANSLATE_NOOP("ListProblem", "name is empty")
        elif not _LETTER.search(name):
            problem = QT_TRANSLATE_NOOP("ListProblem", "name has no letters")
        elif _VNI_KEYSTROKES.search(name):
            problem = QT_TRANSLATE_NOOP("ListProblem", "name looks typed as VNI keystrokes (digits for tone marks)")
        if problem:
            self._problems.error(row_no, self._column(NAME), _Says(problem, {}))
        return name

    def _birth(self, text: str, row_no: int) -> _Birth:
        if BIRTH not in self._fields:
            return _Birth()
        birth = self._births.get(text)
        if birth is None:
            birth = _birth_on_election_day(_parse_birth_text(text), self._election_day)
            self._births[text] = birth
            if dmy := _DMY.fullmatch(text):  # a text first seen: its row is the first that has it
                if int(dmy[2]) > 12 and self._month_over_12_row is None:
                    self._month_over_12_row = row_no
                self._day_over_12 = self._day_over_12 or int(dmy[1]) > 12
        if birth.problem:
            self._problems.warn(row_no, self._column(BIRTH), birth.problem)
        return birth

    def finish(self) -> None:
        """Note what only the whole list shows: birth dates written month first (m/d/yyyy)."""
        if self._month_over_12_row is not None and not self._day_over_12:
            month_first = QT_TRANSLATE_NOOP(
                "ListProblem",
                "birth dates are written month first (m/d/yyyy, as US English settings write them): "
                "on this row the second number is over 12 and in no date is the first; "
                "save the list with dates as dd/mm/yyyy",
            )
            self._problems.error(self._month_over_12_row, self._column(BIRTH), _Says(month_first, {}))

    def _gender(self, text: str, row_no: int) -> str:
        if GENDER not in self._fields:
            return ""
        known = self._genders.get(text)
        if known is None:
            try:
                known = (_parse_gender_text(text), None)
            except _BadValue as bad:
                known = ("", bad.says)
            self._genders[text] = known
        if known[1]:
            self._problems.warn(row_no, self._column(GENDER), known[1])
        return known[0]

    def _id_number(self, cells: Cells, text: str, row_no: int) -> str | None:
        if len(text) == _ID_DIGITS and text.isdigit() and text.isascii() and not text.startswith("000"):
            id_number: str | None = text
        else:
            try:
                id_number = _parse_id_number(self._raw(cells, ID_NUMBER), text)
            except _BadValue as bad:
                self._problems.warn(row_no, self._column(ID_NUMBER), bad.says)
                return None
        if id_number is not None:
            first_row = self._row_of_id.setdefault(id_number, row_no)
            if first_row != row_no:
                same = QT_TRANSLATE_NOOP("ListProblem", "ID number is the same as on row {first_row}")
                self._problems.warn(row_no, self._column(ID_NUMBER), _Says(same, {"first_row": first_row}))
        return id_number

    def _ballots(self, cells: Cells, texts: list[str], row_no: int) -> Ballots:
        marks = tuple(texts[i] for i in self._ballots_at)
        reading = self._ballot_readings.get(marks)
        if reading is None:  # a list has a handful of mark combinations
            reading = self._ballot_readings[marks] = self._read_ballots(cells, marks)
        for column, warning in reading[1]:
            self._problems.warn(row_no, column, warning)
        return reading[0]

    def _read_ballots(self, cells: Cells, marks: tuple[str, ...]) -> _BallotReading:
        given = [True, True, True]  # a list without a ballot's column gives everyone that ballot
        warnings: list[tuple[str, _Says]] = []
        for i, name in enumerate(_BALLOT_FIELDS):
            if name in self._fields:
                try:
                    given[i] = _parse_ballot(self._raw(cells, name), marks[i])
                except _BadValue as bad:
                    warnings.append((self._column(name), bad.says))  # given[i] stays True
        return Ballots(national=given[0], city=given[1], ward=given[2]), tuple(warnings)

    def _note(self, note: str, texts: list[str], overflow: list[str]) -> str:
        """Ghi chú, then every other column as "Header: value" (unknown ones, or past the header)."""
        if not self._extra_columns and not overflow:
            return note
        title = self._header.title
        parts = [note]
        parts += [f"{title(i)}: {texts[i]}" for i in self._extra_columns if texts[i]]
        parts += [f"{title(self._width - 1 + i)}: {text}" for i, text in enumerate(overflow) if text]
        return "; ".join(p for p in parts if p)


def content_sha256(rows: Sequence[ListRow]) -> str:
    """A hash of what the list says, in STT order: the same list as CSV or XLSX hashes the same.

    The source row is left out: it says where a voter stood in the file, not who they are.
    """
    lines = [
        f"{r.list_no}\x1f{r.name}\x1f{r.birth}\x1f{r.gender}\x1f{r.ethnicity}\x1f{r.residence}\x1f"
        f"{r.temp_residence}\x1f{r.id_number or ''}\x1f{r.group}\x1f"
        f"{r.ballots.national:d}{r.ballots.city:d}{r.ballots.ward:d}\x1f{r.note}"
        for r in sorted(rows, key=attrgetter("list_no"))
    ]
    return hashlib.sha256("\x1e".join(["voter-list v1", *lines]).encode("utf-8")).hexdigest()


_COLUMN_NUMBER: Final = re.compile(r"\(?([0-9]{1,2})\)?")


def _is_column_numbers(texts: list[str]) -> bool:
    """The row of column numbers, 1 2 3 ... or (1) (2) (3) ..., that official forms print under the header."""
    found = [_COLUMN_NUMBER.fullmatch(text) for text in texts if text]
    numbers = [int(match[1]) for match in found if match]
    return len(numbers) == len(found) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _parse_rows(rows: Sequence[Cells], file: str, election_day: date) -> ParsedList:
    header = _find_header(rows)
    if header is None:
        raise ListFileRefused(errors=[_no_header_problem(rows, file)])
    problems = _Problems(file)
    for missing in header.missing():
        required = QT_TRANSLATE_NOOP("ListProblem", "required column '{column}' is missing")
        problems.error(header.row_no, missing, _Says(required, {"column": missing}))
    _check_unread_columns(header, problems)
    reader = _RowReader(header, problems, election_day)
    voters: list[ListRow] = []
    seen_rows = 0
    for index in range(header.row_index + 1, len(rows)):
        cells = rows[index]
        texts = _clean_texts(cells)
        if not any(texts) or (seen_rows == 0 and _is_column_numbers(texts)):
            continue  # a blank row, or the "(1) (2) (3)" row under the header
        seen_rows += 1
        voter = reader.read(cells, texts, index + 1)
        if voter is not None:
            voters.append(voter)
    reader.finish()
    if seen_rows == 0:
        problems.error(
            header.row_no, None, _Says(QT_TRANSLATE_NOOP("ListProblem", "no voters below the header row"), {})
        )
    if problems.errors:
        raise ListFileRefused(errors=problems.errors)
    place = _read_place(rows[: header.row_index])
    return ParsedList(
        path=file,
        rows=voters,
        warnings=list(problems.warnings),
        station_no=place.station_no,
        ward=place.ward,
        place_line=place.line,
        content_sha256=content_sha256(voters),
    )


def _check_unread_columns(header: _Header, problems: _Problems) -> None:
    """Columns that would become notes but must not: a second column of ID numbers (an error: notes
    would keep whole ID numbers in plain text) or a ballot column under a name not known (a warning:
    that ballot goes by its own column, or to every voter when it has none)."""
    for index in header.unread_columns():
        column = header.title(index)
        if _looks_like_id_header(_header_key(column)):
            second_id = QT_TRANSLATE_NOOP(
                "ListProblem",
                "a second column of ID numbers besides '{id_column}'; "
                "ID numbers are kept from one column only: remove one of the two",
            )
            problems.error(
                header.row_no, column, _Says(second_id, {"id_column": header.title(header.fields[ID_NUMBER])})
            )
        elif _looks_like_ballot_header(column):
            unknown_ballot = QT_TRANSLATE_NOOP(
                "ListProblem",
                "column '{column}' looks like a ballot column but is not read as one (its name is not known "
                "or is used twice), so it is kept as a note; "
                "name it 'Bầu ĐBQH', 'Bầu HĐND tỉnh/thành phố' or 'Bầu HĐND xã/phường' "
                "(a ballot without a column of its own is given to every voter)",
            )
            problems.warn(header.row_no, column, _Says(unknown_ballot, {"column": column}))


def _no_header_problem(rows: Sequence[Cells], file: str) -> ListProblem:
    """Why no header was found: a legacy font hides it, or there is none."""
    for index, cells in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        joined = " ".join(c for c in cells if isinstance(c, str))
        if _LEGACY_TEXT.search(joined):
            says = _legacy_text_message(joined, whole_file=True)
            return ListProblem(file, index + 1, None, says.template, says.params)
    no_header = QT_TRANSLATE_NOOP("ListProblem", "no header row: no row names both 'STT' and 'Họ và tên'")
    return ListProblem(file, None, None, no_header)


# --- files --------------------------------------------------------------------------------------

_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected workbooks
_XLSX_SUFFIXES: Final = (".xlsx", ".xlsm")


def _refused(file: str, template: str, /, *, at_row: int | None = None, **params: object) -> ListFileRefused:
    return ListFileRefused(errors=[ListProblem(file, at_row, None, template, params)])


def _read_cells(path: Path, file: str) -> Sequence[Cells]:
    """Every physical row of the file (index 0 is Excel's row 1), or ListFileRefused."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        cannot_open = QT_TRANSLATE_NOOP("ListProblem", "cannot open the file ({reason})")
        raise _refused(file, cannot_open, reason=str(exc.strerror or exc)) from exc
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise _refused(file, QT_TRANSLATE_NOOP("ListProblem", "the file is empty"))
    if data.startswith(_OLE_MAGIC):
        old_xls = QT_TRANSLATE_NOOP(
            "ListProblem", "is an old Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx"
        )
        raise _refused(file, old_xls)
    if data.startswith(_ZIP_MAGIC):
        return _xlsx_rows(data, file)
    if path.suffix.lower() in _XLSX_SUFFIXES:
        text_file = QT_TRANSLATE_NOOP(
            "ListProblem", "is not an Excel workbook (it looks like a text file; is it a CSV?)"
        )
        raise _refused(file, text_file)
    return _csv_rows(data, file)


# Bytes of Windows-1258's combining tone marks after a vowel: how CP1258 writes "ễ" (ê + tilde).
_CP1258_TONES: Final = re.compile(
    rb"[aeiouyAEIOUY\xe2\xea\xf4\xe3\xf5\xfd\xc2\xca\xd4\xc3\xd5\xdd][\xcc\xec\xd2\xde\xf2]"
)


def _not_utf8_message(data: bytes) -> str:
    """Why a CSV is not UTF-8, with a guess at the encoding it is in."""
    sample = data[:65536]
    if _CP1258_TONES.search(sample):
        return QT_TRANSLATE_NOOP(
            "ListProblem", "is not UTF-8 text (it looks like Windows-1258); save it as 'CSV UTF-8'"
        )
    if _LEGACY_TEXT.search(sample.decode("latin-1")):
        return QT_TRANSLATE_NOOP(
            "ListProblem",
            "is not UTF-8 text (it looks like a legacy TCVN3 or VNI font encoding); save it as 'CSV UTF-8'",
        )
    return QT_TRANSLATE_NOOP(
        "ListProblem", "is not UTF-8 text (it looks like another encoding); save it as 'CSV UTF-8'"
    )


def _csv_rows(data: bytes, file: str) -> list[list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refused(file, QT_TRANSLATE_NOOP("ListProblem", "is UTF-16 text; save it as 'CSV UTF-8'"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise _refused(file, _not_utf8_message(data), at_row=row) from exc
    if "\x00" in text:
        raise _refused(file, QT_TRANSLATE_NOOP("ListProblem", "is not a text file (it contains NUL bytes)"))
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
    except csv.Error as exc:
        raise _refused(
            file, QT_TRANSLATE_NOOP("ListProblem", "is not a readable CSV file ({reason})"), reason=str(exc)
        ) from exc


def _sniff_delimiter(text: str) -> str:
    """Comma, or the semicolon or tab that Excel uses under Vietnamese regional settings."""
    head = text[:32768]

    def known_columns(delimiter: str) -> int:
        header = _find_header(list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)))
        return len(header.fields) if header is not None else 0

    return max((",", ";", "\t"), key=known_columns)  # max keeps the first of equals: the comma


def _xlsx_rows(data: bytes, file: str) -> list[Cells]:
    import openpyxl  # imported here: it takes a third of a second and CSV files never need it

    # openpyxl warns about workbook parts it drops when reading (a missing default style, data
    # validation, extensions). We read values only, so those warnings say nothing about the list;
    # they are silenced for openpyxl's modules alone. (catch_warnings swaps a process-wide filter
    # list: a warning raised by another thread in that moment may be filtered by it too.)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises anything from KeyError to XML errors on a broken file
            raise _refused(file, QT_TRANSLATE_NOOP("ListProblem", "is not a readable Excel workbook (.xlsx)")) from exc
        try:
            return _first_sheet_with_header(workbook, file, data)
        finally:
            workbook.close()


def _sheet_rows(sheet: Any, file: str) -> list[Cells]:
    try:
        sheet.reset_dimensions()  # some writers store a wrong sheet size; openpyxl would cut rows to it
        return list(sheet.iter_rows(values_only=True))
    except Exception as exc:  # as for the workbook: a broken sheet raises anything
        unreadable_sheet = QT_TRANSLATE_NOOP("ListProblem", "the worksheet '{sheet}' cannot be read")
        raise _refused(file, unreadable_sheet, sheet=sheet.title) from exc


def _first_sheet_with_header(workbook: Any, file: str, data: bytes) -> list[Cells]:
    """The active sheet's rows if it holds the list, else the first other sheet that does."""
    sheets: list[Any] = list(workbook.worksheets)
    active = workbook.active
    if active in sheets:
        sheets.remove(active)
        sheets.insert(0, active)
    first: list[Cells] | None = None
    for sheet in sheets:
        rows = _sheet_rows(sheet, file)
        header = _find_header(rows)
        if header is not None and not header.missing():
            return _fill_merged_down(rows, _vertical_merges(data, sheet), below=header.row_index)
        first = rows if first is None else first
    return first or []


# <mergeCell ref="I13:I16"/>, in any namespace prefix.
_MERGE_CELL: Final = re.compile(rb'<(?:[A-Za-z0-9_]+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]+:[A-Z]{1,3}[0-9]+)"')


def _vertical_merges(data: bytes, sheet: Any) -> list[tuple[int, int, int]]:
    """The sheet's cells merged down a column, as (column, first row, last row), 0-based.

    A list often merges a value over the voters it applies to (a Tổ dân phố, an "x" under a
    ballot): on paper every one of those rows shows it. openpyxl's read-only mode, which keeps a
    big list fast to read, does not report merged cells, so they are read from the sheet's XML.
    """
    import zipfile

    from openpyxl.utils.cell import range_boundaries

    path = getattr(sheet, "_worksheet_path", None)  # where read-only openpyxl read the sheet from
    if not isinstance(path, str):
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(path.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    merges = []
    for ref in _MERGE_CELL.findall(xml):
        first_col, first_row, last_col, last_row = range_boundaries(ref.decode("ascii"))  # 1-based
        if first_col == last_col and last_row > first_row:
            merges.append((first_col - 1, first_row - 1, last_row - 1))
    return merges


def _fill_merged_down(rows: list[Cells], merges: list[tuple[int, int, int]], below: int) -> list[Cells]:
    """Each merged cell's value copied into every row it covers, for merges below the header row
    (a header merged over two rows is left as written: it is refused as such)."""
    for column, first, last in merges:
        if first <= below or first >= len(rows):
            continue
        value = rows[first][column] if column < len(rows[first]) else None
        for index in range(first + 1, min(last, len(rows) - 1) + 1):
            if _is_blank(rows[index]):
                continue  # a merge running past the last voter: a blank row stays blank
            cells = list(rows[index])
            cells.extend([None] * (column + 1 - len(cells)))
            cells[column] = value
            rows[index] = cells
    return rows


@contextmanager
def _without_gc_pauses() -> Iterator[None]:
    """Reading makes a hundred thousand small objects and no cyclic garbage, yet the cyclic collector
    would walk them again and again: a third of the time of a 40,000-row import. Reference counting
    still frees everything meanwhile; the collector is back on afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_list_file(path: Path, *, election_day: date) -> ParsedList:
    """Read and check a voter list (.csv or .xlsx) for an election on election_day.

    Returns the voters, normalised, with the warnings a clerk should see. Raises ListFileRefused
    listing every error (file, Excel row, column as written, what is wrong) when the file cannot be
    imported as a whole.
    """
    file = str(path)
    with _without_gc_pauses():
        rows = _read_cells(path, file)
        return _parse_rows(rows, file, election_day)
