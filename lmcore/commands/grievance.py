"""`lmcore grievance --learned DATE [...]`: every deadline of a grievance (Art. 43), its status and its rule."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import InvalidDate, InvalidInput, OutOfRange
from ..exports import REMIND_WORKDAYS
from . import Number, add_common, date_arg, load, print_json, whole_arg, write_bytes

EXTENSION = Number("extension", 1, 10_000, "workdays", whole=True, cite="Art. 43 §13.a")
REMIND = Number("reminder lead", 0, 60, "workdays", whole=True)  # a setting of the calendar file, not a rule

# Options that record a date: (option, Grievance field).
_DATES = [
    ("--learned", "learned", "date the violation was learned of (for a stay: the removal decision was received)"),
    ("--occurred", "occurred", "date the violation occurred (Union institutional grievances, §8.b(3))"),
    ("--filed", "filed", "date the grievance was filed: postmarked, delivered or first received (§6.b, §6.c)"),
    ("--form-completed", "form_completed", "date the properly completed form was received, if later (§6.b)"),
    ("--step1-meeting", "step1_meeting", "date of the Step 1 meeting"),
    ("--step1-decision", "step1_decision", "date the Step 1 decision was received (the meeting date if given orally)"),
    ("--step1-oelmr-notice", "step1_oelmr_notice", "date the Union notified OELMR of a late Step 1 decision (§7.a(5))"),
    ("--step2-appeal", "step2_appeal", "date of the Step 2 appeal"),
    ("--step2-form-completed", "step2_form_completed", "date the properly completed appeal form was received (§6.b)"),
    ("--step2-meeting", "step2_meeting", "date of the Step 2 meeting"),
    ("--step2-decision", "step2_decision", "date the Step 2 decision was received"),
    ("--step2-oelmr-notice", "step2_oelmr_notice", "date the Union notified OELMR of a late Step 2 decision (§7.b(4))"),
    ("--consolidated", "consolidated", "date the grievances were consolidated (§8.c(2))"),
    ("--resolved", "resolved", "date the matter was resolved (institutional, Department, consolidated)"),
    ("--invoked", "invoked", "date arbitration was invoked (§10)"),
    ("--arbitrability-notice", "arbitrability_notice", "date a grievability/arbitrability objection was given (§11)"),
    ("--hearing", "hearing", "date the arbitration hearing was held or is scheduled (Art. 44 §3)"),
    ("--award", "award", "date of the arbitrator's award (ends a removal stay, §14.a)"),
]


def register(sub: Any) -> None:
    p = sub.add_parser("grievance", help="every deadline of a grievance (Art. 43), with its status and citation",
                       description="Dates are YYYY-MM-DD. Give the dates that have happened; the rest are projected.")
    add_grievance_options(p)
    p.add_argument("--as-of", metavar="DATE", help="the day to judge statuses on (default: today)")
    p.add_argument("--explain", metavar="NAME", help="print the full explanation of one milestone")
    p.add_argument("--ics", metavar="FILE", help="write the open deadlines to an iCalendar file")
    p.add_argument("--remind", metavar="WORKDAYS", default=None,
                   help=f"the calendar file's reminders: this many workdays before each safe date [{REMIND.describe()}; "
                        f"default {REMIND_WORKDAYS}]")
    add_common(p)
    p.set_defaults(func=run)


def add_grievance_options(p: Any) -> None:
    """The options that describe one grievance (read back by `build`): shared with `lmcore cases add`."""
    from ..grievance.steps import CONSOLIDATIONS, PATHS

    for opt, dest, text in _DATES:
        p.add_argument(opt, dest=dest, metavar="DATE", help=text)
    p.add_argument("--path", choices=PATHS, default="employee", help="the kind of grievance (default: employee)")
    p.add_argument("--agencies", choices=["single", "multiple"], default="single",
                   help="Union institutional grievance: one DOL Agency or more (§8.b)")
    p.add_argument("--consolidation", choices=CONSOLIDATIONS, help="Union-filed grievances consolidated (§8.c(2))")
    p.add_argument("--continuing", action="store_true", help="a continuing condition: may be filed any time while it lasts (§7.a(1))")
    p.add_argument("--expedited", action="store_true", help="expedited arbitration: the hearing limit of Art. 44 §3.e")
    p.add_argument("--waive", action="append", metavar="STEP[=DATE]",
                   help="step1 or step2 waived by written agreement (§13.b), with the date signed (repeatable)")
    p.add_argument("--extend", action="append", metavar="NAME=N|NAME=DATE",
                   help=f"a time limit extended in writing (§13.a): N more workdays, or a new due date (repeatable) [N: {EXTENSION.describe()}]")
    p.add_argument("--title", default="", help="a name for the grievance (shown in the summary and calendar)")


def _date(text: str | None, option: str, cite: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return date_arg(text)
    except (InvalidDate, OutOfRange) as exc:
        raise type(exc)(f"{option} {exc.what}", cite=cite, fix=exc.fix) from None


def build(args: Any) -> Any:
    """The Grievance record the options describe."""
    from ..grievance.record import DATE_FIELDS, Extension, Grievance, Waiver

    values = {dest: _date(getattr(args, dest), opt, DATE_FIELDS[dest][1]) for opt, dest, _ in _DATES}
    if values["learned"] is None:
        if args.path == "union-institutional" and values["occurred"]:
            values["learned"] = values["occurred"]
        else:
            raise InvalidInput("--learned DATE is required", cite="Art. 43 §7.a(1)",
                               fix="Give the date the violation was learned of (for a stay: the removal decision received)")
    waivers = []
    for item in args.waive or []:
        step, _, day = item.partition("=")
        if step.strip() not in ("step1", "step2"):
            raise InvalidInput(f"--waive '{item}': only step1 or step2 can be waived", cite="Art. 43 §13.b",
                               fix="Write --waive step1 or --waive step2=YYYY-MM-DD")
        waivers.append(Waiver(step.strip(), _date(day or None, f"--waive {step}", "Art. 43 §13.b")))
    extensions = []
    for item in args.extend or []:
        name, sep, what = item.partition("=")
        if not sep or not what.strip():
            raise InvalidInput(f"--extend '{item}' is not NAME=N or NAME=DATE", cite="Art. 43 §13.a",
                               fix="e.g. --extend step2_appeal=5 or --extend step2_appeal=2027-02-01")
        what = what.strip().lstrip("+")
        if what.isascii() and what.isdigit():
            extensions.append(Extension(name.strip(), workdays=whole_arg(what, EXTENSION)))
        elif what.isascii() and what.lstrip("-").isdigit():
            raise OutOfRange(f"--extend '{item}': an extension adds workdays", cite="Art. 43 §13.a",
                             fix="Give a positive number of workdays, or the new due date")
        else:
            extensions.append(Extension(name.strip(), until=_date(what, f"--extend {name}", "Art. 43 §13.a")))
    return Grievance(path=args.path, continuing=args.continuing, agencies=args.agencies,
                     consolidation=args.consolidation, expedited=args.expedited, waivers=tuple(waivers),
                     extensions=tuple(extensions), title=args.title, **values)


def run(args: Any) -> int:
    from ..grievance.engine import timeline
    from ..grievance.report import ics, table

    contract = load(args)
    as_of = _date(args.as_of, "--as-of", "Art. 43") or dt.date.today()
    t = timeline(build(args), contract, as_of, safe=True)
    remind = REMIND_WORKDAYS if args.remind is None else whole_arg(args.remind, REMIND)
    if args.ics is not None:
        write_bytes(args.ics, ics(t, contract, remind=remind), "calendar file")
    if args.explain:
        m = t.milestone(args.explain)
        print_json(m.to_dict()) if args.json else print(m.explain())
        return 0
    if args.json:
        print_json(t.to_dict())
    else:
        print(table(t))
        if args.ics:
            print(f"\nWrote {sum(1 for m in t.milestones if m.is_open and m.due)} open deadline(s) to {args.ics}.")
    return 0
