"""Time the case log on both databases (issue 19): 10,000 open cases — the due board (cold: every row computed by the
grievance engine; warm: rows from the board cache), a 10,000-row CSV import, one save (an edit with its history).

Run: .venv/bin/python benchmarks/bench_caselog.py   (writes benchmarks/results_caselog.txt)
PostgreSQL: a temporary server of Debian's postgresql package is started (as the postgres user when run as root)
and stopped; set LMCORE_BENCH_PG_URL to use another. The cases are made up: learned dates in the 400 days before
2026-11-23, some filed, met, decided and appealed a few days later. Targets: board < 0.5 s, import < 5 s, save < 20 ms.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lmcore import load_contract  # noqa: E402
from lmcore.grievance import Grievance  # noqa: E402
from lmcore.storage.board import due_board  # noqa: E402
from lmcore.storage.caselog import CaseLog  # noqa: E402
from lmcore.storage.records import Case  # noqa: E402
from lmcore.storage.transfer import cases_from_rows, export_cases, read_table  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
N = 10_000


def make_cases(n: int, seed: int = 19) -> list[Case]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        learned = AS_OF - dt.timedelta(days=rng.randrange(1, 400))
        kw: dict = {}
        day = learned
        for field in ("filed", "step1_meeting", "step1_decision", "step2_appeal"):
            day += dt.timedelta(days=rng.randrange(1, 8))
            if day > AS_OF or rng.random() < 0.3:
                break
            kw[field] = day
        out.append(Case(f"case-{i:05d}", Grievance(learned=learned, title=f"case {rng.randrange(10**6)}", **kw),
                        steward=rng.choice(["Ann Lee", "Bo Chen", "Cy Diaz"]), articles=("Art. 43",)))
    return out


@contextlib.contextmanager
def postgres():
    if os.environ.get("LMCORE_BENCH_PG_URL"):
        yield os.environ["LMCORE_BENCH_PG_URL"]
        return
    bindir = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="lmcore-bench-pg-"))
    (root / "sock").mkdir()
    user = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(root / "sock", "postgres")
        user = ["runuser", "-u", "postgres", "--"]
    run = lambda *a: subprocess.run([*user, *a], check=True, capture_output=True)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(root / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    run(str(bindir / "pg_ctl"), "-D", str(root / "data"), "-o", f"-p 5499 -k {root / 'sock'} -c listen_addresses=''",
        "-w", "-l", str(root / "log"), "start")
    try:
        yield f"postgresql://postgres@/postgres?host={root / 'sock'}&port=5499"
    finally:
        subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run(url: str, name: str, cases: list[Case], contract, tmp: Path) -> list[str]:
    log = CaseLog(url)
    t0 = time.perf_counter()
    log.add_many(cases, by="bench")
    bulk = time.perf_counter() - t0
    cold = best(lambda: due_board(log, AS_OF, contract, use_cache=False), repeat=1)
    due_board(log, AS_OF, contract)  # fills the cache
    warm = best(lambda: due_board(log, AS_OF, contract))
    board = due_board(log, AS_OF, contract)
    saves = []
    for i in range(50):
        t = time.perf_counter()
        log.edit(f"case-{i:05d}", lambda c, i=i: replace(c, steward=f"steward {i}"), by="bench")
        saves.append(time.perf_counter() - t)
    saves.sort()
    after_save = best(lambda: due_board(log, AS_OF, contract))
    csv_path = tmp / f"{name}.csv"
    export_cases([replace(c, case_id=f"new-{c.case_id}") for c in cases], csv_path)

    def imp() -> None:
        rows = read_table(csv_path)
        got, problems = cases_from_rows(rows, contract, AS_OF, set(log.ids()))
        assert not problems, problems[:3]
        log.add_many(got, by="bench")
    t0 = time.perf_counter()
    imp()
    import_s = time.perf_counter() - t0
    log.db.dispose()
    c = board.counts()
    return [f"[{name}]",
            f"  due board, {N:,} open cases, cold (every row through the grievance engine): {cold:.2f} s",
            f"  due board, warm (rows from the board cache): {warm:.3f} s (target < 0.5 s) — {c['overdue']} overdue, "
            f"{c['soon']} soon, {c['later']} later, {c['projected']} projected",
            f"  due board after 50 saves (50 rows recomputed): {after_save:.3f} s",
            f"  one save (edit + history, own transaction): median {saves[len(saves) // 2] * 1000:.1f} ms, "
            f"worst {saves[-1] * 1000:.1f} ms (target < 20 ms)",
            f"  CSV import of {N:,} rows (read, check every row and its timeline, one transaction): {import_s:.2f} s (target < 5 s)",
            f"  add_many of {N:,} cases (setup): {bulk:.2f} s"]


def main() -> None:
    contract = load_contract()
    cases = make_cases(N)
    lines = [f"bench_caselog: the case log with {N:,} open cases, on SQLite (WAL, synchronous=FULL) and PostgreSQL",
             f"machine: {platform.machine()} {platform.system()}, Python {platform.python_version()}"]
    with tempfile.TemporaryDirectory() as tmp:
        lines += run(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", "sqlite", cases, contract, Path(tmp))
        with postgres() as url:
            lines += run(url, "postgresql", cases, contract, Path(tmp))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(f"machine load average during the run: {load:.1f} on {os.cpu_count()} cores (wall times grow with the load)")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    (Path(__file__).parent / "results_caselog.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
