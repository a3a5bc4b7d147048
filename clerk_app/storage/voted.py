"""Who counts as having voted: one definition for every figure the station shows or sends.

A voter has voted when they hold a check-in that is not a test one and they are on the list:
listed, or added on the day. A voter another table marked as voting elsewhere while the two were
cut off, and who was checked in here meanwhile (the conflict the screen flags,
elsewhere.ELSEWHERE_BUT_CHECKED_IN), is off the list, so they are counted neither among the voters
nor among those who voted until the team settles it: in the status bar, the turnout view, the
hourly reports and the end-of-day report alike (the paper list marks them apart). The ward
follows the same rule (ward_server.elsewhere) for who is off the list and who voted. In
test mode the status bar counts the practice check-ins instead (``test=True``), which never count
as voted anywhere.
"""

from __future__ import annotations

from sqlite_utils import Database

ON_LIST = "v.status IN ('listed', 'added')"  # on a row of ``voters v``


def on_list_and_voted(db: Database, *, test: bool = False) -> tuple[int, int]:
    """Voters on the list and voters who voted; ``test``: count test mode's practice check-ins instead."""
    row = db.conn.execute(
        f"SELECT (SELECT count(*) FROM voters v WHERE {ON_LIST}),"
        f" (SELECT count(*) FROM checkins c JOIN voters v ON v.list_no = c.list_no WHERE c.test = ? AND {ON_LIST})",
        (int(test),),
    ).fetchone()
    return int(row[0]), int(row[1])
