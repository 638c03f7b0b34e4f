"""`lmcore flexiplace …`: the time frames of a request (Art. 10 §5), notices (§6.E.4, §7, §8.B.1, §15), eligibility
(§3), grievability (§11) and the two forms (§14 checklist, §15 agreement) as printable HTML."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from . import (
    Number,
    add_common,
    add_number,
    date_arg,
    datetime_arg,
    load,
    optional_date,
    print_json,
    print_result,
    read_text,
    write_bytes,
)


def register(sub: Any) -> None:
    p = sub.add_parser("flexiplace", help="flexiplace time frames, notices, eligibility, grievability and forms (Art. 10)")
    fx = p.add_subparsers(dest="flexiplace_command", metavar="WHAT")

    s = fx.add_parser("clocks", help="when the supervisor's decision is due (§5.A) and when work at the alternate site must start (§5.C)")
    s.add_argument("--requested", required=True, metavar="DATE", help="date of the request for permanent flexiplace")
    add_number(s, "--extended-by", number=Number("extension", 0, 366, "calendar days", whole=True, cite="Art. 10 §5.A"), default="0",
               metavar="N", help="calendar days added by mutual agreement (§5.A)")
    s.add_argument("--decided", metavar="DATE", help="date the decision was given")
    s.add_argument("--agreement", metavar="DATE", help="date the individual agreement was completed")
    s.add_argument("--started", metavar="DATE", help="first day worked at the alternate site")
    s.set_defaults(func=run_clocks)

    s = fx.add_parser("termination-notice", help="when to give notice of termination, if possible (§8.B.1)")
    s.add_argument("--effective", required=True, metavar="DATE", help="the day the termination takes effect")
    s.add_argument("--given", metavar="DATE", help="the day notice was given")
    s.set_defaults(func=run_termination)

    s = fx.add_parser("notice", help="advance notice in hours: recall (§7), equipment service (§6.E.4), home inspection (§15)")
    s.add_argument("kind", choices=["recall", "equipment", "inspection"])
    s.add_argument("--at", required=True, metavar="'YYYY-MM-DD HH:MM'", help="when the recall, service or inspection happens")
    s.add_argument("--given", metavar="'YYYY-MM-DD HH:MM'", help="when notice was given")
    s.set_defaults(func=run_notice)

    s = fx.add_parser("inability", help="first day inability to work alone can be a ground for termination (§8.A.2)")
    s.add_argument("--began", required=True, metavar="DATE", help="first day of the flexiplace arrangement")
    s.set_defaults(func=run_inability)

    s = fx.add_parser("eligibility", help="the eligibility criteria A, B, C, D, F, G of §3 (there is no E)")
    s.add_argument("--met", default="", metavar="LETTERS", help="criteria met, e.g. A,B,C")
    s.add_argument("--not-met", default="", metavar="LETTERS", help="criteria not met, e.g. D")
    s.set_defaults(func=run_eligibility)

    s = fx.add_parser("grievable", help="is a flexiplace decision grievable? (§11)")
    s.add_argument("--decision", required=True, choices=["participation", "recall", "termination", "other"])
    s.add_argument("--arrangement", required=True, choices=["formal", "informal"])
    s.add_argument("--ppp", action="store_true", help="the employee alleges a prohibited personnel practice")
    s.set_defaults(func=run_grievable)

    s = fx.add_parser("document", help="the §14 safety checklist or the §15 work agreement as printable HTML")
    s.add_argument("form", choices=["checklist", "agreement"])
    s.add_argument("--input", required=True, metavar="FILE.json", help="the form's fields as JSON (see lmcore.flexiplace.forms)")
    s.add_argument("--out", metavar="FILE.html", help="write the page here (default: print it)")
    s.set_defaults(func=run_document)

    for parser in fx.choices.values():
        add_common(parser)



def run_clocks(args: Any) -> int:
    from ..flexiplace.time_frames import clocks

    c = clocks(date_arg(args.requested), extended_by=args.extended_by, decided=optional_date(args.decided),
               agreement_completed=optional_date(args.agreement), started=optional_date(args.started), contract=load(args))
    return print_result(args, c)


def run_termination(args: Any) -> int:
    from ..flexiplace.time_frames import termination_notice

    t = termination_notice(date_arg(args.effective), optional_date(args.given), load(args))
    return print_result(args, t)


def run_notice(args: Any) -> int:
    from .. import flexiplace

    fn = {"recall": flexiplace.recall_notice, "equipment": flexiplace.equipment_notice, "inspection": flexiplace.inspection_notice}[args.kind]
    cite = {"recall": "Art. 10 §7", "equipment": "Art. 10 §6.E.4", "inspection": "Art. 10 §15"}[args.kind]
    at, given = datetime_arg(args.at, f"time of the {args.kind}", cite), datetime_arg(args.given, "time notice was given", cite)
    return print_result(args, fn(at, given, load(args)))


def run_inability(args: Any) -> int:
    from ..flexiplace.time_frames import inability_shown_from

    return print_result(args, inability_shown_from(date_arg(args.began), load(args)))


def _letters(text: str) -> list[str]:
    return [x.strip().upper() for x in text.split(",") if x.strip()]


def run_eligibility(args: Any) -> int:
    from ..flexiplace.arrangements import eligibility

    met, not_met = _letters(args.met), _letters(args.not_met)
    both = sorted(set(met) & set(not_met))
    if both:
        raise InvalidInput(f"criterion {', '.join(both)} is listed as both met and not met", cite="Art. 10 §3", fix="List each letter once")
    answers: dict[str, bool] = {**{k: True for k in met}, **{k: False for k in not_met}}
    return print_result(args, eligibility(answers, load(args)))


def run_grievable(args: Any) -> int:
    from ..flexiplace.arrangements import grievability

    return print_result(args, grievability(args.decision, args.arrangement, prohibited_personnel_practice=args.ppp, contract=load(args)))


def _no_constant(name: str) -> Any:
    raise InvalidInput(f"the form's fields hold {name}, which is not a value of a form", fix="Write numbers as ordinary numbers")


def run_document(args: Any) -> int:
    from ..flexiplace.forms import safety_checklist, work_agreement

    cite = "Art. 10 §14" if args.form == "checklist" else "Art. 10 §15"
    path = Path(args.input)
    try:
        data = json.loads(read_text(args.input, "JSON file of the form's fields", cite=cite), parse_constant=_no_constant)
    except RecursionError:
        raise InvalidInput(f"{path} is nested too deeply to be a form's fields", cite=cite, fix="Give one JSON object of fields") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path} is not valid JSON: {exc.msg} (line {exc.lineno})", fix="Correct the JSON file") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path} must hold one JSON object of fields", fix='Write it like {"name": "…", "agency": "…"}')
    contract = load(args)
    if args.form == "checklist":
        fields = {k: v for k, v in data.items() if k not in ("answers", "duty_station", "work_area")}
        doc = safety_checklist(fields, data.get("answers") or {}, duty_station=data.get("duty_station", ""),
                               work_area=data.get("work_area", ""), contract=contract)
    else:
        doc = work_agreement(data, contract=contract)
    if args.json:
        print_json({"title": doc.title, "filename": doc.filename, "checks": list(doc.checks), "html": doc.html})
    elif args.out is not None:
        write_bytes(args.out, doc.html.encode("utf-8"), "HTML page")
        print(f"Wrote {args.out}" + "".join(f"\n- {c}" for c in doc.checks))
    else:
        print(doc.html)
    return 0
