"""Benchmark: vectorised add_workdays on 1,000,000 dates vs raw numpy.busday_offset and pandas CustomBusinessDay,
and the time of `import lmcore`. Writes benchmarks/results_calendar.txt. Target: within 2x of numpy; import < 0.5 s."""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from timing import best

N = 1_000_000
OUT = Path(__file__).with_name("results_calendar.txt")


def main() -> None:
    from lmcore import load_contract

    cal = load_contract().calendar
    rng = np.random.default_rng(12)
    starts = np.datetime64("2000-01-01") + rng.integers(0, 365 * 60, N).astype("timedelta64[D]")
    holidays = cal.busdaycalendar

    t_lmcore = best(lambda: cal.add_workdays(starts, 20))
    t_numpy = best(lambda: np.busday_offset(starts, 20, roll="backward", busdaycal=holidays))
    assert (cal.add_workdays(starts, 20) == np.busday_offset(starts, 20, roll="backward", busdaycal=holidays)).all()

    import pandas as pd

    small = 20_000  # CustomBusinessDay is slow: time a slice and scale up
    cbd = pd.offsets.CustomBusinessDay(n=20, holidays=holidays.holidays)
    series = pd.Series(pd.to_datetime(starts[:small]))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_pandas_small = best(lambda: series + cbd, repeat=1)
    t_pandas = t_pandas_small * N / small

    imports = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import lmcore"], capture_output=True, text=True)
        total = [ln for ln in out.stderr.splitlines() if ln.rstrip().endswith("| lmcore")]
        imports.append(int(total[-1].split("|")[1]) / 1e6)
    wall = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import lmcore"], check=True)
        wall.append(time.perf_counter() - t)
    from lmcore.calendar import WorkdayCalendar
    from lmcore.contract.loading import BUNDLED, _load

    t_load = best(lambda: _load(BUNDLED), repeat=3)
    t_cal = best(lambda: WorkdayCalendar(), repeat=3)

    lines = [
        f"add_workdays, {N:,} dates, +20 workdays (best of 5)",
        f"  lmcore WorkdayCalendar.add_workdays : {t_lmcore:8.4f} s",
        f"  numpy.busday_offset (the floor)     : {t_numpy:8.4f} s",
        f"  ratio lmcore / numpy                : {t_lmcore / t_numpy:8.2f} x   (target <= 2.0)",
        f"  pandas CustomBusinessDay (scaled from {small:,}): {t_pandas:8.2f} s  ({t_pandas / t_lmcore:,.0f}x slower than lmcore)",
        "import lmcore",
        f"  import time of the package itself (-X importtime, median of 5): {statistics.median(imports):.4f} s",
        f"  whole interpreter start + import (median of 5)              : {statistics.median(wall):.4f} s  (target < 0.5)",
        f"load the contract files (validate schema, quotes, parse text) : {t_load:.4f} s",
        f"build the 1971-2099 WorkdayCalendar (holidays package)        : {t_cal:.4f} s",
    ]
    text = "\n".join(lines)
    print(text)
    OUT.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
