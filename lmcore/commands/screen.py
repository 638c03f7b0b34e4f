"""`lmcore screen`: can it be grieved, and where? Art. 43 §2, §3, §5, §8, §9, §14 and Art. 10 §11, one option per
screening question (the fields of lmcore.grievance.screening.Situation, in kebab-case)."""
from __future__ import annotations

import argparse
import math
from typing import Any

from ..errors import InvalidInput, OutOfRange
from . import add_common, load, print_json

# (option, Situation field, help); the choices are checked by the screening itself, which names the rule.
_CHOICES = [
    ("--filer", "filer", "employee|group|union|department", "who files (§2.a, §4.b; default employee)"),
    ("--subject", "subject", "KEY", "what the grievance is about: one of the keys listed below (default contract)"),
    ("--status", "status", "permanent|probationary|temporary_limited", "the employee's status (§2.b; default permanent)"),
    ("--relief", "relief", "personal|institutional", "a Union grievance seeks personal relief (§8.c) or an institutional "
     "remedy (§8.b); default personal"),
    ("--agencies", "agencies", "single|multiple", "the DOL Agencies the matter involves (§8.b; default single)"),
    ("--consolidation", "consolidation", "single-supervisor|single-agency|multi-agency",
     "Union-filed grievances consolidated by agreement (§8.c(2))"),
    ("--removal-statute", "removal_statute", "4303|7512|other", "a removal is taken under 5 U.S.C. 4303, 7512 or another "
     "authority (§14.a; default 7512)"),
]
_FLAGS = [
    ("--within-2b", "within_2b", "probationary or temporary: it concerns working conditions or a right the Agreement "
     "grants them (§2.b)"),
    ("--alleges-ppp", "alleges_ppp", "a prohibited personnel practice (5 U.S.C. 2302(b)) is alleged (Art. 10 §11)"),
    ("--ppp-2302b1", "ppp_2302b1", "the practice alleged is one under 5 U.S.C. 2302(b)(1): the election of forum of §2.c"),
    ("--other-forum", "other_forum", "already raised under a statutory or appellate procedure (§2.c)"),
    ("--excepted-service", "excepted_service", "the employee is in the excepted service (no removal stay, §14.b)"),
    ("--union-in-notice-period", "union_in_notice_period", "the Union represented the employee during the removal's "
     "notice and response period (§14.a)"),
    ("--former-employee", "former_employee", "the grievant is a former bargaining unit employee (§5.a)"),
    ("--untimely", "untimely", "the grievance is filed after its time limit (§5.a, §7.a(1), §12)"),
]
_COUNTS = [
    ("--employees", "employees", "Union-filed: the number of employees the grievance(s) are for (§8.c(2))", "Art. 43 §8.c(2)"),
    ("--agency-count", "agency_count", "consolidated: the number of DOL Agencies the grievants work in (§8.c(2)(c))",
     "Art. 43 §8.c(2)(c)"),
    ("--signatures", "signatures", "Union-filed: signatures of officials designated by the President or EVP (§8.a)",
     "Art. 43 §8.a"),
]


def register(sub: Any) -> None:
    from ..grievance.screening import SUBJECTS

    keys = "\n".join(f"  {k:<26} {label}" for k, (label, _) in SUBJECTS.items())
    p = sub.add_parser("screen", help="can it be grieved, and where? (Art. 43 §2, §3, §5, §8, §9, §14; Art. 10 §11)",
                       description="Answer the screening questions; lmcore says whether the matter can be grieved under "
                                   "Article 43, why (each rule with its words) and the route.",
                       epilog=f"subject keys (--subject):\n{keys}", formatter_class=argparse.RawDescriptionHelpFormatter)
    for opt, dest, metavar, text in _CHOICES:
        p.add_argument(opt, dest=dest, metavar=metavar, help=text)
    for opt, dest, text in _FLAGS:
        p.add_argument(opt, dest=dest, action="store_true", help=text)
    p.add_argument("--service-years", dest="service_years", metavar="N", help="years of Federal service (§14.a)")
    for opt, dest, text, _ in _COUNTS:
        p.add_argument(opt, dest=dest, metavar="N", help=text)
    add_common(p)
    p.set_defaults(func=run)


def situation(args: Any) -> Any:
    """The Situation the options describe (unknown choices are reported by the screening, with their rule)."""
    from ..grievance.screening import Situation

    kw: dict[str, Any] = {dest: getattr(args, dest) for _, dest, _, _ in _CHOICES if getattr(args, dest) is not None}
    kw.update({dest: True for _, dest, _ in _FLAGS if getattr(args, dest)})
    if args.service_years is not None:
        kw["service_years"] = _number(args.service_years, "--service-years", "Art. 43 §14.a", whole=False)
    for opt, dest, _, cite in _COUNTS:
        if getattr(args, dest) is not None:
            kw[dest] = _number(getattr(args, dest), opt, cite, whole=True)
    return Situation(**kw)


def _number(text: str, option: str, cite: str, *, whole: bool) -> Any:
    try:
        value = float(text.strip())
    except ValueError:
        raise InvalidInput(f"{option} '{text}' is not a number", cite=cite, fix=f"Give {option} N, e.g. {option} 12") from None
    if not math.isfinite(value) or value < 0 or (whole and not value.is_integer()):
        raise OutOfRange(f"{option} {text} is not {'a whole number' if whole else 'a number'} of 0 or more", cite=cite,
                         fix=f"Give {option} N, e.g. {option} 12")
    return int(value) if whole else value


def run(args: Any) -> int:
    from ..grievance.screening import screen

    result = screen(situation(args), load(args))
    if args.json:
        print_json(result.to_dict())
    else:
        print(result.explain())
    return 0
