"""Cases in and out of the case log: CSV and Excel import (validated in full before anything is written) and export
(cells a spreadsheet would run as a formula are escaped), and the calendar feed (ICS, with alarms) of every open
deadline.

The file format (one row per case; the header names the columns, in any order; only case_id and learned are
required; empty cells are empty):
  case_id, title, status, path, grievants, steward, official, agency, subject, articles,
  learned … award (the grievance's dates, YYYY-MM-DD), continuing, expedited (yes/no), agencies, consolidation,
  waivers ("step1=2026-11-20; step2", the date signed after '='), extensions ("step2_appeal=5@2026-11-20;
  step1_meeting=2026-12-04": workdays added or the new due date, the date signed after '@'),
  agreed_by ("step2=Ann Lee|Bo Chen": who signed a waiver or extension for the Union | for the Agency),
  arbitration_kind, arbitrator, record_closed.
Lists (grievants, articles, waivers…) are separated by ';'.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidDate, InvalidInput, LmcoreError
from ..grievance.record import DATE_FIELDS, Extension, Grievance, Waiver
from .records import CITE, Arbitration, Case, Signatories, check_case, printable

COLUMNS = ("case_id", "title", "status", "path", "grievants", "steward", "official", "agency", "subject", "articles",
           *DATE_FIELDS, "continuing", "expedited", "agencies", "consolidation", "waivers", "extensions", "agreed_by",
           "arbitration_kind", "arbitrator", "record_closed")
MAX_BYTES = 64 * 1024 * 1024
MAX_ROWS = 200_000
MAX_CELL = 128 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell of an import file: its line (the header is line 1), column and the reason."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


class ImportRefused(InvalidInput):
    """An import file with at least one bad row: nothing was written; `problems` lists every bad cell."""

    def __init__(self, path: Path, problems: list[RowProblem]):
        self.problems = problems
        lines = sorted({p.line for p in problems})
        listed = "; ".join(printable(p) for p in problems[:20]) + (f"; and {len(problems) - 20} more" if len(problems) > 20 else "")
        super().__init__(f"{len(lines)} row(s) of {path.name} cannot be imported ({listed}); "
                         "nothing was imported", cite=CITE, fix="Correct every row listed and import the file again")


# -- reading ------------------------------------------------------------------------------------------
def read_table(path: str | Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV (UTF-8) or Excel (.xlsx) file as (line number, {column: text}), or a one-line error."""
    p = Path(path).expanduser()
    if not str(path).strip():
        raise InvalidInput("no file given", cite=CITE, fix="Give a .csv or .xlsx file")
    if p.is_dir():
        raise InvalidInput(f"{p} is a folder, not a file", cite=CITE, fix="Give a .csv or .xlsx file")
    if not p.is_file():
        raise InvalidInput(f"no file {p}", cite=CITE, fix="Check the file name")
    if p.suffix.lower() not in (".csv", ".xlsx"):
        raise InvalidInput(f"{p.name} is neither a .csv nor an .xlsx file", cite=CITE, fix="Save the table as CSV UTF-8 or as .xlsx")
    with p.open("rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{p.name} is larger than {MAX_BYTES // 2**20} MB", cite=CITE, fix="Split the file")
    return _xlsx_rows(p, data) if p.suffix.lower() == ".xlsx" else _csv_rows(p, data)


def _csv_rows(p: Path, data: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(f"{p.name} is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line})", cite=CITE,
                           fix="Save it as 'CSV UTF-8' (Excel: File › Save As › CSV UTF-8), or import the .xlsx file") from None
    if "\x00" in text:
        raise InvalidInput(f"{p.name} contains NUL bytes: it is not a CSV text file", cite=CITE, fix="Give a CSV or .xlsx file")
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        rows = []
        for values in reader:
            rows.append((reader.line_num, values))
            if len(rows) > MAX_ROWS:
                raise InvalidInput(f"{p.name} has more than {MAX_ROWS:,} rows", cite=CITE, fix="Split the file")
    except csv.Error as exc:
        raise InvalidInput(f"{p.name} line {reader.line_num}: {exc}", cite=CITE,
                           fix=f"Correct that line (a cell may hold at most {MAX_CELL // 1024} KB)") from None
    return _named(p, header, rows)


def _xlsx_rows(p: Path, data: bytes) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        values = [(n, list(r)) for n, r in enumerate(ws.iter_rows(values_only=True), start=1)]
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InvalidInput(f"{p.name} is not a readable Excel workbook ({type(exc).__name__})", cite=CITE,
                           fix="Save it again from Excel as .xlsx, or as CSV UTF-8") from None
    if len(values) > MAX_ROWS + 1:
        raise InvalidInput(f"{p.name} has more than {MAX_ROWS:,} rows", cite=CITE, fix="Split the file")
    header = [_cell(v) for v in values[0][1]] if values else None
    return _named(p, header, [(n, [_cell(v) for v in row]) for n, row in values[1:]])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _named(p: Path, header: list[str] | None, rows: list[tuple[int, list[str]]]) -> list[tuple[int, dict[str, str]]]:
    if not header or not any(h.strip() for h in header):
        raise InvalidInput(f"{p.name} has no header row", cite=CITE, fix=f"The first row names the columns: {', '.join(COLUMNS[:4])}, …")
    names = [h.strip().lower().replace(" ", "_") for h in header]
    names[0] = names[0].lstrip("\ufeff")
    problems = [RowProblem(1, h or f"#{i + 1}", "unknown column" + ("" if h else " (empty header)"))
                for i, h in enumerate(names) if h not in COLUMNS]
    problems += [RowProblem(1, h, "the column is named twice") for i, h in enumerate(names) if h in names[:i]]
    problems += [RowProblem(1, c, "the column is missing") for c in ("case_id", "learned") if c not in names]
    if problems:
        raise ImportRefused(p, problems)
    out = []
    for line, values in rows:
        joined = "".join(values)
        if not joined.strip():
            continue  # a blank row
        if len(values) > len(names):
            raise ImportRefused(p, [RowProblem(line, f"#{len(names) + 1}", f"{len(values)} cells for {len(names)} columns")])
        out.append((line, {n: _unescape(v) for n, v in zip(names, values)} if "'" in joined else dict(zip(names, values))))
    return out


def _unescape(text: str) -> str:
    """A cell as exported: the apostrophe lmcore put before a formula-looking text is taken off again."""
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_START and text[1:2] else text


# -- rows → cases -------------------------------------------------------------------------------------
def cases_from_rows(rows: list[tuple[int, dict[str, str]]], contract: Any, as_of: dt.date,
                    known: set[str]) -> tuple[list[Case], list[RowProblem]]:
    """Every row as a case checked like `lmcore cases add` (the timeline must compute as of `as_of`); every bad cell
    is a RowProblem, and ids twice in the file or already in the log are refused. The timelines are checked after
    the rows are read, all at once (board.timeline_problems)."""
    from .board import timeline_problems

    cases, lines, problems, seen = [], [], [], {}
    for line, row in rows:
        try:
            case = check_case(case_from_row(row))
        except LmcoreError as exc:
            problems.append(RowProblem(line, _column(exc), printable(exc)))
            continue
        if case.case_id in seen:
            problems.append(RowProblem(line, "case_id", f"'{printable(case.case_id)}' is also on line {seen[case.case_id]}"))
            continue
        seen[case.case_id] = line
        if case.case_id in known:
            problems.append(RowProblem(line, "case_id", f"'{printable(case.case_id)}' is already in the case log "
                                       "(change it with lmcore cases edit)"))
            continue
        cases.append(case)
        lines.append(line)
    refused = timeline_problems([c.grievance for c in cases], contract, as_of)
    problems += [RowProblem(lines[i], _column(exc), printable(exc)) for i, exc in refused.items()]
    return [c for i, c in enumerate(cases) if i not in refused], sorted(problems, key=lambda p: p.line)


def _column(exc: LmcoreError) -> str:
    f = exc.field or ""
    return {"arbitration_kind": "arbitration_kind", "signatories": "agreed_by"}.get(f, f or "row")


def case_from_row(row: dict[str, str]) -> Case:
    """One import row as a Case (not yet checked); a cell that cannot be read is an error naming its column."""
    cells = {k: v.strip() for k, v in row.items() if v}
    get = lambda k: cells.get(k, "")  # noqa: E731
    dates: dict[str, Any] = {}
    for name in DATE_FIELDS:
        if text := cells.get(name):
            dates[name] = _date(text, name)
    if "learned" not in dates:
        raise InvalidInput("the learned date is missing", cite="Art. 43 §7.a(1)", fix="Give it as YYYY-MM-DD", field="learned")
    waivers = []
    for item in _items(get("waivers")):
        step, _, day = item.partition("=")
        waivers.append(Waiver(step.strip(), _date(day.strip(), "waivers") if day.strip() else None))
    extensions = []
    for item in _items(get("extensions")):
        name, sep, rest = item.partition("=")
        terms, _, signed = rest.partition("@")
        terms = terms.strip()
        if not sep or not name.strip() or not terms:
            raise InvalidInput(f"extension '{item}' is not NAME=N or NAME=DATE (optionally @DATE signed)",
                               cite="Art. 43 §13.a", field="extensions")
        on = _date(signed.strip(), "extensions") if signed.strip() else None
        if terms.isdigit():
            extensions.append(Extension(name.strip(), workdays=int(terms), agreed_on=on))
        else:
            extensions.append(Extension(name.strip(), until=_date(terms, "extensions"), agreed_on=on))
    signed = []
    for item in _items(get("agreed_by")):
        target, sep, names = item.partition("=")
        union, _, agency = names.partition("|")
        if not sep or not target.strip():
            raise InvalidInput(f"agreed_by '{item}' is not TARGET=UNION SIGNATORY|AGENCY SIGNATORY", cite="Art. 43 §13",
                               field="signatories")
        kind = "waiver" if target.strip() in {w.step for w in waivers} else "extension"
        signed.append(Signatories(kind, target.strip(), union.strip(), agency.strip()))
    arb = None
    if get("arbitration_kind") or get("arbitrator") or get("record_closed"):
        arb = Arbitration(get("arbitration_kind") or ("expedited" if _yes(get("expedited"), "expedited") else "regular"),
                          get("arbitrator"), _date(get("record_closed"), "record_closed") if get("record_closed") else None)
    g = Grievance(path=get("path") or "employee", title=row.get("title", "").strip(), continuing=_yes(get("continuing"), "continuing"),
                  expedited=_yes(get("expedited"), "expedited"), agencies=get("agencies") or "single",
                  consolidation=get("consolidation") or None, waivers=tuple(waivers), extensions=tuple(extensions), **dates)
    return Case(get("case_id"), g, grievants=tuple(_items(get("grievants"))), steward=get("steward"),
                official=get("official"), agency=get("agency"), subject=(row.get("subject") or "").strip(),
                articles=tuple(_items(get("articles"))), signatories=tuple(signed), arbitration=arb,
                status=get("status") or "open")


def _items(text: str) -> list[str]:
    return [x.strip() for x in text.split(";") if x.strip()]


def _date(text: str, column: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidDate(f"'{printable(text)[:40]}' is not a date (YYYY-MM-DD)", cite=DATE_FIELDS.get(column, ("", CITE))[1],
                          fix="Write dates as YYYY-MM-DD, e.g. 2026-11-18", field=column) from None
    if not 1971 <= day.year <= 2099:
        raise InvalidDate(f"{day.isoformat()} is outside the years this calendar knows (1971–2099)",
                          cite=DATE_FIELDS.get(column, ("", CITE))[1], fix="Check the year", field=column)
    return day


def _yes(text: str, column: str) -> bool:
    t = text.strip().lower()
    if t in ("", "no", "n", "false", "0"):
        return False
    if t in ("yes", "y", "true", "1"):
        return True
    raise InvalidInput(f"'{printable(text)[:20]}' is not yes or no", cite=CITE, fix="Write yes or no", field=column)


# -- cases → rows -------------------------------------------------------------------------------------
def row_of_case(case: Case) -> dict[str, str]:
    """A case as one row of the file format above (what import reads back)."""
    g = case.grievance
    row = {c: "" for c in COLUMNS}
    row.update(case_id=case.case_id, title=case.title, status=case.status, grievants="; ".join(case.grievants),
               steward=case.steward, official=case.official, agency=case.agency, subject=case.subject,
               articles="; ".join(case.articles))
    if g is None:
        row["title"] = case.title
        return row
    row.update(path=g.path, continuing="yes" if g.continuing else "", expedited="yes" if g.expedited else "",
               agencies=g.agencies if g.agencies != "single" else "", consolidation=g.consolidation or "",
               **{k: v.isoformat() for k, v in g.recorded().items()})
    row["waivers"] = "; ".join(w.step + (f"={w.agreed_on.isoformat()}" if w.agreed_on else "") for w in g.waivers)
    row["extensions"] = "; ".join(
        f"{e.milestone}={e.workdays if e.workdays else e.until.isoformat() if e.until else ''}"
        + (f"@{e.agreed_on.isoformat()}" if e.agreed_on else "") for e in g.extensions)
    row["agreed_by"] = "; ".join(f"{s.target}={s.union}|{s.agency}" for s in case.signatories)
    if case.arbitration:
        a = case.arbitration
        row.update(arbitration_kind=a.kind, arbitrator=a.arbitrator, record_closed=a.record_closed.isoformat() if a.record_closed else "")
    return row


def escape_formula(text: str) -> str:
    """A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) gets a
    leading apostrophe, so it is shown as the text it is."""
    return "'" + text if text.startswith(FORMULA_START) else text


def export_cases(cases: list[Case], path: str | Path) -> Path:
    """Write the cases to a .csv (UTF-8 with BOM, so Excel reads it right) or .xlsx file."""
    p = Path(path).expanduser()
    rows = [row_of_case(c) for c in cases]
    try:
        if p.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            wb = Workbook(write_only=False)
            ws = wb.active
            ws.title = "Cases"
            ws.append(list(COLUMNS))
            for r in rows:
                ws.append([_xlsx_text(r[c]) for c in COLUMNS])
            for row in ws.iter_rows(min_row=2):
                for cell in row:  # text, never a formula: shown exactly as stored
                    if isinstance(cell.value, str) and cell.value:
                        cell.data_type = "s"
                        if cell.value.startswith(FORMULA_START):
                            cell.quotePrefix = True
            wb.save(p)
        elif p.suffix.lower() == ".csv":
            with p.open("w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                w.writerow(COLUMNS)
                for r in rows:
                    w.writerow([escape_formula(r[c]) for c in COLUMNS])
        else:
            raise InvalidInput(f"{p.name}: export writes .csv or .xlsx files", cite=CITE, fix="Name the file …csv or …xlsx")
    except OSError as exc:
        raise InvalidInput(f"cannot write {p}: {exc.strerror}", cite=CITE, fix="Choose a folder you can write to") from None
    return p


def _xlsx_text(text: str) -> str:
    """Excel cannot hold control characters other than tab and line breaks: they are shown as codes."""
    return "".join(ch if ch in "\t\n" or ord(ch) >= 32 else f"\\x{ord(ch):02x}" for ch in text)


# -- the calendar feed --------------------------------------------------------------------------------
ALARM_DAYS = (3, 1)  # reminders a few days before each safe date: a setting of the feed, not a rule of the contract


def ics_feed(cases: list[Case], as_of: dt.date, contract: Any, name: str = "Case log deadlines") -> bytes:
    """An iCalendar file with every open deadline of the open cases (each grievance's open and projected steps and
    its arbitration's dates), each on its due date with the rule, the explanation and alarms before its safe date (on
    time whichever reading of the text is taken: lmcore.safe_date); a grievance step's text names both dates."""
    from icalendar import Alarm, Calendar, Event

    from ..arbitration.hearings import milestones as arbitration_milestones
    from ..grievance.engine import timeline
    from ..grievance.report import both_dates
    from .board import Memo

    memo = Memo(contract)
    cal = Calendar()
    cal.add("prodid", "-//lmcore//DOL AFGE Local 12 case log//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _ics_text(name))
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone.utc)
    for case in cases:
        if case.grievance is None or not case.is_open:
            continue
        try:
            t = timeline(case.grievance, memo, as_of, safe=True)
        except LmcoreError:
            continue
        items = [(m.name, m.due, m.safe_due or m.due, ("Projected: " if m.status == "projected" else "") + m.label, m.cite,
                  f"{both_dates(m)}\nWhat to do: {m.label} — {m.actor}.\n{m.explain()}") for m in t.milestones if m.is_open and m.due]
        g, a = case.grievance, case.arbitration
        if a is not None and g.invoked is not None:
            try:
                sched = arbitration_milestones(g.invoked, a.kind, memo, hearing=g.hearing, record_closed=a.record_closed)
                items += [(f"arbitration_{m.name}", m.due, m.due, m.deadline.label, m.cite, m.explain())
                          for m in sched.milestones if m.due >= as_of and m.name != "hearing_by"]
            except LmcoreError:
                pass
        for key, day, safe, label, cite, text in items:
            e = Event()
            who = f" — {case.case_id}" + (f": {case.title}" if case.title else "")
            e.add("uid", f"{_uid(case.case_id, key)}@lmcore")
            e.add("summary", _ics_text(f"{label}{who} ({cite})"))
            e.add("dtstart", day)
            e.add("dtend", day + dt.timedelta(days=1))
            e.add("dtstamp", stamp)
            e.add("description", _ics_text(f"Case {case.case_id}" + (f" ({case.title})" if case.title else "") + f"\n{text}"))
            e.add("transp", "TRANSPARENT")
            for days in ALARM_DAYS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                on = f"due {day.isoformat()}" + (f", safe date {safe.isoformat()}" if safe != day else "")
                alarm.add("description", _ics_text(f"{label}{who}: {on}"))
                alarm.add("trigger", dt.timedelta(days=-days - (day - safe).days))
                e.add_component(alarm)
            cal.add_component(e)
    return cal.to_ical()


def _uid(case_id: str, key: str) -> str:
    import hashlib

    return hashlib.sha1(f"{case_id}|{key}".encode("utf-8")).hexdigest()[:24]


def _ics_text(text: str) -> str:
    """Calendar text: CR/LF as one line break (icalendar escapes it as \\n), other control characters as codes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    return "".join(ch if ch in "\n\t" or (ord(ch) >= 32 and ord(ch) != 127) else f"\\x{ord(ch):02x}" for ch in text)


__all__ = ["COLUMNS", "ImportRefused", "RowProblem", "case_from_row", "cases_from_rows", "escape_formula", "export_cases",
           "ics_feed", "read_table", "row_of_case"]
