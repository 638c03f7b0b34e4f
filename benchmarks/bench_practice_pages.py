"""Benchmark: the training and partnership pages' answers (no browser) and their stored records, against a floor
measured in the same run: one bare SQLite INSERT committed with synchronous=FULL in a WAL file (what every stored
answer costs at least). Writes benchmarks/results_practice_pages.txt. Targets: a widget's answer (a graded answer
stored, a meeting recorded and the tracker redrawn, the trainer's view redrawn) well under a second."""
from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import best  # noqa: E402

OUT = Path(__file__).with_name("results_practice_pages.txt")
AT = dt.datetime(2026, 11, 23, 15, tzinfo=dt.timezone.utc)


def main() -> None:
    from lmcore import load_contract
    from lmcore.storage.partnership import PartnershipRecords
    from lmcore.storage.training import TrainingResults
    from lmcore.training import Attempt, attempt_from, grade, load_scenarios
    from lmcore.ui import partnership, training, training_results

    contract = load_contract()
    lib = load_scenarios(contract=contract)
    tmp = Path(tempfile.mkdtemp(prefix="lmcore-bench-"))
    raw = sqlite3.connect(tmp / "floor.sqlite", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)")
    t_floor = best(lambda: raw.execute("INSERT INTO t (a) VALUES ('x')"), repeat=50)

    db = tmp / "practice.sqlite"
    results = TrainingResults(db)
    base = attempt_from(grade(lib.get("step1-filing-thanksgiving"), "2026-12-11", contract), "trainee 0", AT)
    t_record = best(lambda: results.record(base), repeat=30)
    many = [Attempt(**{**base.__dict__, "trainee": f"trainee {i % 40}", "scenario": s.id, "title": s.title})
            for i in range(2_000) for s in (lib.scenarios[i % len(lib.scenarios)],)]
    for a in many:
        results.record(a)
    n = results.count()

    app = training.build_app(contract, params={"set": "grievance-basics"}, where=db, library=lib)
    app.name.widget.value = "Bench"
    texts = iter(f"2026-12-{d:02d}" for d in range(1, 29))

    def check() -> None:
        app.date_answer.widget.value = next(texts)
        app.check()

    check()  # the database opened once
    t_check = best(check, repeat=20)
    t_build = best(lambda: training.build_app(contract, params={}, where=db, library=lib), repeat=5)
    trainer = training_results.build_app(contract, params={}, where=db, library=lib)
    trainer.widget._view_count = 1
    t_trainer = best(trainer.refresh, repeat=5)

    recs = PartnershipRecords(db, contract=contract)
    for i in range(300):
        recs.add_meeting("steward_supervisor", dt.date(2025, 1, 1) + dt.timedelta(days=i), today=dt.date(2026, 11, 23))
    page = partnership.build_app(contract, as_of=dt.date(2026, 11, 23), params={}, where=db)
    page.widget._view_count = 1
    days = iter(dt.date(2026, 1, 5) + dt.timedelta(days=i) for i in range(300))

    def meeting() -> None:
        page.forums.held.widget.value = next(days).isoformat()
        page.forums.add()

    t_meeting = best(meeting, repeat=10)
    t_pbuild = best(lambda: partnership.build_app(contract, as_of=dt.date(2026, 11, 23), params={}, where=db), repeat=3)
    rows = [("floor: one bare SQLite INSERT, committed (WAL, synchronous=FULL)", t_floor, ""),
            ("store one graded answer (TrainingResults.record)", t_record, f"  ({t_record / t_floor:5.1f}x floor)"),
            ("training page: check an answer (grade, slip, store, redraw)", t_check, f"  ({t_check / t_floor:5.1f}x floor)"),
            ("training page: build (widgets, first question)", t_build, ""),
            (f"trainer's view: redraw from {n:,} stored answers (tables, chart)", t_trainer, ""),
            ("partnership page: record a meeting, redraw the tracker (300+ stored)", t_meeting, f"  ({t_meeting / t_floor:5.1f}x floor)"),
            ("partnership page: build (5 tabs, every forum)", t_pbuild, "")]
    import os

    load = os.getloadavg()[0]
    lines = [f"practice pages (no browser): the training page, the trainer's view, the partnership page "
             f"(machine load {load:.1f} on {os.cpu_count()} cores while measured)"]
    lines += [f"  {label:<70}: {t * 1000:8.2f} ms{extra}" for label, t, extra in rows]
    text = "\n".join(lines) + "\n"
    OUT.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
