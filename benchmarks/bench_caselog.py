"""Time the steward's case log (lmcore.storage.caselog): saving cases, and the agenda (each case's step at hand, Art. 43)
over 1,000 saved grievances, from the command line's and the dashboard's side.

Run: .venv/bin/python benchmarks/bench_caselog.py   (writes benchmarks/results_caselog.txt)
A steward keeps tens of cases; 1,000 is a whole Local's docket in one file. The cases are made up: learned dates
in the 150 days before 2026-11-23, some filed, met and decided a few days later. The log is a temporary file.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import random
import tempfile
import time
from pathlib import Path

from lmcore import load_contract
from lmcore.storage.caselog import CaseLog
from lmcore.grievance import Grievance

AS_OF = dt.date(2026, 11, 23)
N = 1000


def make_cases(n: int, seed: int = 12) -> list[Grievance]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        learned = AS_OF - dt.timedelta(days=rng.randrange(1, 150))
        kw: dict = {}
        day = learned
        for field in ("filed", "step1_meeting", "step1_decision"):
            day += dt.timedelta(days=rng.randrange(1, 8))
            if day > AS_OF or rng.random() < 0.3:
                break
            kw[field] = day
        out.append(Grievance(learned=learned, title=f"case {rng.randrange(10**6)}", **kw))
    return out


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def dashboard_agenda(path: Path) -> float:
    """Seconds for the dashboard's "My cases" table to redraw (agenda + HTML) over the saved cases."""
    from lmcore.ui.grievance import build_app

    app = build_app(as_of=AS_OF, params={"learned": "2026-11-18"}, caselog=path)
    app.caselog.load()
    return best_of(app.caselog.load)


def main() -> None:
    contract = load_contract()
    cases = make_cases(N)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.sqlite"
        log = CaseLog(path)
        t0 = time.perf_counter()
        for n, g in enumerate(cases):
            log.save(f"case-{n:04d}", g)
        save_each = (time.perf_counter() - t0) / N
        listing = best_of(log.cases)
        agenda = best_of(lambda: log.agenda(AS_OF, contract))
        items = log.agenda(AS_OF, contract)
        ui = dashboard_agenda(path)
        size = path.stat().st_size
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"bench_caselog: the case log over {N:,} saved grievances (Art. 43 timeline per case), best of 3 runs",
        f"machine: {platform.machine()} {platform.system()}, Python {platform.python_version()}",
        f"save one case (own connection, one transaction, committed to disk): {save_each * 1000:.2f} ms",
        f"cases(): read and decode all {N:,}: {listing:.3f} s",
        f"agenda(): step at hand of all {N:,}, with explanations: {agenda:.3f} s "
        f"({sum(i.is_open for i in items)} open, {sum(bool(i.problem) for i in items)} problems)",
        f"dashboard 'My cases' table redraw over {N:,} cases: {ui:.3f} s",
        f"file size: {size / 1024:.0f} KiB",
        f"machine load average during the run: {load:.1f} on {os.cpu_count()} cores (wall times grow with the load)",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    (Path(__file__).parent / "results_caselog.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
