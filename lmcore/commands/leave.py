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
    rule_date,
    year_number,
)

MONTHS = Number("number of months", 1, 120, "months", whole=True, cite="Art. 5 §3.c")
TRIP_DAYS = Number("days the trip takes", 0, 366, "days", cite="Art. 5 §7.d(3)")


def register(sub: Any) -> None:
    p = sub.add_parser("leave", help="annual leave projection, use-or-lose dates, sick leave, leave restriction (Art. 5)")
    leave = p.add_subparsers(dest="leave_command", metavar="WHAT")

    s = leave.add_parser("project", help="projected annual leave at the end of the leave year, and the hours to lose above the carry-over limit (Art. 5 §1.e)")
    add_number(s, "--balance", number=replace(HOURS, what="annual leave balance", cite="Art. 5 §1.e"), required=True, metavar="H", help="annual leave balance today, in hours")
    s.add_argument("--as-of", required=True, metavar="DATE", help="the date of that balance, YYYY-MM-DD")
    add_number(s, "--years-of-service", number=YEARS_OF_SERVICE, metavar="N", help="years of creditable service (sets the accrual rate; or give --scd)")
    add_number(s, "--planned", number=replace(HOURS, what="planned leave"), default="0", metavar="H",
               help="annual leave planned before the year ends, in hours (15-minute steps)")
    _scd_option(s)
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
    add_number(s, "--months", number=MONTHS, metavar="M", help="length of the restriction in months (default: the most §3.c allows)")
    add_number(s, "--extension", number=MONTHS, action="append", default=[], metavar="M",
               help="an extension in months, at most what §3.c allows (repeatable)")
    s.set_defaults(func=run_restriction)

    s = leave.add_parser("voting", help="administrative leave to vote (Art. 5 §7.d(1))")
    s.add_argument("--polls-open", required=True, type=clock_arg, metavar="HH:MM")
    s.add_argument("--polls-close", required=True, type=clock_arg, metavar="HH:MM")
    s.add_argument("--work-start", required=True, type=clock_arg, metavar="HH:MM", help="start of the tour of duty that day")
    s.add_argument("--work-end", required=True, type=clock_arg, metavar="HH:MM", help="end of the tour of duty that day")
    s.set_defaults(func=run_voting)

    s = leave.add_parser("voting-trip", help="time off for a trip to a distant voting place (Art. 5 §7.d(3))")
    add_number(s, "--trip-days", number=TRIP_DAYS, required=True, metavar="D", help="days needed for the trip to vote")
    s.add_argument("--within-commuting-distance", action="store_true", help="the voting place is within normal commuting distance")
    s.add_argument("--absentee-allowed", action="store_true", help="the employee may vote by absentee ballot")
    s.set_defaults(func=run_voting_trip)

    s = leave.add_parser("registration", help="time off to register to vote in person (Art. 5 §7.d(4))")
    add_number(s, "--round-trip-days", number=replace(TRIP_DAYS, what="days the round trip takes", cite="Art. 5 §7.d(4)"), required=True,
               metavar="D", help="days the round trip to the place of registration takes")
    s.add_argument("--nonworkday-possible", action="store_true", help="registration can be done on a non-workday")
    s.add_argument("--not-in-person", action="store_true", help="the jurisdiction does not require registration in person")
    s.set_defaults(func=run_registration)

    s = leave.add_parser("repay", help="annual leave to pay back on leaving DOL before the leave year ends (Art. 5 §1.b)")
    s.add_argument("--separation", required=True, metavar="DATE")
    add_number(s, "--taken", number=replace(HOURS, what="leave taken"), required=True, metavar="H", help="annual leave taken this leave year, in hours")
    add_number(s, "--years-of-service", number=YEARS_OF_SERVICE, metavar="N", help="years of creditable service (or give --scd)")
    _scd_option(s)
    add_number(s, "--carried-over", number=replace(HOURS, what="leave carried over"), default="0", metavar="H",
               help="leave carried over into this leave year")
    add_number(s, "--hourly-rate", number=PAY_RATE, metavar="USD", help="hourly rate of basic pay, for the amount in dollars")
    _law_option(s)
    s.set_defaults(func=run_repay)

    for parser in leave.choices.values():
        add_common(parser)


def _scd_option(p: Any) -> None:
    p.add_argument("--scd", metavar="DATE", help="service computation date for leave, as on the leave and earnings statement: the "
                   "rate then changes in the pay period after the one in which 3 or 15 years are completed (5 U.S.C. 6303(c))")


def _scd(args: Any):
    return rule_date(args.scd, "service computation date", "5 U.S.C. 6303(a)") if args.scd else None


def _law_option(p: Any) -> None:
    p.add_argument("--law", metavar="FILE", help="another federal-law file (default: lmcore/contracts/law/us_federal.yaml)")


def _law(args: Any):
    from ..contract.law import load_law

    return load_law(getattr(args, "law", None))



def run_project(args: Any) -> int:
    from ..leave.annual import project_year_end

    contract = load(args)
    proj = project_year_end(args.balance, date_arg(args.as_of), args.years_of_service, args.planned, scd=_scd(args),
                            contract=contract, law=_law(args))
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


def run_voting_trip(args: Any) -> int:
    from ..leave.administrative import voting_trip

    return print_result(args, voting_trip(args.trip_days, beyond_commuting=not args.within_commuting_distance,
                                          absentee_permitted=args.absentee_allowed, contract=load(args)))


def run_registration(args: Any) -> int:
    from ..leave.administrative import registration_leave

    return print_result(args, registration_leave(args.round_trip_days, in_person_required=not args.not_in_person,
                                                 nonworkday_possible=args.nonworkday_possible, contract=load(args)))


def run_repay(args: Any) -> int:
    from ..leave.annual import separation_repayment

    contract = load(args)
    return print_result(args, separation_repayment(date_arg(args.separation), args.taken, args.years_of_service, args.carried_over,
                                           args.hourly_rate, scd=_scd(args), contract=contract, law=_law(args)))
