"""Reading: turnout by local hour, the stations list, cursor paging, the silent-station warning."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from clerk_app.clock import VN_TZ, from_iso, to_iso
from tests.ward_server.support import WardProcess, election_time


def test_turnout_by_hour_is_in_vietnam_time(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    device.post(
        [
            # 00:30 UTC is 07:30 in Hà Nội; stations may send any offset.
            device.chain.next("checked_in", 1, to_iso(datetime(2026, 3, 15, 0, 30, tzinfo=UTC))),
            device.chain.next("checked_in", 2, election_time(7, 59, 59)),
            device.chain.next("checked_in", 3, election_time(9, 0, 0)),
            device.chain.next("checked_in", 4, "2026-03-15T10:15:00.000+08:00"),  # 09:15 in Hà Nội
            device.chain.next("checked_in", 5, election_time(9, 59)),
        ]
    )
    figures = ward.turnout(station_no)
    assert figures["by_hour"] == [
        {"hour": "07:00", "checked_in": 2, "cumulative": 2},
        {"hour": "08:00", "checked_in": 0, "cumulative": 2},
        {"hour": "09:00", "checked_in": 3, "cumulative": 5},
    ]
    assert figures["checked_in"] == 5
    assert figures["last_event_at"] == "2026-03-15T09:59:00.000+07:00"
    assert figures["last_contact_at"].endswith("+07:00")
    assert figures["silent_minutes"] == 0 and figures["silent"] is False


def test_voters_from_the_station_report_plus_added_on_the_day(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    device.post(
        [
            device.chain.next("list_imported", payload={"action": "created", "voters": 1600, "added": 1600}),
            device.chain.next("polls_opened", at=election_time(7)),
            device.chain.next("voter_added", 1601, election_time(8), payload={"certificate": True}),
            device.chain.next("checked_in", 1601, election_time(8, 1)),
        ]
    )
    figures = ward.turnout(station_no)
    assert (figures["voters"], figures["checked_in"], figures["turnout"]) == (1601, 1, round(100 / 1601, 2))


def test_unknown_station_turnout_is_404(ward: WardProcess) -> None:
    assert ward.get("/api/v1/stations/88888/turnout").status_code == 404


def test_stations_list_has_every_station_and_the_ward_total(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no, name="Trường THCS Láng Thượng")
    device.post(device.chain.check_ins(range(1, 4), election_time(11)))
    listing = ward.get("/api/v1/stations").json()
    mine = next(s for s in listing["stations"] if s["station"] == station_no)
    assert (mine["name"], mine["checked_in"], mine["devices"]) == ("Trường THCS Láng Thượng", 3, 1)
    assert listing["ward"]["checked_in"] == sum(s["checked_in"] for s in listing["stations"])
    assert listing["ward"]["stations"] == len(listing["stations"])


def test_events_cursor_pages_through_all_devices_of_the_station(ward: WardProcess, station_no: int) -> None:
    desk1, desk2 = ward.device(station_no), ward.device(station_no)
    desk1.post(desk1.chain.check_ins(range(1, 8), election_time(8)))
    desk2.post(desk2.chain.check_ins(range(100, 105), election_time(8)))
    seen: list[tuple[str, int]] = []
    cursor = 0
    for _ in range(10):  # bounded: 12 events in pages of 5 take 3 pages and one empty answer
        page = desk2.read_events(after=cursor, limit=5).json()
        if not page["events"]:
            assert page["next"] == cursor
            break
        assert len(page["events"]) <= 5
        seen += [(e["device_id"], e["seq"]) for e in page["events"]]
        cursor = page["next"]
    assert seen == [(desk1.device_id, s) for s in range(1, 8)] + [(desk2.device_id, s) for s in range(1, 6)]
    first = desk2.read_events(limit=1).json()["events"][0]
    assert set(first) >= {"seq", "uuid", "kind", "list_no", "at", "clerk", "payload", "prev_hash", "hash"}
    assert desk2.read_events(limit=0).status_code == 422


def test_silent_station_is_flagged_in_api_and_on_the_page(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no, name="Nhà văn hoá tổ 21")
    device.post([device.chain.next("polls_opened", at=election_time(7))])
    # 85 minutes without contact; set in ward.db as the clock would after 85 real minutes.
    long_ago = to_iso(datetime.now(VN_TZ) - timedelta(minutes=85))
    with sqlite3.connect(ward.data_dir / "ward.db", timeout=10) as conn:
        conn.execute("UPDATE devices SET last_contact_at = ? WHERE station = ?", (long_ago, station_no))
    conn.close()
    figures = ward.turnout(station_no)
    assert figures["silent"] is True and figures["silent_minutes"] in (85, 86)
    assert station_no in ward.get("/api/v1/stations").json()["ward"]["silent_stations"]
    page = ward.get("/").text
    assert f"KV {station_no:02d}</a> mất liên lạc" in page
    assert f'id="kv-{station_no}" data-station="{station_no}"' in page
    assert 'class="st warn"' in page
    # A station that closed its polls is quiet on purpose: no warning.
    device.post([device.chain.next("polls_closed", at=election_time(19), payload={"early": False})])
    with sqlite3.connect(ward.data_dir / "ward.db", timeout=10) as conn:
        conn.execute("UPDATE devices SET last_contact_at = ? WHERE station = ?", (long_ago, station_no))
    conn.close()
    assert ward.turnout(station_no)["silent"] is False


def test_page_is_self_contained(ward: WardProcess) -> None:
    answer = ward.get("/")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    text = answer.text
    assert '<html lang="vi">' in text and 'name="viewport"' in text
    for outside in ("http://", "https://", "//cdn", "<link", "src="):
        assert outside not in text, outside


def test_healthz_and_openapi(ward: WardProcess) -> None:
    health = ward.get("/healthz").json()
    assert health["ok"] is True and health["server_time"].endswith("+07:00")
    document = ward.get("/openapi.json").json()
    paths = set(document["paths"])
    assert {"/healthz", "/api/v1/enroll", "/api/v1/events", "/api/v1/stations"} <= paths
    assert "EventBatch" in document["components"]["schemas"]
    assert ward.get("/docs").status_code == 404  # would pull scripts from a CDN


def _set_last_contact(ward: WardProcess, station: int, moment: datetime) -> None:
    """As the clock would have it after that long (the server's clock is the real one)."""
    with sqlite3.connect(ward.data_dir / "ward.db", timeout=10) as conn:
        conn.execute("UPDATE devices SET last_contact_at = ? WHERE station = ?", (to_iso(moment), station))
    conn.close()


def test_a_device_reading_its_stations_events_is_in_contact(ward: WardProcess, station_no: int) -> None:
    """A station online and pulling the other tables' check-ins is not silent, even with nothing to send."""
    device = ward.device(station_no)
    device.post([device.chain.next("polls_opened", at=election_time(7))])
    _set_last_contact(ward, station_no, datetime.now(VN_TZ) - timedelta(minutes=85))
    assert ward.turnout(station_no)["silent"] is True
    assert device.read_events().status_code == 200
    figures = ward.turnout(station_no)
    assert figures["silent"] is False and figures["silent_minutes"] == 0
    assert station_no not in ward.get("/api/v1/stations").json()["ward"]["silent_stations"]


def test_reads_record_contact_at_most_once_a_minute(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    recent = datetime.now(VN_TZ) - timedelta(seconds=30)
    _set_last_contact(ward, station_no, recent)
    for _ in range(3):  # a device pulls every few seconds: no durable write for each
        assert device.read_events().status_code == 200
    assert ward.turnout(station_no)["last_contact_at"] == to_iso(recent)
    _set_last_contact(ward, station_no, recent - timedelta(seconds=40))
    assert device.read_events().status_code == 200
    assert from_iso(ward.turnout(station_no)["last_contact_at"]) > recent


def test_a_refused_read_is_no_contact(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    ward.add_station(station_no + 40_000, "Khu vực khác")
    long_ago = datetime.now(VN_TZ) - timedelta(minutes=85)
    _set_last_contact(ward, station_no, long_ago)
    assert device.read_events(station_no + 40_000).status_code == 403
    assert ward.turnout(station_no)["last_contact_at"] == to_iso(long_ago)


def test_exclude_device_leaves_out_a_devices_own_events(ward: WardProcess, station_no: int) -> None:
    desk1, desk2 = ward.device(station_no), ward.device(station_no)
    desk1.post(desk1.chain.check_ins(range(1, 4), election_time(8)))
    desk2.post(desk2.chain.check_ins(range(100, 103), election_time(8)))
    desk1.post(desk1.chain.check_ins(range(4, 6), election_time(9)))
    everything = desk2.read_events(limit=1000).json()

    page = desk2.read_events(exclude_device=desk2.device_id).json()
    assert [(e["device_id"], e["seq"]) for e in page["events"]] == [(desk1.device_id, s) for s in range(1, 6)]
    assert page["next"] == everything["next"]  # past the events left out too: not looked at again
    again = desk2.read_events(after=page["next"], exclude_device=desk2.device_id).json()
    assert again == {"events": [], "next": page["next"]}

    # Own events after the last foreign one: the cursor still moves past them.
    desk2.post(desk2.chain.check_ins([103], election_time(10)))
    moved = desk2.read_events(after=page["next"], exclude_device=desk2.device_id).json()
    assert moved["events"] == [] and moved["next"] > page["next"]

    # A full page ends at its last event, as before.
    first = desk2.read_events(limit=2, exclude_device=desk2.device_id).json()
    assert [e["seq"] for e in first["events"]] == [1, 2]
    rest = desk2.read_events(after=first["next"], limit=2, exclude_device=desk2.device_id).json()
    assert [e["seq"] for e in rest["events"]] == [3, 4]

    assert desk2.read_events(exclude_device="no spaces please").status_code == 422
