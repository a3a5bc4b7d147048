"""The figures this runner reports, their targets (from shared/benchmarks.md) and the verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Op = Literal["<=", ">=", "measured"]


@dataclass(frozen=True)
class Target:
    op: Op
    value: float | None  # None for reference figures ("measured")
    unit: str
    stat: str  # how the samples are reduced: "p95", "p99", "median", "ratio", "peak", "rate"
    what: str

    def as_json(self) -> dict[str, object]:
        return {"op": self.op, "value": self.value, "unit": self.unit, "stat": self.stat}


TARGETS: dict[str, Target] = {
    "search_p95_ms_4k": Target("<=", 5, "ms", "p95", "search latency, typed queries, 4,000 voters"),
    "search_p95_ms_40k": Target("<=", 10, "ms", "p95", "search latency, typed queries, 40,000 voters"),
    "search_p95_ms_1m": Target("<=", 100, "ms", "p95", "search latency, typed queries, 1,000,000 voters"),
    "fts5_raw_p95_ms_40k": Target(
        "measured", None, "ms", "p95", "reference: bare FTS5 prefix query on the same 40,000 folded names"
    ),
    "search_vs_raw_40k": Target("<=", 3, "x", "ratio", "search_p95_ms_40k / fts5_raw_p95_ms_40k"),
    "checkin_p95_ms": Target("<=", 5, "ms", "p95", "one check-in from confirm to durable on disk"),
    "raw_commit_p95_ms": Target(
        "measured", None, "ms", "p95", "reference: one-row INSERT + COMMIT, WAL, synchronous=FULL, same disk"
    ),
    "checkin_vs_raw_commit": Target("<=", 4, "x", "ratio", "checkin_p95_ms / raw_commit_p95_ms"),
    "import_csv_40k_s": Target("<=", 3, "s", "median", "import a 40,000-row CSV list, validated, searchable"),
    "import_xlsx_4k_s": Target("<=", 2, "s", "median", "import a 4,000-row XLSX list"),
    "startup_s": Target("<=", 1.5, "s", "median", "process start to main window shown, 4,000 voters, offscreen"),
    "rss_mb_40k": Target("<=", 250, "MB", "peak", "peak resident memory of the app with 40,000 voters open"),
    "checkin_slowdown_dashboard": Target(
        "<=", 1.1, "x", "ratio", "check-in p95 with the turnout view open and live / with it closed"
    ),
    "sync_backlog_4k_s": Target(
        "<=", 5, "s", "median", "4,000 unsent events delivered and acknowledged by a ward server on loopback"
    ),
    "ingest_events_per_s": Target("measured", None, "events/s", "median", "ward server ingest rate, batches of 500"),
    "raw_insert_events_per_s": Target(
        "measured", None, "events/s", "median", "reference: executemany of the same rows into a bare SQLite table"
    ),
    "ingest_vs_raw": Target(">=", 0.25, "x", "ratio", "ingest_events_per_s / raw_insert_events_per_s"),
    "public_json_rps": Target(
        "measured", None, "req/s", "rate", "GET /api/v1/public/stations answered per second, 50 concurrent readers"
    ),
    "public_json_p99_ms": Target("measured", None, "ms", "p99", "latency of the public JSON under that load"),
    "ingest_events_per_s_under_public_load": Target(
        "measured", None, "events/s", "rate", "ward ingest rate, batches of 500, while the readers run"
    ),
}

# Ratio figures: key -> (numerator, denominator), computed from the reported figures.
RATIOS: dict[str, tuple[str, str]] = {
    "search_vs_raw_40k": ("search_p95_ms_40k", "fts5_raw_p95_ms_40k"),
    "checkin_vs_raw_commit": ("checkin_p95_ms", "raw_commit_p95_ms"),
    "ingest_vs_raw": ("ingest_events_per_s", "raw_insert_events_per_s"),
}

# Figures of benchmarks.md that belong to later issues: listed, not measured (none left).
NOT_YET_BUILT: tuple[str, ...] = ()

Verdict = Literal["pass", "fail", "reference", "missing", "error", "skipped"]


def verdict(key: str, value: float | None) -> Verdict:
    """pass/fail against the target; "reference" for measured-only figures; "missing" with no value."""
    target = TARGETS[key]
    if value is None:
        return "missing"
    if target.op == "measured" or target.value is None:
        return "reference"
    ok = value <= target.value if target.op == "<=" else value >= target.value
    return "pass" if ok else "fail"


def ratio(numerator: float | None, denominator: float | None, digits: int = 3) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return round(numerator / denominator, digits)
