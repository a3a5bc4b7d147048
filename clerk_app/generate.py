"""Deterministic generator of realistic station voter lists, for the demo station, tests and benchmarks.

All people are synthetic. The shape follows real Vietnamese lists (see shared/voter-list-format.md and
shared/domain-facts.md): voters grouped by household at one address in one tổ dân phố, surnames at their
national frequencies, middle names by gender and generation, many namesakes, both tone-mark placements
(Hòa / Hoà), year-only birth dates for the elderly, ~8 % temporary residents with two ballots, personal ID
numbers whose digits agree with birth year and gender.

``generate_voters`` builds 40,000 rows in about 0.2 s and a million in 5-7 s of CPU on the 2-core dev VM
(``python -m clerk_app.generate`` measures it): every weighted choice is one lookup in a power-of-two
table, dates and ID prefixes are cached, rows are filled in place, and the garbage collector is paused
while the (acyclic) rows are built.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import gc
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final, TypeVar

from clerk_app.model import Ballots, ListRow

__all__ = [
    "ELECTION_LINE",
    "HEADER_ROW",
    "MOTTO",
    "NATION",
    "TITLE",
    "generate_voters",
    "header_names",
    "place_line",
    "title_rows",
    "write_csv",
    "write_xlsx",
]

NATION: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
TITLE: Final = "DANH SÁCH CỬ TRI"
ELECTION_LINE: Final = "Bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031"
HEADER_ROW: Final = 8  # the header's row number as Excel shows it; voter n is on row HEADER_ROW + n
TEMP_NOTE: Final = "Tạm trú"

_FULL: Final = Ballots()
_TWO: Final = Ballots(ward=False)  # National Assembly + province/city council only


# --------------------------------------------------------------------------------------------------
# Weighted tables. A table is a list of 2**bits entries, each value repeated in proportion to its
# weight, so a weighted draw is ``table[getrandbits(bits)]``: the fastest draw Python offers.

_T = TypeVar("_T")
_NAME_BITS: Final = 12
_BIG_BITS: Final = 14


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _table(items: Sequence[tuple[_T, float]], bits: int) -> list[_T]:
    """Largest-remainder apportionment of 2**bits slots; every item of positive weight gets a slot."""
    size = 1 << bits
    items = [(value, weight) for value, weight in items if weight > 0]
    total = sum(weight for _, weight in items)
    if not items or len(items) > size:
        raise ValueError("bad weight table")
    exact = [weight * size / total for _, weight in items]
    counts = [max(1, int(x)) for x in exact]
    missing = size - sum(counts)
    if missing > 0:  # hand the missing slots to the largest remainders
        for i in sorted(range(len(items)), key=lambda i: exact[i] - counts[i], reverse=True)[:missing]:
            counts[i] += 1
    while missing < 0:  # tiny weights lifted to one slot: take it back from the largest counts
        i = max(range(len(items)), key=counts.__getitem__)
        counts[i] -= 1
        missing += 1
    out: list[_T] = []
    for (value, _), n in zip(items, counts, strict=True):
        out.extend([value] * n)
    return out


def _words(spec: str) -> list[tuple[str, float]]:
    """'Nguyễn 36.5, Trần 11.4, Thị Thu 2, - 1' -> [(name, weight), ...]; '-' stands for no word."""
    out: list[tuple[str, float]] = []
    for raw in spec.split(","):
        part = raw.strip()
        if not part:
            continue
        name, _, weight = part.rpartition(" ")
        name = "" if name == "-" else _nfc(name)
        out.append((name, float(weight)))
    return out


def _names(spec: str) -> list[str]:
    return _table(_words(spec), _NAME_BITS)


# Ethnicity of a household, with the surnames its families carry and the provinces (ID codes) of birth.
_ETHNIC: Final = _table(
    _words("Kinh 96.0, Tày 1.0, Mường 0.8, Thái 0.7, Nùng 0.5, Hoa 0.5, Dao 0.2, Khmer 0.15, Mông 0.15"),
    _BIG_BITS,
)
_SURNAMES: Final[dict[str, list[str]]] = {
    # National shares for the Kinh majority (Nguyễn ~36 %, Trần 11 %, Lê 9.5 %, Phạm 7 %...).
    "Kinh": _names(
        "Nguyễn 36.5, Trần 11.4, Lê 9.8, Phạm 7.2, Hoàng 4.3, Huỳnh 0.9, Phan 4.6, Vũ 3.3, Võ 0.9,"
        "Đặng 2.1, Bùi 2.0, Đỗ 1.5, Hồ 1.3, Ngô 1.3, Dương 1.0, Đào 1.0, Đoàn 0.6, Trịnh 0.6, Đinh 0.6,"
        "Lương 0.5, Mai 0.5, Trương 0.5, Hà 0.5, Lý 0.4, Lưu 0.4, Tạ 0.4, Phùng 0.4, Cao 0.4, Kiều 0.3,"
        "Chu 0.3, Tô 0.3, Thân 0.2, Triệu 0.2, Nghiêm 0.2, Thái 0.2, Quách 0.2, Vương 0.2, Lâm 0.2,"
        "Khúc 0.1, Doãn 0.1, Khổng 0.1, Lã 0.1, Mạc 0.1, Văn 0.05, Tôn 0.05, Ninh 0.05, Âu 0.05"
    ),
    "Tày": _names("Hoàng 5, Nông 4, Bế 3, Hà 2, Lục 2, Vi 2, Đàm 1, Lương 1, Ma 1, Triệu 1"),
    "Thái": _names("Lò 5, Lường 3, Cầm 3, Sầm 2, Vi 2, Quàng 2, Hà 2, Tòng 1, Điêu 1"),
    "Mường": _names("Bùi 5, Đinh 4, Quách 2, Hà 2, Xa 1, Cao 1"),
    "Nùng": _names("Hoàng 4, Nông 3, Lương 2, Vi 2, Lục 1, Mã 1, Chu 1"),
    "Hoa": _names("Lý 3, Trương 3, Lâm 2, Hứa 2, Quách 1, Mạch 1, Tăng 1, Diệp 1, Lưu 1"),
    "Dao": _names("Triệu 4, Bàn 3, Đặng 2, Lý 1"),
    "Khmer": _names("Thạch 4, Sơn 3, Kim 2, Danh 2, Chau 1, Lâm 1"),
    "Mông": _names("Giàng 3, Thào 3, Vàng 2, Sùng 2, Mùa 1, Hầu 1, Lầu 1"),
}
_HANOI: Final = "001"
_PROVINCE_WEIGHTS: Final[dict[str, list[tuple[str, float]]]] = {
    # Codes of the province of birth registration (the first three ID digits; Hà Nội is 001).
    "Kinh": _words(
        "036 8, 034 8, 035 6, 037 4, 033 6, 030 5, 027 4, 024 3, 026 4, 025 4, 038 7, 040 6, 042 3,"
        "031 3, 022 2, 019 2, 044 1, 046 1, 048 1, 079 1"
    ),
    "Tày": _words("004 4, 020 3, 006 2, 008 2, 002 1"),
    "Thái": _words("014 5, 011 3, 012 1, 038 1, 040 1"),
    "Mường": _words("017 6, 025 2, 038 2"),
    "Nùng": _words("020 5, 004 2, 024 1"),
    "Hoa": _words("031 2, 022 2, 079 2, 020 1"),
    "Dao": _words("002 2, 015 2, 010 2, 022 1"),
    "Khmer": _words("094 3, 084 3, 091 2"),
    "Mông": _words("002 3, 010 2, 014 2"),
}

# Middle names by gender and generation (born before 1970 / 1970-1994 / from 1995). Two-word entries
# make the four-word names common among women; "-" is the rare two-word name of an elderly voter.
# Tone-mark placement varies (Thùy / Thuỳ), as in real lists.
_MIDDLE_M: Final[tuple[list[tuple[str, float]], ...]] = (
    _words(
        "Văn 60, Đức 6, Hữu 5, Đình 5, Công 4, Quang 4, Xuân 4, Ngọc 3, Minh 3, Thanh 3, Trọng 2, Khắc 2,"
        "Bá 2, Viết 2, Duy 1, Mạnh 1, Tiến 1, Huy 1, Kim 1, - 1.5"
    ),
    _words(
        "Văn 28, Đức 8, Minh 7, Quốc 5, Quang 5, Hữu 4, Thanh 4, Tuấn 4, Anh 4, Hoàng 3, Mạnh 3, Trung 3,"
        "Duy 3, Hải 3, Ngọc 3, Xuân 3, Công 3, Đình 3, Việt 2, Thành 2, Trọng 2, Gia 1, - 0.3"
    ),
    _words(
        "Minh 10, Văn 9, Đức 8, Gia 6, Quang 5, Quốc 5, Anh 4, Hoàng 4, Duy 4, Bảo 4, Hải 3, Trung 3,"
        "Đăng 3, Nhật 3, Thành 3, Hữu 3, Tuấn 3, Tiến 2, Ngọc 2, Đình 2, Công 2, Thanh 2, Xuân 1,"
        "Minh Đức 0.3, Hoàng Minh 0.3"
    ),
)
_MIDDLE_F: Final[tuple[list[tuple[str, float]], ...]] = (
    _words(
        "Thị 78, Ngọc 3, Thanh 3, Kim 3, Hồng 3, Xuân 2, Thu 2, Bích 1, Minh 1, Thị Thu 2, Thị Thanh 2,"
        "Thị Ngọc 1.5, Thị Kim 1, Thị Bích 1, Thị Minh 1, Thị Hồng 1, - 1.5"
    ),
    _words(
        "Thị 38, Thu 6, Ngọc 6, Thanh 5, Minh 3, Phương 3, Hồng 3, Thùy 2, Thuỳ 1, Kim 2, Hải 2, Mai 2,"
        "Bích 2, Quỳnh 2, Diệu 1, Lan 1, Hoài 1, Thị Thu 4, Thị Thanh 4, Thị Ngọc 3, Thị Minh 2,"
        "Thị Hồng 2, Thị Kim 2, Thị Phương 2, Thị Thùy 1.5, Thị Thuỳ 0.7, Thị Bích 1.5, Thị Mai 1,"
        "Thị Hải 1, Thị Lan 1, Thị Hoài 1, Thị Diệu 0.5"
    ),
    _words(
        "Thị 14, Ngọc 8, Thu 6, Minh 6, Phương 5, Khánh 5, Bảo 4, Thanh 4, Hà 3, Mai 3, Quỳnh 3, Thùy 2,"
        "Thuỳ 1.5, Hoài 2, Diệu 2, Như 2, Gia 2, Hải 2, Hồng 2, Kim 2, Tú 1, Vân 1, Cẩm 1, Lan 1,"
        "Thị Thu 2, Thị Ngọc 2, Thị Thanh 1.5, Thị Minh 1.5, Thị Khánh 1, Thị Phương 1, Thị Hồng 1,"
        "Ngọc Bảo 1.5, Ngọc Minh 1, Ngọc Khánh 1, Hà Phương 0.5, Minh Thu 0.5"
    ),
)
# Given names (the word people are called by), by gender and generation, with plenty of namesakes.
_GIVEN_M: Final[tuple[list[tuple[str, float]], ...]] = (
    _words(
        "Hùng 5, Dũng 4, Sơn 4, Thắng 4, Bình 4, Thành 4, Hải 4, Minh 4, Hòa 3, Hoà 1, Chiến 3, Vinh 3,"
        "Quang 3, Long 3, Nghĩa 3, Toàn 3, Tiến 3, Đức 3, Hưng 3, Tuấn 3, Cường 3, Trung 3, Nam 3,"
        "Lợi 2, Chính 2, Lộc 2, Mạnh 2, Phúc 2, Thịnh 2, Khánh 2, Hiếu 2, Tùng 2, Lâm 2, Hoàng 2, Việt 2,"
        "Kiên 2, Hiệp 2, Tâm 2, Quý 2, Thủy 1, Thuỷ 0.4, Lực 1, Thái 1, Tài 1, Hậu 1, Đạt 1, Tú 1, Khoa 1"
    ),
    _words(
        "Tuấn 5, Hùng 4, Dũng 4, Hải 4, Nam 4, Long 4, Cường 4, Minh 4, Đức 4, Trung 4, Sơn 3, Thắng 3,"
        "Hưng 3, Quang 3, Huy 3, Hiếu 3, Tùng 3, Phong 3, Thành 3, Đạt 3, Kiên 3, Việt 3, Tiến 3, Anh 3,"
        "Bình 2, Hòa 1.5, Hoà 0.8, Khánh 2, Toàn 2, Nghĩa 2, Thịnh 2, Vinh 2, Lâm 2, Khoa 2, Hoàng 2,"
        "Phúc 2, Quý 2, Duy 2, Quân 2, Hiệp 1, Tâm 1"
    ),
    _words(
        "Minh 5, Anh 5, Huy 4, Đức 4, Nam 4, Quân 4, Đạt 4, Khoa 3, Khôi 3, Phúc 3, Long 3, Hiếu 3,"
        "Dương 3, Hưng 3, Hoàng 3, Tuấn 3, Thành 3, Hải 3, Duy 3, Bảo 2, Tùng 2, Kiên 2, Nhật 2, Thắng 2,"
        "Việt 2, Vũ 2, Trí 2, Lâm 2, Sơn 2, Trung 2, Phong 2, Khang 2, An 2, Tiến 2, Hòa 0.7, Hoà 0.7,"
        "Vinh 1, Bách 1, Thịnh 1, Cường 1, Dũng 1, Hùng 1"
    ),
)
_GIVEN_F: Final[tuple[list[tuple[str, float]], ...]] = (
    _words(
        "Hoa 6, Lan 5, Hương 5, Mai 4, Hằng 4, Nga 4, Hạnh 4, Dung 4, Thủy 3, Thuỷ 1.2, Thúy 3, Thuý 1.2,"
        "Hòa 3, Hoà 1.2, Loan 3, Hiền 3, Tâm 3, Nhung 3, Yến 3, Liên 3, Thanh 3, Vân 3, Hồng 3, Thu 3,"
        "Oanh 2, Cúc 2, Huệ 2, Bình 2, Tuyết 2, Thảo 2, Phượng 2, Xuân 2, Nguyệt 2, Hường 2, Lý 1, Sen 1,"
        "Lụa 1, Chung 1, Khuyên 1, Minh 1"
    ),
    _words(
        "Hương 4, Hằng 4, Trang 4, Hà 4, Huyền 4, Linh 4, Anh 4, Thảo 3, Ngọc 3, Phương 3, Lan 3, Hoa 3,"
        "Mai 3, Hạnh 3, Hiền 3, Yến 3, Nhung 3, Giang 3, Thủy 2, Thuỷ 1, Thúy 2, Thuý 1.2, Hòa 2, Hoà 1,"
        "Nga 2, Dung 2, Vân 2, Oanh 2, Loan 2, Quyên 2, Chi 2, Tâm 2, Liên 2, Thu 2, Nguyệt 2, Hồng 2,"
        "Ly 2, Diệp 1"
    ),
    _words(
        "Anh 6, Linh 5, Trang 5, Thảo 4, Chi 4, Hà 3, Ngọc 3, Huyền 3, Phương 3, Giang 3, Mai 3, Vy 3,"
        "My 3, Ngân 3, Nhi 3, An 3, Thư 3, Ly 3, Hương 2, Hân 2, Quyên 2, Yến 2, Uyên 2, Trâm 2, Vân 2,"
        "Châu 2, Hằng 2, Quỳnh 2, Thúy 1, Thuý 0.8, Hòa 1, Hoà 0.8, Hoa 1, Nhung 1, Diệp 1, Khuê 1,"
        "Hạnh 1, Lan 1, Tâm 1"
    ),
)

_PAIR_BITS: Final = 16


@functools.cache
def _name_tables() -> tuple[list[str], ...]:
    """Per gender and generation (index female * 3 + generation), a table of "middle given" strings.

    One draw gives both words; pairs that repeat a word ("Thị Thu Thu", "Minh Minh") are left out.
    Built on first use (a few milliseconds) and shared by every list.
    """
    out: list[list[str]] = []
    for middles, givens in ((_MIDDLE_M, _GIVEN_M), (_MIDDLE_F, _GIVEN_F)):
        for generation in range(3):
            pairs = [
                (f"{middle} {given}" if middle else given, wm * wg)
                for middle, wm in middles[generation]
                for given, wg in givens[generation]
                if given not in middle.split()
            ]
            out.append(_table(pairs, _PAIR_BITS))
    return tuple(out)


@functools.cache
def _id_prefixes(province: str) -> list[str]:
    """The first six ID digits for a province, per (birth year - 1900) * 2 + female, years 1900-2099."""
    return [
        f"{province}{(year // 100 - 19) * 2 + female}{year % 100:02d}"
        for year in range(1900, 2100)
        for female in (0, 1)
    ]


@functools.cache
def _province_tables(temporary: bool) -> dict[str, list[list[str]]]:
    """Per ethnicity, a draw table of the province of birth, given as that province's ID prefixes.

    Permanent residents of Hà Nội were mostly born there (001); temporary residents mostly elsewhere.
    """
    out: dict[str, list[list[str]]] = {}
    for ethnicity, weights in _PROVINCE_WEIGHTS.items():
        # Share born in Hà Nội.
        home = (0.3 if temporary else 0.88) if ethnicity == "Kinh" else (0.1 if temporary else 0.3)
        total = sum(w for _, w in weights)
        items = [(_HANOI, home)] + [(code, (1 - home) * w / total) for code, w in weights]
        out[ethnicity] = [_id_prefixes(code) for code in _table(items, _NAME_BITS)]
    return out


# Streets: those of phường Láng for the default station; elsewhere a handful drawn from common names.
_LANG_STREETS: Final = (
    "đường Láng",
    "phố Láng Hạ",
    "phố Chùa Láng",
    "phố Pháo Đài Láng",
    "phố Nguyễn Chí Thanh",
    "phố Huỳnh Thúc Kháng",
    "phố Đào Duy Anh",
    "phố Cầu Giấy",
    "phố Nguyên Hồng",
    "phố Vũ Ngọc Phan",
    "phố Hoàng Ngọc Phách",
    "phố Trúc Khê",
)
_COMMON_STREETS: Final = (
    "Lê Lợi, Trần Hưng Đạo, Nguyễn Trãi, Lý Thường Kiệt, Quang Trung, Hai Bà Trưng, Bà Triệu,"
    "Phan Chu Trinh, Nguyễn Du, Lê Thánh Tông, Hoàng Diệu, Điện Biên Phủ, Nguyễn Thái Học, Kim Mã,"
    "Đội Cấn, Văn Cao, Tô Hiến Thành, Lê Đại Hành, Phạm Ngọc Thạch, Tây Sơn, Thái Hà,"
    "Nguyễn Lương Bằng, Trường Chinh, Minh Khai, Bạch Mai, Lò Đúc, Nguyễn Văn Cừ, Ngô Quyền,"
    "Lê Duẩn, Phan Đình Phùng, Hoàng Hoa Thám, Nguyễn Khánh Toàn, Trần Phú, Lạc Long Quân,"
    "Âu Cơ, Nguyễn Văn Linh, Võ Thị Sáu, Lý Tự Trọng, Nguyễn Công Trứ, Tôn Đức Thắng"
)


# --------------------------------------------------------------------------------------------------
# Per-age probabilities and age tables.


def _by_age(bands: Sequence[tuple[int, int, float]]) -> list[float]:
    """Value per age 0..101 from (first age, last age, value) bands; 0 elsewhere."""
    out = [0.0] * 102
    for lo, hi, value in bands:
        for a in range(lo, hi + 1):
            out[a] = value
    return out


def _ages(bands: Sequence[tuple[int, int, float]]) -> list[int]:
    """A draw table of ages from (first age, last age, weight of the whole band) bands."""
    items: list[tuple[int, float]] = []
    for lo, hi, weight in bands:
        items.extend((a, weight / (hi - lo + 1)) for a in range(lo, hi + 1))
    return _table(items, _NAME_BITS)


# Year-only birth dates: mostly the elderly, whose papers often carry only the year (~10 % overall).
_P_YEAR_ONLY: Final = _by_age([(45, 59, 0.02), (60, 69, 0.1), (70, 79, 0.4), (80, 101, 0.75)])
# No personal ID number on the list (~3 %): more often the very old.
_P_NO_ID: Final = _by_age([(18, 69, 0.025), (70, 79, 0.06), (80, 101, 0.14)])

_AGE_SINGLE: Final = _ages([(20, 34, 45), (35, 59, 12), (60, 74, 15), (75, 84, 18), (85, 98, 8)])
_AGE_COUPLE: Final = _ages([(22, 34, 26), (35, 49, 18), (50, 64, 22), (65, 79, 24), (80, 96, 10)])
_AGE_PARENT: Final = _ages([(40, 49, 22), (50, 59, 38), (60, 69, 28), (70, 82, 12)])
_AGE_ELDER: Final = _ages([(64, 74, 45), (75, 84, 40), (85, 98, 12)])
_AGE_YOUNG: Final = _ages([(18, 22, 35), (23, 29, 45), (30, 38, 20)])
# How many years a wife is younger than her husband (negative: older).
_WIFE_YOUNGER: Final = _table(
    [
        (-3, 1),
        (-2, 2),
        (-1, 4),
        (0, 7),
        (1, 9),
        (2, 10),
        (3, 9),
        (4, 7),
        (5, 6),
        (6, 4),
        (7, 3),
        (8, 2),
        (9, 1.5),
        (10, 1),
        (12, 0.5),
    ],
    _NAME_BITS,
)


# --------------------------------------------------------------------------------------------------
# Households.

# A member: (surname, female, age, ethnicity, mother's surname for a double-surname child or "").
# Age -1 marks a voter who turned 18 within the last two months.
_Member = tuple[str, bool, int, str, str]
_NEWLY_18: Final = -1
_P_TEMPORARY_HOUSEHOLD: Final = 0.12  # households are small: ~8 % of voters


class _Households:
    """Draws households: who lives together, with surnames, genders, ages and ethnicity.

    Written for speed (a million voters are a third of a million households): tables are indexed
    inline rather than through helper calls.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rnd = rng.random
        self.bits = rng.getrandbits

    def spouse_ethnicity(self, ethnicity: str) -> str:
        """A spouse is mostly of the same people; mixed marriages are mostly with a Kinh spouse."""
        if ethnicity == "Kinh":
            return "Kinh" if self.rnd() < 0.99 else _ETHNIC[self.bits(_BIG_BITS)]
        return ethnicity if self.rnd() < 0.6 else "Kinh"

    def children(self, family: str, mother: str, mother_age: int, eth: str, most: int) -> list[_Member]:
        """Adult children still living with their parents, eldest first (younger ones are not voters)."""
        rnd = self.rnd
        age = min(mother_age - 20 - int(rnd() * 8), 58)  # the eldest
        out: list[_Member] = []
        wanted = 1 + (rnd() < 0.55) + (rnd() < 0.2)
        while age >= 18 and len(out) < min(wanted, most):
            # Now and then a child with both parents' surnames: "Trần Lê Minh Châu".
            double = mother if age <= 30 and mother != family and rnd() < 0.06 else ""
            out.append((family, rnd() < 0.49, age, eth, double))
            age -= 2 + int(rnd() * 5)
        # Some families have a child who has just turned 18 (the list's youngest voters).
        if len(out) < most and 38 <= mother_age <= 56 and age + 2 < 18 and rnd() < 0.25:
            out.append((family, rnd() < 0.49, _NEWLY_18, eth, ""))
        return out

    def couple(self, husband_age: int, eth: str) -> tuple[_Member, _Member]:
        bits = self.bits
        wife_eth = self.spouse_ethnicity(eth)
        wife_age = husband_age - _WIFE_YOUNGER[bits(_NAME_BITS)]
        wife_age = 18 if wife_age < 18 else 100 if wife_age > 100 else wife_age
        return (
            (_SURNAMES[eth][bits(_NAME_BITS)], False, husband_age, eth, ""),
            (_SURNAMES[wife_eth][bits(_NAME_BITS)], True, wife_age, wife_eth, ""),
        )

    def permanent(self) -> list[_Member]:  # noqa: PLR0911 - one return per kind of household
        rnd, bits = self.rnd, self.bits
        eth = _ETHNIC[bits(_BIG_BITS)]
        kind = rnd()
        if kind < 0.13:  # one person: a young single or, often, a widowed elder
            age = _AGE_SINGLE[bits(_NAME_BITS)]
            female = rnd() < (0.7 if age >= 70 else 0.45)
            return [(_SURNAMES[eth][bits(_NAME_BITS)], female, age, eth, "")]
        if kind < 0.33:  # a couple
            return list(self.couple(_AGE_COUPLE[bits(_NAME_BITS)], eth))
        if kind < 0.70:  # parents and their adult children
            husband, wife = self.couple(_AGE_PARENT[bits(_NAME_BITS)], eth)
            return [husband, wife, *self.children(husband[0], wife[0], wife[2], eth, 4)]
        if kind < 0.78:  # a widowed or divorced parent, mostly a mother, with adult children
            family = _SURNAMES[eth][bits(_NAME_BITS)]
            age = min(_AGE_PARENT[bits(_NAME_BITS)] + int(rnd() * 8), 100)
            if rnd() < 0.8:
                mother_eth = self.spouse_ethnicity(eth)
                mother = (_SURNAMES[mother_eth][bits(_NAME_BITS)], True, age, mother_eth, "")
                return [mother, *self.children(family, mother[0], age, eth, 5)]
            father = (family, False, age, eth, "")
            return [father, *self.children(family, "", age - 3, eth, 5)]
        # Three generations: elderly parent(s), a son (or a daughter and her husband), grandchildren.
        grandpa, grandma = self.couple(_AGE_ELDER[bits(_NAME_BITS)], eth)
        elders: list[_Member] = [grandpa, grandma]
        if rnd() < 0.45:  # widowed: one elder left, more often the grandmother
            elders = [grandma] if rnd() < 0.7 else [grandpa]
        middle_age = max(grandma[2] - 20 - int(rnd() * 16), 22)
        room = 4 - len(elders)
        if rnd() < 0.75:  # the son brings his wife; the grandchildren carry the family's surname
            wife_eth = self.spouse_ethnicity(eth)
            wife_age = max(middle_age - _WIFE_YOUNGER[bits(_NAME_BITS)], 20)
            son = (grandpa[0], False, middle_age, eth, "")
            wife = (_SURNAMES[wife_eth][bits(_NAME_BITS)], True, wife_age, wife_eth, "")
            return [*elders, son, wife, *self.children(son[0], wife[0], wife_age, eth, room)]
        husband_eth = self.spouse_ethnicity(eth)
        daughter = (grandpa[0], True, middle_age, eth, "")
        husband = (_SURNAMES[husband_eth][bits(_NAME_BITS)], False, middle_age + int(rnd() * 6), husband_eth, "")
        kids = self.children(husband[0], daughter[0], middle_age, husband_eth, room)
        return [*elders, husband, daughter, *kids]

    def temporary(self) -> list[_Member]:
        """Renters registered for temporary residence: students, workers, young families."""
        rnd, bits = self.rnd, self.bits
        kind = rnd()
        eth = _ETHNIC[bits(_BIG_BITS)]
        if kind < 0.45:
            return [(_SURNAMES[eth][bits(_NAME_BITS)], rnd() < 0.5, _AGE_YOUNG[bits(_NAME_BITS)], eth, "")]
        if kind < 0.70:  # unrelated roommates of one gender
            out: list[_Member] = []
            female = rnd() < 0.5
            for _ in range(2 + int(rnd() * 3)):
                eth = _ETHNIC[bits(_BIG_BITS)]
                age = min(_AGE_YOUNG[bits(_NAME_BITS)], 30)
                out.append((_SURNAMES[eth][bits(_NAME_BITS)], female, age, eth, ""))
            return out
        if kind < 0.90:
            return list(self.couple(22 + int(rnd() * 24), eth))
        husband, wife = self.couple(_AGE_PARENT[bits(_NAME_BITS)], eth)
        return [husband, wife, *self.children(husband[0], wife[0], wife[2], eth, 2)]


# --------------------------------------------------------------------------------------------------
# Addresses.


class _Segment:
    """A street front or an alley (ngõ): its text, the highest house number so far, numbers taken."""

    __slots__ = ("key", "taken", "text", "top")

    def __init__(self, text: str, top: int, ident: int) -> None:
        self.text = text
        self.top = top
        self.taken = 0
        self.key = ident << 20  # with a house number below 2**20 or'ed in: the address's key


class _Addresses:
    """House addresses grouped by tổ dân phố; no two households of a list share an address."""

    def __init__(self, rng: random.Random, ward: str, city: str) -> None:
        self.rng = rng
        self.tail = f"{ward}, {city}"
        if _fold(ward) == "phuong lang":
            self.streets = list(_LANG_STREETS)
        else:
            kind = "phố" if "Hà Nội" in city else "đường"
            pool = [s.strip() for s in _COMMON_STREETS.split(",")]
            self.streets = [f"{kind} {s}" for s in rng.sample(pool, 10)]
        self.segments: dict[str, _Segment] = {}
        self.used: set[int] = set()  # segment key | house number

    def group_segments(self) -> list[_Segment]:
        """The street fronts and alleys (ngõ) one tổ dân phố covers."""
        rng = self.rng
        segments = self.segments
        out: list[_Segment] = []
        for _ in range(1 + (rng.random() < 0.6) + (rng.random() < 0.2)):
            street = rng.choice(self.streets)
            if rng.random() < 0.25:
                text, top = f"{street}, {self.tail}", 400
            else:
                top = 120
                for _ in range(6):  # prefer an alley no other group has
                    text = f"ngõ {1 + int(rng.random() * 1300)} {street}, {self.tail}"
                    if text not in segments:
                        break
            segment = segments.get(text)
            if segment is None:
                segment = segments[text] = _Segment(text, top, len(segments))
            out.append(segment)
        return out

    def address(self, segments: list[_Segment]) -> str:
        """A free house number in one of the segments. A segment never gets more than half full: the
        numbers grow instead (long alleys, huge test lists), so a free number is found in a draw or two."""
        rnd = self.rng.random
        used = self.used
        segment = segments[int(rnd() * len(segments))]
        top, base = segment.top, segment.key
        while True:
            number = 1 + int(rnd() * top)
            if base | number not in used:
                break
        used.add(base | number)
        segment.taken += 1
        if segment.taken * 2 > top:
            segment.top = top + 40
        return f"Số {number}, {segment.text}"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip()


def _group_word(ward: str) -> str:
    return "Thôn" if _fold(ward).startswith("xa ") else "Tổ dân phố"


def _quotas(rng: random.Random, count: int) -> list[int]:
    """Voters per residential group: 60-120 each when the list is large enough, summing to count."""
    groups = max(1, round(count / 85))
    weights = [0.75 + 0.55 * rng.random() for _ in range(groups)]
    total = sum(weights)
    exact = [w * count / total for w in weights]
    out = [int(x) for x in exact]
    order = sorted(range(groups), key=lambda i: exact[i] - out[i], reverse=True)
    for i in order[: count - sum(out)]:
        out[i] += 1
    return out


# --------------------------------------------------------------------------------------------------
# Rows.

# Rows are built by filling the instance dict of the (frozen, plain) dataclass in field order: as compact
# as __init__ makes them and more than twice as fast, which matters at a million rows. Checked at import:
# any change to ListRow's fields, slots or a __post_init__ falls back to calling __init__.
_FAST_ROWS: Final = (
    tuple(f.name for f in dataclasses.fields(ListRow))
    == (
        "list_no",
        "name",
        "source_row",
        "birth",
        "birth_year",
        "birth_date",
        "gender",
        "ethnicity",
        "residence",
        "temp_residence",
        "id_number",
        "group",
        "ballots",
        "note",
    )
    and "__slots__" not in vars(ListRow)
    and not hasattr(ListRow, "__post_init__")
)


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def generate_voters(
    count: int,
    *,
    seed: int = 7,
    station_no: int = 7,
    election_day: date = date(2026, 3, 15),
    ward: str = "phường Láng",
    city: str = "thành phố Hà Nội",
) -> list[ListRow]:
    """A realistic voter list of exactly ``count`` rows, numbered 1..count, the same for the same arguments.

    Rows come by residential group, then by household (same address on consecutive rows). The station
    number is part of the seed: a ward's stations get different people (ID numbers are unique within a
    list; across lists they can only coincide by chance, as two random 6-digit tails can).
    ``source_row`` is the row each voter has in the files ``write_csv``/``write_xlsx`` make.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        return []
    ward, city = _nfc(ward), _nfc(city)
    # A string seed is hashed with SHA-512 by random: stable across runs, platforms and PYTHONHASHSEED.
    rng = random.Random(f"clerk_app.generate/{seed}/{station_no}")
    was_enabled = gc.isenabled()
    gc.disable()  # a million acyclic objects would otherwise trigger many useless full collections
    try:
        return _generate(rng, count, election_day, ward, city)
    finally:
        if was_enabled:
            gc.enable()


def _generate(  # noqa: PLR0912, PLR0915 - the hot loop stays in one frame: calls cost at 1M rows
    rng: random.Random, count: int, day: date, ward: str, city: str
) -> list[ListRow]:
    rnd = rng.random
    bits = rng.getrandbits
    households = _Households(rng)
    addresses = _Addresses(rng, ward, city)
    group_word = _group_word(ward)

    back = [_years_back(day, a).toordinal() for a in range(103)]
    eighteen = back[18]
    # Birth ordinals of age a lie in (back[a + 1], back[a]]: first[a] + [0, span[a]).
    first = [back[a + 1] + 1 for a in range(102)]
    span = [back[a] - back[a + 1] for a in range(102)]
    base = back[102]
    # Per birth ordinal, filled when first drawn: dd/mm/yyyy, date, year, yyyy, name generation and
    # the birth year's place in the ID prefix tables.
    dates: list[tuple[str, date, int, str, int, int] | None] = [None] * (eighteen - base + 1)
    used_ids: set[str] = set()
    p_year_only = _P_YEAR_ONLY
    p_no_id = _P_NO_ID
    names = _name_tables()
    pair_bits = _PAIR_BITS
    province_bits = _NAME_BITS
    provinces_by_residence = (_province_tables(False), _province_tables(True))
    genders = ("Nam", "Nữ")
    fast = _FAST_ROWS
    new_row = ListRow.__new__
    full, two = _FULL, _TWO
    newly_18, p_temporary, header_row = _NEWLY_18, _P_TEMPORARY_HOUSEHOLD, HEADER_ROW

    rows: list[ListRow] = []
    append = rows.append
    list_no = 0
    for group_no, group_size in enumerate(_quotas(rng, count), start=1):
        group = f"{group_word} {group_no}"
        quota = group_size
        segments = addresses.group_segments()
        while quota > 0:
            temporary = rnd() < p_temporary
            members = households.temporary() if temporary else households.permanent()
            if len(members) > quota:
                members = members[:quota]
            quota -= len(members)
            address = addresses.address(segments)
            if temporary:
                residence, temp_residence, ballots, note = "", address, two, TEMP_NOTE
            else:
                residence, temp_residence, ballots, note = address, "", full, ""
            provinces = provinces_by_residence[temporary]
            for surname, female, age, eth, mother in members:
                # Birth date: exact age in years on election day, or a birthday just gone.
                if age == newly_18:
                    birth_ord = eighteen - int(rnd() * 61)  # 18th birthday in the last two months
                    years = 18
                else:
                    birth_ord = first[age] + int(rnd() * span[age])
                    years = age
                info = dates[birth_ord - base]
                if info is None:
                    born = date.fromordinal(birth_ord)
                    y = born.year
                    generation = 0 if y < 1970 else 1 if y < 1995 else 2
                    info = (f"{born.day:02d}/{born.month:02d}/{y}", born, y, str(y), generation, (y - 1900) * 2)
                    dates[birth_ord - base] = info
                birth, birth_date, year, year_text, generation, id_slot = info
                birth_date_or_none: date | None = birth_date
                if rnd() < p_year_only[years]:
                    birth, birth_date_or_none = year_text, None

                # Name: surname, then middle and given names drawn together.
                table = names[generation + 3 * female]
                rest = table[bits(pair_bits)]
                while rest.startswith(surname):  # "Hoàng Hoàng Nam": draw again
                    rest = table[bits(pair_bits)]
                if mother:  # a child carrying both parents' surnames: "Trần Lê Minh Châu"
                    rest = " ".join([mother, *rest.split()[-2:]])
                name = f"{surname} {rest}"

                # Personal ID: province of birth, century and gender, two-digit year, six random digits.
                id_number: str | None = None
                if rnd() >= p_no_id[years]:
                    prefix = provinces[eth][bits(province_bits)][id_slot + female]
                    # "%06d" truncates the float (twice as fast as an f-string here); a set that does
                    # not grow already had the number.
                    seen = len(used_ids)
                    id_number = prefix + "%06d" % (rnd() * 1_000_000)  # noqa: UP031
                    used_ids.add(id_number)
                    while len(used_ids) == seen:
                        id_number = prefix + "%06d" % (rnd() * 1_000_000)  # noqa: UP031
                        used_ids.add(id_number)

                list_no += 1
                row = new_row(ListRow)
                if fast:
                    d: dict[str, Any] = row.__dict__
                    d["list_no"] = list_no
                    d["name"] = name
                    d["source_row"] = header_row + list_no
                    d["birth"] = birth
                    d["birth_year"] = year
                    d["birth_date"] = birth_date_or_none
                    d["gender"] = genders[female]
                    d["ethnicity"] = eth
                    d["residence"] = residence
                    d["temp_residence"] = temp_residence
                    d["id_number"] = id_number
                    d["group"] = group
                    d["ballots"] = ballots
                    d["note"] = note
                else:
                    row = ListRow(
                        list_no,
                        name,
                        header_row + list_no,
                        birth,
                        year,
                        birth_date_or_none,
                        genders[female],
                        eth,
                        residence,
                        temp_residence,
                        id_number,
                        group,
                        ballots,
                        note,
                    )
                append(row)
    assert list_no == count
    return rows


# --------------------------------------------------------------------------------------------------
# Files in the shape of the ward's lists (see shared/samples/kvbp-07-phuong-lang.*).


def place_line(station_no: int, ward: str, city: str) -> str:
    return f"Khu vực bỏ phiếu số {station_no:02d}, {_nfc(ward)}, {_nfc(city)}"


def title_rows(station_no: int, ward: str, city: str) -> list[str]:
    """The seven rows above the header; "" is a blank row."""
    return [NATION, MOTTO, "", TITLE, ELECTION_LINE, place_line(station_no, ward, city), ""]


def header_names(ward: str, city: str) -> list[str]:
    """The header row. For a province or a commune the council columns and the group follow suit."""
    city_kind = "tỉnh" if _fold(city).startswith("tinh ") else "thành phố"
    ward_kind = "xã" if _fold(ward).startswith("xa ") else "phường"
    return [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Dân tộc",
        "Nơi thường trú",
        "Nơi tạm trú",
        "Số định danh cá nhân",
        "Thôn" if ward_kind == "xã" else "Tổ dân phố",
        "Bầu ĐBQH",
        f"Bầu HĐND {city_kind}",
        f"Bầu HĐND {ward_kind}",
        "Ghi chú",
    ]


def _cells(rows: Sequence[ListRow]) -> Iterator[list[Any]]:
    for r in rows:
        b = r.ballots
        yield [
            r.list_no,
            r.name,
            r.birth,
            r.gender,
            r.ethnicity,
            r.residence,
            r.temp_residence,
            r.id_number or "",
            r.group,
            "x" if b.national else "",
            "x" if b.city else "",
            "x" if b.ward else "",
            r.note,
        ]


def write_csv(rows: Sequence[ListRow], path: Path, *, station_no: int, ward: str, city: str) -> None:
    """The list as the ward exports it: UTF-8 with a byte-order mark, CRLF, title rows above the header."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        for line in title_rows(station_no, ward, city):
            writer.writerow([line] if line else [])
        writer.writerow(header_names(ward, city))
        writer.writerows(_cells(rows))


def write_xlsx(rows: Sequence[ListRow], path: Path, *, station_no: int, ward: str, city: str) -> None:
    """The list as a workbook typed like the ward's: STT a number, everything else text, empty cells empty.

    Birth dates and ID numbers stay text ("05/12/2007", "001207913752"), as in the sample workbook.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=f"KVBP {station_no:02d}")
    append: Callable[[list[Any]], None] = sheet.append
    for line in title_rows(station_no, ward, city):
        append([line] if line else [])
    append(list(header_names(ward, city)))
    for cells in _cells(rows):
        append([c if c != "" else None for c in cells])
    workbook.save(str(path))


def _timing() -> None:  # pragma: no cover - a manual benchmark: python -m clerk_app.generate
    import tempfile
    import time

    start = time.perf_counter()
    for _ in range(10_000_000):
        pass
    print(f"machine: an empty 10M-step Python loop takes {time.perf_counter() - start:.2f} s")
    generate_voters(10)  # builds the name tables once
    for n in (4_000, 40_000, 1_000_000):
        wall, cpu = time.perf_counter(), time.process_time()
        rows = generate_voters(n)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{n:>9,} rows: {wall:.3f} s wall, {cpu:.3f} s CPU")
        if n == 40_000:
            with tempfile.TemporaryDirectory() as tmp:
                for writer, name in ((write_csv, "list.csv"), (write_xlsx, "list.xlsx")):
                    start = time.perf_counter()
                    writer(rows, Path(tmp) / name, station_no=7, ward="phường Láng", city="thành phố Hà Nội")
                    print(f"          {name}: {time.perf_counter() - start:.3f} s")
        del rows


if __name__ == "__main__":  # pragma: no cover
    _timing()
