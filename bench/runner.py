"""The runner's core: a plan of sizes and repeats, the measurement units, and the JSON result.

``run_benchmarks(plan, work_dir)`` runs every unit of the plan in one work folder and returns the
result object that ``python -m bench`` prints. A unit that crashes leaves its figures null with the
traceback under "errors"; one whose module isn't written yet leaves them null under "missing".
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import machine
from bench.app_bench import REPO_ROOT, MissingModule, run_child
from bench.data import Progress, Workspace, open_station, parsed_list
from bench.stats import median, p95, summary
from bench.targets import NOT_YET_BUILT, RATIOS, TARGETS, Verdict, ratio, verdict

# Modules other people are writing; an import error naming one of them means "not there yet".
PENDING_MODULES = frozenset(
    {"clerk_app.search", "clerk_app.generate", "clerk_app.storage.listfile", "clerk_app.ui", "clerk_app.ui.app"}
)

EXIT_OK, EXIT_CRASHED, EXIT_INCOMPLETE = 0, 1, 2


@dataclass(frozen=True)
class Plan:
    """Sizes and repeats of one run. The figure keys name the sizes of benchmarks.md; a plan for the
    runner's own test shrinks them (the keys stay, the details record the sizes really used)."""

    name: str
    search_sizes: dict[str, int]  # figure key -> voters
    queries: int  # typed queries per search size
    search_rounds: int  # timed passes over the queries
    checkin_voters: int
    checkin_pairs: int
    import_csv_voters: int
    import_xlsx_voters: int
    import_repeats: int
    startup_voters: int
    startup_runs: int
    startup_warmups: int
    rss_voters: int
    rss_runs: int
    rss_queries: int
    raw_reference_for: str = "search_p95_ms_40k"  # the search figure measured beside the bare FTS5 query
    dashboard_voters: int = 4_000
    dashboard_prefill: int = 1_600  # check-ins already on the station: the curve and tables have a morning to draw
    dashboard_checkins: int = 240  # timed check-ins, half with the turnout view open and live
    dashboard_blocks: int = 48  # of 5 check-ins, closed / open in turn: both see the same moods of a shared machine
    sync_backlog_events: int = 4_000  # unsent events a station drains into the ward server (the figure's "4k")
    sync_runs: int = 3  # stations drained, one after another (median)
    ingest_events: int = 20_000  # per round, posted in signed batches of 500
    ingest_rounds: int = 5  # rounds of ingest and of the bare insert, interleaved (median of each)
    public_readers: int = 50  # concurrent connections reading the public JSON
    public_seconds: float = 10.0  # the window under load
    public_alone_events: int = 20_000  # ingest without readers, the reference beside it
    units: tuple[str, ...] = (
        *("import_csv", "search", "checkin", "import_xlsx", "startup", "rss", "dashboard"),
        *("sync", "ingest", "public"),
    )


FULL = Plan(
    name="full",
    search_sizes={"search_p95_ms_4k": 4_000, "search_p95_ms_40k": 40_000, "search_p95_ms_1m": 1_000_000},
    queries=400,
    search_rounds=5,
    checkin_voters=4_000,
    checkin_pairs=400,
    import_csv_voters=40_000,
    import_xlsx_voters=4_000,
    import_repeats=5,
    startup_voters=4_000,
    startup_runs=7,
    startup_warmups=1,
    rss_voters=40_000,
    rss_runs=3,
    rss_queries=10,
)

QUICK = Plan(
    name="quick",
    search_sizes={"search_p95_ms_4k": 4_000, "search_p95_ms_40k": 40_000},
    queries=200,
    search_rounds=2,
    checkin_voters=4_000,
    checkin_pairs=100,
    import_csv_voters=40_000,
    import_xlsx_voters=4_000,
    import_repeats=2,
    startup_voters=4_000,
    startup_runs=3,
    startup_warmups=1,
    rss_voters=40_000,
    rss_runs=1,
    rss_queries=5,
    dashboard_prefill=800,
    dashboard_checkins=40,  # CI's run stays under a minute; the full run's figure is the one to read
    dashboard_blocks=8,
    sync_runs=1,
    ingest_events=5_000,
    ingest_rounds=3,
    public_seconds=5.0,
    public_alone_events=10_000,
)

SKIPPED = {"search_p95_ms_1m": "full run only"}

UNIT_KEYS: dict[str, tuple[str, ...]] = {
    "checkin": ("checkin_p95_ms", "raw_commit_p95_ms", "checkin_vs_raw_commit"),
    "import_csv": ("import_csv_40k_s",),
    "import_xlsx": ("import_xlsx_4k_s",),
    "startup": ("startup_s",),
    "rss": ("rss_mb_40k",),
    "dashboard": ("checkin_slowdown_dashboard",),
    "sync": ("sync_backlog_4k_s",),
    "ingest": ("ingest_events_per_s", "raw_insert_events_per_s", "ingest_vs_raw"),
    "public": ("public_json_rps", "public_json_p99_ms", "ingest_events_per_s_under_public_load"),
}


@dataclass
class Outcome:
    figures: dict[str, float] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)


def _ms(value: float) -> float:
    return round(value, 3)


# --- the units ------------------------------------------------------------------------------


def unit_search(ws: Workspace, plan: Plan, key: str, size: int) -> Outcome:
    from bench.queries import build_queries
    from bench.search_bench import build_raw_fts, measure_search

    rows = ws.rows(size)
    queries = build_queries(rows, plan.queries)
    raw_db: Path | None = None
    if key == plan.raw_reference_for:
        raw_db = ws.fresh_dir(f"fts5-raw-{size}") / "names.db"
        ws.progress(f"building the bare FTS5 reference table of {size:,} folded names")
        build_raw_fts(raw_db, rows)
    station_dir = ws.station_dir(size)
    if size >= 1_000_000:
        ws.forget_rows(size)
        del rows
    ws.progress(f"measuring search on {size:,} voters")
    run = measure_search(station_dir, queries, rounds=plan.search_rounds, raw_db=raw_db, progress=ws.progress)
    out = Outcome(details={key: run.details(size, plan.search_rounds, len(queries))})
    out.figures[key] = _ms(p95(run.app_ms))
    if raw_db is not None:
        out.figures["fts5_raw_p95_ms_40k"] = _ms(p95(run.raw_ms))
    return out


def unit_checkin(ws: Workspace, plan: Plan) -> Outcome:
    from bench.checkin_bench import measure_check_in

    ws.progress(f"measuring check-in on a fresh station of {plan.checkin_voters:,} voters")
    data_dir = ws.fresh_dir("checkin")
    station = open_station(data_dir)
    try:
        station.import_list(parsed_list(ws.rows(plan.checkin_voters)))
        station.open_polls()
    finally:
        station.close()
    run = measure_check_in(data_dir, plan.checkin_voters, plan.checkin_pairs, progress=ws.progress)
    ws.remove(data_dir)
    return Outcome(
        figures={"checkin_p95_ms": _ms(p95(run.checkin_ms)), "raw_commit_p95_ms": _ms(p95(run.raw_ms))},
        details={"checkin": run.details(plan.checkin_voters)},
    )


def unit_import(ws: Workspace, plan: Plan, fmt: str) -> Outcome:
    from bench.import_bench import measure_import, write_list_file

    if fmt == "csv":
        key, size = "import_csv_40k_s", plan.import_csv_voters
    else:
        key, size = "import_xlsx_4k_s", plan.import_xlsx_voters
    path = write_list_file(ws, size, fmt)
    ws.progress(f"measuring the import of a {size:,}-row {fmt.upper()} list")
    # The last imported 40k station becomes the runner's 40k station (search, memory): same list, and
    # it spares importing it a second time.
    run = measure_import(ws, path, size, plan.import_repeats, keep_last=fmt == "csv")
    if run.kept is not None:
        ws.adopt_station(size, run.kept)
    return Outcome(
        figures={key: round(median(run.total_s), 3)},
        details={key: run.details(size, path.stat().st_size)},
    )


def unit_startup(ws: Workspace, plan: Plan) -> Outcome:
    station_dir = ws.station_dir(plan.startup_voters)
    elapsed: list[float] = []
    walls: list[float] = []
    total = plan.startup_warmups + plan.startup_runs
    for n in range(total):
        ws.progress(f"  app start {n + 1}/{total}{' (warm-up)' if n < plan.startup_warmups else ''}")
        child = run_child("startup", station_dir)
        if n >= plan.startup_warmups:
            elapsed.append(child.elapsed_s)
            walls.append(child.wall_s)
    return Outcome(
        figures={"startup_s": round(median(elapsed), 3)},
        details={
            "startup_s": {
                "voters": plan.startup_voters,
                "warmups": plan.startup_warmups,
                "to_window_shown_s": summary(elapsed),
                "to_process_exit_s": summary(walls),
            }
        },
    )


def unit_rss(ws: Workspace, plan: Plan) -> Outcome:
    from bench.queries import build_queries

    queries = [q.text for q in build_queries(ws.rows(plan.rss_voters), plan.rss_queries, seed=3)]
    station_dir = ws.station_dir(plan.rss_voters)
    peaks: list[float] = []
    ru_maxrss: list[float] = []
    typed_in_ui = False
    for n in range(plan.rss_runs):
        ws.progress(f"  app with {plan.rss_voters:,} voters, memory {n + 1}/{plan.rss_runs}")
        child = run_child("rss", station_dir, queries)
        peaks.append(child.maxrss_kib / 1024)
        inherited = child.payload.get("ru_maxrss_kib")
        if isinstance(inherited, int):
            ru_maxrss.append(inherited / 1024)
        typed_in_ui = bool(child.payload.get("typed_in_ui"))
    return Outcome(
        figures={"rss_mb_40k": round(median(peaks), 1)},
        details={
            "rss_mb_40k": {
                "voters": plan.rss_voters,
                "runs": plan.rss_runs,
                "peak_rss_mib": summary(peaks, 1),
                # getrusage's ru_maxrss in the child, for comparison: on Linux it keeps the runner's own
                # resident set from before exec, so it overstates the app (the figure uses VmHWM).
                "ru_maxrss_mib": summary(ru_maxrss, 1) if ru_maxrss else None,
                "searches": len(queries),
                "searches_typed_in_window": typed_in_ui,
            }
        },
    )


def unit_dashboard(ws: Workspace, plan: Plan) -> Outcome:
    from bench.dashboard_bench import measure_compute, prepare_dashboard_station

    data_dir = ws.fresh_dir("dashboard")
    ws.progress(f"a {plan.dashboard_voters:,}-voter station with {plan.dashboard_prefill:,} check-ins this morning")
    waiting = prepare_dashboard_station(data_dir, ws.rows(plan.dashboard_voters), plan.dashboard_prefill)
    compute = measure_compute(data_dir)
    list_nos = waiting[: plan.dashboard_checkins]
    ws.progress(f"  {len(list_nos)} check-ins through the window, turnout view closed / open in turn")
    child = run_child("dashboard", data_dir, [str(plan.dashboard_blocks), *map(str, list_nos)])
    ws.remove(data_dir)
    samples = child.payload.get("dashboard")
    if not isinstance(samples, dict):
        raise RuntimeError(f"the app child sent no dashboard samples: {child.payload}")
    open_ms, closed_ms = samples["open_ms"], samples["closed_ms"]
    return Outcome(
        figures={"checkin_slowdown_dashboard": round(p95(open_ms) / p95(closed_ms), 3)},
        details={
            "checkin_slowdown_dashboard": {
                "voters": plan.dashboard_voters,
                "checked_in_before": plan.dashboard_prefill,
                "blocks": plan.dashboard_blocks,
                "view_open_ms": summary(open_ms),
                "view_closed_ms": summary(closed_ms),
                "redraws": samples.get("redraws"),
                "enters_that_waited_for_a_redraw": samples.get("enters_that_waited_for_a_redraw"),
                "refresh_ms_median": samples.get("refresh_ms_median"),
                "turnout_compute": compute,
            }
        },
    )


def unit_sync(ws: Workspace, plan: Plan) -> Outcome:
    from bench.sync_bench import measure_sync_backlog

    events = plan.sync_backlog_events
    ws.progress(f"draining {events:,} unsent events into a ward server on loopback, {plan.sync_runs} run(s)")
    work = ws.fresh_dir("sync")
    run = measure_sync_backlog(work, ws.rows(events), events=events, runs=plan.sync_runs, progress=ws.progress)
    ws.remove(work)
    return Outcome(
        figures={"sync_backlog_4k_s": round(median(run.seconds), 3)},
        details={"sync_backlog_4k_s": run.details(events)},
    )


def unit_ingest(ws: Workspace, plan: Plan) -> Outcome:
    from ward_server.benchmark import BATCH, measure_ingest

    ws.progress(f"ward ingest: {plan.ingest_rounds} rounds of {plan.ingest_events:,} events, beside a bare insert")
    work = ws.fresh_dir("ingest")
    run = measure_ingest(work, events=plan.ingest_events, rounds=plan.ingest_rounds)
    ws.remove(work)
    return Outcome(
        figures={
            "ingest_events_per_s": round(median(run.ingest_rates), 1),
            "raw_insert_events_per_s": round(median(run.raw_rates), 1),
        },
        details={
            "ingest_events_per_s": {
                "events_per_round": plan.ingest_events,
                "rounds": plan.ingest_rounds,
                "batch": BATCH,
                "ingest_events_per_s": summary(run.ingest_rates, 1),
                "raw_insert_events_per_s": summary(run.raw_rates, 1),
                "ratio_by_round": [round(i / r, 3) for i, r in zip(run.ingest_rates, run.raw_rates, strict=True)],
                # The station's own client beside it (ward_server.benchmark): not the target's figure.
                "client": "http.client, one keep-alive connection",
                "with_requests_client": {
                    "ingest_events_per_s": summary(run.requests_rates, 1),
                    "ratio_by_round": [round(i / r, 3) for i, r in zip(run.requests_rates, run.raw_rates, strict=True)],
                },
            }
        },
    )


def unit_public(ws: Workspace, plan: Plan) -> Outcome:
    from bench.public_bench import measure_public_load

    ws.progress(f"public page: {plan.public_readers} readers for {plan.public_seconds:g} s while a station syncs")
    work = ws.fresh_dir("public")
    run = measure_public_load(
        work,
        readers=plan.public_readers,
        seconds=plan.public_seconds,
        alone_events=plan.public_alone_events,
        progress=ws.progress,
    )
    ws.remove(work)
    return Outcome(figures=run.figures(), details=run.details())


# --- running them ---------------------------------------------------------------------------


def _units(plan: Plan) -> list[tuple[str, tuple[str, ...], Callable[[Workspace], Outcome]]]:
    units: list[tuple[str, tuple[str, ...], Callable[[Workspace], Outcome]]] = []
    by_name: dict[str, Callable[[Workspace], Outcome]] = {
        "checkin": lambda ws: unit_checkin(ws, plan),
        "import_csv": lambda ws: unit_import(ws, plan, "csv"),
        "import_xlsx": lambda ws: unit_import(ws, plan, "xlsx"),
        "startup": lambda ws: unit_startup(ws, plan),
        "rss": lambda ws: unit_rss(ws, plan),
        "dashboard": lambda ws: unit_dashboard(ws, plan),
        "sync": lambda ws: unit_sync(ws, plan),
        "ingest": lambda ws: unit_ingest(ws, plan),
        "public": lambda ws: unit_public(ws, plan),
    }
    big_search: list[tuple[str, tuple[str, ...], Callable[[Workspace], Outcome]]] = []
    for name in plan.units:
        if name == "search":
            for key, size in plan.search_sizes.items():
                keys = (key, "fts5_raw_p95_ms_40k", "search_vs_raw_40k") if key == plan.raw_reference_for else (key,)
                entry = (key, keys, _bind_search(plan, key, size))
                # The million-voter list goes last: it is the slowest and the most memory-hungry.
                (big_search if size >= 1_000_000 else units).append(entry)
        else:
            units.append((name, UNIT_KEYS[name], by_name[name]))
    return units + big_search


def _bind_search(plan: Plan, key: str, size: int) -> Callable[[Workspace], Outcome]:
    return lambda ws: unit_search(ws, plan, key, size)


def _pending_module(exc: BaseException) -> str | None:
    if isinstance(exc, MissingModule):
        return exc.module
    if isinstance(exc, ModuleNotFoundError) and exc.name in PENDING_MODULES:
        return exc.name
    return None


def run_benchmarks(plan: Plan, work_dir: Path, *, progress: Progress) -> dict[str, Any]:
    """Run the plan's units in ``work_dir`` (left for the caller to delete) and return the result."""
    started = time.perf_counter()
    machine_info = machine.describe(work_dir, REPO_ROOT)
    ws = Workspace(work_dir, progress)
    figures: dict[str, float | None] = dict.fromkeys(TARGETS)
    details: dict[str, object] = {}
    missing: dict[str, str] = {}
    errors: dict[str, str] = {}
    skipped: dict[str, str] = {}
    durations: dict[str, float] = {}
    loads: dict[str, float | None] = {}  # 1-minute load average as each unit starts: how busy the machine was
    units = _units(plan)
    covered = {key for _, keys, _ in units for key in keys}
    skipped.update({key: SKIPPED.get(key, "not in this plan") for key in TARGETS if key not in covered})
    for name, keys, measure in units:
        progress(f"[{name}]")
        unit_start = time.perf_counter()
        load = machine.load_average()
        loads[name] = load[0] if load else None
        try:
            outcome = measure(ws)
        except Exception as exc:
            module = _pending_module(exc)
            for key in keys:
                if module is not None:
                    missing[key] = f"{module} is not written yet"
                else:
                    errors[key] = "".join(traceback.format_exception(exc)).strip()
            progress(f"  {name}: {'missing ' + module if module else 'CRASHED: ' + repr(exc)}")
        else:
            figures.update(outcome.figures)
            details.update(outcome.details)
        durations[name] = round(time.perf_counter() - unit_start, 1)
    _add_ratios(figures, missing, errors)
    verdicts = _judge(figures, missing, errors, skipped)
    machine_info["load_average_at_end"] = machine.load_average()
    judged = [v for v in verdicts.values() if v not in ("reference", "skipped")]
    return {
        "benchmark": "clerk-app",
        "mode": plan.name,
        "figures": figures,
        "targets": {key: target.as_json() for key, target in TARGETS.items()},
        "verdicts": verdicts,
        "passed": all(v == "pass" for v in judged),
        "failed": [key for key, v in verdicts.items() if v == "fail"],
        "missing": missing,
        "errors": errors,
        "skipped": skipped,
        "not_yet_built": list(NOT_YET_BUILT),
        "details": details,
        "plan": asdict(plan),
        "unit_durations_s": durations,
        "unit_load_average": loads,
        "duration_s": round(time.perf_counter() - started, 1),
        "machine": machine_info,
    }


def _add_ratios(figures: dict[str, float | None], missing: dict[str, str], errors: dict[str, str]) -> None:
    for key, (num, den) in RATIOS.items():
        if key not in missing and key not in errors:
            figures[key] = ratio(figures[num], figures[den])


def _judge(
    figures: dict[str, float | None], missing: dict[str, str], errors: dict[str, str], skipped: dict[str, str]
) -> dict[str, Verdict]:
    verdicts: dict[str, Verdict] = {}
    for key, value in figures.items():
        if key in errors:
            verdicts[key] = "error"
        elif key in skipped:
            verdicts[key] = "skipped"
        else:
            verdicts[key] = verdict(key, value)
            if verdicts[key] == "missing" and key not in missing:
                missing[key] = "not measured"
    return verdicts


def exit_code(result: dict[str, Any]) -> int:
    """0 when every figure was measured (met or missed: targets are reported, not enforced);
    1 when a measurement crashed; 2 when a figure is missing because its module isn't written yet."""
    if result.get("errors"):
        return EXIT_CRASHED
    if any(key not in result["skipped"] for key in result["missing"]):
        return EXIT_INCOMPLETE
    return EXIT_OK
