"""Benchmark: the child care subsidy curve on 1,000,000 incomes (vectorised, integer cents) against the scalar
calculator in a loop, one transit answer, and the subsidies dashboard (build, one answer, one chart redraw).
Writes benchmarks/results_subsidies.txt. Targets: widget answers well under a second."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np

from timing import best

N = 1_000_000
OUT = Path(__file__).with_name("results_subsidies.txt")


def main() -> None:
    from lmcore import load_contract
    from lmcore.subsidies import childcare_curve, childcare_subsidy, transit_subsidy

    contract = load_contract()
    rng = np.random.default_rng(7)
    incomes = rng.integers(0, 100_000_00, N) / 100.0
    t_curve = best(lambda: childcare_curve(incomes, 900, contract))
    small = 20_000
    t_loop_small = best(lambda: [childcare_subsidy(x, 900, contract) for x in incomes[:small]], repeat=1)
    t_loop = t_loop_small * N / small
    sample = incomes[:small]
    vec = childcare_curve(sample, 900, contract)
    scalar = np.array([float(childcare_subsidy(x, 900, contract).monthly_subsidy) for x in sample])
    assert np.array_equal(vec, scalar), "vectorised and scalar answers differ"
    t_one_cc = best(lambda: childcare_subsidy(45000, 900, contract), repeat=50)
    t_one_tr = best(lambda: transit_subsidy(80, contract, converted_months_ago=2), repeat=50)

    from lmcore.ui.subsidies import build_app

    t0 = time.perf_counter()
    app = build_app(contract, as_of=dt.date(2026, 11, 23), params={"income": "45000", "cost": "900"})
    t_build = time.perf_counter() - t0
    vals = iter(["46000", "47000", "48000", "49000", "45000"] * 4)
    t_answer = best(lambda: setattr(app.income.widget, "value", next(vals)))
    costs = iter(["910", "920", "930", "940", "950"] * 4)
    t_chart = best(lambda: setattr(app.cost.widget, "value", next(costs)))
    tcosts = iter(["81", "82", "83", "84", "85"] * 4)
    t_transit = best(lambda: setattr(app.t_cost.widget, "value", next(tcosts)))

    lines = [
        f"child care curve, {N:,} incomes (numpy, integer cents): {t_curve:.3f} s",
        f"child care scalar calculator in a Python loop (scaled from {small:,}): {t_loop:.1f} s  → vectorised is {t_loop / t_curve:.0f}x faster",
        f"vectorised == scalar on {small:,} random incomes: yes",
        f"one child care answer: {t_one_cc * 1e6:.0f} µs; one transit answer: {t_one_tr * 1e6:.0f} µs",
        f"dashboard build (first, incl. widget and matplotlib imports): {t_build:.2f} s",
        f"dashboard: new income → answer + chart: {t_answer * 1000:.0f} ms; new cost → answer + chart: {t_chart * 1000:.0f} ms; "
        f"transit answer: {t_transit * 1000:.1f} ms",
    ]
    text = "\n".join(lines) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
