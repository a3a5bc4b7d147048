"""``python -m bench.report FILE``: a result JSON as the Markdown table docs/benchmarks.md shows."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.targets import TARGETS


def _goal(target: dict[str, Any]) -> str:
    if target["op"] == "measured":
        return "reference"
    op = "≤" if target["op"] == "<=" else "≥"
    return f"{op} {target['value']:g}"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if unit == "x" else f"{value:g} {unit}"


def render(result: dict[str, Any]) -> str:
    figures, targets, verdicts = result["figures"], result["targets"], result["verdicts"]
    lines = ["| figure | value | target | verdict |", "|---|---:|---|---|"]
    for key, value in figures.items():
        unit = TARGETS[key].unit if key in TARGETS else ""
        note = result.get("missing", {}).get(key) or result.get("skipped", {}).get(key)
        verdict = verdicts[key] + (f" ({note})" if note and verdicts[key] in ("missing", "skipped") else "")
        lines.append(f"| `{key}` | {_value(value, unit)} | {_goal(targets[key])} | {verdict} |")
    m = result["machine"]
    lines += [
        "",
        f"Run: `{result['mode']}` plan, {m['date']}, {result['duration_s']:g} s in all"
        + (f", commit {m['git_commit']}" if m.get("git_commit") else "")
        + ".",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_mb']:,} MB RAM, {m['os']}; "
        f"Python {m['python']}, SQLite {m['sqlite']}, sqlite-utils {m['sqlite_utils']}, "
        f"PySide6 {m['pyside6']}; work folder on {m['work_dir_filesystem']}; "
        f"load average {m['load_average_at_start']} at start, {m['load_average_at_end']} at end.",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bench.report RESULT.json", file=sys.stderr)
        return 2
    print(render(json.loads(Path(argv[0]).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
