"""The bench helper runs (figures are the bench runner's business, never asserted here)."""

from __future__ import annotations

from pathlib import Path

from ward_server.benchmark import ingest_benchmark


def test_ingest_benchmark_reports_its_figures(tmp_path: Path) -> None:
    figures = ingest_benchmark(tmp_path, events=1000, repeats=2)  # two rounds: each client goes first once
    assert set(figures) == {
        "ingest_events_per_s",
        "raw_insert_events_per_s",
        "ingest_vs_raw",
        "ingest_events_per_s_requests_client",
    }
    assert all(value > 0 for value in figures.values())
