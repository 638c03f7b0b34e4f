"""`lmcore leave …`: annual leave projection and the use-or-lose request date (Art. 5 §1), sick leave certificates
(§2.e), leave restriction periods (§3.c), voting leave (§7.d) and repayment on separation (§1.b)."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import (
    HOURS,
    PAY_RATE,
    YEARS_OF_SERVICE,
    Number,
    add_common,
    add_number,
    clock_arg,
    date_arg,
    load,
    print_result,
    year_number,
)

MONTHS = Number("number of months", 1, 120, "months", whole=True, cite="Art. 5 §3.c")


def register(sub: Any) -> None:
    p = sub.add_parser("leave", help="annual leave projection, use-or-lose dates, sick leave, leave restriction (Art. 5)")
    leave = p.add_subparsers(dest="leave_command", metavar="WHAT")

    s = leave.add_parser("project", help="projected annual leave at the end of the leave year, and the hours to lose above 240")
    add_number(s, "--balance", number=replace(HOURS, what="annual leave balance", cite="Art. 5 §1.e"), required=True, metavar="H", help="annual leave balance today, in hours")
    s.add_argument("--as-of", required=True, metavar="DATE", help="the date of that balance, YYYY-MM-DD")
    add_number(s, "--years-of-service", number=YEARS_OF_SERVICE, required=True, metavar="N", help="years of creditable service (sets the accrual rate)")
    add_number(s, "--planned", number=replace(HOURS, what="planned leave"), default="0", metavar="H",
               help="annual leave planned before the year ends, in hours (15-minute steps)")
    _law_option(s)
    s.set_defaults(func=run_project)

    s = leave.add_parser("restoration-date", help="last day to request use-or-lose leave in writing (Art. 5 §1.e)")
    add_number(s, "--year", number=year_number("leave year", cite="5 U.S.C. 6302(a)"), required=True, metavar="Y", help="the leave year")
    _law_option(s)
    s.set_defaults(func=run_restoration)

    s = leave.add_parser("year", help="the leave year's dates and pay periods (5 U.S.C. 6302(a))")
    add_number(s, "--year", number=year_number("leave year", cite="5 U.S.C. 6302(a)"), required=True, metavar="Y", help="the leave year")
    _law_option(s)
    s.set_defaults(func=run_year)

    s = leave.add_parser("certificate", help="does a sick-leave absence need a medical certificate? (Art. 5 §2.e)")
    s.add_argument("--first", required=True, metavar="DATE", help="first day of the absence")
    s.add_argument("--last", required=True, metavar="DATE", help="last day of the absence")
    s.add_argument("--restricted", action="store_true", help="the employee is under a leave restriction (§3)")
    s.set_defaults(func=run_certificate)

    s = leave.add_parser("restriction", help="the dates of a leave restriction and its extensions (Art. 5 §3.c)")
    s.add_argument("--start", required=True, metavar="DATE")
    add_number(s, "--months", number=MONTHS, default="4", metavar="M", help="length of the restriction, at most 4 months")
    add_number(s, "--extension", number=MONTHS, action="append", default=[], metavar="M", help="an extension of at most 4 months (repeatable)")
    s.set_defaults(func=run_restriction)

    s = leave.add_parser("voting", help="administrative leave to vote (Art. 5 §7.d(1))")
    s.add_argument("--polls-open", required=True, type=clock_arg, metavar="HH:MM")
    s.add_argument("--polls-close", required=True, type=clock_arg, metavar="HH:MM")
    s.add_argument("--work-start", required=True, type=clock_arg, metavar="HH:MM", help="start of the tour of duty that day")
    s.add_argument("--work-end", required=True, type=clock_arg, metavar="HH:MM", help="end of the tour of duty that day")
    s.set_defaults(func=run_voting)

    s = leave.add_parser("repay", help="annual leave to pay back on leaving DOL before the leave year ends (Art. 5 §1.b)")
    s.add_argument("--separation", required=True, metavar="DATE")
    add_number(s, "--taken", number=replace(HOURS, what="leave taken"), required=True, metavar="H", help="annual leave taken this leave year, in hours")
    add_number(s, "--years-of-service", number=YEARS_OF_SERVICE, required=True, metavar="N", help="years of creditable service")
    add_number(s, "--carried-over", number=replace(HOURS, what="leave carried over"), default="0", metavar="H",
               help="leave carried over into this leave year")
    add_number(s, "--hourly-rate", number=PAY_RATE, metavar="USD", help="hourly rate of basic pay, for the amount in dollars")
    _law_option(s)
    s.set_defaults(func=run_repay)

    for parser in leave.choices.values():
        add_common(parser)


def _law_option(p: Any) -> None:
    p.add_argument("--law", metavar="FILE", help="another federal-law file (default: lmcore/contracts/law/us_federal.yaml)")


def _law(args: Any):
    from ..contract.law import load_law

    return load_law(getattr(args, "law", None))



def run_project(args: Any) -> int:
    from ..leave.annual import project_year_end

    contract = load(args)
    proj = project_year_end(args.balance, date_arg(args.as_of), args.years_of_service, args.planned, contract=contract, law=_law(args))
    return print_result(args, proj)


def run_restoration(args: Any) -> int:
    from ..leave.year import restoration_request_deadline

    return print_result(args, restoration_request_deadline(args.year, load(args), law=_law(args)))


def run_year(args: Any) -> int:
    from ..leave.year import leave_year

    ly = leave_year(args.year, law=_law(args))
    text = "\n".join([ly.explain()] + [f"  {p}" for p in ly.pay_periods])
    return print_result(args, ly, text)


def run_certificate(args: Any) -> int:
    from ..leave.sick import medical_certificate

    return print_result(args, medical_certificate(date_arg(args.first), date_arg(args.last), under_restriction=args.restricted, contract=load(args)))


def run_restriction(args: Any) -> int:
    from ..leave.sick import leave_restriction

    return print_result(args, leave_restriction(date_arg(args.start), args.months, args.extension, contract=load(args)))


def run_voting(args: Any) -> int:
    from ..leave.administrative import voting_leave

    return print_result(args, voting_leave(args.polls_open, args.polls_close, args.work_start, args.work_end, contract=load(args)))


def run_repay(args: Any) -> int:
    from ..leave.annual import separation_repayment

    contract = load(args)
    return print_result(args, separation_repayment(date_arg(args.separation), args.taken, args.years_of_service, args.carried_over,
                                           args.hourly_rate, contract=contract, law=_law(args)))
