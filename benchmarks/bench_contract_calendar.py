"""Benchmark: the contract calendar (3 and 10 contract years, with ICS), a bargaining plan, and the contract
calendar dashboard (build and one refresh). Writes benchmarks/results_contract_calendar.txt."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from timing import best

OUT = Path(__file__).with_name("results_contract_calendar.txt")


def main() -> None:
    from lmcore import load_contract
    from lmcore.bargaining import plan
    from lmcore.bargaining.contract_calendar import contract_calendar

    contract = load_contract()
    r = dt.date(2026, 11, 23)
    t3 = best(lambda: contract_calendar(r, contract, 3))
    t10 = best(lambda: contract_calendar(r, contract, 10))
    n3, n10 = len(contract_calendar(r, contract, 3).entries), len(contract_calendar(r, contract, 10).entries)
    cal10 = contract_calendar(r, contract, 10)
    t_ics = best(lambda: cal10.to_ics())
    t_agency = best(lambda: plan(r, "space", "agency", contract), repeat=20)
    t_dept = best(lambda: plan(r, "space", "department", contract), repeat=20)

    from lmcore.ui.contract_calendar import build_app

    t0 = time.perf_counter()
    app = build_app(contract, as_of=r, params={})
    t_build = time.perf_counter() - t0
    days = iter([dt.date(2026, 11, 23) + dt.timedelta(days=i) for i in range(1, 30)])
    t_received = best(lambda: setattr(app.received.widget, "value", next(days)))
    rdays = iter([dt.date(2026, 11, 23) + dt.timedelta(days=i) for i in range(1, 30)])
    t_ratified = best(lambda: setattr(app.ratified.widget, "value", next(rdays)))

    lines = [
        f"contract calendar, 3 years ({n3} dates): {t3 * 1000:.0f} ms; 10 years ({n10} dates): {t10 * 1000:.0f} ms; ICS of 10 years: {t_ics * 1000:.0f} ms",
        f"bargaining plan: Agency level {t_agency * 1000:.1f} ms; Departmental level (finds the quarterly session) {t_dept * 1000:.1f} ms",
        f"dashboard build (first, incl. widget imports): {t_build:.2f} s",
        f"dashboard refresh on a new receipt date: {t_received * 1000:.0f} ms; on a new ratification date: {t_ratified * 1000:.0f} ms",
    ]
    text = "\n".join(lines) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
