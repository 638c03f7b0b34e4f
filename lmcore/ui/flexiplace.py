"""Dashboard: flexiplace (Art. 10). Is the employee eligible (§3, where item E is missing)? When is the supervisor's
decision due (§5.A), when must work at home begin (§5.C), how much notice for a recall, a service visit or a
termination (§6.E.4, §7, §8.B.1)? Is the decision grievable (§11)? And the §14 checklist and §15 agreement, filled in
and ready to print. Logic lives in lmcore.flexiplace and lmcore.flexiplace.forms; this wires widgets."""
from __future__ import annotations

import base64
import datetime as dt
import html
from typing import Any

import ipywidgets as W

from ..errors import InvalidInput, LmcoreError
from ..flexiplace.time_frames import EXTENSION
from . import (CSS_ANSWER, Field, app_box, cite_html, esc, html_widget, lean, mark_ready, not_default_html, query_params, show_link_notes)
from .inputs import FieldsNeedAttention, NumberText, check_fields, date_field, link_date_field, page_today
from .readings import Readings
from .safe_dates import safe_line, safe_text

READINGS = ["flexiplace.decision_due_nonworkday", "flexiplace.start_due_nonworkday", "flexiplace.inability_days",
            "count.days_before_event", "calendar.executive_order_closures"]
ANSWERS = [("not answered", "?"), ("met", "yes"), ("not met", "no")]
_BOOL = {"?": None, "yes": True, "no": False}
TABS = ("eligibility", "clocks", "documents")
CHECKLIST_KEYS = {"name", "agency", "address", "city_state", "business_telephone", "supervisor", "duty_station", "work_area"}
AGREEMENT_KEYS = {"name", "agency", "worksite_address", "city_state", "business_telephone", "email", "fax", "supervisor",
                  "communication", "tour_from", "tour_to"}


def _yesno(value: str | None) -> str:
    """A criterion's starting answer from the URL (?a=yes&d=no) as a dropdown value."""
    return {"1": "yes", "yes": "yes", "true": "yes", "0": "no", "no": "no", "false": "no"}.get(str(value).lower(), "?") if value else "?"


class FlexiplaceApp:
    """Eligibility, the clocks and the documents; the main answer is the decision due date (ISO). `summary()` as text."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str]):
        from ..flexiplace.arrangements import criteria, missing_items
        from ..flexiplace.forms import AGREEMENT_FIELDS, WEEKDAYS, checklist_questions

        self.base, self.as_of, self.results = contract, as_of, {}
        self.safe: dict[str, Any] = {}  # the safe dates of the time limits shown (decision, start, termination notice)
        p = params
        # -- eligibility, arrangement, grievability
        self.crit = {c.letter: lean(W.Dropdown, {"width": "10em"}, options=ANSWERS, value=_yesno(p.get(c.letter.lower())))
                     for c in criteria(contract)}
        rows = [W.HBox([html_widget(f"<b>{esc(c.letter)}.</b> {esc(c.question)}", width="44em"), self.crit[c.letter]])
                for c in criteria(contract)]
        rows.insert(4, html_widget(f'<p class="lmcore-flaw" style="background:#fff4d6;padding:4px"><b>{", ".join(missing_items(contract))}.</b> '
                              f"Missing from the printed text: the list runs {', '.join(c.letter for c in criteria(contract))}.</p>"))
        self.elig_out = html_widget()
        self.permanent = lean(W.Checkbox, value=p.get("permanent", "1") not in ("0", "no", "false"), description="Permanent, regular or recurring", indent=False)
        self.decision_kind = lean(W.Dropdown, {"width": "12em"}, options=["participation", "recall", "termination", "other"], value="participation")
        self.ppp = lean(W.Checkbox, value=False, description="A prohibited personnel practice is alleged", indent=False)
        self.griev_out = html_widget()
        # -- clocks
        self._link_notes: list[tuple[Field, str]] = []
        d = lambda k, label, help_="": link_date_field(p, k, label, None, help_, self._link_notes)  # noqa: E731
        self.requested = link_date_field(p, "requested", "Request made", as_of, "request for permanent flexiplace", self._link_notes)
        cite = contract.param("flexiplace.decision").cite
        self.extended = NumberText("Extension agreed", None, f"calendar days ({cite})", what=EXTENSION,
                                   whole=True, low=0, cite=cite, required=False, width="5em")
        self.extended.widget.value = p.get("extended_by", "0")  # the link's text, read by the box (a bad one is said)
        self.decided, self.agreement, self.started = d("decided", "Decision given", "optional"), d("agreement", "Agreement completed", "optional"), d("started", "Began at the alternate site", "optional")
        self.effective = d("effective", "Termination takes effect", "optional")
        self.recall = Field(lean(W.Text, {"width": "12em"}, value=p.get("recall", ""), placeholder="YYYY-MM-DD HH:MM", continuous_update=False),
                            "Recall to the office at", "optional")
        self.clock_out = html_widget()
        # -- documents
        self.form_kind = W.ToggleButtons(options=[("Safety checklist (§14)", "checklist"), ("Work agreement (§15)", "agreement")],
                                         value="checklist" if p.get("form") == "checklist" else "agreement", style={"button_width": "13em"})
        text = lambda k: lean(W.Text, {"width": "22em"}, value=p.get(k, ""), continuous_update=False)  # noqa: E731
        keys = dict(AGREEMENT_FIELDS) | {"address": "ADDRESS:", "duty_station": "Alternate duty station", "work_area": "Designated work area",
                                         "communication": "Start/stop times told by", "tour_from": "Tour from (HH:MM)", "tour_to": "Tour to (HH:MM)"}
        self.doc_fields = {k: Field(text(k), label.rstrip(":.").title() if label.isupper() else label) for k, label in keys.items()}
        self.begin = date_field("Arrangement begins", None)
        self.flexitime = lean(W.Dropdown, {"width": "22em"}, options=[("(not chosen)", "?"), ("chooses flexitime", "yes"), (f"chooses not (fixed {contract.value('flexiplace.tour_hours'):g}-hour tour)", "no")], value="?")
        self.office_days = lean(W.SelectMultiple, {"width": "12em"}, options=WEEKDAYS, value=(), rows=5)
        # Two lists (answered Yes / answered No) rather than 26 dropdowns: the page stays light.
        qs = [(f"{q.number}. {q.text}", q.number) for q in checklist_questions(contract)]
        self.said_yes, self.said_no = (lean(W.SelectMultiple, {"width": "44em"}, options=qs, value=(), rows=8) for _ in range(2))
        qrows = [html_widget("<small>Select the questions answered <b>Yes</b>, then those answered <b>No</b> (ctrl-click for several); "
                        "part B applies only to a computer workstation.</small>"), html_widget("<b>Answered Yes</b>"), self.said_yes,
                 html_widget("<b>Answered No</b>"), self.said_no]
        self.doc_error, self.preview, self.download = html_widget(), html_widget(), html_widget()
        self.agreement_only = [W.HBox([html_widget("<b>Flexitime</b>", width="230px"), self.flexitime]),
                               W.HBox([html_widget("<b>Office days</b><br><small>ctrl-click for several</small>", width="230px"),
                                       self.office_days])]
        self.checklist_only = W.Accordion(children=[W.VBox(qrows)], titles=("Safety checklist answers (§14)",), selected_index=None)
        self.readings = Readings(contract, READINGS, lambda _: self.refresh())

        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.tabs = W.Tab(children=[
            W.VBox([html_widget("<h4>Eligibility for the formal program (§3)</h4>"), *rows, self.elig_out,
                    html_widget("<h4>Formal or informal (§2), and is a decision grievable (§11)?</h4>"),
                    W.HBox([self.permanent, html_widget("&nbsp;Decision on:"), self.decision_kind, self.ppp]), self.griev_out,
                    html_widget(cite_html(contract, "Art. 10 §3")), html_widget(cite_html(contract, "Art. 10 §11"))]),
            W.VBox([self.requested.box, self.extended.box, self.decided.box, self.agreement.box, self.started.box, self.effective.box,
                    self.recall.box, self.clock_out, html_widget(cite_html(contract, "Art. 10 §5")), html_widget(cite_html(contract, "Art. 10 §8"))]),
            W.VBox([self.form_kind, *(f.box for f in self.doc_fields.values()), self.begin.box, *self.agreement_only, self.checklist_only,
                    self.doc_error, self.download, self.preview]),
        ], titles=("Eligibility", "Time frames", "Documents"))
        self.tabs.selected_index = TABS.index(p["tab"]) if p.get("tab") in TABS else 0
        on = lambda ws, fn: [w.observe(lambda _: fn(self.readings.contract()), names="value") for w in ws]  # noqa: E731
        on([*self.crit.values()], self._eligibility)
        on([self.permanent, self.decision_kind, self.ppp], self._grievability)
        on([self.requested.widget, self.extended.widget, self.decided.widget, self.agreement.widget, self.started.widget,
            self.effective.widget, self.recall.widget], self._clocks)
        on([self.form_kind, *(f.widget for f in self.doc_fields.values()), self.begin.widget, self.flexitime, self.office_days,
            self.said_yes, self.said_no, self.agreement.widget], self._document)
        self.widget = app_box([
            html_widget('<p class="lmcore-lede">Working at home or another approved site under Article 10: who is eligible, '
                   "the time limits of a request, and the two forms, filled in and ready to print.</p>"),
            self.answer, self.tabs, self.readings.box], title="Flexiplace (Art. 10)")
        self.refresh()
        show_link_notes(self._link_notes)
        mark_ready(self.widget)

    def refresh(self) -> None:
        contract = self.readings.contract()
        self._eligibility(contract)
        self._grievability(contract)
        self._clocks(contract)
        self._document(contract)

    def _eligibility(self, contract: Any) -> None:
        from ..flexiplace.arrangements import eligibility

        r = eligibility({k: _BOOL[w.value] for k, w in self.crit.items()}, contract)
        self.results["eligibility"] = r
        self.elig_out.value = f"<p><b>{esc(r.answer())}</b></p>"

    def _grievability(self, contract: Any) -> None:
        from ..flexiplace.arrangements import arrangement_type, grievability

        kind = "formal" if self.permanent.value else "informal"
        a = arrangement_type(self.permanent.value, self.permanent.value, contract=contract)
        g = grievability(self.decision_kind.value, kind, prohibited_personnel_practice=self.ppp.value, contract=contract)
        self.results["grievability"] = g
        self.griev_out.value = (f"<p>Arrangement: <b>{esc(a.answer)}</b>. {esc(g.question)} <b>{esc(g.answer)}</b>.</p>"
                                + "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in (*a.reasons, *g.reasons)) + "</ul>")

    def _clocks(self, contract: Any) -> None:
        from ..flexiplace.time_frames import clocks, inability_shown_from, recall_notice, termination_notice
        from ..safe_date import of_shown

        fields = {"decision": self.decided, "agreement": self.agreement, "alternate site": self.started, "start": self.started,
                  "extension": self.extended, "request": self.requested}
        for f in (*fields.values(), self.effective, self.recall):
            f.clear()
        try:
            check_fields([], typed=[self.requested, self.extended, self.decided, self.agreement, self.started, self.effective])
            c = clocks(self.requested.value, extended_by=self.extended.value or 0, decided=self.decided.value,
                       agreement_completed=self.agreement.value, started=self.started.value, contract=contract)
        except LmcoreError as exc:
            self.results["clocks"] = exc
            if not isinstance(exc, FieldsNeedAttention):  # those show their own messages beside them
                next((f for w, f in fields.items() if w in exc.what.lower()), self.requested).show_error(str(exc))
            self.answer.value = f'<div style="font-size:1.2em;color:#b00020">⚠ {esc(exc)}</div>'
            self.clock_out.value = ""
            self.safe = {}
            return
        self.results["clocks"] = c
        safe = self.safe = {"decision": of_shown(contract, c.decision), "start": of_shown(contract, c.start)}
        self.answer.value = (f'<div style="font-size:1.2em;padding:6px 0"><b>{esc(_decision_headline(c, self.as_of))}</b></div>'
                             + safe_line(safe["decision"]) + not_default_html((*c.decision.interpretations, *(c.start.interpretations if c.start else ()))))
        blocks = [(c.explain(), safe_line(safe["decision"], "Decision") + safe_line(safe["start"], "Start at the alternate site"))]
        if self.started.value or self.agreement.value:
            blocks.append((inability_shown_from(self.started.value or c.start.due, contract).explain(), ""))  # type: ignore[union-attr]
        for key, field, fn in (("termination", self.effective, lambda: termination_notice(self.effective.value, contract=contract)),
                               ("recall", self.recall, lambda: recall_notice(self.recall.value, contract=contract))):
            self.results.pop(key, None)
            if not field.value:
                continue
            try:
                self.results[key] = fn()
            except LmcoreError as exc:
                field.show_error(str(exc))
                continue
            line = ""
            if key == "termination":
                safe[key] = of_shown(contract, self.results[key].deadline)
                line = safe_line(safe[key], "Notice of termination")
            blocks.append((self.results[key].explain(), line))
        self.clock_out.value = "".join(f"<pre style='white-space:pre-wrap;font-family:inherit'>{esc(x)}</pre>{line}" for x, line in blocks)

    def _document(self, contract: Any) -> None:
        from ..flexiplace.forms import safety_checklist, work_agreement

        f = {k: str(w.value).strip() for k, w in self.doc_fields.items()}
        self.doc_error.value = ""
        checklist = self.form_kind.value == "checklist"
        for key, field in self.doc_fields.items():  # show only the fields of the form being filled in
            field.show(key in (CHECKLIST_KEYS if checklist else AGREEMENT_KEYS))
        self.begin.show(not checklist)
        for box in self.agreement_only:
            box.layout.display = "none" if checklist else None
        self.checklist_only.layout.display = None if checklist else "none"
        try:
            if self.form_kind.value != "checklist":
                check_fields([], typed=[self.begin])
            if self.form_kind.value == "checklist":
                doc = safety_checklist({k: f[k] for k in ("name", "agency", "address", "city_state", "business_telephone", "supervisor")},
                                       self._checklist_answers(), duty_station=f["duty_station"],
                                       work_area=f["work_area"], contract=contract)
            else:
                form = {k: f[k] for k in ("name", "agency", "worksite_address", "city_state", "business_telephone", "email", "fax",
                                          "supervisor", "communication", "tour_from", "tour_to")}
                doc = work_agreement({**form, "begin": self.begin.value, "flexitime": _BOOL[self.flexitime.value],
                                      "office_days": tuple(self.office_days.value), "agreement_completed": self.agreement.value},
                                     contract=contract)
        except LmcoreError as exc:
            self.results["document"] = exc
            near = {"tour": self.doc_fields["tour_from"], "time of day": self.doc_fields["tour_from"]}
            field = next((fld for word, fld in near.items() if word in exc.what.lower()), None)
            if isinstance(exc, FieldsNeedAttention):
                self.doc_error.value = f'<span style="color:#b00020">⚠ {esc(exc)}</span>'
            elif field is not None:
                field.show_error(str(exc))
            else:
                self.doc_error.value = f'<span class="lmcore-error" style="color:#b00020">⚠ {esc(exc)}</span>'
            self.download.value = self.preview.value = ""
            return
        self.doc_fields["tour_from"].clear()
        self.results["document"] = doc
        data = base64.b64encode(doc.html.encode("utf-8")).decode("ascii")
        self.download.value = (f'<a download="{esc(doc.filename)}" href="data:text/html;charset=utf-8;base64,{data}" '
                               f'style="font-weight:bold">⬇ Download {esc(doc.title)} (HTML; print it or save it as PDF)</a>')
        from ..flexiplace.forms import CSS

        self.preview.value = f"<style>{CSS}</style><div style='border:1px solid #ccc;padding:12px;max-height:40em;overflow:auto'>{doc.body}</div>"

    def _checklist_answers(self) -> dict[int, bool]:
        both = sorted(set(self.said_yes.value) & set(self.said_no.value))
        if both:
            raise InvalidInput(f"question {', '.join(map(str, both))} is marked both Yes and No", cite="Art. 10 §14",
                               fix="Give each question one answer")
        return {**{n: True for n in self.said_yes.value}, **{n: False for n in self.said_no.value}}

    def summary(self) -> str:
        lines = [f"Eligibility: {self.results['eligibility'].answer()}", f"Grievability: {self.results['grievability'].question} "
                 f"{self.results['grievability'].answer}"]
        c = self.results.get("clocks")
        if isinstance(c, LmcoreError):
            lines.append(f"Time frames: error: {c}")
        else:
            lines.append(f"Time frames: {c.answer()}")
            lines += [f"  {x}" for x in c.decision.explain().split("\n")[:2]] + safe_text(self.safe.get("decision"))
            if c.start is not None:
                lines.append(f"  Start at the alternate site by {c.start.due.isoformat()} ({c.start.cite}).")
                lines += safe_text(self.safe.get("start"))
        for key in ("termination", "recall"):
            if key in self.results:
                lines.append(f"  {self.results[key].answer()}")
                lines += safe_text(self.safe.get(key))
        d = self.results.get("document")
        lines.append(f"Document: error: {d}" if isinstance(d, LmcoreError) else f"Document: {d.title}; checks: " + " | ".join(d.checks))
        changed = [f"{i} = {w.value}" for i, w in self.readings.dropdowns.items() if w.value != self.base.choice(i)]
        lines.append("Readings switched from the default: " + (", ".join(changed) if changed else "none"))
        return "\n".join(lines)


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None) -> FlexiplaceApp:
    """The flexiplace dashboard; starting inputs from `params` (or the page's URL, e.g. ?requested=2026-11-23&extended_by=5)."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    raw = query_params(plots=False) if params is None else dict(params)
    return FlexiplaceApp(contract, as_of or page_today(), {k: html.unescape(str(v)) for k, v in raw.items()})


def _decision_headline(c: Any, as_of: dt.date) -> str:
    """The decision date and the request it is for, and where it stands on the as-of date (Art. 10 §5.A)."""
    from ..deadlines import fmt_day

    d = c.decision
    ext = f", {abs(d.amount) - c.extended_by} days + {c.extended_by} agreed" if c.extended_by else ""
    head = f"Decision due {d.due.isoformat()} ({d.due:%A}) on the flexiplace request of {fmt_day(c.requested)} ({d.cite}{ext})"
    if c.decided is not None:
        return head + f"; decided {fmt_day(c.decided)}: " + ("on time." if c.decision_on_time else "late.")
    return head + ("; not yet passed." if d.due >= as_of else f"; passed on {fmt_day(d.due)} with no decision entered.")
