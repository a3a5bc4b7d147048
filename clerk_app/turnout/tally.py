"""Counts of voters on the list and voters who voted, by a key (group, gender, age band).

Age is taken on election day: from the birth date when the list has it, else from the birth
year alone (the year's difference, as Vietnamese lists count age when only the year is known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from clerk_app.rules import turnout_percent

# Age bands (lower bounds, years on election day); the last one is open-ended.
AGE_BANDS = ((18, "18-29"), (30, "30-44"), (45, "45-59"), (60, "60-74"), (75, "75+"))
UNKNOWN = ""  # an empty key: unknown gender, unknown birth, no group
GENDERS = ("Nam", "Nữ")


@dataclass(frozen=True)
class Tally:
    key: str  # the group's name, "Nam"/"Nữ", an age band such as "30-44"; "" when unknown
    on_list: int
    voted: int
    mobile_box: int = 0

    @property
    def waiting(self) -> int:
        return self.on_list - self.voted

    @property
    def percent(self) -> float:
        return turnout_percent(self.voted, self.on_list)


def age_band_sql(election_day: date) -> tuple[str, list[object]]:
    """A SQL CASE giving each voter's age band (``v`` is the voters table); and its parameters.

    A birthday later in the year than election day means one year less (birth_date is ISO
    "yyyy-mm-dd", so its last five characters compare as month and day).
    """
    age = "(? - v.birth_year - (v.birth_date IS NOT NULL AND substr(v.birth_date, 6) > ?))"
    md = election_day.strftime("%m-%d")
    whens, params = [], []
    for low, label in reversed(AGE_BANDS):
        whens.append(f"WHEN {age} >= ? THEN ?")
        params += [election_day.year, md, low, label]
    return f"CASE WHEN v.birth_year IS NULL THEN '' {' '.join(whens)} ELSE '' END", params


def lowest_first(groups: list[Tally]) -> list[Tally]:
    """Who to remind first: the lowest turnout, then the most still to vote, then the group's number."""
    return sorted(groups, key=lambda t: (t.voted * 1.0 / t.on_list if t.on_list else 1.0, -t.waiting, natural(t.key)))


def natural(text: str) -> tuple[object, ...]:
    """Sort key that puts "Tổ dân phố 2" before "Tổ dân phố 10"."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text))


def in_order(tallies: dict[str, Tally], order: tuple[str, ...]) -> list[Tally]:
    """The tallies of ``order`` that have voters, in that order, then unknown last."""
    known = [tallies[k] for k in order if k in tallies]
    return known + ([tallies[UNKNOWN]] if UNKNOWN in tallies else [])
