"""``python -m bench [--quick] [--only UNIT,...] [--json FILE]``: run the benchmarks, print one JSON object on stdout.

Progress goes to stderr. Exit 0 when every figure was measured, whether or not it met its target;
1 when a measurement crashed; 2 when a figure's module is not written yet.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.runner import FULL, QUICK, Plan, exit_code, run_benchmarks


def main(argv: list[str] | None = None, *, plan: Plan | None = None) -> int:
    """Run the quick or full plan (or ``plan``, which the runner's own test passes in)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="the CI run: fewer repeats, no 1M list, under a minute")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the JSON result to FILE")
    parser.add_argument(
        "--work-dir",
        metavar="DIR",
        type=Path,
        help="where the generated lists and stations go (default: a temporary folder, deleted at the end)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder (to profile or inspect it)")
    parser.add_argument(
        "--only",
        metavar="UNIT[,UNIT]",
        help=f"run only these parts of the plan ({', '.join(FULL.units)}); the other figures are skipped",
    )
    args = parser.parse_args(argv)
    if plan is None:
        plan = QUICK if args.quick else FULL
    if args.only:
        chosen = tuple(name.strip() for name in args.only.split(",") if name.strip())
        unknown = [name for name in chosen if name not in plan.units]
        if unknown or not chosen:
            parser.error(f"--only: unknown part(s) {', '.join(unknown) or '(none given)'}; choose from {plan.units}")
        plan = dataclasses.replace(plan, units=chosen)
    start = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[bench {time.perf_counter() - start:6.1f}s] {message}", file=sys.stderr, flush=True)

    if args.work_dir is not None:
        args.work_dir.mkdir(parents=True, exist_ok=True)
    work_dir = Path(tempfile.mkdtemp(prefix="clerk-bench-", dir=args.work_dir))
    progress(f"{plan.name} run in {work_dir}")
    try:
        result = run_benchmarks(plan, work_dir, progress=progress)
    finally:
        if args.keep:
            progress(f"work folder kept: {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    _print_table(result)
    return exit_code(result)


def _print_table(result: dict[str, Any]) -> None:
    """The figures as a small table on stderr, for the person watching the run."""
    figures, verdicts, targets = result["figures"], result["verdicts"], result["targets"]
    width = max(24, *map(len, figures))
    lines = [f"{'figure':<{width}} {'value':>10}  {'target':<10} verdict"]
    for key, value in figures.items():
        target = targets[key]
        goal = "measured" if target["op"] == "measured" else f"{target['op']} {target['value']:g}"
        shown = "—" if value is None else f"{value:g}"
        lines.append(f"{key:<{width}} {shown:>10}  {goal:<10} {verdicts[key]}")
    print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
