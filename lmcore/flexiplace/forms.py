"""The two Art. 10 forms filled in from form inputs as printable HTML: the Employee Self-Certification Safety
Checklist (§14) and the Standard Individual Flexiplace Work Agreement (§15).

The forms' words are read from the contract text itself; every value a user typed is escaped (html.escape).
No PDF: no PDF library is installed with lmcore, so the page is laid out for the browser's Print → Save as PDF.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.loading import contract_or_default
from ..deadlines import fmt_day
from ..errors import InvalidInput

if TYPE_CHECKING:
    from ..contract.book import Contract

CHECKLIST_FIELDS = {"name": "NAME:", "agency": "AGENCY:", "address": "ADDRESS:", "city_state": "CITY/STATE:",
                    "business_telephone": "BUSINESS TELEPHONE:", "supervisor": "SUPERVISOR:"}
AGREEMENT_FIELDS = {"name": "NAME:", "agency": "AGENCY:", "worksite_address": "ALTERNATE WORKSITE ADDRESS:",
                    "city_state": "CITY/STATE:", "business_telephone": "BUSINESS TELEPHONE:", "email": "E-MAIL",
                    "fax": "FAX NO.", "supervisor": "SUPERVISOR:"}
AGREEMENT_EXTRA = ("begin", "flexitime", "tour_from", "tour_to", "communication", "office_days", "agreement_completed")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_BLANK = re.compile(r"[\s\xa0]*\.$")
CSS = """
.lmcore-doc{font-family:Georgia,'Times New Roman',serif;max-width:7.5in;margin:0 auto;line-height:1.45;color:#000;background:#fff}
.lmcore-doc h1{font-size:1.05em;text-align:center;margin:0}.lmcore-doc h2{font-size:1.15em;text-align:center;margin:.2em 0 1em}
.lmcore-doc h3{font-size:1em;margin:1em 0 .3em}.lmcore-doc p{margin:.45em 0}
.lmcore-doc .fill{border-bottom:1px solid #000;padding:0 .35em;font-family:Arial,sans-serif}
.lmcore-doc .blank{display:inline-block;min-width:12em;border-bottom:1px solid #000}
.lmcore-doc ol{padding-left:2em}.lmcore-doc li{margin:.25em 0}.lmcore-doc .yn{margin-left:1em;white-space:nowrap}
.lmcore-doc .checks{border:1px solid #c90;background:#fff8e1;padding:.4em .8em;margin:1em 0;font-family:Arial,sans-serif;font-size:.9em}
@media print{.lmcore-doc .no-print{display:none}}
@page{size:letter;margin:.75in}
"""


@dataclass(frozen=True)
class Question:
    """One question of the §14 checklist, numbered as printed (1–26), with its part heading."""

    number: int
    part: str
    text: str
    cite: str

    @property
    def asks_a_need(self) -> bool:
        """'Do you need …?': here a Yes, not a No, is the answer to look at."""
        return self.text.startswith("Do you need")


@dataclass(frozen=True)
class Document:
    """A filled-in form: the page body (for a preview), the whole printable page and the checks shown on screen only."""

    title: str
    filename: str
    body: str
    checks: tuple[str, ...]

    @property
    def html(self) -> str:
        return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(self.title)}</title>'
                f"<style>{CSS}</style></head>\n<body>{self.body}</body></html>\n")


def _fill(value: Any) -> str:
    """A typed value, escaped, on a fill-in line; an empty value leaves a blank line to write on."""
    text = "" if value is None else str(value).strip()
    return f'<span class="fill">{html.escape(text)}</span>' if text else '<span class="blank">&nbsp;</span>'


def _unknown(form: Mapping[str, Any], known: tuple[str, ...], cite: str) -> None:
    extra = sorted(set(form) - set(known))
    if extra:
        raise InvalidInput(f"the form has no field {', '.join(repr(e) for e in extra)}", cite=cite, fix=f"Known fields: {', '.join(known)}")


def checklist_questions(contract: Contract | None = None) -> tuple[Question, ...]:
    """The 26 questions of the §14 checklist, read from the contract text (parts A and B)."""
    contract = contract_or_default(contract)
    out = []
    for part in contract.text.children("Art. 10 §14"):
        for q in contract.text.children(part):
            first = contract.section(q).text.split("\n")[0]
            number, text = first.split(". ", 1)
            out.append(Question(int(number), part.path[-1], text, str(q)))
    return tuple(out)


def safety_checklist(fields: Mapping[str, Any], answers: Mapping[Any, bool | None] | None = None, *,
                     duty_station: str = "", work_area: str = "", contract: Contract | None = None) -> Document:
    """The §14 Employee Self-Certification Safety Checklist, filled in; answers map question numbers to True/False."""
    contract = contract_or_default(contract)
    _unknown(fields, tuple(CHECKLIST_FIELDS), "Art. 10 §14")
    questions = {q.number: q for q in checklist_questions(contract)}
    marks: dict[int, bool | None] = {}
    for key, value in (answers or {}).items():
        try:
            n = int(key)
        except (TypeError, ValueError):
            n = -1
        if n not in questions:
            raise InvalidInput(f"the checklist has no question {key!r}", cite="Art. 10 §14", fix="Number the answers 1 to 26")
        marks[n] = None if value is None else bool(value)
    sec = contract.section("Art. 10 §14").text.split("\n")
    body = ['<div class="lmcore-doc">', "<h1>U.S. DEPARTMENT OF LABOR<br>FLEXIPLACE PROGRAM</h1>", f"<h2>{html.escape(sec[0])}</h2>"]
    body += [f"<p><b>{html.escape(label)}</b> {_fill(fields.get(key))}</p>" for key, label in CHECKLIST_FIELDS.items()]
    for line in sec[len(CHECKLIST_FIELDS) + 1:]:
        if line.startswith("The alternate duty station is"):
            body.append(f"<p>The alternate duty station is {_fill(duty_station)}.</p>")
        elif line.startswith("Describe the designated work area"):
            body.append(f"<p>Describe the designated work area in the alternate duty station {_fill(work_area)}.</p>")
        elif line.startswith("A. "):
            break
        else:
            body.append(f"<p>{html.escape(line)}</p>")
    for part in contract.text.children("Art. 10 §14"):
        body.append(f"<h3>{html.escape(contract.section(part).heading)}</h3><ol>")
        for q in (q for q in questions.values() if q.part == part.path[-1]):
            a = marks.get(q.number)
            yes, no = ("☒" if a is True else "☐"), ("☒" if a is False else "☐")
            body.append(f'<li value="{q.number}">{html.escape(q.text)}<span class="yn">{yes} Yes &nbsp; {no} No</span></li>')
        body.append("</ol>")
    tail = contract.section("Art. 10 §14.B.26").text.split("\n")[2:]
    body += [f"<p>{html.escape(t)}</p>" for t in tail]
    look = [q for q in questions.values() if marks.get(q.number) is (True if q.asks_a_need else False)]
    open_ = [n for n in questions if marks.get(n) is None]
    checks = []
    if look:
        checks.append("Answers to look at with the supervisor: " + "; ".join(f"{q.number}. {q.text} ({'Yes' if q.asks_a_need else 'No'})" for q in look)
                      + ". If either has safety concerns, consult the Agency's Safety and Health Officer (§14, note).")
    if open_:
        checks.append(f"Not answered: {', '.join(map(str, open_))} (part B applies only to a computer workstation).")
    checks.append("The supervisor keeps a copy with the written flexiplace agreement (§14, note).")
    body.append(_checks(checks))
    body.append("</div>")
    name = str(fields.get("name") or "employee").strip()
    return Document(f"Flexiplace safety checklist – {name}", "flexiplace_safety_checklist.html", "\n".join(body), tuple(checks))


def _tour_minutes(value: Any, what: str) -> int:
    try:
        t = dt.time.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"the {what} '{value}' is not a time of day", cite="Art. 10 §6.A", fix="Write it as HH:MM, e.g. 08:00") from None
    return t.hour * 60 + t.minute


def work_agreement(form: Mapping[str, Any], *, contract: Contract | None = None) -> Document:
    """The §15 Standard Individual Flexiplace Work Agreement, filled in from the form's fields."""
    contract = contract_or_default(contract)
    _unknown(form, (*AGREEMENT_FIELDS, *AGREEMENT_EXTRA), "Art. 10 §15")
    checks: list[str] = []
    begin = to_date(form["begin"], "first day of the arrangement") if form.get("begin") else None
    flexitime = form.get("flexitime")
    tour_from, tour_to = form.get("tour_from") or "", form.get("tour_to") or ""
    if flexitime is False and (tour_from or tour_to):
        tour = _tour_minutes(tour_to, "end of the tour") - _tour_minutes(tour_from, "start of the tour")
        want = round(float(contract.value("flexiplace.tour_hours")) * 60)
        if tour != want:
            raise InvalidInput(f"a tour from {tour_from} to {tour_to} is {tour / 60:g} hours; opting out of flexitime means an "
                               f"{want / 60:g}-hour tour of duty", cite="Art. 10 §6.A", fix=f"Make the tour {want // 60} h {want % 60} min long, e.g. 08:00 to {8 + want // 60:02d}:{want % 60:02d}")
    if flexitime is True and (tour_from or tour_to):
        raise InvalidInput("a fixed tour of duty is only written in when the employee opts out of flexitime", cite="Art. 10 §6.A",
                           fix="Leave the tour empty, or choose 'chooses not' to participate in flexitime")
    days = form.get("office_days") or ()
    if isinstance(days, str):
        days = tuple(d.strip() for d in days.split(",") if d.strip())
    bad = [d for d in days if d not in WEEKDAYS]
    if bad:
        raise InvalidInput(f"{', '.join(map(repr, bad))} is not a workday name", cite="Art. 10 §15", fix=f"Use {', '.join(WEEKDAYS)}")
    done = to_date(form["agreement_completed"], "date the agreement was completed") if form.get("agreement_completed") else None
    if done and begin:
        due = contract.deadline("flexiplace.start", done)
        if begin < done:
            checks.append(f"The arrangement begins {fmt_day(begin)}, before the agreement is completed ({fmt_day(done)}).")
        elif begin > due.due:
            checks.append(f"Begins {fmt_day(begin)}: later than {fmt_day(due.due)}, {due.amount} calendar days after completion, "
                          f"so circumstances must dictate otherwise ({due.cite}).")
        else:
            checks.append(f"Begins {fmt_day(begin)}: within {due.amount} calendar days of completion (by {fmt_day(due.due)}, {due.cite}).")
    missing = [AGREEMENT_FIELDS[k].rstrip(":.") for k in ("name", "worksite_address", "business_telephone") if not str(form.get(k) or "").strip()]
    if not str(form.get("email") or "").strip() and not str(form.get("fax") or "").strip():
        missing.append("E-MAIL or FAX NO")
    if missing:
        checks.append(f"§6.H: the agreement states name, worksite address, telephone, e-mail and/or fax unless prohibited by law; "
                      f"missing: {', '.join(missing)}. Management shall provide any omitted information upon receipt.")
    checks.append("§6.G–§6.H: after signing, the employee is encouraged to meet the Local 12 Agency Vice President or designee; "
                  "a copy of the executed agreement goes to the Union (N-1501).")
    lines = contract.section("Art. 10 §15").text.split("\n")
    body = ['<div class="lmcore-doc">', "<h1>U.S. DEPARTMENT OF LABOR<br>FLEXIPLACE PROGRAM</h1>", f"<h2>{html.escape(lines[0])}</h2>"]
    labels = {v: k for k, v in AGREEMENT_FIELDS.items()}
    chosen = {True: ("☒", "☐"), False: ("☐", "☒")}.get(flexitime, ("☐", "☐"))  # type: ignore[arg-type]
    for i, line in enumerate(lines[1:], start=1):
        if line in labels:
            body.append(f"<p><b>{html.escape(line)}</b> {_fill(form.get(labels[line]))}</p>")
        elif line.startswith("The employee's Flexiplace arrangement will begin on"):
            body.append(f"<p>The employee's Flexiplace arrangement will begin on {_fill(begin.strftime('%A, %B %d, %Y') if begin else '')}.</p>")
        elif line.startswith("The employee ¢ chooses"):
            body.append(f"<p>The employee {chosen[0]} chooses {chosen[1]} chooses not to participate in the office's flexitime plan.</p>")
        elif line.startswith("from") and line.rstrip().endswith("."):
            body.append(f"<p>from {_fill(tour_from)} to {_fill(tour_to)}.</p>")
        elif line == "." and lines[i - 1].endswith("by means of"):
            body[-1] = body[-1].removesuffix("</p>") + f" {_fill(form.get('communication'))}.</p>"
        elif line.startswith("The employee will report to the office on the following day(s)"):
            rest = line.split(" . ", 1)[1] if " . " in line else ""
            body.append(f"<p>The employee will report to the office on the following day(s) {_fill(', '.join(days))}. {html.escape(rest)}</p>")
        elif _BLANK.sub("", line) != line.rstrip(".") and "\xa0" in line:
            body.append(f"<p>{html.escape(_BLANK.sub('', line))} {_fill('')}.</p>")
        else:
            body.append(f"<p>{html.escape(line)}</p>")
    body.append(_checks(checks))
    body.append("</div>")
    name = str(form.get("name") or "employee").strip()
    return Document(f"Flexiplace work agreement – {name}", "flexiplace_work_agreement.html", "\n".join(body), tuple(checks))


def _checks(items: list[str]) -> str:
    lis = "".join(f"<li>{html.escape(c)}</li>" for c in items)
    return f'<div class="checks no-print"><b>Checks (not printed)</b><ul>{lis}</ul></div>'


__all__ = ["AGREEMENT_FIELDS", "CHECKLIST_FIELDS", "Document", "Question", "WEEKDAYS", "checklist_questions", "safety_checklist",
           "work_agreement"]
