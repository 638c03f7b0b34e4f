"""Benchmark: evaluating pay periods (Art. 4). One timesheet with all findings (target well under 100 ms), a
compressed one whose layout is read from the hours, the six-schedule comparison, a part-timer's tour, reading the
numbers from the files, a dashboard answer, and 10,000 pay periods at once through the vectorised arithmetic
(against the one-by-one loop in the same run). Writes benchmarks/results_schedules.txt."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np

OUT = Path(__file__).with_name("results_schedules.txt")
PP = dt.date(2026, 11, 15)  # holds Thanksgiving, Thu 2026-11-26
N = 10_000


def best(fn, repeat: int = 5, number: int = 1) -> float:
    """Best time of `repeat` runs, each the mean of `number` calls."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t) / number)
    return min(times)


def random_periods(n: int, seed: int = 5) -> dict[str, np.ndarray]:
    """n random pay periods: weekday starts 6:00–10:00, 7–10 hours, a half-hour lunch, some leave and ordered time."""
    rng = np.random.default_rng(seed)
    weekday = np.array([i % 7 in range(1, 6) for i in range(14)])
    works = (rng.random((n, 14)) < 0.92) & weekday
    start = rng.integers(6 * 4, 10 * 4, (n, 14)) * 15
    length = rng.integers(7 * 4, 10 * 4, (n, 14)) * 15 + 30
    ls = np.clip(start + 4 * 60, 11 * 60, 13 * 60)
    leave = np.where(~works & weekday & (rng.random((n, 14)) < 0.5), 8 * 60, 0)
    return {"start": np.where(works, start, 0), "end": np.where(works, start + length, 0),
            "lunch_start": np.where(works, ls, 0), "lunch_end": np.where(works, ls + 30, 0),
            "ordered": np.where(works & (rng.random((n, 14)) < 0.05), 60, 0), "annual": leave}


def main() -> None:
    from lmcore import load_contract
    from lmcore.schedules import compare, evaluate, evaluate_many
    from lmcore.schedules import Schedule, Terms, parse_tour, usual_entries
    from lmcore.schedules import DayEntry, Timesheet

    contract = load_contract()
    contract.calendar  # built once, as in a running dashboard
    arrays = random_periods(N)
    ts_vw = Timesheet(PP, tuple(DayEntry(PP + dt.timedelta(days=i), *(int(arrays[k][0, i]) or None for k in ("start", "end", "lunch_start", "lunch_end")),
                                         int(arrays["annual"][0, i]), "annual" if arrays["annual"][0, i] else None,
                                         int(arrays["ordered"][0, i])) for i in range(14)))
    csv_text = ts_vw.to_csv()
    ts_cws = usual_entries(Schedule("compressed-5-4-9"), PP, contract)

    one = best(lambda: evaluate(ts_vw, "variable-week", contract), number=50)
    one_csv = best(lambda: evaluate(csv_text, "variable-week", contract), number=50)
    cws = best(lambda: evaluate(ts_cws, "compressed-5-4-9", contract), number=20)
    cmp_ = best(lambda: compare(ts_vw, contract), number=10)
    part_time = Schedule("variable-week", tour=parse_tour("Mon=5,Tue=5,Wed=5,Thu=5"))
    ts_pt = usual_entries(part_time, PP, contract)
    pt = best(lambda: evaluate(ts_pt, part_time, contract), number=50)
    terms = best(lambda: Terms.of(contract), number=200)
    loop_n = 1000
    loop = best(lambda: [evaluate(ts_vw, "variable-week", contract) for _ in range(loop_n)], repeat=1)
    bulk = best(lambda: evaluate_many(arrays, "variable-week", PP, contract), repeat=5)
    bulk_std = best(lambda: evaluate_many(arrays, "standard", PP, contract), repeat=5)
    totals = evaluate_many(arrays, "variable-week", PP, contract)
    check = evaluate(ts_vw, "variable-week", contract)
    assert totals["earned"][0] == round(check.credit_hours_earned * 60) and totals["pay"][0] == round(check.pay_hours * 60)

    from lmcore.ui.schedules import build_app

    t = time.perf_counter()
    app = build_app(contract, as_of=dt.date(2026, 11, 23), params={})
    build = time.perf_counter() - t
    answers = []
    for end in ("17:00", "17:15", "16:30", "18:00", "16:45"):
        t = time.perf_counter()
        app.rows[3].times[1].value = end
        answers.append(time.perf_counter() - t)

    lines = [
        "Evaluate pay periods (lmcore.schedules.pay_period), pay period Sun 2026-11-15 – Sat 11-28 with Thanksgiving",
        f"  one timesheet, variable week, all findings      : {one * 1000:8.2f} ms   (target << 100 ms)",
        f"  the same, read from CSV text first              : {one_csv * 1000:8.2f} ms",
        f"  compressed 5-4/9, layout read from the hours     : {cws * 1000:8.2f} ms   (90 layouts scored)",
        f"  the six schedule types side by side (compare)   : {cmp_ * 1000:8.2f} ms",
        f"  part-time tour (holiday from the tour's day)     : {pt * 1000:8.2f} ms",
        f"  reading Art. 4's numbers from the files (Terms)  : {terms * 1000:8.3f} ms  (once per answer)",
        f"  1,000 timesheets one by one                      : {loop:8.2f} s",
        "10,000 pay periods at once (evaluate_many, numpy arrays (10000, 14))",
        f"  variable week                                    : {bulk * 1000:8.2f} ms  ({bulk / N * 1e6:.2f} µs per pay period)",
        f"  standard                                         : {bulk_std * 1000:8.2f} ms",
        f"  one by one would take about                      : {loop / loop_n * N:8.2f} s  ({loop / loop_n * N / bulk:.0f}x slower)",
        "Dashboard (lmcore.ui.schedules)",
        f"  build the page with its first answer             : {build:8.2f} s",
        f"  answer to one change (evaluate, compare, chart)  : {np.median(answers) * 1000:8.0f} ms median, {max(answers) * 1000:.0f} ms max"
        "   (target well under 1 s)",
    ]
    import os

    lines.append(f"(machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    OUT.write_text(text)


if __name__ == "__main__":
    main()
