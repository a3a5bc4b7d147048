"""The voters of a residential group who have not voted yet: who the team goes to remind.

Read on demand (a click on a group), not with every refresh: names stay out of the figures
that are computed every second, and out of the logs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from clerk_app.storage.voted import ON_LIST


@dataclass(frozen=True)
class WaitingVoter:
    list_no: int
    name: str
    birth: str
    residence: str


def waiting_voters(db: Database, group: str) -> list[WaitingVoter]:
    """Voters of ``group`` ("" for voters without a group) on the list with no live check-in, in list order."""
    rows = db.conn.execute(
        "SELECT v.list_no, v.name, v.birth, CASE WHEN v.residence <> '' THEN v.residence ELSE v.temp_residence END"
        f" FROM voters v WHERE v.grp = ? AND {ON_LIST}"
        " AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.list_no = v.list_no AND c.test = 0)"
        " ORDER BY v.list_no",
        (group,),
    ).fetchall()
    return [WaitingVoter(*row) for row in rows]
