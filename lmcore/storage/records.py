"""One case of the case log as a value: the grievance (Art. 43, its dates and §13 agreements), who is involved,
what it is about, its arbitration (Art. 44), and the checks a case passes before it is written.

A case id is one visible line: every line or paragraph separator (U+2028, U+2029, U+0085), control character
(C0 and C1), bidirectional override or isolate and zero-width character is refused, so two cases can never look
the same while being different. Text printed to a terminal goes through `printable` (escape sequences never reach
the terminal raw).
"""
from __future__ import annotations

import datetime as dt
import unicodedata
import weakref
from dataclasses import dataclass, replace
from typing import Any

from ..errors import InvalidDate, InvalidInput, LmcoreError
from ..grievance.record import DATE_FIELDS, Extension, Grievance, Waiver
from ..grievance.steps import CONSOLIDATIONS, PATHS

CITE = "Art. 43"
MAX_ID = 80
MAX_NAME = 300  # a person's name, an agency, an arbitrator, a title
MAX_TITLE = 1_000
MAX_TEXT = 20_000  # the subject
STATUSES = ("open", "settled", "withdrawn", "closed")
ARBITRATION_KINDS = ("regular", "expedited", "stayed")
_INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E, 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x3164, 0xFFA0}
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F}


def bad_character(text: str) -> str | None:
    """The first character that may not stand in a case id, described; None if there is none."""
    if text.isascii() and text.isprintable():  # (every character refused below is a control or not ASCII)
        return None
    for ch in text:
        o = ord(ch)
        cat = unicodedata.category(ch)
        if o < 32 or o == 127 or 0x80 <= o < 0xA0:
            return f"a control character (U+{o:04X})" if o not in (10, 13, 0x85) else f"a line break (U+{o:04X})"
        if o in (0x2028, 0x2029):
            return f"a line or paragraph separator (U+{o:04X})"
        if o in _BIDI:
            return f"a bidirectional text control (U+{o:04X}), which can make a name display differently from what it is"
        if o in _INVISIBLE or cat == "Cf":
            return f"an invisible character (U+{o:04X})"
        if cat in ("Zl", "Zp", "Cs", "Co", "Cn"):
            return f"a character that cannot be shown (U+{o:04X})"
    return None


def check_case_id(case_id: Any) -> str:
    """A case id as stored: NFC-normalised, surrounding spaces removed, 1 to 80 visible characters on one line."""
    if case_id is not None and not isinstance(case_id, str):
        case_id = str(case_id)
    text = unicodedata.normalize("NFC", case_id or "").strip(" \t")
    if not text.strip():
        raise InvalidInput("the case name is empty", cite=CITE, fix="Give the case a short name, e.g. 2026-014 Smith")
    if (bad := bad_character(text)) is not None:
        what = "a line break" if "line break" in bad else bad
        raise InvalidInput(f"the case name contains {what}", cite=CITE,
                           fix="Write the name on one line with visible characters only")
    if len(text) > MAX_ID:
        raise InvalidInput(f"the case name is {len(text)} characters long; at most {MAX_ID} are kept", cite=CITE,
                           fix="Use a shorter name (put the details in the grievance's title)")
    return text


def printable(text: Any) -> str:
    """Text safe to print to a terminal: control characters (escape sequences, line breaks, C1, bidi controls) are
    shown as visible \\x.. / \\u.... codes instead of reaching the terminal raw."""
    out = []
    for ch in str(text):
        o = ord(ch)
        if o < 32 or o == 127 or 0x80 <= o < 0xA0 or o in _BIDI or o in (0x2028, 0x2029) or unicodedata.category(ch) == "Cf":
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


def check_text(value: Any, what: str, limit: int = MAX_NAME, *, one_line: bool = True) -> str:
    """A name or text as stored: a string, surrounding spaces removed, within its length limit."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"the {what} is not text ({type(value).__name__} {value!r:.40})", cite=CITE,
                           fix=f"Give the {what} as text")
    text = value.strip()
    if len(text) > limit:
        raise InvalidInput(f"the {what} is {len(text):,} characters long; at most {limit:,} are kept", cite=CITE,
                           fix=f"Shorten the {what}")
    if one_line and not text.isprintable() and any(ch in text for ch in "\n\r\u2028\u2029\x85"):
        raise InvalidInput(f"the {what} contains a line break", cite=CITE, fix=f"Write the {what} on one line")
    return text


@dataclass(frozen=True)
class Signatories:
    """Who agreed in writing to a §13 waiver or extension, for each party (the date is the waiver's or extension's)."""

    kind: str  # waiver or extension
    target: str  # the step waived or the milestone extended
    union: str = ""
    agency: str = ""


@dataclass(frozen=True)
class Arbitration:
    """The arbitration case of an invoked grievance (Art. 44): its track, the arbitrator designated, and when the
    record closed; its invocation, hearing and award dates are the grievance's own."""

    kind: str = "regular"
    arbitrator: str = ""
    record_closed: dt.date | None = None


@dataclass(frozen=True)
class Case:
    """A case as the log keeps it; `version` counts its saves (optimistic concurrency), `problem` says why a
    stored case cannot be used (then `grievance` is None)."""

    case_id: str
    grievance: Grievance | None
    grievants: tuple[str, ...] = ()
    steward: str = ""
    official: str = ""
    agency: str = ""
    subject: str = ""
    articles: tuple[str, ...] = ()
    signatories: tuple[Signatories, ...] = ()
    arbitration: Arbitration | None = None
    status: str = "open"
    version: int = 0
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""
    updated_by: str = ""
    problem: str | None = None
    shown_title: str = ""  # the stored title of a case whose record cannot be used

    @property
    def title(self) -> str:
        return self.grievance.title if self.grievance else self.shown_title

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def signatories_of(self, kind: str, target: str) -> Signatories:
        return next((s for s in self.signatories if s.kind == kind and s.target == target), Signatories(kind, target))

    def fields(self) -> dict[str, str | None]:
        """Every recorded field as text (None when empty): what the audit trail compares and exports write."""
        g = self.grievance
        out: dict[str, str | None] = {"status": self.status, "title": g.title if g else None,
                                      "path": g.path if g else None, "grievants": "; ".join(self.grievants) or None,
                                      "steward": self.steward or None, "official": self.official or None,
                                      "agency": self.agency or None, "subject": self.subject or None,
                                      "articles": "; ".join(self.articles) or None}
        if g is not None:
            for name, value in g.recorded().items():
                out[name] = value.isoformat()
            out["continuing"] = "yes" if g.continuing else None
            out["agencies"] = g.agencies if g.agencies != "single" else None
            out["consolidation"] = g.consolidation
            out["expedited"] = "yes" if g.expedited else None
            out["waivers"] = "; ".join(_agreement_text(self, "waiver", w.step, w) for w in g.waivers) or None
            out["extensions"] = "; ".join(_agreement_text(self, "extension", e.milestone, e) for e in g.extensions) or None
        a = self.arbitration
        out["arbitration_kind"] = a.kind if a else None
        out["arbitrator"] = (a.arbitrator or None) if a else None
        out["record_closed"] = a.record_closed.isoformat() if a and a.record_closed else None
        return {k: v for k, v in out.items()}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (the `--json` form of a case)."""
        g = self.grievance
        return {"case_id": self.case_id, "version": self.version, "status": self.status, "title": self.title,
                "grievants": list(self.grievants), "steward": self.steward, "official": self.official,
                "agency": self.agency, "subject": self.subject, "articles": list(self.articles),
                "grievance": g.to_mapping() if g else None,
                "signatories": [{"kind": s.kind, "target": s.target, "union": s.union, "agency": s.agency}
                                for s in self.signatories],
                "arbitration": None if self.arbitration is None else {
                    "kind": self.arbitration.kind, "arbitrator": self.arbitration.arbitrator,
                    "record_closed": self.arbitration.record_closed.isoformat() if self.arbitration.record_closed else None},
                "created_at": self.created_at, "created_by": self.created_by, "updated_at": self.updated_at,
                "updated_by": self.updated_by, "problem": self.problem}


def _agreement_text(case: Case, kind: str, target: str, item: Waiver | Extension) -> str:
    s = case.signatories_of(kind, target)
    terms = ""
    if isinstance(item, Extension):
        terms = f" +{item.workdays} workdays" if item.workdays else f" until {item.until.isoformat()}" if item.until else ""
    signed = f" signed {item.agreed_on.isoformat()}" if item.agreed_on else ""
    who = f" by {s.union or '?'} (Union) and {s.agency or '?'} (Agency)" if (s.union or s.agency) else ""
    return f"{target}{terms}{signed}{who}"


_CHECKED: weakref.WeakValueDictionary[int, Case] = weakref.WeakValueDictionary()  # what check_case returned, by id()


def check_case(case: Case) -> Case:
    """The case as it will be stored, or an LmcoreError naming the field: id, texts, status, the arbitration and
    the §13 signatories (each for a waiver or extension the grievance records). A case check_case returned is
    returned at once (checking is idempotent: an import's cases are not checked twice)."""
    if _CHECKED.get(id(case)) is case:
        return case
    checked = _check_case(case)
    _CHECKED[id(checked)] = checked
    return checked


def _check_case(case: Case) -> Case:
    g = case.grievance
    if not isinstance(g, Grievance):
        raise InvalidInput("the case has no grievance record", cite=CITE, fix="Give at least the learned date")
    _check_grievance(g)
    arb = case.arbitration
    if arb is not None:
        kind = str(arb.kind or "").strip().lower()
        if kind not in ARBITRATION_KINDS:
            raise InvalidInput(f"unknown kind of arbitration '{arb.kind}'", cite="Art. 44 §7",
                               fix="Use regular, expedited or stayed", field="arbitration_kind")
        if g.invoked is None:
            raise InvalidInput("an arbitration case needs the date arbitration was invoked", cite="Art. 43 §10",
                               fix="Give the invocation date (--invoked)", field="invoked")
        if arb.record_closed is not None and not isinstance(arb.record_closed, dt.date):
            raise InvalidDate("the date the record closed is not a date", cite="Art. 44 §8.e", field="record_closed")
        arb = Arbitration(kind, check_text(arb.arbitrator, "arbitrator's name"), arb.record_closed)
        if kind == "expedited" and not g.expedited:
            g = replace(g, expedited=True)
    elif g.invoked is not None:
        arb = Arbitration("expedited" if g.expedited else "stayed" if g.path == "removal-stay" else "regular")
    terms = {("waiver", w.step) for w in g.waivers} | {("extension", e.milestone) for e in g.extensions}
    signed = []
    for s in case.signatories:
        if (s.kind, s.target) not in terms:
            raise InvalidInput(f"signatories given for a {s.kind} of '{s.target}' that the case does not record",
                               cite="Art. 43 §13", fix="Record the waiver or extension itself too (--waive / --extend)",
                               field="signatories")
        signed.append(Signatories(s.kind, s.target, check_text(s.union, "Union signatory"),
                                  check_text(s.agency, "Agency signatory")))
    status = str(case.status or "open").strip().lower()
    if status not in STATUSES:
        raise InvalidInput(f"unknown case status '{case.status}'", cite=CITE, fix=f"Use one of: {', '.join(STATUSES)}",
                           field="status")
    cid = check_case_id(case.case_id)
    title = check_text(g.title, "title", MAX_TITLE, one_line=False)
    checked = dict(case_id=cid, grievance=g if title == g.title else replace(g, title=title),
                   grievants=tuple(n for n in (check_text(x, "grievant's name") for x in case.grievants) if n),
                   steward=check_text(case.steward, "steward's name"), official=check_text(case.official, "official's name"),
                   agency=check_text(case.agency, "agency"), subject=check_text(case.subject, "subject", MAX_TEXT, one_line=False),
                   articles=tuple(a for a in (check_text(x, "article cited") for x in case.articles) if a),
                   signatories=tuple(signed), arbitration=arb, status=status)
    if tuple(checked.values()) == tuple(getattr(case, k) for k in checked):
        return case  # already as it is stored
    return replace(case, **checked)


def _check_grievance(g: Grievance) -> None:
    """The grievance's fields have the types the engine expects (a stored or imported record may not)."""
    for name in DATE_FIELDS:
        value = getattr(g, name)
        if (value is not None or name == "learned") and not isinstance(value, dt.date):
            raise InvalidDate(f"the {DATE_FIELDS[name][0]} is not a date ({value!r:.40})", cite=DATE_FIELDS[name][1], field=name)
    if not isinstance(g.title, str):
        raise InvalidInput(f"the title is not text ({type(g.title).__name__} {g.title!r:.40})", cite=CITE, field="title")
    if g.path not in PATHS:
        raise InvalidInput(f"unknown grievance path '{g.path}'", cite="Art. 43 §7", fix=f"Use one of: {', '.join(PATHS)}",
                           field="path")
    if g.consolidation is not None and g.consolidation not in CONSOLIDATIONS:
        raise InvalidInput(f"unknown consolidation '{g.consolidation}'", cite="Art. 43 §8.c(2)",
                           fix=f"Use one of: {', '.join(CONSOLIDATIONS)}", field="consolidation")
    if g.agencies not in ("single", "multiple"):
        raise InvalidInput(f"agencies '{g.agencies}' is not single or multiple", cite="Art. 43 §8.b", field="agencies")
    for name in ("continuing", "expedited"):
        if not isinstance(getattr(g, name), bool):
            raise InvalidInput(f"{name} is not yes or no ({getattr(g, name)!r:.40})", cite=CITE, field=name)
    if not isinstance(g.waivers, tuple) or not all(isinstance(w, Waiver) for w in g.waivers):
        raise InvalidInput("the waivers are not a list of waivers", cite="Art. 43 §13.b", field="waivers")
    if not isinstance(g.extensions, tuple) or not all(isinstance(e, Extension) for e in g.extensions):
        raise InvalidInput("the extensions are not a list of extensions", cite="Art. 43 §13.a", field="extensions")
    for w in g.waivers:
        if w.step not in ("step1", "step2"):
            raise InvalidInput(f"waiver of '{w.step}': only step1 or step2 can be waived", cite="Art. 43 §13.b", field="waivers")
    for e in g.extensions:
        if e.workdays is not None and (isinstance(e.workdays, bool) or not isinstance(e.workdays, int) or e.workdays < 0):
            raise InvalidInput(f"extension of {e.milestone}: workdays {e.workdays!r} is not a whole number",
                               cite="Art. 43 §13.a", field="extensions")


def case_problem(exc: LmcoreError | Exception) -> str:
    return str(exc) if isinstance(exc, LmcoreError) else f"the stored record is not a case ({type(exc).__name__}: {exc})"


__all__ = ["Arbitration", "Case", "STATUSES", "Signatories", "bad_character", "case_problem", "check_case",
           "check_case_id", "check_text", "printable"]
