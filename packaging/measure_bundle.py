"""Size and start-up time of the built bundles: ``python packaging/measure_bundle.py [--cold] [--runs N]``.

Times, from spawning the process (``time.perf_counter`` around it) to:
- ``version``: ``clerk-app --version`` exiting (the bootloader, Python, the CLI module);
- ``status``: ``clerk-app status --json`` exiting, on a station with the 1,612-voter sample list imported,
  polls open and one voter checked in (adds SQLite and opening the station);
- ``window``: ``clerk-app --smoke-test`` reporting its main window shown offscreen (Qt, the translation,
  the theme, the station, the window: what a clerk waits for after a double-click);
and the same three through ``python -m clerk_app`` from the source tree, for reference.

``warm`` is the median of ``--runs`` runs after one untimed run. ``--cold`` also takes one run after
dropping the OS file cache (Linux, root: ``/proc/sys/vm/drop_caches``), which is what the first start
after booting a laptop costs; without it ``cold`` is null. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from check_bundle import bundle_size  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "kvbp-07-phuong-lang.csv"
EXE = ".exe" if sys.platform == "win32" else ""


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")
    except OSError:
        return False
    return True


def timed(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    wall = time.time()
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{command}: exit {done.returncode}: {done.stderr}")
    if "--smoke-test" in command:  # to the moment the window was shown, not to the process's exit
        report = json.loads(done.stdout.strip().splitlines()[-1])
        return float(report["shown_at"]) - wall
    return elapsed


def measure(run: Callable[[], float], runs: int, *, cold: bool) -> dict[str, float | None]:
    cold_s = run() if cold and drop_caches() else None
    run()  # warm-up
    samples = [run() for _ in range(runs)]
    return {
        "cold_s": round(cold_s, 3) if cold_s is not None else None,
        "warm_median_s": round(statistics.median(samples), 3),
        "warm_min_s": round(min(samples), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="size and start-up time of the built bundles")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold", action="store_true", help="also one run after dropping the file cache (root)")
    args = parser.parse_args(argv)
    clerk = str(args.dist / "clerk-app" / f"clerk-app{EXE}")
    source = [sys.executable, "-m", "clerk_app"]
    bundles: dict[str, dict[str, float]] = {}
    for name in ("clerk-app", "ward-server"):
        size, files = bundle_size(args.dist / name)
        bundles[name] = {"mib": round(size / 2**20, 1), "files": files}
    start: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory() as work:
        data = str(Path(work) / "station")
        # A polling-day clock: the polls open only from 05:00, whenever this runs.
        polling_day = {**os.environ, "CLERK_APP_CLOCK": "2026-03-15T08:00:00+07:00"}
        for step in (["import-list", str(SAMPLE)], ["open-polls"], ["check-in", "--list-no", "5"]):
            subprocess.run([clerk, *step, "--data-dir", data], capture_output=True, check=True, env=polling_day)
        cases = {
            "version": ["--version"],
            "status": ["status", "--json", "--data-dir", data],
            "window": ["--smoke-test", "--data-dir", data],
        }
        for case, tail in cases.items():
            start[f"bundle_{case}"] = measure(lambda t=tail: timed([clerk, *t]), args.runs, cold=args.cold)
            start[f"source_{case}"] = measure(lambda t=tail: timed([*source, *t]), args.runs, cold=args.cold)
    result = {"bundles": bundles, "start": start}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
