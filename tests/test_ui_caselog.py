""""My case log" on the grievance dashboard (lmcore.ui.caselog): save the page's grievance, the agenda table with
the hand-counted due date (Art. 43 §7.a(1)), open a case back into the form, escaping, errors beside the name,
and the log read only once the page is shown (so executing the notebook never touches anyone's log)."""
from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from lmcore.storage.caselog import CaseLog  # noqa: E402
from lmcore.storage.records import Case  # noqa: E402
from lmcore.grievance import Grievance, Waiver  # noqa: E402
from lmcore.ui.grievance import build_app  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
D = dt.date
PARAMS = {"learned": "2026-11-18", "path": "employee"}


def shown(app) -> None:
    """What the browser does when the section appears: it reports a view."""
    app.caselog.widget._view_count = 1


@pytest.fixture
def app(contract, tmp_path):
    a = build_app(contract, as_of=AS_OF, params=PARAMS, caselog=tmp_path / "cases.sqlite")
    shown(a)
    return a


def test_classes(app):
    s = app.caselog
    assert "lmcore-caselog" in s.widget._dom_classes and s.widget in app.widget.children
    assert "lmcore-caselog-name" in s.name._dom_classes and "lmcore-caselog-save" in s.save_button._dom_classes
    assert "lmcore-caselog-table" in s.table._dom_classes
    assert "lmcore-error" in s.name_field.error._dom_classes


def test_nothing_is_read_or_created_until_the_page_is_shown(contract, tmp_path):
    """nbconvert/nbval execute the notebook without a browser: the user's log stays untouched."""
    path = tmp_path / "cases.sqlite"
    CaseLog(path).add(Case("secret case", Grievance(learned=D(2026, 11, 18))))
    a = build_app(contract, as_of=AS_OF, params=PARAMS, caselog=path)
    assert "secret case" not in a.caselog.table.value and a.caselog.pick.options == ()
    shown(a)
    assert "secret case" in a.caselog.table.value
    b = build_app(contract, as_of=AS_OF, params=PARAMS, caselog=tmp_path / "new" / "cases.sqlite")
    shown(b)
    assert "No cases saved yet" in b.caselog.table.value
    assert not (tmp_path / "new").exists()  # a log is created by the first save only


def test_save_shows_the_case_in_the_table(app):
    """Art. 43 §7.a(1): learned Wed 11-18; day 1 = Thu 11-19; Thu 11-26 Thanksgiving skipped → day 20 = Thu 12-17."""
    summary = app.summary()
    app.title.value = "Overtime rotation"
    app.caselog.name.value = "  smith  "
    assert app.caselog.save()
    assert "Saved “smith”" in app.caselog.message.value
    table = app.caselog.table.value
    assert "<b>smith</b>" in table and "Overtime rotation" in table
    assert "Thu 2026-12-17" in table and "File the grievance at Step 1" in table and "Art. 43 §7.a(1)" in table
    assert "Thanksgiving Day" in table  # the explanation that defends the date
    assert CaseLog(app.caselog.log().path).grievance("smith") == app.grievance()
    assert app.summary() == summary  # the log's contents never reach the summary (nbval compares it)
    assert app.caselog.pick.value == "smith"
    app.caselog.name.value = "smith"
    assert app.caselog.save() and "(version 1)" in app.caselog.message.value  # nothing changed: no new version
    app.title.value = "Overtime rotation – J. Smith"
    assert app.caselog.save() and "Saved “smith” (version 2)" in app.caselog.message.value  # the case it saved: next version


def test_saving_over_a_case_not_opened_here_is_refused(app, contract, tmp_path):
    """Two tabs: one saved "smith"; the other did not open it, so its save would silently replace it: refused."""
    CaseLog(tmp_path / "cases.sqlite").add(Case("smith", Grievance(learned=D(2026, 11, 2))))
    app.caselog.name.value = "smith"
    assert not app.caselog.save()
    assert "already in the case log" in app.caselog.name_field.error.value
    assert CaseLog(tmp_path / "cases.sqlite").grievance("smith").learned == D(2026, 11, 2)


def test_a_stale_tab_is_refused_with_who_changed_what(app, tmp_path):
    app.caselog.name.value = "smith"
    assert app.caselog.save()
    other = CaseLog(tmp_path / "cases.sqlite")
    other.edit("smith", lambda c: __import__("dataclasses").replace(c, steward="Bo Chen"), by="bob")
    assert not app.caselog.save()
    err = app.caselog.name_field.error.value
    assert "was changed since your version 1" in err and "bob" in err and "Bo Chen" in err


def test_agenda_order_in_the_table(app):
    """Art. 43 §7.b(1): learned Mon 11-02, filed Wed 11-04, no meeting → appeal due Fri 12-04 (see test_caselog.py),
    before smith's filing due Thu 12-17."""
    app.caselog.name.value = "smith"
    app.caselog.save()
    app.fields["learned"].set(D(2026, 11, 2))
    app.fields["filed"].set(D(2026, 11, 4))
    app.caselog.name.value = "jones"
    app.caselog.save()
    table = app.caselog.table.value
    assert table.index("<b>jones</b>") < table.index("Fri 2026-12-04") < table.index("<b>smith</b>") < table.index("Thu 2026-12-17")
    assert "Appeal to Step 2" in table and "Art. 43 §7.b(1)" in table


def test_open_fills_the_form(app):
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), waivers=(Waiver("step2", D(2026, 11, 20)),),
                  title="Telework denial – R. Jones")
    app.caselog.log(create=True).add(Case("jones", g))
    app.caselog.load()
    assert [v for _, v in app.caselog.pick.options] == ["jones"]
    app.caselog.pick.value = "jones"
    assert app.caselog.open()
    assert app.fields["learned"].value == D(2026, 11, 2) and app.fields["filed"].value == D(2026, 11, 4)
    assert app.waive2.value and app.waive2_on.value == D(2026, 11, 20) and not app.waive1.value
    assert app.title.value == "Telework denial – R. Jones" and app.caselog.name.value == "jones"
    assert app.grievance() == g and app.problem is None
    # Step 2 waived on Thu 11-20 (§13.b): arbitration is now the step at hand (Art. 43 §10)
    assert "Step at hand: arbitration_invocation (Art. 43 §10)" in app.summary()


def test_open_keeps_the_saved_path(app):
    """The screening's own path suggestion does not override the saved case's path."""
    g = Grievance(learned=D(2026, 11, 18), path="union-institutional", agencies="multiple")
    app.caselog.log(create=True).add(Case("union", g))
    app.caselog.load()
    app.caselog.pick.value = "union"
    assert app.caselog.open()
    assert app.path.value == "union-institutional" and app.agencies.value == "multiple" and app.grievance() == g


def test_case_names_are_escaped(app):
    app.caselog.name.value = "<img src=x onerror=alert(1)>"
    app.title.value = "<script>alert(2)</script>"
    assert app.caselog.save()
    table = app.caselog.table.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in table and "<img" not in table
    assert "&lt;script&gt;" in table and "<script" not in table
    assert "<img" not in app.caselog.message.value


@pytest.mark.parametrize("name,words", [("", "the case name is empty"), ("x" * 81, "81 characters")])
def test_bad_name_shown_beside_the_field(app, name, words):
    app.caselog.name.value = name
    assert not app.caselog.save()
    assert words in app.caselog.name_field.error.value and "Art. 43" in app.caselog.name_field.error.value
    assert app.caselog.name.value == name  # what was typed stays
    assert "No cases saved yet" in app.caselog.table.value
    app.caselog.name.value = "ok"
    assert app.caselog.save() and app.caselog.name_field.error.value == ""


def test_a_page_with_a_problem_is_not_saved(app):
    app.fields["filed"].set(D(2026, 11, 30))  # after "as of" Mon 11-23
    assert app.problem
    app.caselog.name.value = "smith"
    assert not app.caselog.save()
    assert "has a problem" in app.caselog.name_field.error.value


def test_remove_asks_twice(app):
    app.caselog.name.value = "smith"
    app.caselog.save()
    assert not app.caselog.remove() and "Click the button again" in app.caselog.message.value
    assert app.caselog.remove()
    assert "No cases saved yet" in app.caselog.table.value and app.caselog.pick.options == ()


def test_a_log_that_cannot_be_used_says_so_and_the_page_works(contract, tmp_path):
    foreign = tmp_path / "notes.sqlite"
    foreign.write_text("not a database " * 100)
    a = build_app(contract, as_of=AS_OF, params=PARAMS, caselog=foreign)
    shown(a)
    assert "is not an lmcore case log" in a.caselog.table.value
    assert "2026-12-17" in a.answer.value  # the timeline is still there
    (tmp_path / "file").write_text("x")
    b = build_app(contract, as_of=AS_OF, params=PARAMS, caselog=tmp_path / "file" / "cases.sqlite")
    shown(b)
    b.caselog.name.value = "smith"
    assert not b.caselog.save()
    assert "cannot create the folder" in b.caselog.name_field.error.value and b.caselog.name.value == "smith"


def test_default_log_is_the_users_own(contract, tmp_path, monkeypatch):
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "mine.sqlite"))
    a = build_app(contract, as_of=AS_OF, params=PARAMS)
    shown(a)
    a.caselog.name.value = "smith"
    assert a.caselog.save()
    assert CaseLog(tmp_path / "mine.sqlite").ids() == ["smith"]


def test_the_table_escapes_html_and_the_pick_list_too(app):
    app.caselog.name.value = "<b>x</b>"
    assert app.caselog.save()
    assert "&lt;b&gt;x&lt;/b&gt;" in app.caselog.table.value and "<b>x</b>" not in app.caselog.table.value.replace("<b>&lt;", "")


def test_as_of_change_redraws_the_agenda(app):
    """As of Thu 12-18 smith's filing (due Thu 12-17, Art. 43 §7.a(1)) is missed: the grievance ended (§12)."""
    app.caselog.name.value = "smith"
    app.caselog.save()
    app.as_of.set(D(2026, 12, 18))
    assert "As of Fri 2026-12-18" in app.caselog.table.value and ">missed<" in app.caselog.table.value


# -- the case log page (lmcore.ui.case_log, notebooks/case_log.ipynb) --------------------------------------------
from lmcore.ui import case_log  # noqa: E402


@pytest.fixture
def page(contract, tmp_path):
    p = case_log.build_app(contract, as_of=AS_OF, where=tmp_path / "cases.sqlite")
    p.widget._view_count = 1  # shown in a browser: the log opens
    return p


def test_page_opens_the_log_only_when_shown(contract, tmp_path):
    p = case_log.build_app(contract, as_of=AS_OF, where=tmp_path / "x.sqlite")
    assert p.log is None and not (tmp_path / "x.sqlite").exists() and "opens when the page is shown" in p.summary()
    p.widget._view_count = 1
    assert p.log is not None


def test_page_add_edit_and_board(page, tmp_path):
    """Art. 43 §7.a(1): learned Wed 11-18; day 1 = Thu 11-19; Thanksgiving 11-26 skipped → day 20 = Thu 12-17 (later:
    after Tue 12-08, the 10th workday after Mon 11-23)."""
    page.case_id.widget.value = "smith"
    page.dates["learned"].widget.value = "2026-11-18"
    page.texts["steward"].widget.value = "Ann <b>Lee</b>"
    page.user.widget.value = "alice"
    assert page.save()
    assert "Thu 2026-12-17" in page.board.value and "Art. 43 §7.a(1)" in page.board.value
    assert "Ann &lt;b&gt;Lee&lt;/b&gt;" in page.board.value and "<b>Lee</b>" not in page.board.value
    assert "0 overdue" in page.answer.value and "1 of 1 open case" in page.answer.value
    assert "alice" in page.history.value and "learned" in page.history.value
    page.dates["filed"].widget.value = "2026-11-20"  # Art. 43 §7.a(3): meeting 5 workdays after Fri 11-20 → Mon 11-30
    assert page.save() and "version 2" in page.form_message.value and "Mon 2026-11-30" in page.board.value
    assert "lmcore-download-summary" in page.case_downloads.value and "lmcore-download-backup" in page.downloads.value


def test_page_bad_date_keeps_what_was_typed(page):
    page.case_id.widget.value = "x"
    page.dates["learned"].widget.value = "2026-02-30"
    assert "is not a date" in page.dates["learned"].error.value
    assert not page.save() and page.dates["learned"].widget.value == "2026-02-30" and page.log.ids() == []


def test_page_refuses_a_stale_save(page, tmp_path):
    page.case_id.widget.value = "smith"
    page.dates["learned"].widget.value = "2026-11-18"
    assert page.save()
    CaseLog(tmp_path / "cases.sqlite").edit("smith", lambda c: __import__("dataclasses").replace(c, steward="Bo"), by="bob")
    page.texts["steward"].widget.value = "Cy"
    assert not page.save() and "bob" in page.form_message.value and "changed since your version 1" in page.form_message.value


def test_page_what_if_closure_shows_moves_before_applying(page):
    """A closure on Mon 12-14 moves smith's day 20 (Art. 43 §7.a(1)) from Thu 12-17 to Fri 12-18."""
    page.case_id.widget.value = "smith"
    page.dates["learned"].widget.value = "2026-11-18"
    page.save()
    page.whatif_day.widget.value = "2026-12-14"
    page.preview()
    assert "2026-12-17" in page.whatif_out.value and "→ 2026-12-18" in page.whatif_out.value
    assert "Thu 2026-12-17" in page.board.value  # not applied yet
    page.apply()
    assert "Fri 2026-12-18" in page.board.value


def test_page_import_all_or_nothing(page):
    bad = b"case_id,learned\nok,2026-11-18\nbad,2026-13-01\n"
    page.upload.value = ({"name": "in.csv", "type": "text/csv", "size": len(bad), "content": memoryview(bad),
                          "last_modified": dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)},)
    assert "Nothing was imported" in page.import_out.value and "line 3, column learned" in page.import_out.value
    assert page.log.ids() == []


def test_page_shows_a_title_with_line_breaks(page, tmp_path):
    CaseLog(tmp_path / "cases.sqlite").add(Case("x", Grievance(learned=D(2026, 11, 18), title="one\r\ntwo")))
    page.refresh()
    assert page.open_case("x") and page.texts["title"].widget.value == "one\r\ntwo" and "one\r\ntwo" in page.board.value
