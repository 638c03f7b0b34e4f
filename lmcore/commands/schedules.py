"""`lmcore schedule evaluate TIMESHEET.csv --schedule TYPE`: a pay period's hours, credit hours and findings (Art. 4).

Also `lmcore schedule compare TIMESHEET.csv` (the same hours under every schedule type) and
`lmcore schedule patterns --schedule compressed-5-4-9` (every allowed layout of a fixed schedule).
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from . import add_common, clock_arg, load, print_json

KINDS = ("standard", "variable-week", "maxiflex", "compressed-5-4-9", "compressed-4-10", "flexiplace-opt-out")

TIMESHEET_HELP = ("CSV: date,start,end,lunch_start,lunch_end[,leave_hours,leave_kind,overtime_ordered_hours]; times HH:MM "
                  "(24-hour); a tour that runs past midnight is written on the row of the day it begins, its end marked +1 "
                  "(22:00,06:30+1); at most 256 KB, UTF-8")
TOUR_EPILOG = """\
A tour (--tour) is the hours scheduled on each day, as a part-time employee's SF-50 states them:
  --tour Mon=5,Tue=5,Wed=5,Thu=5                         the same hours both weeks of the pay period
  --tour "W1:Mon=9,Tue=9,Wed=9,Thu=9,Fri=8;W2:Mon=9,Tue=9,Wed=9,Thu=9"
                                                         a two-week tour: W1: and W2:, weeks separated by ';'
Hours are decimal (4.5) or H:MM (4:30); days not named are days off. The tour's total is the part-time
biweekly requirement (--part-time-hours may be left out). A part-timer's holiday is the hours of the tour that
day, at most 8 (5 CFR 610.405), so the tour is needed when a holiday falls in the pay period. On a compressed
schedule a tour of the full requirement is a layout of one's own, and a shorter one a part-time compressed
schedule (Art. 4 §2.c(1)(b)).
"""


def register(sub: Any) -> None:
    p = sub.add_parser("schedule", help="work schedules and credit hours (Art. 4): evaluate a pay period's timesheet")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))

    ev = actions.add_parser("evaluate", help="hours worked, credit hours, overtime and findings for one pay period",
                            epilog=TOUR_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("timesheet", metavar="TIMESHEET.csv", help=TIMESHEET_HELP)
    _schedule_options(ev)
    _carry_in_option(ev)
    ev.add_argument("--supervisor-day-end", type=clock_arg, metavar="HH:MM", help="when the supervisor's official work day ends (Art. 4 §5 notice)")
    ev.add_argument("--layout", metavar="N", help="compressed schedules only: layout number N of `lmcore schedule patterns` "
                                                  "(default: read from the timesheet)")
    ev.add_argument("--core-days", metavar="DAYS", help="maxiflex only: core days, e.g. Tue,Wed,Thu (both weeks) or Mon1,Fri2")
    ev.add_argument("--core-hours", metavar="HH:MM-HH:MM", help="variable-week and maxiflex only: the office's core hours when "
                                                                "its Agency committee moved them (Art. 4 §2.b(2)); as long as "
                                                                "the contract's core hours a day")
    add_common(ev)
    ev.set_defaults(func=run_evaluate)

    cmp_ = actions.add_parser("compare", help="the same timesheet under every schedule type, side by side",
                              epilog=TOUR_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    cmp_.add_argument("timesheet", metavar="TIMESHEET.csv", help=TIMESHEET_HELP)
    _part_time_options(cmp_)
    _carry_in_option(cmp_)
    cmp_.add_argument("--period-start", metavar="YYYY-MM-DD", help="first day of the pay period, a Sunday on the biweekly grid "
                                                                   "(default: the one holding the first row)")
    _law_option(cmp_)
    add_common(cmp_)
    cmp_.set_defaults(func=run_compare)

    pat = actions.add_parser("patterns", help="every allowed layout of a fixed schedule (e.g. the 90 of the 5-4/9)")
    pat.add_argument("--schedule", required=True, choices=KINDS)
    _law_option(pat)
    add_common(pat)
    pat.set_defaults(func=run_patterns)


def _schedule_options(p: Any) -> None:
    p.add_argument("--schedule", required=True, choices=KINDS, help="the schedule type (Art. 4 §1.a, §2; Art. 10 §6.A)")
    _part_time_options(p)
    p.add_argument("--period-start", metavar="YYYY-MM-DD", help="first day of the pay period, a Sunday on the biweekly grid "
                                                                "(default: the one holding the first row)")
    p.add_argument("--shift", choices=("day", "other"), default="day",
                   help="day (default): the day shift's band and core hours (Art. 4 §5); other: an evening or night shift "
                        "(§9), for which the contract sets no band")
    _law_option(p)


def _part_time_options(p: Any) -> None:
    p.add_argument("--part-time-hours", metavar="N", help="a part-time employee's biweekly basic work requirement: more than 0 "
                                                          "and less than the full-time requirement; the tour's total when --tour is given")
    p.add_argument("--tour", metavar="SPEC", help="hours scheduled each day: Mon=5,Tue=5,Wed=5,Thu=5 (both weeks) or "
                                                  "W1:Mon=9,…;W2:Mon=9,… (a two-week tour); see below")


def _carry_in_option(p: Any) -> None:
    p.add_argument("--carry-in", default="0", metavar="HOURS",
                   help="credit hours brought in from the last pay period: 0 to the carry-over cap of Art. 4 §2.b(1) "
                        "(full-time, or a share of a part-timer's requirement), in 15-minute steps")


def _law_option(p: Any) -> None:
    p.add_argument("--law", metavar="FILE", help="another federal-law file (default: lmcore/contracts/law/us_federal.yaml)")


# -- parsing this command's options (one-line errors naming the option and its range) -------------------------------------
def _number(text: str | None, option: str, what: str, rule: str) -> float | None:
    """A finite decimal number from an option, or None when it was not given."""
    from ..errors import InvalidInput, OutOfRange
    from ..schedules.timesheet import shown

    if text is None:
        return None
    try:
        value = float(str(text).strip()) if len(str(text).strip()) <= 30 else math.nan
    except ValueError:
        raise InvalidInput(f"{option} '{shown(text)}' is not a number of hours", cite=rule, fix=f"Give {what}") from None
    if not math.isfinite(value):
        raise OutOfRange(f"{option} cannot be {shown(text)}", cite=rule, fix=f"Give {what}")
    return value


def schedule_from_args(args: Any, contract: Any) -> Any:
    """The Schedule the options describe: type, part-time hours or tour, layout, core days and hours, shift."""
    from ..errors import InvalidInput, OutOfRange
    from ..schedules.kinds import COMPRESSED, Schedule, allowed_patterns, parse_core_days, parse_core_hours
    from ..schedules.terms import Terms
    from ..schedules.timesheet import shown
    from ..schedules.tours import parse_tour

    kind = args.schedule
    part_time = _number(getattr(args, "part_time_hours", None), "--part-time-hours", "the hours of the pay period, e.g. 40",
                        "Art. 4 §7.a")
    if part_time is not None and part_time <= 0:
        raise OutOfRange(f"--part-time-hours must be more than 0 (got {part_time:g})", cite="Art. 4 §7.a",
                         fix="Give the part-time hours of the pay period, or leave the option out for full-time")
    tour = parse_tour(args.tour) if getattr(args, "tour", None) is not None else None
    layout = None
    if getattr(args, "layout", None) is not None:
        if kind not in COMPRESSED:
            raise InvalidInput(f"--layout is for the compressed schedules: a {kind} schedule has no choice of layout",
                               cite="Art. 4 §2.c(1)(c)", fix="Leave out --layout, or choose compressed-5-4-9 or compressed-4-10")
        pats = allowed_patterns(kind, Terms.of(contract, _law(args)))
        text = str(args.layout).strip()
        if not text.isdigit() or not 1 <= int(text) <= len(pats):
            raise InvalidInput(f"layout {shown(text, 20)} does not exist: a {kind} schedule has {len(pats)} layouts",
                               cite="Art. 4 §2.c(1)(c)", fix=f"Give a number from 1 to {len(pats)} (see lmcore schedule patterns)")
        layout = pats[int(text) - 1]
    core = parse_core_days(args.core_days) if getattr(args, "core_days", None) is not None else None
    hours = parse_core_hours(args.core_hours) if getattr(args, "core_hours", None) is not None else None
    return Schedule(kind, part_time, layout, core, tour, getattr(args, "shift", "day"), hours)


def _law(args: Any) -> Any:
    from ..contract.law import load_law

    return load_law(args.law) if getattr(args, "law", None) else None


def _period_start(args: Any) -> Any:
    """--period-start as a date on the biweekly grid, or None when it was not given."""
    import datetime as dt

    from ..errors import InvalidDate
    from ..schedules.timesheet import check_period_start, shown

    if args.period_start is None:
        return None
    try:
        day = dt.date.fromisoformat(str(args.period_start).strip())
    except ValueError:
        raise InvalidDate(f"--period-start '{shown(args.period_start)}' is not a real calendar date", cite="5 U.S.C. 6302(a)",
                          fix="Write it as YYYY-MM-DD, the Sunday a pay period begins, e.g. 2026-11-15") from None
    return check_period_start(day)


def run_evaluate(args: Any) -> int:
    from ..schedules.pay_period import evaluate
    from ..schedules.timesheet import read_timesheet

    contract = load(args)
    ts = read_timesheet(Path(args.timesheet), _period_start(args))
    sched = schedule_from_args(args, contract)
    res = evaluate(ts, sched, contract, carry_in=args.carry_in, supervisor_day_end=args.supervisor_day_end, law=_law(args))
    if args.json:
        print_json(res.to_dict())
    else:
        print(res.explain())
    return 0


def run_compare(args: Any) -> int:
    from ..schedules.pay_period import compare, comparison_table
    from ..schedules.timesheet import read_timesheet
    from ..schedules.tours import parse_tour

    contract = load(args)
    ts = read_timesheet(Path(args.timesheet), _period_start(args))
    part_time = _number(args.part_time_hours, "--part-time-hours", "the hours of the pay period, e.g. 40", "Art. 4 §7.a")
    tour = parse_tour(args.tour) if args.tour is not None else None
    rows = comparison_table(compare(ts, contract, carry_in=args.carry_in, part_time_hours=part_time, tour=tour, law=_law(args)))
    if args.json:
        print_json(rows)
        return 0
    head = ["schedule", "requirement", "worked", "credit_earned", "overtime", "uncounted", "short", "pay", "violations"]
    print("\t".join(head))
    for r in rows:
        print("\t".join(str(r[k]) for k in head))
    return 0


def run_patterns(args: Any) -> int:
    from ..schedules.kinds import allowed_patterns
    from ..schedules.terms import Terms

    contract = load(args)
    pats = allowed_patterns(args.schedule, Terms.of(contract, _law(args)))
    if args.json:
        print_json([{"number": n, "label": p.label, "hours": [m / 60 for m in p.minutes]} for n, p in enumerate(pats, 1)])
    else:
        for n, p in enumerate(pats, 1):
            print(f"{n}\t{p.label}")
    return 0
