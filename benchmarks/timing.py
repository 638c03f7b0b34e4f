"""Shared timing helper for the benchmark scripts (run as `python benchmarks/bench_<topic>.py`)."""
from __future__ import annotations

import time
from typing import Callable


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in seconds: the least disturbed by other load on the machine."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
