"""`lmcore schedule evaluate TIMESHEET.csv --schedule TYPE`: a pay period's hours, credit hours and findings (Art. 4).

Also `lmcore schedule compare TIMESHEET.csv` (the same hours under every schedule type) and
`lmcore schedule patterns --schedule compressed-5-4-9` (every allowed layout of a fixed schedule).
"""
from __future__ import annotations

from typing import Any

from . import Number, add_common, add_number, clock_arg, load, optional_date, print_json, read_csv_text

# Hours in a biweekly pay period: the most a requirement or a credit-hour balance could be (the rules check the limits).
PERIOD_HOURS = Number("number of hours", 0, 14 * 24, "hours", kind="float")

KINDS = ("standard", "variable-week", "maxiflex", "compressed-5-4-9", "compressed-4-10", "flexiplace-opt-out")


def register(sub: Any) -> None:
    p = sub.add_parser("schedule", help="work schedules and credit hours (Art. 4): evaluate a pay period's timesheet")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))

    ev = actions.add_parser("evaluate", help="hours worked, credit hours, overtime and findings for one pay period")
    ev.add_argument("timesheet", metavar="TIMESHEET.csv",
                    help="CSV: date,start,end,lunch_start,lunch_end[,leave_hours,leave_kind,overtime_ordered_hours]")
    _schedule_options(ev)
    add_number(ev, "--carry-in", number=PERIOD_HOURS, default=0.0, metavar="HOURS", help="credit hours brought in from the last pay period")
    ev.add_argument("--supervisor-day-end", type=clock_arg, metavar="HH:MM", help="when the supervisor's official work day ends (Art. 4 §5 notice)")
    add_number(ev, "--layout", number=Number("layout number", 1, 10_000, whole=True, kind="int", cite="Art. 4 §2.c(1)(c)"), metavar="N",
               help="compressed: layout number N of `lmcore schedule patterns` (default: read from the timesheet)")
    ev.add_argument("--core-days", metavar="DAYS", help="maxiflex: core days, e.g. Tue,Wed,Thu (both weeks) or Mon1,Fri2")
    add_common(ev)
    ev.set_defaults(func=run_evaluate)

    cmp_ = actions.add_parser("compare", help="the same timesheet under every schedule type, side by side")
    cmp_.add_argument("timesheet", metavar="TIMESHEET.csv")
    add_number(cmp_, "--part-time-hours", number=PERIOD_HOURS, metavar="N", help="a part-time employee's biweekly basic work requirement")
    add_number(cmp_, "--carry-in", number=PERIOD_HOURS, default=0.0, metavar="HOURS", help="credit hours brought in from the last pay period")
    cmp_.add_argument("--period-start", metavar="YYYY-MM-DD", help="first day of the pay period (default: the one holding the first row)")
    add_common(cmp_)
    cmp_.set_defaults(func=run_compare)

    pat = actions.add_parser("patterns", help="every allowed layout of a fixed schedule (e.g. the 90 of the 5-4/9)")
    pat.add_argument("--schedule", required=True, choices=KINDS)
    add_common(pat)
    pat.set_defaults(func=run_patterns)


def _schedule_options(p: Any) -> None:
    p.add_argument("--schedule", required=True, choices=KINDS, help="the schedule type (Art. 4 §1.a, §2; Art. 10 §6.A)")
    add_number(p, "--part-time-hours", number=PERIOD_HOURS, metavar="N", help="a part-time employee's biweekly basic work requirement")
    p.add_argument("--period-start", metavar="YYYY-MM-DD", help="first day of the pay period (default: the one holding the first row)")


def _timesheet(args: Any) -> bytes:
    """The timesheet file's bytes, read once with a size bound (a path with a comma is a path, not CSV text)."""
    return read_csv_text(args.timesheet, "timesheet").encode("utf-8")


def run_evaluate(args: Any) -> int:
    from ..errors import InvalidInput
    from ..schedules.pay_period import evaluate
    from ..schedules.kinds import Schedule, allowed_patterns, parse_core_days
    from ..schedules.timesheet import read_timesheet

    contract = load(args)
    ts = read_timesheet(_timesheet(args), optional_date(args.period_start))
    layout = None
    if args.layout is not None:
        pats = allowed_patterns(args.schedule)
        if not 1 <= args.layout <= len(pats):
            raise InvalidInput(f"layout {args.layout} does not exist: a {args.schedule} schedule has {len(pats)} layouts",
                               cite="Art. 4 §2.c(1)(c)", fix=f"Give a number from 1 to {len(pats)} (see lmcore schedule patterns)")
        layout = pats[args.layout - 1]
    core = parse_core_days(args.core_days) if args.core_days else None
    sched = Schedule(args.schedule, args.part_time_hours, layout, core)
    res = evaluate(ts, sched, contract, carry_in=args.carry_in, supervisor_day_end=args.supervisor_day_end)
    if args.json:
        print_json(res.to_dict())
    else:
        print(res.explain())
    return 0


def run_compare(args: Any) -> int:
    from ..schedules.pay_period import compare, comparison_table
    from ..schedules.timesheet import read_timesheet

    contract = load(args)
    ts = read_timesheet(_timesheet(args), optional_date(args.period_start))
    rows = comparison_table(compare(ts, contract, carry_in=args.carry_in, part_time_hours=args.part_time_hours))
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

    load(args)
    pats = allowed_patterns(args.schedule)
    if args.json:
        print_json([{"number": n, "label": p.label, "hours": [m / 60 for m in p.minutes]} for n, p in enumerate(pats, 1)])
    else:
        for n, p in enumerate(pats, 1):
            print(f"{n}\t{p.label}")
    return 0
