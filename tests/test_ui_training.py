"""The training page and the trainer's view without a browser (lmcore.ui.training, lmcore.ui.training_results): the
link's set, track and question; a date box that never grades a half-typed or impossible date; grading with the slip
in words; each answer stored once for the trainer, who sees it; escaping; nothing read or created before the page is
shown. Expected dates are hand-counted (Art. 43 §7.a(1))."""
from __future__ import annotations

import base64
import datetime as dt
import re

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from lmcore.storage.training import TrainingResults  # noqa: E402
from lmcore.training import attempt_from, grade, load_scenarios  # noqa: E402
from lmcore.ui import training, training_results  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
LIB = load_scenarios()
THANKSGIVING = "step1-filing-thanksgiving"  # learned Fri 2026-11-13; day 20 = Mon 2026-12-14 (Thu 11-26 skipped)


@pytest.fixture(autouse=True)
def _no_hub(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "training.sqlite"


def page(contract, db, **params):
    return training.build_app(contract, as_of=AS_OF, params=params, where=db, library=LIB)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def answer_date(app, typed: str) -> bool:
    app.name.widget.value = app.name.widget.value or "Ana"
    app.date_answer.widget.value = typed
    return app.check()


def test_conventions_and_the_first_question(contract, db):
    app = page(contract, db)
    assert {"lmcore-app", "lmcore-ready"} <= set(app.widget._dom_classes)
    assert "lmcore-answer" in app.answer._dom_classes
    for f in (app.name, app.track, app.set, app.pick, app.date_answer, app.number_answer, app.choice_answer):
        assert "lmcore-error" in f.error._dom_classes and f.error in f.box.children
    assert app.set.widget.value == "grievance-basics" and app.track.widget.value == "both"
    assert app.scenario.id == THANKSGIVING
    assert "Filing at Step 1 across Thanksgiving" in app.card.value and "Fri 2026-11-13" in app.card.value
    assert app.date_answer.shown and not app.choice_answer.shown
    assert app.links.value == ""  # the case's dashboard opens only after answering (it would give the answer away)
    assert app.summary() == ("Training page as of 2026-11-23: 76 questions in 8 sets; set “Grievance deadlines, step by step”, "
                             "every track: 13 questions. Question 1: Filing at Step 1 across Thanksgiving (Art. 43 §7.a(1)) — "
                             "What is the last day to file the grievance at Step 1? Answer as a date.")


def test_nothing_is_created_until_an_answer_is_checked(contract, db):
    """Executing the notebook (nbval, nbconvert) or showing the page never creates or reads anyone's database."""
    app = page(contract, db)
    app.widget._view_count = 1
    assert not db.exists() and str(db) in app.stored.value
    assert answer_date(app, "2026-12-14")
    assert db.exists() and TrainingResults(db).count() == 1


def test_the_link_opens_a_set_track_and_question(contract, db):
    app = page(contract, db, set="grievance-basics", track="steward", scenario="step2-appeal-new-year")
    assert (app.set.widget.value, app.track.widget.value, app.scenario.id) == ("grievance-basics", "steward",
                                                                               "step2-appeal-new-year")
    assert all(s.track in ("steward", "both") for s in app.pool)
    only = page(contract, db, scenario="merit-staffing-route")  # the question's own set when the link names none
    assert only.scenario.id == "merit-staffing-route" and only.set.widget.value == LIB.get("merit-staffing-route").set_id


def test_a_link_value_the_page_cannot_use_is_said_beside_its_field(contract, db):
    app = page(contract, db, set="nope", track="chief", scenario="no-such-question")
    assert "set=nope is not a scenario set here; showing Grievance deadlines, step by step" in text(app.set.error.value)
    assert "track=chief is not a track" in text(app.track.error.value)
    assert "scenario=no-such-question is not a question here" in text(app.pick.error.value)
    wrong = page(contract, db, set="leave", scenario=THANKSGIVING)
    assert "is not a question of this set and track" in text(wrong.pick.error.value)


@pytest.mark.parametrize("typed, message", [
    ("2026-12-1", "is not a real calendar date"),       # half-typed
    ("2026-02-30", "is not a real calendar date"),      # no such day
    ("12/14/2026", "is written month/day or day/month"),  # only Dec 14 is a date: said, with its YYYY-MM-DD, not guessed
    ("Fri 2026-12-14", "2026-12-14 is a Monday"),        # the weekday contradicts the date
    ("", "the answer is missing"),
])
def test_a_date_that_cannot_be_read_is_never_graded(contract, db, typed, message):
    app = page(contract, db)
    assert not answer_date(app, typed)
    assert message in text(app.date_answer.error.value)
    assert app.date_answer.widget.value == typed  # what was typed stays
    assert app.feedback.value == "" and app.session == [] and not db.exists()


def test_the_weekday_is_shown_beside_a_date_that_can_be_read(contract, db):
    app = page(contract, db)
    app.date_answer.widget.value = "2026-12-14"
    assert "Mon 2026-12-14" in app.date_answer.echo.value and app.date_answer.error.value == ""


def test_a_wrong_date_is_graded_with_the_slip_and_stored_once(contract, db):
    """Fri 2026-12-11 is the count with Fri 11-13 itself as day 1 (11-13 = 1 … 12-11 = 20)."""
    app = page(contract, db)
    app.name.widget.value = "  Ben  "
    assert answer_date(app, "2026-12-11")
    head = text(app.answer.value)
    assert "Not quite: you answered Fri 2026-12-11; the answer is Mon 2026-12-14 (Art. 43 §7.a(1))" in head
    assert "Likely slip: you counted the day of the event (Fri 2026-11-13) as day 1" in head
    assert "0 of 1 right so far" in head
    fb = text(app.feedback.value)
    assert "Skipped: 10 weekend days; Thu 2026-11-26 Thanksgiving Day" in fb and "twenty (20) workdays" in fb
    assert app.check()  # the same answer checked again is one answer
    (a,) = TrainingResults(db).attempts()
    assert (a.trainee, a.scenario, a.answer, a.expected, a.correct, a.slip_kind, a.track) == (
        "Ben", THANKSGIVING, "2026-12-11", "2026-12-14", False, "event_day_counted", "steward")
    assert "Recorded for Ben" in app.stored.value
    assert answer_date(app, "Mon 2026-12-14")  # a changed answer is a second attempt
    assert "✔ Right: Mon 2026-12-14 (Art. 43 §7.a(1))" in text(app.answer.value) and "1 of 2 right so far" in text(app.answer.value)
    assert [x.correct for x in TrainingResults(db).attempts()] == [False, True]


def test_no_name_no_grade(contract, db):
    app = page(contract, db)
    app.date_answer.widget.value = "2026-12-14"
    assert not app.check()
    assert "Type your name first" in text(app.name.error.value) and app.feedback.value == "" and not db.exists()


def test_on_jupyterhub_the_hub_user_is_shown_and_recorded(contract, db, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "maria.lopez")
    app = page(contract, db)
    assert app.name.widget.value == "maria.lopez" and app.name.widget.disabled
    assert "signed in to JupyterHub as maria.lopez" in app.name.box.children[0].value
    assert answer_date(app, "2026-12-14")
    assert TrainingResults(db).trainees() == ("maria.lopez",)


def test_choice_yes_no_and_number_questions(contract, db):
    """Merit staffing goes to Step 2 (Art. 43 §7.a(2)); every number is graded by its own rule."""
    app = page(contract, db, scenario="merit-staffing-route")
    app.name.widget.value = "Ana"
    labels = dict(app.choice_answer.widget.options)
    assert "merit staffing, filed at Step 2 (§7.a(2))" in labels and app.choice_answer.shown
    assert not app.check() and "no answer chosen" in text(app.choice_answer.error.value)
    app.choice_answer.widget.value = "merit-staffing"
    assert app.check() and "Right" in text(app.answer.value)
    yes_no = next(s for s in LIB.scenarios if s.answer_type == "yes/no")
    app2 = page(contract, db, scenario=yes_no.id)
    assert [v for _, v in app2.choice_answer.widget.options] == ["yes", "no"]
    number = next(s for s in LIB.scenarios if s.answer_type == "number")
    app3 = page(contract, db, scenario=number.id)
    app3.name.widget.value = "Ana"
    app3.number_answer.widget.value = "lots"
    assert not app3.check() and "is not a number" in text(app3.number_answer.error.value)
    app3.number_answer.widget.value = str(number.expected)
    assert app3.check() and "Right" in text(app3.answer.value)


def test_after_answering_the_case_opens_in_its_dashboard(contract, db):
    app = page(contract, db, track="steward")
    answer_date(app, "2026-12-14")
    # as_of: the day grading judges the case on (the latest date of the facts, the day learned)
    assert 'href="grievance_timeline.ipynb?learned=2026-11-13&amp;path=employee&amp;as_of=2026-11-13"' in app.links.value
    assert "Open this case in the Grievance timeline dashboard" in app.links.value
    assert "training.ipynb?set=grievance-basics&amp;track=steward&amp;scenario=step1-filing-thanksgiving" in app.links.value
    pay = page(contract, db, scenario="credit-hours-thanksgiving-week")
    pay.name.widget.value = "Ana"
    pay.number_answer.widget.value = "0"
    pay.check()
    assert "work_schedules.ipynb?" in pay.links.value and "type them in from the facts above (the timesheet)" in pay.links.value
    assert "<table" in pay.card.value and "Mon 2026-11-16" in pay.card.value  # the timesheet as a table, with weekdays


def test_typed_names_are_escaped(contract, db):
    app = page(contract, db)
    app.name.widget.value = "<script>alert(1)</script>"
    answer_date(app, "2026-12-14")
    assert "<script>" not in app.stored.value and "&lt;script&gt;" in app.stored.value


def test_a_database_that_cannot_be_used_still_grades(contract, tmp_path):
    app = page(contract, tmp_path)  # a folder, not a file
    assert answer_date(app, "2026-12-14")
    assert "Right" in text(app.answer.value) and "could not be kept for the trainer" in text(app.stored.value)


ONE_MANAGER_QUESTION = """
set: {id: managers-only, title: "Only for managers"}
scenarios:
  - id: managers-filing
    title: "Filing at Step 1 across Thanksgiving"
    track: manager
    article: Art. 43 §7.a(1)
    story: "On Friday, November 13, 2026, an employee learns of the violation."
    rule: grievance.timeline
    facts: {learned: 2026-11-13, path: employee}
    question: {text: "What is the last day to file at Step 1?", ask: due, of: step1_filing}
    answer_type: date
    expected: 2026-12-14
"""


def test_a_track_and_set_with_no_question_say_so(contract, db, tmp_path):
    """A trainer's folder whose one question is for managers: a steward is told to choose another track."""
    (tmp_path / "set.yaml").write_text(ONE_MANAGER_QUESTION, encoding="utf-8")
    lib = load_scenarios(tmp_path, contract)
    app = training.build_app(contract, as_of=AS_OF, params={"track": "steward"}, where=db, library=lib)
    assert app.scenario is None and app.check_button.disabled and not app.check()
    assert "The set “Only for managers” has no question for stewards" in app.card.value
    app.track.widget.value = "manager"
    assert app.scenario.id == "managers-filing" and not app.check_button.disabled


# -- the trainer's view -------------------------------------------------------------------------------------
AT = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)


def _store(db):
    r = TrainingResults(db)
    g = lambda sid, ans: grade(LIB.get(sid), ans)  # noqa: E731
    r.record(attempt_from(g(THANKSGIVING, "2026-12-14"), "Ana", AT, "steward"))
    r.record(attempt_from(g(THANKSGIVING, "2026-12-11"), "Ben", AT, "steward"))
    r.record(attempt_from(g(THANKSGIVING, "2026-12-11"), "<b>Cy</b>", AT - dt.timedelta(days=7), "manager"))
    r.record(attempt_from(g("merit-staffing-route", "merit-staffing"), "Ben", AT, "steward"))
    return r


def results(contract, db, **params):
    return training_results.build_app(contract, as_of=AS_OF, params=params, where=db, library=LIB)


def test_the_trainers_view_reads_only_when_shown(contract, db):
    _store(db)
    app = results(contract, db)
    assert "read when this page is shown" in app.answer.value and app.missed.value == ""
    assert app.summary() == "Trainer's view as of 2026-11-23: the trainees' answers are read when the page is shown."
    app.widget._view_count = 1
    assert app.summary() == "Trainer's view as of 2026-11-23: 4 answers from 3 trainees."


def test_most_missed_first_with_the_typical_slip(contract, db):
    """Thanksgiving: Ana right, Ben and Cy both counted the event day (12-11) → 2 of 3 missed, typical slip the event
    day; merit staffing: Ben right."""
    _store(db)
    app = results(contract, db)
    app.widget._view_count = 1
    head = text(app.answer.value)
    assert head.startswith("4 answers from 3 trainees: 2 right (50%). Most often missed: Filing at Step 1 across Thanksgiving "
                           "(Art. 43 §7.a(1)), 2 of 3 answers wrong; typical slip: you counted the day of the event")
    assert "2 of 3 (67%)" in text(app.missed.value)
    assert "Counted the day of the event" in text(app.slips.value)
    assert "&lt;b&gt;Cy&lt;/b&gt;" in app.trainees.value and "<b>Cy</b>" not in app.trainees.value
    assert app.chart.value[:4] == b"\x89PNG" and app.chart.layout.display == "block"
    link = re.search(r"href='data:text/csv;charset=utf-8;base64,([^']+)'", app.download.value)
    csv_text = base64.b64decode(link.group(1)).decode()
    assert csv_text.splitlines()[0].startswith("trainee,scenario,set_id") and len(csv_text.splitlines()) == 5
    assert "program" not in head and "event_day_counted" not in app.slips.value  # slips in words, no program ids


def test_filters_and_a_bad_since_date(contract, db):
    _store(db)
    app = results(contract, db)
    app.widget._view_count = 1
    app.trainee.widget.value = "Ben"
    assert text(app.answer.value).startswith("2 answers from 1 trainee: 1 right (50%)")
    app.trainee.widget.value = ""
    app.since.widget.value = "2026-11-20"  # Cy answered a week before (Mon 11-16)
    assert text(app.answer.value).startswith("3 answers from 2 trainees")
    app.since.widget.value = "2026-11-3x"
    assert "is not a real calendar date" in text(app.since.error.value) and app.since.widget.value == "2026-11-3x"
    assert text(app.answer.value).startswith("3 answers from 2 trainees")  # kept, not redrawn for a bad date
    app.since.widget.value = ""
    app.track.widget.value = "manager"
    assert text(app.answer.value).startswith("1 answer from 1 trainee: 0 right (0%)")


def test_new_answers_appear_on_refresh(contract, db):
    app = results(contract, db, trainee="Dee")
    app.widget._view_count = 1
    assert "No answers yet" in app.answer.value and "No answers from “Dee” yet" in text(app.trainee.error.value)
    _store(db)
    app.refresh_button.click()
    assert text(app.answer.value).startswith("4 answers from 3 trainees")


def test_the_chart_labels_its_axes_in_words(contract, db):
    summary = _store(db).summary()
    fig = training_results.results_chart(summary, {THANKSGIVING: "Filing at Step 1 across Thanksgiving"})
    left, right = fig.axes
    assert left.get_xlabel() == "Answers missed (% of the answers to the question)"
    assert right.get_xlabel() == "Wrong answers the slip explains (number)"
    assert [t.get_text() for t in right.get_yticklabels()] == ["counted the day of the event"]
