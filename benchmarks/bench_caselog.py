"""Time the case log on both databases (issue 19): 10,000 open cases — the due board, a 10,000-row CSV import, one
save (an edit with its history) — each beside a floor measured in the same run on the same database (the bare work
no implementation can skip), so a loaded machine shows as a slow floor rather than as slow code.

Run: .venv/bin/python benchmarks/bench_caselog.py   (writes benchmarks/results_caselog.txt)
PostgreSQL: a temporary server of Debian's postgresql package is started (as the postgres user when run as root; its
default durability: fsync on, synchronous_commit on) and stopped; set LMCORE_BENCH_PG_URL to use another.
The caseload is made up: learned dates in the 400 days before 2026-11-23, steps a few days apart; nine in ten are
plain grievances on the four paths the vectorised engine computes, one in ten needs the grievance engine (§13
waivers and extensions with their signatories, continuing conditions, invoked arbitration cases, stays of removal).
Targets: board < 0.5 s, import < 5 s, save < 20 ms.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import glob
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lmcore import load_contract  # noqa: E402
from lmcore.errors import LmcoreError  # noqa: E402
from lmcore.grievance import Extension, Grievance, Waiver, timeline  # noqa: E402
from lmcore.storage.board import due_board  # noqa: E402
from lmcore.storage.caselog import CaseLog  # noqa: E402
from lmcore.storage.records import Arbitration, Case, Signatories  # noqa: E402
from lmcore.storage.transfer import cases_from_rows, export_cases, read_table  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
N = 10_000
SAVES = 50
STEPS = {"employee": ("filed", "step1_meeting", "step1_decision", "step2_appeal", "step2_meeting", "step2_decision"),
         "merit-staffing": ("filed", "step2_meeting", "step2_decision"), "department": ("filed",),
         "union-institutional": ("filed",)}


def make_case(i: int, rng: random.Random) -> Case:
    """One open case; about one in ten is of a kind only the grievance engine computes."""
    learned = AS_OF - dt.timedelta(days=rng.randrange(1, 400))
    kind = rng.random()
    path = "employee" if kind < 0.78 else rng.choice(["merit-staffing", "department", "union-institutional"]) \
        if kind < 0.90 else "employee"
    kw: dict = {}
    day = learned
    for field in STEPS[path][:4]:
        day += dt.timedelta(days=rng.randrange(1, 8))
        if day > AS_OF or rng.random() < 0.3:
            break
        kw[field] = day
    arb, signed = None, ()
    if kind >= 0.90:  # the grievance engine's share
        special = rng.choice(["waiver", "extension", "continuing", "invoked", "stay"])
        if special == "waiver":
            kw = {"waivers": (Waiver("step1", learned + dt.timedelta(days=1)),)}
            signed = (Signatories("waiver", "step1", "Ann Lee", "Dee Ford"),)
        elif special == "extension":
            kw = {"extensions": (Extension("step1_filing", workdays=10, agreed_on=learned + dt.timedelta(days=2)),)}
            signed = (Signatories("extension", "step1_filing", "Ann Lee", "Dee Ford"),)
        elif special == "continuing":
            kw = {"continuing": True}
        elif special == "invoked":
            day, kw = learned, {}
            for field in (*STEPS["employee"], "invoked"):
                day += dt.timedelta(days=rng.randrange(1, 5))
                kw[field] = day
            arb = Arbitration("regular", rng.choice(["", "J. Arbiter"]))
        else:
            path, kw = "removal-stay", {}
    g = Grievance(learned=learned, path=path, title=f"case {rng.randrange(10**6)}", **kw)
    return Case(f"case-{i:05d}", g, steward=rng.choice(["Ann Lee", "Bo Chen", "Cy Diaz"]),
                articles=rng.choice([("Art. 43",), ("Art. 12 §3", "Art. 43"), ()]), signatories=signed, arbitration=arb)


def make_cases(n: int, contract, seed: int = 19) -> list[Case]:
    """n cases whose timelines all compute as of AS_OF (a made-up record the engine refuses is drawn again)."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        case = make_case(len(out), rng)
        try:
            timeline(case.grievance, contract, AS_OF)
        except LmcoreError:
            continue
        out.append(case)
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


def best(fn, repeat: int = 5) -> float:
    """The fastest wall time of `repeat` runs (the least disturbed by other load)."""
    return best_of(fn, repeat)[0]


def best_of(fn, repeat: int = 5) -> tuple[float, float]:
    """The fastest wall time and the least CPU time of this process over `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def timed(fn) -> tuple[float, float, object]:
    """Wall and CPU time of one run, and its result."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t, time.process_time() - c, out


# -- floors: the bare database work, through the driver itself -------------------------------------------------------
def raw(log: CaseLog):
    """A driver connection to the same database, with the durability lmcore uses (SQLite: WAL, synchronous=FULL)."""
    if log.db.backend == "sqlite":
        conn = sqlite3.connect(log.db.path, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        return conn
    import psycopg

    return psycopg.connect(log.db.url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def floor_read(log: CaseLog) -> float:
    """Floor of the board: the open cases' ids and versions read through the driver (what any board must read)."""
    conn = raw(log)
    try:
        return best(lambda: conn.execute("SELECT case_id, version FROM caselog_cases WHERE status = 'open' "
                                         "ORDER BY case_id").fetchall())
    finally:
        conn.close()


def floor_commit(log: CaseLog) -> list[float]:
    """Floor of a save: one row updated and committed through the driver (the commit's flush to disk)."""
    conn = raw(log)
    out = []
    mark = "?" if log.db.backend == "sqlite" else "%s"
    try:
        for i in range(SAVES):
            t = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute(f"UPDATE caselog_cases SET updated_by = {mark} WHERE case_id = {mark}", (f"floor {i}", "case-00000"))
            conn.execute("COMMIT")
            out.append(time.perf_counter() - t)
    finally:
        conn.close()
    return sorted(out)


def floor_import(log: CaseLog, csv_path: Path) -> float:
    """Floor of an import: the file read with the csv module and its rows' ids and learned dates written through the
    driver into a scratch table, in one transaction (no checks, no history)."""
    conn = raw(log)
    mark = "?" if log.db.backend == "sqlite" else "%s"

    def go() -> None:
        with csv_path.open(encoding="utf-8-sig", newline="") as f:
            rows = [(r["case_id"], r["learned"]) for r in csv.DictReader(f)]
        conn.execute("BEGIN")
        conn.execute("CREATE TEMPORARY TABLE IF NOT EXISTS floor_rows (case_id TEXT, learned TEXT)")
        conn.execute("DELETE FROM floor_rows")
        cur = conn.cursor()
        cur.executemany(f"INSERT INTO floor_rows VALUES ({mark}, {mark})", rows)
        conn.execute("COMMIT")

    try:
        return best(go, repeat=3)
    finally:
        conn.close()


def run(url: str, name: str, cases: list[Case], tmp: Path) -> tuple[list[str], dict[str, bool]]:
    log = CaseLog(url)
    setup, _, _ = timed(lambda: log.add_many(cases, by="bench"))
    f_read = floor_read(log)
    contract = load_contract()  # a contract of its own: nothing counted yet (as in a new `lmcore` process)
    first, first_cpu, board = timed(lambda: due_board(log, AS_OF, contract))  # the day's first board: engine rows cached
    nocache = best(lambda: due_board(log, AS_OF, contract, use_cache=False), repeat=3)
    warm, warm_cpu = best_of(lambda: due_board(log, AS_OF, contract))
    # every row's words (`cases due --json`) and the page's first 300, each in a new process's state: no date counted
    words, _, _ = timed(lambda: [r.to_dict() for r in due_board(log, AS_OF, load_contract()).rows])
    page, _, _ = timed(lambda: [r.explanation for r in due_board(log, AS_OF, load_contract()).rows[:300]])
    f_commit = floor_commit(log)
    saves = []
    for i in range(SAVES):
        t = time.perf_counter()
        log.edit(f"case-{i:05d}", lambda c, i=i: replace(c, steward=f"steward {i}"), by="bench")
        saves.append(time.perf_counter() - t)
    saves.sort()
    after_save = best(lambda: due_board(log, AS_OF, contract))
    csv_path = tmp / f"{name}.csv"
    export_cases([replace(c, case_id=f"new-{c.case_id}") for c in cases], csv_path)
    f_import = floor_import(log, csv_path)

    fresh = load_contract()  # as `lmcore cases import` runs: a new contract, no date counted yet

    def imp() -> int:
        rows = read_table(csv_path)
        got, problems = cases_from_rows(rows, fresh, AS_OF, set(log.ids()))
        assert not problems, problems[:3]
        return log.add_many(got, by="bench")
    import_s, import_cpu, imported = timed(imp)
    history = log.db.read(lambda c: c.exec_driver_sql("SELECT COUNT(*) FROM caselog_history").scalar())
    log.db.dispose()
    c = board.counts()
    engine = sum(1 for k in cases if not _plain(k))
    med, worst = saves[len(saves) // 2], saves[-1]
    fmed = f_commit[len(f_commit) // 2]
    ok = {"board (warm)": warm < 0.5, "import": import_s < 5, "save (median)": med < 0.02}
    lines = [f"[{name}]",
             f"  floor, the open cases' ids and versions read through the driver: {f_read * 1000:.1f} ms",
             f"  due board, {N:,} open cases ({N - engine:,} plain, {engine:,} through the grievance engine):",
             f"    the day's first board (the engine's {engine:,} rows computed and cached): {first:.3f} s "
             f"({first_cpu:.3f} s CPU) = {first / f_read:.0f}x floor",
             f"    warm (the engine's rows from the board cache): {warm:.3f} s ({warm_cpu:.3f} s CPU) = {warm / f_read:.0f}x "
             f"floor (target < 0.5 s: {'met' if warm < 0.5 else 'NOT met'}) — {c['overdue']} overdue, {c['soon']} soon, "
             f"{c['later']} later, {c['projected']} projected, {c['undated']} undated, {c['problem']} problems",
             f"    without the cache (every engine row computed, nothing kept): {nocache:.3f} s",
             f"    every row with its explanation worded (the rows of `cases due --json`, nothing counted before): {words:.3f} s",
             f"    the page's first 300 rows with their explanations (nothing counted before): {page:.3f} s",
             f"    after {SAVES} saves: {after_save:.3f} s",
             f"  floor, one row updated and committed through the driver: median {fmed * 1000:.1f} ms, worst "
             f"{f_commit[-1] * 1000:.1f} ms",
             f"  one save (edit + history, its own transaction): median {med * 1000:.1f} ms = {med / fmed:.1f}x floor, "
             f"worst {worst * 1000:.1f} ms (target < 20 ms: {'met' if med < 0.02 else 'NOT met'} for the median"
             f"{'' if worst < 0.02 else '; the worst is not'})",
             f"  floor, the CSV read by the csv module and ids + dates written by the driver: {f_import:.3f} s",
             f"  CSV import of {N:,} rows (read, check every row and its timeline, write cases, children and history in "
             f"one transaction): {import_s:.2f} s ({import_cpu:.2f} s CPU) = {import_s / f_import:.0f}x floor (target < 5 s: "
             f"{'met' if import_s < 5 else 'NOT met'}); {imported:,} imported, {history:,} history rows in the log",
             f"  add_many of {N:,} cases (setup, with history): {setup:.2f} s"]
    return lines, ok


def _plain(case: Case) -> bool:
    from lmcore.grievance.bulk import PLAIN_PATHS, is_plain

    g = case.grievance
    return is_plain(g) and g.path in PLAIN_PATHS and g.invoked is None and case.arbitration is None


def main() -> None:
    contract = load_contract()
    contract.calendar  # noqa: B018  (the holiday tables: built once per process, not part of any timing)
    cases = make_cases(N, contract)
    load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [f"bench_caselog: the case log with {N:,} open cases, on SQLite (WAL, synchronous=FULL) and PostgreSQL "
             "(fsync on, synchronous_commit on)",
             f"machine: {platform.machine()} {platform.system()}, Python {platform.python_version()}, {os.cpu_count()} cores"]
    met: dict[str, bool] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out, ok = run(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", "sqlite", cases, Path(tmp))
        lines += out
        met.update({f"sqlite {k}": v for k, v in ok.items()})
        with postgres() as url:
            out, ok = run(url, "postgresql", cases, Path(tmp))
            lines += out
            met.update({f"postgresql {k}": v for k, v in ok.items()})
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(f"machine load average: {load0:.1f} at the start, {load1:.1f} at the end, on {os.cpu_count()} cores "
                 "(wall times grow with the load; the floors show how much)")
    lines.append("targets met: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in met.items()))
    text = "\n".join(lines) + "\n"
    print(text, end="")
    (Path(__file__).parent / "results_caselog.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
