"""The benchmark runner on tiny sizes: its JSON shape, ratios and verdicts. Never a timed test.

The app's child processes (startup, memory) are replaced by a stand-in here, which keeps the test at
a few seconds and free of Qt; CI's ``python -m bench --quick`` runs the real ones.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest

import bench.runner
from bench.__main__ import main
from bench.app_bench import ChildResult
from bench.data import Workspace
from bench.queries import build_queries
from bench.runner import EXIT_CRASHED, EXIT_INCOMPLETE, EXIT_OK, Outcome, Plan, exit_code, run_benchmarks
from bench.stats import median, p95, percentile
from bench.targets import NOT_YET_BUILT, RATIOS, TARGETS, ratio, verdict
from clerk_app.generate import generate_voters

TINY = Plan(
    name="tiny",
    search_sizes={"search_p95_ms_4k": 120, "search_p95_ms_40k": 300},
    queries=25,
    search_rounds=1,
    checkin_voters=60,
    checkin_pairs=12,
    import_csv_voters=150,
    import_xlsx_voters=40,
    import_repeats=1,
    startup_voters=50,
    startup_runs=2,
    startup_warmups=1,
    rss_voters=300,
    rss_runs=1,
    rss_queries=3,
    dashboard_voters=80,
    dashboard_prefill=20,
    dashboard_checkins=20,
    dashboard_blocks=2,
    sync_backlog_events=60,
    sync_runs=1,
    ingest_events=1_000,
    ingest_rounds=1,
    public_readers=4,
    public_seconds=1.0,
    public_alone_events=1_000,
)


def _fake_child(mode: str, data_dir: Path, queries: list[str] | None = None) -> ChildResult:
    assert (data_dir / "station.db").exists()
    if mode == "rss":
        assert queries
    payload: dict[str, object] = {"typed_in_ui": True}
    if mode == "dashboard":
        assert queries and queries[0] == "2" and len(queries) == 21  # blocks, then the voters still to vote
        payload["dashboard"] = {"open_ms": [2.0] * 9 + [2.4], "closed_ms": [2.0] * 9 + [2.2], "redraws": 3}
    return ChildResult(elapsed_s=0.8, wall_s=0.9, maxrss_kib=150 * 1024, payload=payload)


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.runner, "run_child", _fake_child)


def _passes(key: str, value: float) -> bool:
    target = TARGETS[key]
    assert target.value is not None
    return value <= target.value if target.op == "<=" else value >= target.value


@pytest.mark.usefixtures("fake_app")
def test_tiny_run_prints_one_json_object_with_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out" / "bench.json"
    code = main(["--json", str(out_file), "--work-dir", str(tmp_path / "work")], plan=TINY)

    printed = json.loads(capsys.readouterr().out)  # one object, nothing else on stdout
    written = json.loads(out_file.read_text(encoding="utf-8"))
    assert printed == written
    assert code == EXIT_OK, written["errors"] or written["missing"]
    assert list((tmp_path / "work").iterdir()) == []  # the work folder is cleaned up

    figures, targets, verdicts = written["figures"], written["targets"], written["verdicts"]
    assert set(figures) == set(targets) == set(verdicts) == set(TARGETS)
    assert written["not_yet_built"] == list(NOT_YET_BUILT)
    assert not set(NOT_YET_BUILT) & set(figures)
    assert {"cores", "python", "sqlite", "date"} <= set(written["machine"])

    # The tiny plan has no million-voter list: that figure is skipped, every other one measured.
    assert figures["search_p95_ms_1m"] is None
    assert verdicts["search_p95_ms_1m"] == "skipped"
    measured = {k: v for k, v in figures.items() if k != "search_p95_ms_1m"}
    for key, value in measured.items():
        assert isinstance(value, float) and math.isfinite(value) and value > 0, key

    for key, (num, den) in RATIOS.items():
        assert figures[key] == pytest.approx(figures[num] / figures[den], abs=1e-3)

    for key, value in measured.items():
        target = targets[key]
        assert target["op"] == TARGETS[key].op and target["value"] == TARGETS[key].value
        if target["op"] == "measured":
            assert verdicts[key] == "reference"
        else:
            assert verdicts[key] == ("pass" if _passes(key, value) else "fail")
    assert written["passed"] == all(v in ("pass", "reference", "skipped") for v in verdicts.values())
    assert written["failed"] == [k for k, v in verdicts.items() if v == "fail"]

    # The stand-in child's figures come through as they were reported.
    assert figures["startup_s"] == 0.8
    assert figures["rss_mb_40k"] == 150.0
    assert figures["checkin_slowdown_dashboard"] == pytest.approx(2.4 / 2.2, abs=1e-3)
    assert written["details"]["search_p95_ms_40k"]["voters"] == 300
    # The sync figures come from a real ward server on loopback, at the tiny plan's sizes.
    assert written["details"]["sync_backlog_4k_s"]["unsent_events"] == 60
    assert written["details"]["ingest_events_per_s"]["events_per_round"] == 1_000
    # The public figures: readers on a real ward server, all answered, ingest measured beside them.
    assert written["details"]["public_json_rps"]["readers"] == 4
    assert set(written["details"]["public_json_rps"]["statuses"]) == {"200"}
    assert written["details"]["ingest_events_per_s_under_public_load"]["without_readers"]["events"] == 1_000


def test_a_crash_is_an_error_and_a_pending_module_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(ws: Workspace, plan: Plan) -> Outcome:
        raise RuntimeError("boom")

    def pending(ws: Workspace, plan: Plan) -> Outcome:
        raise ModuleNotFoundError("No module named 'clerk_app.ui.app'", name="clerk_app.ui.app")

    monkeypatch.setattr(bench.runner, "unit_checkin", crash)
    monkeypatch.setattr(bench.runner, "unit_startup", pending)
    plan = dataclasses.replace(TINY, units=("checkin", "startup"))
    result = run_benchmarks(plan, tmp_path, progress=lambda _: None)

    assert result["verdicts"]["checkin_p95_ms"] == "error"
    assert result["verdicts"]["checkin_vs_raw_commit"] == "error"
    assert "boom" in result["errors"]["checkin_p95_ms"]
    assert result["verdicts"]["startup_s"] == "missing"
    assert "clerk_app.ui.app" in result["missing"]["startup_s"]
    assert exit_code(result) == EXIT_CRASHED
    result["errors"] = {}
    assert exit_code(result) == EXIT_INCOMPLETE


def test_verdicts_follow_targets() -> None:
    assert verdict("search_p95_ms_4k", 5.0) == "pass"
    assert verdict("search_p95_ms_4k", 5.01) == "fail"
    assert verdict("checkin_vs_raw_commit", 3.99) == "pass"
    assert verdict("rss_mb_40k", 251.0) == "fail"
    assert verdict("fts5_raw_p95_ms_40k", 123.0) == "reference"
    assert verdict("startup_s", None) == "missing"
    assert ratio(3.0, 1.5) == 2.0
    assert ratio(3.0, None) is None
    assert ratio(3.0, 0.0) is None


def test_percentiles_are_nearest_rank() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert p95(samples) == 95.0
    assert percentile(samples, 50) == 50.0
    assert percentile([7.0], 95) == 7.0
    assert median([1.0, 3.0, 2.0, 10.0]) == 2.5
    with pytest.raises(ValueError):
        p95([])


def test_typed_queries_come_from_the_list() -> None:
    rows = generate_voters(200, seed=3)
    by_no = {r.list_no: r for r in rows}
    queries = build_queries(rows, 100)
    kinds = {q.kind for q in queries}
    assert kinds == {"full_name", "initials", "given_year", "list_no", "id_number"}
    assert 95 <= len(queries) <= 105
    for q in queries:
        row = by_no[q.list_no]
        if q.kind == "id_number":
            assert q.text == row.id_number and len(q.text) == 12 and not q.name_words
        elif q.kind == "list_no":
            assert q.text == str(row.list_no) and not q.name_words
        elif q.kind == "given_year":
            assert q.text.endswith(f" {row.birth_year}") and q.fts_match() == f"{q.name_words[0]}*"
        else:
            assert q.text.isascii() and q.name_words


def test_only_runs_the_parts_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["--only", "nope"], plan=TINY)
    assert refused.value.code == 2
    assert "unknown part(s) nope" in capsys.readouterr().err
    code = main(["--only", "import_xlsx", "--work-dir", str(tmp_path)], plan=TINY)
    result = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK
    assert result["plan"]["units"] == ["import_xlsx"]
    assert [k for k, v in result["figures"].items() if v is not None] == ["import_xlsx_4k_s"]
