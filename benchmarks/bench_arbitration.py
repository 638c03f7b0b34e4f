"""Benchmark: the arbitration scheduling simulator (Art. 44 §3.a, §3.b) on about 2,000 cases over 36 months,
exact assignment (scipy linear_sum_assignment) and EDF baseline, the capacity search, and a dashboard-sized run.
Writes benchmarks/results_arbitration.txt. Target: 2,000 cases over 36 months in under 5 s; a widget answer < 1 s.
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

OUT = Path(__file__).with_name("results_arbitration.txt")
# ~2,000 invocations in 36 months: 35 regular + 18 expedited + 2.5 stayed removals a month (seed 7 gives 2,049)
BIG = dict(months=36, seed=7, rate_regular=35, rate_expedited=18, rate_stayed=2.5, dates_per_month=10)


def best(fn, repeat: int = 5) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    from lmcore import load_contract
    from lmcore.arbitration import SimConfig, capacity, compare_policies, simulate, synthetic_invocations

    t0, c0 = time.perf_counter(), time.process_time()
    contract = load_contract()
    contract.calendar  # noqa: B018
    cold = SimConfig(**BIG)
    first = simulate(cold, contract)  # includes importing scipy.optimize once
    t_cold, c_cold = time.perf_counter() - t0, time.process_time() - c0

    cfg = SimConfig(**BIG)
    cases = synthetic_invocations(cfg, contract)
    t_gen, _ = best(lambda: synthetic_invocations(cfg, contract))
    t_exact, ex = best(lambda: simulate(cfg, contract, cases=cases))
    t_edf, edf = best(lambda: simulate(replace(cfg, policy="edf"), contract, cases=cases))
    t_metrics, _ = best(lambda: (ex.__dict__.pop("milestones", None), ex.to_dict(include_cases=True)))
    t_cap, cap = best(lambda: capacity(cfg, contract, cases=cases), repeat=3)
    t_end, both = best(lambda: compare_policies(cfg, contract), repeat=3)
    small = SimConfig(months=12, rate_regular=4, rate_expedited=2)
    small_cases = synthetic_invocations(small, contract)
    t_widget, _ = best(lambda: (compare_policies(small, contract, cases=small_cases),
                                capacity(small, contract, cases=small_cases, k_max=12)))

    # the dashboard's answer to a new caseload (issue 17 item 13): both policies, the on-time curve for k = 1..12 (the
    # capacity answer is read off it) and the two matplotlib charts; the floor is one simulate() of the same cases
    import datetime as dt

    from lmcore.ui.arbitration import build_app

    app = build_app(contract, as_of=dt.date(2026, 11, 23), params={"caseload": "30", "per": "year"})
    typed = iter(f"{31 + i}" for i in range(100))  # each a new value (30 is in the box already)
    t_page, _ = best(lambda: setattr(app.caseload.widget, "value", next(typed)))
    page_cfg = app.sim.exact.config
    page_cases = synthetic_invocations(page_cfg, contract)
    t_floor, _ = best(lambda: simulate(page_cfg, contract, cases=page_cases))
    from lmcore.arbitration.capacity import on_time_curve

    t_curve, _ = best(lambda: on_time_curve(page_cfg, contract, cases=page_cases, k_max=12))

    stats = {s.kind: s for s in ex.stats()}
    base = {s.kind: s for s in edf.stats()}
    lines = [
        f"arbitration scheduling simulator: {len(cases)} cases over 36 months, 6 arbitrators x 10 reserved dates a month",
        f"  first run in a fresh process (contract, calendar, scipy import): {t_cold:7.3f} s wall, {c_cold:.3f} s CPU",
        f"  synthetic invocations (seeded Poisson stream)                : {t_gen:7.4f} s",
        f"  simulate, exact assignment (linear_sum_assignment per meeting): {t_exact:7.4f} s  (target < 5 s)",
        f"  simulate, EDF baseline                                       : {t_edf:7.4f} s",
        f"  milestones + metrics + JSON for every case                   : {t_metrics:7.4f} s",
        f"  capacity search (binary search over k, {len(cap.tried)} runs)              : {t_cap:7.4f} s",
        f"  end to end: stream + both policies                           : {t_end:7.4f} s  (target < 5 s)",
        "on-time share (exact vs EDF):",
    ]
    for kind, s in stats.items():
        b = base[kind]
        lines.append(f"  {kind:<10} {s.on_time:5d}/{s.cases:<5d} {s.share:6.1%}   EDF {b.on_time:5d} {b.share:6.1%}   "
                     f"exact - EDF {s.on_time - b.on_time:+d}")
    heavy = replace(cfg, dates_per_month=9)
    hv = compare_policies(heavy, contract, cases=cases)
    lines.append(f"  overloaded (9 dates a month each): exact {hv.exact.on_time.mean():.1%} vs EDF {hv.edf.on_time.mean():.1%} "
                 f"({hv.difference()['all']:+d} hearings on time)")
    lines.append(f"capacity at this caseload: {cap.explain()}")
    lines.append(f"dashboard-sized run (12 months, ~6 cases a month): both policies + capacity {t_widget:7.4f} s (target < 1 s)")
    lines.append(f"dashboard answer to a new caseload (both policies, curve k=1..12, two charts): {t_page:7.4f} s "
                 f"(target < 1 s); of it the curve {t_curve:.4f} s; floor one simulate() {t_floor:.4f} s; "
                 f"ratio {t_page / t_floor:.0f}x the floor")
    assert first.to_dict() == ex.to_dict() and both.exact.to_dict() == ex.to_dict()  # deterministic
    assert t_exact < 5 and t_end < 5
    text = "\n".join(lines) + "\n"
    OUT.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
