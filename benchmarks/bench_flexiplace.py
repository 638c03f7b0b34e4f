"""Benchmark: flexiplace (Art. 10): the clocks, notices, eligibility, the two forms as HTML, and the dashboard
(build and one update, in-process). Writes benchmarks/results_flexiplace.txt. Target: a widget answer well under 1 s."""
from __future__ import annotations

import os
import platform
import time
from pathlib import Path

from timing import best

OUT = Path(__file__).with_name("results_flexiplace.txt")


def main() -> None:
    import datetime as dt

    from lmcore import load_contract
    from lmcore.flexiplace import clocks, eligibility, inability_shown_from, recall_notice, termination_notice
    from lmcore.flexiplace import safety_checklist, work_agreement

    contract = load_contract()
    contract.calendar  # noqa: B018
    d = dt.date(2026, 11, 23)
    lines = [f"lmcore flexiplace benchmarks ({platform.python_version()}, {platform.machine()}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", ""]
    lines.append(f"clocks (decision + start): {best(lambda: clocks(d, agreement_completed=dt.date(2026, 12, 10), contract=contract), 50) * 1000:.2f} ms")
    lines.append(f"termination_notice: {best(lambda: termination_notice(dt.date(2026, 11, 30), contract=contract), 50) * 1000:.2f} ms")
    lines.append(f"inability_shown_from (90 days): {best(lambda: inability_shown_from(d, contract), 50) * 1000:.2f} ms")
    lines.append(f"recall_notice: {best(lambda: recall_notice('2026-11-24 09:00', '2026-11-23 10:00', contract), 50) * 1000:.3f} ms")
    lines.append(f"eligibility: {best(lambda: eligibility({k: True for k in 'ABCDFG'}, contract), 50) * 1000:.2f} ms")
    form = {"name": "Ana Ruiz", "begin": "2026-12-14", "flexitime": False, "tour_from": "08:00", "tour_to": "16:30",
            "office_days": ["Tuesday"], "agreement_completed": "2026-12-01"}
    lines.append(f"work agreement HTML: {best(lambda: work_agreement(form, contract=contract), 20) * 1000:.2f} ms")
    lines.append(f"safety checklist HTML: {best(lambda: safety_checklist({'name': 'Ana'}, {1: True}, contract=contract), 20) * 1000:.2f} ms")

    t0 = time.perf_counter()
    from lmcore.ui.flexiplace import build_app

    app = build_app(contract, as_of=d, params={})
    lines.append(f"dashboard: first build (imports ipywidgets): {time.perf_counter() - t0:.2f} s")
    lines.append(f"dashboard: build again: {best(lambda: build_app(contract, as_of=d, params={}), 3):.3f} s")
    days = iter([d + dt.timedelta(days=i) for i in range(1, 1000)])
    lines.append(f"dashboard: change the request date → answer: {best(lambda: setattr(app.requested.widget, 'value', next(days)), 10) * 1000:.2f} ms")
    names = iter([f"Name {i}" for i in range(1000)])
    lines.append(f"dashboard: type a name → document preview and download: "
                 f"{best(lambda: setattr(app.doc_fields['name'].widget, 'value', next(names)), 10) * 1000:.2f} ms")
    text = "\n".join(lines) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
