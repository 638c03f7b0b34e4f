"""Dashboard: training (notebooks/training.ipynb). A trainee types a name (on JupyterHub the hub user is used and
shown), picks a track and a set, answers one scenario at a time, and sees it graded by lmcore's own rules — the
rule's explanation, the likely slip in words — then can open the case in the dashboard that answers it, its facts
filled in. Every graded answer is stored (lmcore.storage.training) for the trainer's view; logic lives in
lmcore.training, this wires widgets.

`build_app(contract=None, as_of=date, params=None, where=None, library=None)` → `TrainingApp` (`.widget`, `.summary()`).
Link: `?set=grievance-basics&track=steward&scenario=step1-filing-thanksgiving`. The database (`where`, else the
setting) is opened by the first answer checked — never while a notebook is executed without a browser.
CSS classes: `lmcore-training-name`, `lmcore-training-answer-date`, `-number`, `-choice`, `lmcore-training-check`,
`lmcore-training-next`, `lmcore-training-feedback`, `lmcore-training-link`.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import ipywidgets as W

from ..errors import LmcoreError
from . import CSS_ANSWER, Field, app_box, cite_html, esc, html_widget, lean, mark_ready
from .training_cards import card_html, feedback_html, headline_html
from .practice_parts import DateText, choose, read_date

TRACKS = [("Steward", "steward"), ("Manager", "manager"), ("Every track", "both")]
TRACK_WORDS = {"steward": "stewards", "manager": "managers", "both": "every track"}
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
FIRST_SET = "grievance-basics"  # the set a trainee starts with when the link names none (else the folder's first)


@lru_cache(maxsize=16)
def dashboard_title(notebook: str) -> str:
    """A dashboard's title as its notebook names it (the landing page's card title)."""
    from .landing import describe

    path = NOTEBOOKS / notebook
    if not path.exists():
        return Path(notebook).stem.replace("_", " ").capitalize()
    return describe(path).title


class TrainingApp:
    """The widgets and glue of the training page; `check()` grades and records the answer given."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str], where: Any = None, library: Any = None):
        from ..training import load_scenarios
        from ..training.results import hub_user

        self.contract, self.as_of, self.where = contract, as_of, where
        self.lib = library if library is not None else load_scenarios(None, contract)
        self.store: Any = None
        self.session: list[Any] = []  # this page's graded answers (Grade), in order
        self._graded: tuple[str, str] | None = None
        notes: list[tuple[Field, str]] = []
        hub = hub_user()
        name_box = lean(W.Text, {"width": "16em"}, value=hub or "", placeholder="e.g. Maria Lopez", disabled=bool(hub))
        name_box.add_class("lmcore-training-name")
        self.name = Field(name_box, "Your name", f"signed in to JupyterHub as {hub}" if hub else "the trainer sees your answers under it")
        track, msg = choose(params, "track", TRACKS, "both", "a track (steward, manager or both)")
        self.track = Field(lean(W.Dropdown, {"width": "11em"}, options=TRACKS, value=track), "Track")
        msg and notes.append((self.track, msg))
        sets = [(st.title, st.id) for st in self.lib.sets]
        wanted = params.get("scenario", "").strip()
        in_lib = {s.id: s for s in self.lib.scenarios}
        first = FIRST_SET if FIRST_SET in [v for _, v in sets] else sets[0][1]
        default_set = in_lib[wanted].set_id if wanted in in_lib and not params.get("set") else first
        set_id, msg = choose(params, "set", sets, default_set, "a scenario set here")
        self.set = Field(lean(W.Dropdown, {"width": "24em"}, options=sets, value=set_id), "Scenario set")
        msg and notes.append((self.set, msg))
        self.pick = Field(lean(W.Dropdown, {"width": "32em"}, options=[]), "Question")
        self.prev_button = lean(W.Button, {"width": "auto"}, description="Previous", icon="arrow-left")
        self.next_button = lean(W.Button, {"width": "auto"}, description="Next question", icon="arrow-right")
        self.next_button.add_class("lmcore-training-next")
        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.card = html_widget()
        self.date_answer = DateText("Your answer", None, "a date: YYYY-MM-DD", what="answer", parse=read_date)
        self.date_answer.widget.add_class("lmcore-training-answer-date")
        self.number_answer = Field(lean(W.Text, {"width": "9em"}, placeholder="e.g. 7.5", continuous_update=False),
                                   "Your answer", "a number")
        self.number_answer.widget.add_class("lmcore-training-answer-number")
        self.choice_answer = Field(lean(W.RadioButtons, {"width": "auto"}, options=[("yes", "yes")], value=None),
                                   "Your answer", "choose one")
        self.choice_answer.widget.add_class("lmcore-training-answer-choice")
        self.check_button = lean(W.Button, {"width": "auto"}, description="Check my answer", button_style="primary", icon="check")
        self.check_button.add_class("lmcore-training-check")
        self.hint_button = lean(W.Button, {"width": "auto"}, description="Show a hint", icon="lightbulb-o")
        self.hints = html_widget()
        self.feedback = html_widget()
        self.feedback.add_class("lmcore-training-feedback")
        self.links = html_widget()
        self.links.add_class("lmcore-training-link")
        self.text_panel = html_widget()
        self.reference = W.Accordion(children=[self.text_panel], titles=("The contract's words",), selected_index=None)
        self.stored = html_widget()
        self.widget = app_box([
            W.HBox([self.name.box, self.track.box], layout=W.Layout(flex_flow="row wrap")),
            W.HBox([self.set.box, self.pick.box], layout=W.Layout(flex_flow="row wrap")),
            W.HBox([self.prev_button, self.next_button]), self.answer, self.card,
            self.date_answer.box, self.number_answer.box, self.choice_answer.box,
            W.HBox([self.check_button, self.hint_button]), self.hints, self.feedback, self.links, self.reference, self.stored])
        self.track.widget.observe(lambda _: self._fill_questions(), "value")
        self.set.widget.observe(lambda _: self._fill_questions(), "value")
        self.pick.widget.observe(lambda _: self.show(), "value")
        self.prev_button.on_click(lambda _: self.step(-1))
        self.next_button.on_click(lambda _: self.step(1))
        self.check_button.on_click(lambda _: self.check())
        self.hint_button.on_click(lambda _: self.hint())
        self.widget._view_count = 0
        self.widget.observe(lambda ch: (ch.get("new") or 0) > 0 and self._where(), "_view_count")
        self._fill_questions(wanted or None)
        if wanted and self.pick.widget.value != wanted:
            why = "is not a question of this set and track" if wanted in in_lib else "is not a question here"
            notes.append((self.pick, f"The link's scenario={wanted} {why}; showing the first one."))
        for field, message in notes:
            field.show_error(message)
        mark_ready(self.widget)

    # -- the questions ---------------------------------------------------------------------------------
    @property
    def pool(self) -> tuple[Any, ...]:
        return self.lib.select(self.track.widget.value, self.set.widget.value)

    @property
    def scenario(self) -> Any:
        sid = self.pick.widget.value
        return next((s for s in self.pool if s.id == sid), None)

    def _fill_questions(self, wanted: str | None = None) -> None:
        pool = self.pool
        keep = wanted or self.pick.widget.value
        self.pick.widget.options = [(f"{i}. {s.title}", s.id) for i, s in enumerate(pool, 1)]
        ids = [s.id for s in pool]
        self.pick.widget.value = keep if keep in ids else (ids[0] if ids else None)
        self.show()

    def step(self, by: int) -> None:
        ids = [v for _, v in self.pick.widget.options]
        if ids:
            i = ids.index(self.pick.widget.value) if self.pick.widget.value in ids else 0
            self.pick.widget.value = ids[max(0, min(len(ids) - 1, i + by))]

    def show(self) -> None:
        """Draw the current question: the story, the facts in words, the question and the box to answer it."""
        s = self.scenario
        self.hints.value = self.feedback.value = self.links.value = ""
        self._hint_no = 0
        self._graded = None
        for f in (self.name, self.date_answer, self.number_answer, self.choice_answer):
            f.clear()
        ids = [v for _, v in self.pick.widget.options]
        self.prev_button.disabled = not ids or self.pick.widget.value == ids[0]
        self.next_button.disabled = not ids or self.pick.widget.value == ids[-1]
        if s is None:
            set_title = self.lib.set(self.set.widget.value).title
            self.card.value = (f"<p><i>The set “{esc(set_title)}” has no question for {esc(TRACK_WORDS[self.track.widget.value])}; "
                               "choose another track or set.</i></p>")
            self.answer.value = "<p>No question to answer here.</p>"
            for f in (self.date_answer, self.number_answer, self.choice_answer):
                f.show(False)
            self.check_button.disabled = self.hint_button.disabled = True
            return
        self.card.value = card_html(s)
        self.date_answer.set(None)
        self.number_answer.widget.value = ""
        kind = "date" if s.answer_type == "date" else "number" if s.answer_type == "number" else "choice"
        if kind == "choice":
            opts = [("yes", "yes"), ("no", "no")] if s.answer_type == "yes/no" else [(label, key) for key, label in s.choices.items()]
            self.choice_answer.widget.options = opts
            self.choice_answer.widget.value = None
        self.number_answer.box.children[0].value = f"<b>Your answer</b><br><small>a number{esc(_unit(s.unit))}</small>"
        for k, f in (("date", self.date_answer), ("number", self.number_answer), ("choice", self.choice_answer)):
            f.show(k == kind)
        self.check_button.disabled = False
        self.hint_button.disabled = not s.hints
        self.hint_button.description = "Show a hint" if s.hints else "No hints for this one"
        self.text_panel.value = _cite_panel(self.contract, s.article)
        self.reference.set_title(0, f"The contract's words: {s.article}")
        self.answer.value = self._score_line("Answer the question below, then press <b>Check my answer</b>.")

    def hint(self) -> None:
        s = self.scenario
        if s is None or not s.hints:
            return
        self._hint_no = min(self._hint_no + 1, len(s.hints))
        self.hints.value = "".join(f"<p>Hint: <i>{esc(h)}</i></p>" for h in s.hints[: self._hint_no])

    # -- grading -------------------------------------------------------------------------------------
    def typed(self) -> Any:
        """The trainee's answer as the grader reads it; raises an lmcore error (shown beside the box) if it cannot be read."""
        s = self.scenario
        if s.answer_type == "date":
            return self.date_answer.read(required=True).isoformat()
        if s.answer_type == "number":
            text = self.number_answer.widget.value.strip()
            if not text:
                raise LmcoreError("the answer is empty", fix="Type a number, e.g. 7.5")
            return text
        if self.choice_answer.widget.value is None:
            raise LmcoreError("no answer chosen", fix="Choose one of the answers")
        return self.choice_answer.widget.value

    def _answer_field(self) -> Field:
        s = self.scenario
        return {"date": self.date_answer, "number": self.number_answer}.get(s.answer_type, self.choice_answer)

    def check(self) -> bool:
        """Grade the answer given and record it; a missing name or an answer that cannot be read is shown beside its
        box (and nothing is graded or recorded)."""
        from ..storage.training import trainee_name
        from ..training import attempt_from, grade

        s = self.scenario
        if s is None:
            return False
        field = self._answer_field()
        try:
            who = trainee_name(self.name.widget.value)
        except LmcoreError:
            self.name.show_error("Type your name first, so the trainer sees your answer.")
            return False
        self.name.clear()
        try:
            g = grade(s, self.typed(), self.contract)
        except LmcoreError as exc:
            field.show_error(str(exc))
            self.feedback.value = self.links.value = ""
            return False
        field.clear()
        key = (s.id, str(g.answer))
        if self._graded != key:  # the same answer checked twice is one answer
            self._graded = key
            self.session.append(g)
            self._record(attempt_from(g, who, track=self._track_for(s)))
        self.answer.value = self._score_line(headline_html(g))
        self.feedback.value = feedback_html(g)
        self.links.value = self._links_html(s)
        return True

    def _track_for(self, s: Any) -> str:
        chosen = self.track.widget.value
        return chosen if chosen in ("steward", "manager") else s.track

    def _record(self, attempt: Any) -> None:
        from ..storage.training import TrainingResults

        try:
            if self.store is None:
                self.store = TrainingResults(self.where)
            stored = self.store.record(attempt)
        except LmcoreError as exc:
            self.stored.value = (f"<p style='color:#b00020'>⚠ Your answer was graded but could not be kept for the trainer: "
                                 f"{esc(exc)}</p>")
            return
        self.stored.value = (f"<p><small>Recorded for {esc(stored.trainee)} at {stored.at:%H:%M} UTC, for the trainer's "
                             f"view (kept in {esc(self.store.where)}).</small></p>")

    def _score_line(self, head: str) -> str:
        n = len(self.session)
        ids = [v for _, v in self.pick.widget.options]
        where = (f"Question {ids.index(self.pick.widget.value) + 1} of {len(ids)}" if self.pick.widget.value in ids else "")
        score = f" · {sum(g.correct for g in self.session)} of {n} right so far" if n else ""
        return f"<p><small>{esc(where)}{esc(score)}</small></p><div>{head}</div>"

    def _links_html(self, s: Any) -> str:
        from urllib.parse import urlencode

        from ..training import prepared_link

        share = "training.ipynb?" + urlencode({"set": s.set_id, "track": self.track.widget.value, "scenario": s.id})
        parts = []
        link = prepared_link(s)
        if link is not None:
            from ..training.facts import label_words
            from ..training.asks import fact_label

            title = dashboard_title(link.notebook)
            left = "; ".join(label_words(fact_label(s.rule, k)).lower() for k in link.left_out)
            extra = f" The page cannot take these from the link: type them in from the facts above ({esc(left)})." if left else ""
            parts.append(f"<p><a href=\"{esc(link.href())}\" target=\"_blank\" rel=\"noopener\">Open this case in the "
                         f"{esc(title)} dashboard</a>, its facts filled in.{extra}</p>")
        parts.append(f"<p><small>A link to this question for others: <a href=\"{esc(share)}\">{esc(share)}</a></small></p>")
        return "".join(parts)

    def _where(self) -> None:
        """Say where the answers go, without opening (or creating) the database."""
        from ..storage.database import StorageError, resolve_url

        try:
            url = resolve_url(self.where)
        except StorageError as exc:
            self.stored.value = f"<p style='color:#b00020'>⚠ {esc(exc)}</p>"
            return
        place = url[len("sqlite:///"):] if url.startswith("sqlite:///") else "the training server's database"
        if not self.stored.value:
            self.stored.value = f"<p><small>Your answers are kept for the trainer in {esc(place)}.</small></p>"

    def summary(self) -> str:
        """Deterministic text for the notebook's tests (nothing read from the database)."""
        s = self.scenario
        head = (f"Training page as of {self.as_of.isoformat()}: {len(self.lib.scenarios)} questions in {len(self.lib.sets)} sets; "
                f"set “{self.lib.set(self.set.widget.value).title}”, {TRACK_WORDS[self.track.widget.value]}: "
                f"{len(self.pool)} questions.")
        if s is None:
            return head
        return head + f" Question 1: {s.title} ({s.article}) — {s.question.text} Answer as {_kind_words(s)}."


def _unit(unit: str | None) -> str:
    return {"usd": ", in dollars", None: ""}.get(unit, f", in {unit}")


def _kind_words(s: Any) -> str:
    return {"date": "a date", "number": "a number", "yes/no": "yes or no"}.get(s.answer_type, "one of the choices")


def _cite_panel(contract: Any, cite: str) -> str:
    try:
        return cite_html(contract, cite)
    except LmcoreError as exc:
        return f"<p>{esc(exc)}</p>"


def prepare(folder: Any = None) -> Any:
    """What the page needs before anyone asks for it — the scenario files, and the storage layer's code (the database
    itself is opened by the first answer) — so that a pre-heated kernel has paid for them (call it before
    `query_params`). Returns the scenario library for `build_app(library=…)`."""
    from ..contract.loading import load_contract
    import lmcore.storage.training  # noqa: F401  (SQLAlchemy is imported now, not at the first answer)
    from ..training import load_scenarios

    return load_scenarios(folder, load_contract())


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None,
              where: Any = None, library: Any = None) -> TrainingApp:
    """The training page, starting from `params` (set, track, scenario); `library` from `prepare()` (else the bundled
    scenarios); `where` the database (else the setting)."""
    from ..contract.loading import load_contract
    from .practice_parts import page_today

    return TrainingApp(contract or load_contract(), as_of or page_today(), dict(params or {}), where, library)
