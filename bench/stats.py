"""Small statistics for timings: nearest-rank percentiles, medians and summaries."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (the value at or below which ``pct`` % of the samples fall)."""
    if not samples:
        raise ValueError("no samples")
    if not 0 < pct <= 100:
        raise ValueError(f"percentile out of range: {pct}")
    ordered = sorted(samples)
    rank = math.ceil(pct / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def p95(samples: Sequence[float]) -> float:
    return percentile(samples, 95)


def median(samples: Sequence[float]) -> float:
    if not samples:
        raise ValueError("no samples")
    return float(statistics.median(samples))


def summary(samples: Sequence[float], digits: int = 3) -> dict[str, float | int]:
    """What a reader needs to judge a figure's spread: count, min, median, p95, max."""
    return {
        "n": len(samples),
        "min": round(min(samples), digits),
        "median": round(median(samples), digits),
        "p95": round(p95(samples), digits),
        "max": round(max(samples), digits),
    }
