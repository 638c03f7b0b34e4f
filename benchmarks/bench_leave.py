"""Benchmark: leave (Art. 5): one projection, the leave-year calendar for every year, a 100,000-employee roster
(vectorised), the other calculators, and the leave planner dashboard (build and one update, in-process).
Writes benchmarks/results_leave.txt. Targets: a widget answer well under 1 s; the roster under 1 s."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from timing import best

OUT = Path(__file__).with_name("results_leave.txt")
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    import datetime as dt

    import numpy as np

    from lmcore import load_contract
    from lmcore.leave import voting_leave
    from lmcore.leave import project_many, project_year_end
    from lmcore.leave import leave_restriction, medical_certificate
    from lmcore.leave import leave_year, restoration_request_deadline

    imp = subprocess.run([sys.executable, "-X", "importtime", "-c", "import lmcore"], capture_output=True, text=True, cwd=ROOT)
    import_us = int(imp.stderr.strip().splitlines()[-1].split("|")[1])
    contract = load_contract()
    contract.calendar  # noqa: B018
    as_of = dt.date(2026, 11, 23)
    lines = [f"lmcore leave benchmarks ({platform.python_version()}, {platform.machine()}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", ""]
    lines.append(f"import lmcore (cumulative, -X importtime): {import_us / 1000:.1f} ms (target < 500 ms)")
    t = best(lambda: project_year_end(230, as_of, 5, 16, contract=contract), 50)
    lines.append(f"project_year_end, one employee: {t * 1000:.2f} ms")
    june = dt.date(2026, 6, 1)
    t_years = best(lambda: project_year_end(100, june, 2.9, contract=contract), 50)
    t_scd = best(lambda: project_year_end(100, june, scd=dt.date(2023, 7, 20), contract=contract), 50)
    lines.append(f"project_year_end from an SCD (rate changes mid-year, 26 pay periods rated): {t_scd * 1000:.2f} ms; "
                 f"{t_scd / t_years:.1f}× the fixed-rate projection in the same run ({t_years * 1000:.2f} ms)")
    t = best(lambda: [restoration_request_deadline(y, contract) for y in range(1971, 2099)], 3)
    lines.append(f"restoration dates for all 128 leave years 1971-2098: {t * 1000:.1f} ms")
    t = best(lambda: [leave_year(y) for y in range(1971, 2099)], 3)
    lines.append(f"leave-year calendars 1971-2098: {t * 1000:.1f} ms")
    rng = np.random.default_rng(7)
    n = 100_000
    bal = rng.integers(0, 1200, n) / 4
    yrs = rng.uniform(0, 40, n)
    plan = np.minimum(rng.integers(0, 160, n) / 4, bal)
    t = best(lambda: project_many(bal, yrs, as_of, plan, contract=contract), 5)
    r = project_many(bal, yrs, as_of, plan, contract=contract)
    lines.append(f"project_many, {n:,} employees (numpy): {t * 1000:.1f} ms; {int((r['to_lose'] > 0).sum()):,} would lose leave")
    t = best(lambda: medical_certificate(dt.date(2026, 11, 19), dt.date(2026, 11, 24), contract=contract), 50)
    lines.append(f"medical_certificate: {t * 1000:.2f} ms")
    t = best(lambda: leave_restriction(dt.date(2026, 10, 31), 4, [4, 2], contract=contract), 50)
    lines.append(f"leave_restriction with 2 extensions: {t * 1000:.2f} ms")
    t = best(lambda: voting_leave("07:00", "19:00", "08:30", "17:00", contract=contract), 50)
    lines.append(f"voting_leave: {t * 1000:.2f} ms")

    t0 = time.perf_counter()
    from lmcore.ui.leave import build_app

    app = build_app(contract, as_of=as_of, params={"balance": "230", "service": "5", "planned": "16"})
    lines.append(f"dashboard: first build (imports ipywidgets, matplotlib): {time.perf_counter() - t0:.2f} s")
    lines.append(f"dashboard: build again: {best(lambda: build_app(contract, as_of=as_of, params={}), 3):.3f} s")
    vals = iter([str(200 + i) for i in range(1000)])
    t_all = best(lambda: setattr(app.balance.widget, "value", next(vals)), 10)
    lines.append(f"dashboard: change the balance → answer and chart redrawn: {t_all * 1000:.0f} ms")
    from lmcore.leave import project_year_end as pye

    lines.append(f"  of which the answer (projection): {best(lambda: pye(230, as_of, 5, 16, contract=contract), 20) * 1000:.2f} ms; "
                 "the rest is drawing the chart (set after the answer)")
    vals2 = iter([f"{(i % 4) + 1}" for i in range(1000)])
    lines.append(f"dashboard: change the restriction months: {best(lambda: setattr(app.r_months.widget, 'value', next(vals2)), 10) * 1000:.2f} ms")
    text = "\n".join(lines) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
