"""Names, ID numbers and ethnicity stay on the station: never in logs, never in what travels."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.test_cli import SAMPLE_CSV, clerk, clerk_json


def sample_people(limit: int = 200) -> tuple[list[str], list[str]]:
    with SAMPLE_CSV.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[8 : 8 + limit]
    return [r[1] for r in rows], [r[7] for r in rows if r[7]]


def test_a_polling_day_leaves_no_personal_data_in_logs_or_events(tmp_path: Path) -> None:
    names, ids = sample_people()
    clerk_json(tmp_path, "import-list", str(SAMPLE_CSV))
    clerk_json(tmp_path, "open-polls")
    clerk_json(tmp_path, "set-pin", "--pin", "2468")
    clerk_json(tmp_path, "search", names[4])
    clerk_json(tmp_path, "search", ids[5])
    qr = f"{ids[2]}||{names[2]}|18021958|Nam|Số 243, phố Đào Duy Anh|01012021"
    clerk_json(tmp_path, "check-in", "--scan", qr)
    clerk_json(tmp_path, "check-in", "--list-no", "10", "--mobile-box")
    clerk_json(tmp_path, "undo", "--list-no", "10", "--reason", f"nhầm với {names[11]}", "--pin", "2468")
    clerk_json(tmp_path, "add-voter", "--name", "Phạm Văn Mớiđến", "--certificate", "GCN-77/UBND")
    assert clerk(tmp_path, "check-in", "--scan", f"{ids[3][:-1]}|bad").returncode == 3  # 11 digits: unreadable

    logs = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "logs").glob("*.log*"))
    assert "checked_in" in logs or "list imported" in logs  # the log is really written
    for secret in [*names[:20], *ids[:20], "Kinh", "Phạm Văn Mớiđến", "GCN-77/UBND"]:
        assert secret not in logs, "personal data in the log"

    import sqlite3

    conn = sqlite3.connect(tmp_path / "station.db")
    travelling = conn.execute("SELECT kind, list_no, at, clerk, payload FROM events").fetchall()
    conn.close()
    text = json.dumps(travelling, ensure_ascii=False)
    for secret in [*names, *ids, "Kinh", "Phạm Văn Mớiđến", "GCN-77/UBND", names[11]]:
        assert secret not in text, "personal data in an event that travels to the ward"
