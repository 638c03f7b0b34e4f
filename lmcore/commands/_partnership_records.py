"""`lmcore partnership meetings|pdi|report`: the office's stored partnership records — forum meetings held (the
tracker's input), the pre-decisional involvement log and the annual report in the 1999 memorandum's five categories —
on the shared database (`--db URL`, else $LMCORE_DATABASE_URL, else the per-user file the case log uses)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import date_arg, print_json

DB_HELP = "the database (sqlite:///PATH or postgresql://…; default: $LMCORE_DATABASE_URL, else the per-user file)"
_BY_HELP = "who records it (default: the JupyterHub user, else the login name)"


def register_records(actions: Any) -> None:
    """Add the `meetings`, `pdi` and `report` actions under `lmcore partnership`."""
    m = actions.add_parser("meetings", help="forum meetings held: add, list, remove (the forum tracker counts them with --stored)")
    ma = m.add_subparsers(dest="meetings_action", metavar="ACTION", parser_class=type(m))
    add = ma.add_parser("add", help="record that a forum met on a day")
    add.add_argument("forum", metavar="FORUM", help="the forum's id (see `lmcore partnership forums`), e.g. department_lmrc")
    add.add_argument("held", metavar="DATE", help="the day it met (YYYY-MM-DD; not after today)")
    add.add_argument("--note", default="", help="what was discussed, in a few words")
    _common(add, by=True)
    add.set_defaults(func=run_meetings_add)
    ls = ma.add_parser("list", help="the meetings recorded")
    ls.add_argument("--forum", metavar="FORUM", help="only one forum's meetings")
    _common(ls)
    ls.set_defaults(func=run_meetings_list)
    rm = ma.add_parser("remove", help="remove a meeting recorded by mistake")
    rm.add_argument("forum", metavar="FORUM")
    rm.add_argument("held", metavar="DATE")
    _common(rm)
    rm.set_defaults(func=run_meetings_remove)

    p = actions.add_parser("pdi", help="the pre-decisional involvement log: add, list, update, remove")
    pa = p.add_subparsers(dest="pdi_action", metavar="ACTION", parser_class=type(p))
    padd = pa.add_parser("add", help="an issue: the date the information was given, the input, the decision")
    padd.add_argument("issue", metavar="ISSUE", help="what the decision is about, e.g. 'Telework policy'")
    padd.add_argument("--given", required=True, metavar="DATE", help="the day the union was given the information")
    _pdi_options(padd)
    _common(padd, by=True)
    padd.set_defaults(func=run_pdi_add)
    pls = pa.add_parser("list", help="every entry, with what the record shows about the process")
    _common(pls)
    pls.set_defaults(func=run_pdi_list)
    pup = pa.add_parser("update", help="change an entry (e.g. record the input received or the decision)")
    pup.add_argument("id", metavar="ID", help="the entry's number (see `pdi list`)")
    pup.add_argument("--issue", metavar="TEXT")
    pup.add_argument("--given", metavar="DATE")
    _pdi_options(pup)
    pup.add_argument("--expect-version", type=int, metavar="N", help="refuse if the stored entry is no longer version N")
    _common(pup, by=True)
    pup.set_defaults(func=run_pdi_update)
    prm = pa.add_parser("remove", help="remove an entry")
    prm.add_argument("id", metavar="ID")
    _common(prm)
    prm.set_defaults(func=run_pdi_remove)

    r = actions.add_parser("report", help="the annual partnership report in the 1999 memorandum's five categories")
    r.add_argument("year", metavar="YEAR", help="the report's year, e.g. 2026")
    r.add_argument("--add", nargs=2, metavar=("CATEGORY", "IMPROVEMENT"),
                   help="record an improvement (categories: customer_service quality productivity efficiency quality_of_worklife)")
    r.add_argument("--measure", help="how the improvement was measured (with --add)")
    r.add_argument("--forum", help="the forum it came from (with --add)")
    r.add_argument("--date", metavar="DATE", help="when it was achieved (with --add)")
    r.add_argument("--remove", metavar="ID", help="remove a recorded improvement by its number")
    r.add_argument("--efforts", metavar="TEXT", help="the nature and extent of the efforts made (stored for the year)")
    r.add_argument("--union-involvement", metavar="TEXT", help="how the union took part in preparing the report (stored)")
    r.add_argument("--parties", metavar="TEXT", help="the parties (default: DOL and AFGE Local 12)")
    r.add_argument("--html", metavar="FILE", help="write the printable page (HTML) to FILE")
    _common(r, by=True)
    r.set_defaults(func=run_report)


def _common(p: Any, by: bool = False) -> None:
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    if by:
        p.add_argument("--by", metavar="NAME", help=_BY_HELP)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _pdi_options(p: Any) -> None:
    p.add_argument("--input", metavar="DATE", help="the day the union's input was received")
    p.add_argument("--decision", metavar="DATE", help="the day the decision was made")
    p.add_argument("--summary", metavar="TEXT", help="the decision, in a few words")
    p.add_argument("--forum", metavar="TEXT", help="the forum where it was discussed")
    p.add_argument("--notes", metavar="TEXT")


def _records(args: Any) -> Any:
    from ..storage.partnership import PartnershipRecords

    return PartnershipRecords(args.db)


def _day(d: dt.date | None) -> str:
    return d.strftime("%a %Y-%m-%d") if d else "—"


def _shown(text: Any) -> str:
    from ..storage.records import printable

    return printable(text)


# -- meetings ----------------------------------------------------------------------------------------------------
def run_meetings_add(args: Any) -> int:
    recs = _records(args)
    m = recs.add_meeting(args.forum, date_arg(args.held), note=args.note, by=args.by)
    if args.json:
        print_json(m.to_dict())
    else:
        print(f"Recorded: {recs.forums()[m.forum].name} met on {_day(m.held)} (in {recs.where}).")
    return 0


def run_meetings_list(args: Any) -> int:
    recs = _records(args)
    rows = recs.meetings(args.forum)
    if args.json:
        print_json([m.to_dict() for m in rows])
        return 0
    names = recs.forums()
    for m in rows:
        name = names[m.forum].name if m.forum in names else f"{m.forum} (not a forum of this contract)"
        what = f"⚠ {m.problem}" if m.problem else _day(m.held)
        print(f"{what}  {name}" + (f" — {_shown(m.note)}" if m.note else ""))
    if not rows:
        print(f"No meetings recorded in {recs.where}.")
    return 0


def run_meetings_remove(args: Any) -> int:
    recs = _records(args)
    m = recs.remove_meeting(args.forum, date_arg(args.held))
    print_json(m.to_dict()) if args.json else print(f"Removed the meeting of {_day(m.held)}.")
    return 0


# -- the PDI log ---------------------------------------------------------------------------------------------------
def _pdi_fields(args: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for arg, key in (("given", "information_given"), ("input", "input_received"), ("decision", "decision")):
        value = getattr(args, arg, None)
        if value is not None:
            out[key] = date_arg(value) if value.strip() else None
    for arg, key in (("issue", "issue"), ("summary", "decision_summary"), ("forum", "forum"), ("notes", "notes")):
        value = getattr(args, arg, None)
        if value is not None:
            out[key] = value
    return out


def _pdi_lines(e: Any) -> list[str]:
    if e.record is None:
        return [f"#{e.id} {_shown(e.issue)}: ⚠ {e.problem}"]
    r = e.record
    lines = [f"#{e.id} {_shown(r.issue)} — {r.stage}: information given {_day(r.information_given)}, input "
             f"{_day(r.input_received)}, decision {_day(r.decision)}" + (f" ({_shown(r.decision_summary)})" if r.decision_summary else "")]
    lines += [f"    {f}" for f in r.findings()]
    return lines


def run_pdi_add(args: Any) -> int:
    from ..partnership.pdi import PdiRecord

    e = _records(args).add_pdi(PdiRecord.from_mapping({"issue": args.issue, **_pdi_fields(args)}), by=args.by)
    print_json(e.to_dict()) if args.json else print("\n".join(["Recorded:"] + _pdi_lines(e)))
    return 0


def run_pdi_list(args: Any) -> int:
    recs = _records(args)
    log = recs.pdi_log()
    if args.json:
        print_json([e.to_dict() for e in log])
    else:
        print("\n".join(line for e in log for line in _pdi_lines(e)) or f"No entries in {recs.where}.")
    return 0


def run_pdi_update(args: Any) -> int:
    from dataclasses import fields

    from ..errors import InvalidInput
    from ..partnership.pdi import PdiRecord

    recs = _records(args)
    old = recs.pdi_entry(args.id)
    if old.record is None:
        raise InvalidInput(f"entry {old.id} cannot be read ({old.problem})", fix="Remove it and record it again")
    changes = _pdi_fields(args)
    if not changes:
        raise InvalidInput("nothing to change", fix="Give --input DATE, --decision DATE, --summary TEXT or another field")
    record = PdiRecord(**{**{f.name: getattr(old.record, f.name) for f in fields(PdiRecord)}, **changes})
    e = recs.update_pdi(old.id, record, expect_version=args.expect_version, by=args.by)
    print_json(e.to_dict()) if args.json else print("\n".join([f"Saved as version {e.version}:"] + _pdi_lines(e)))
    return 0


def run_pdi_remove(args: Any) -> int:
    e = _records(args).remove_pdi(args.id)
    print_json(e.to_dict()) if args.json else print(f"Removed entry {e.id}.")
    return 0


# -- the annual report -------------------------------------------------------------------------------------------
def run_report(args: Any) -> int:
    from ..errors import InvalidInput
    from ..partnership.report import ReportEntry
    from ..storage.partnership import check_year

    year = check_year(args.year)
    recs = _records(args)
    if not args.add and any(v is not None for v in (args.measure, args.forum, args.date)):
        raise InvalidInput("--measure, --forum and --date describe an improvement given with --add", fix="Add --add CATEGORY TEXT")
    added = None
    if args.add:
        category, improvement = args.add
        added = recs.add_report_entry(year, ReportEntry(category.strip(), improvement, args.forum or None,
                                                        date_arg(args.date) if args.date else None, args.measure or None),
                                      by=args.by)
    if args.remove:
        recs.remove_report_entry(args.remove)
    if any(v is not None for v in (args.efforts, args.union_involvement, args.parties)):
        recs.set_report_text(year, parties=args.parties, efforts=args.efforts, union_involvement=args.union_involvement, by=args.by)
    report = recs.report(year)
    if args.html is not None:
        from . import write_bytes

        write_bytes(Path(args.html).expanduser() if args.html.startswith("~") else args.html, report.html().encode("utf-8"),
                    "report page (HTML)")
    items = recs.report_entries(year)
    if args.json:
        print_json({**report.to_dict(), "entries": [i.to_dict() for i in items], "added": added.to_dict() if added else None})
        return 0
    print(report.to_text())
    if items:
        print("\nRecorded improvements (number, to remove one with --remove):")
        for i in items:
            print(f"  #{i.id} " + (f"{i.entry.category}: {_shown(i.entry.improvement)}" if i.entry else f"⚠ {i.problem}"))
    if args.html is not None:
        print(f"\nWrote the printable page to {args.html}.")
    return 0
