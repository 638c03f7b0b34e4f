"""`lmcore deadline START --workdays N`: count workdays or calendar days, with every skipped day named."""
from __future__ import annotations

from typing import Any

from ..errors import InvalidInput
from . import Number, add_common, add_number, date_arg, load, print_json

# Far enough to reach any day of the calendar's years from any other (129 years), and no further.
DAYS = Number("number of days", -50_000, 50_000, "days", whole=True, kind="int")


def register(sub: Any) -> None:
    p = sub.add_parser("deadline", help="count workdays or calendar days from a date (the date itself is not counted)")
    p.add_argument("start", help="the event date, YYYY-MM-DD")
    g = p.add_mutually_exclusive_group()
    add_number(g, "--workdays", number=DAYS, metavar="N", help="N workdays after START (negative: before)")
    add_number(g, "--calendar-days", number=DAYS, metavar="N", help="N calendar days after START (negative: before)")
    p.add_argument("--roll", choices=["none", "forward", "backward"], default="none",
                   help="with --calendar-days: move a due date that is not a workday")
    p.add_argument("--rule", metavar="KEY", help="a time limit of the contract, e.g. grievance.step1_filing")
    add_common(p)
    p.set_defaults(func=run)


def run(args: Any) -> int:
    contract = load(args)
    start = date_arg(args.start)
    if args.rule:
        p = contract.param(args.rule)
        n = args.workdays if args.workdays is not None else args.calendar_days
        d = contract.deadline(args.rule, start, amount=n)
        if n is not None and (p.unit == "workdays") != (args.workdays is not None):
            raise InvalidInput(f"{args.rule} is counted in {p.unit}", cite=p.cite, fix=f"Give the override in {p.unit}")
    elif args.workdays is not None:
        d = contract.count(start, args.workdays)
    elif args.calendar_days is not None:
        d = contract.count(start, args.calendar_days, unit="calendar_days", roll=args.roll)
    else:
        raise InvalidInput("say how far to count", fix="Add --workdays N, --calendar-days N or --rule KEY")
    if args.json:
        from ..safe_date import annotate

        print_json(annotate(contract, d.to_dict()))
    else:
        print(d.due.isoformat())
    return 0
