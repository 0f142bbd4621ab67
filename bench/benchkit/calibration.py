"""How fast this machine's CPU is right now."""

import time


def cpu_calibration_ms() -> float:
    """A fixed pure-Python loop, best of five: this machine kind's CPU speed drifts (shared host) by up to ~1.6x
    within minutes, so figures are only comparable alongside it."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)
