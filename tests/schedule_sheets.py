"""Small builders for hand-worked timesheets (tests of Art. 4): rows as tuples → CSV text lmcore reads."""
from __future__ import annotations

HEADER = "date,start,end,lunch_start,lunch_end,leave_hours,leave_kind,overtime_ordered_hours"
# The pay period Sun 2026-11-15 – Sat 2026-11-28 holds Thanksgiving, Thu 2026-11-26.
WEEK1 = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"]
WEEK2 = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27"]  # Thu 11-26 is Thanksgiving
EIGHT = ("07:00", "15:30", "12:00", "12:30")   # 8 h 30 min at work less a 30-minute lunch = 8 h
NINE = ("07:00", "16:30", "12:00", "12:30")    # 9 h
TEN = ("06:30", "17:00", "12:00", "12:30")     # 10 h


def row(day: str, times: tuple[str, ...] = ("", "", "", ""), leave: str = "", kind: str = "", ordered: str = "") -> str:
    start, end, ls, le = (list(times) + ["", ""])[:4]
    return ",".join([day, start, end, ls, le, leave, kind, ordered])


def sheet(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def days(dates: list[str], times: tuple[str, ...]) -> list[str]:
    return [row(d, times) for d in dates]
