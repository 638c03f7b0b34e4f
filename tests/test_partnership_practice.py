"""The self-assessment (Six Elements, Three Pillars, seven lessons), the annual report in the 1999 memorandum's five
categories, and the pre-decisional involvement log (issue 18). Scores are worked out by hand."""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore.errors import InvalidDate, InvalidInput, OutOfRange
from lmcore.partnership import PdiRecord, ReportEntry, annual_report, assess, categories, elements, lessons, pillars


def test_the_elements_lessons_and_pillars_come_from_the_sources():
    assert [e.title for e in elements()] == ["Launch", "Build", "Refine", "Problem Solve", "Grow", "Advance"]
    assert [x.title for x in lessons()] == ["Agree on the Mission", "Get It in Writing", "Limit Consultants",
                                            "Provide Multiple Forums", "Develop a Process for Input",
                                            "Break the Consensus Barrier", "Develop Partnering Skills"]
    assert [t for _, t in pillars()] == ["Trust", "Equity", "Communication"]
    assert all(e.lessons for e in elements())


def test_scores_radar_weakest_and_next_steps():
    """Launch rated 3 and 4 by two members → 3.5 (radar 3.5/4 = 0.875); Build and Advance tie lowest at 1."""
    a = assess({"launch": [3, 4], "build": 1, "refine": 2, "problem_solve": 2, "grow": 3, "advance": 1},
               lessons_done=["agree_on_mission"], pillar_ratings={"trust": 2, "equity": [1, 2], "communication": 3})
    assert a.radar() == {"labels": ["Launch", "Build", "Refine", "Problem Solve", "Grow", "Advance"],
                         "values": [0.875, 0.25, 0.5, 0.5, 0.75, 0.25], "scores": [3.5, 1.0, 2.0, 2.0, 3.0, 1.0]}
    assert [w.id for w in a.weakest] == ["build", "advance"]
    steps = [(n.lesson.id, n.because) for n in a.next_steps]
    # Build's lessons first, then Advance's not yet listed, then every other lesson not done (Agree on the Mission is done)
    assert steps[:3] == [("partnering_skills", "for Build, the weakest element"),
                         ("limit_consultants", "for Build, the weakest element"),
                         ("multiple_forums", "for Advance, the weakest element")]
    assert {s for s, _ in steps[3:]} == {"get_it_in_writing", "process_for_input", "consensus_barrier"}
    assert "agree_on_mission" not in [s for s, _ in steps]
    assert [round(p.score, 2) for p in a.pillars] == [2.0, 1.5, 3.0]
    assert "lmcore's own pairing" in a.explain()


@pytest.mark.parametrize("ratings, err, words", [
    ({"launch": 2}, InvalidInput, "no rating for 'build'"),
    ({"launch": 5, "build": 1, "refine": 1, "problem_solve": 1, "grow": 1, "advance": 1}, OutOfRange, "outside 0–4"),
    ({"launch": "high", "build": 1, "refine": 1, "problem_solve": 1, "grow": 1, "advance": 1}, InvalidInput, "not a number"),
    ({"launch": True, "build": 1, "refine": 1, "problem_solve": 1, "grow": 1, "advance": 1}, InvalidInput, "not a number"),
    ({"liftoff": 1}, InvalidInput, "not one of the Six Elements"),
])
def test_bad_ratings(ratings, err, words):
    with pytest.raises(err, match=words):
        assess(ratings)


def test_unknown_lesson_done():
    with pytest.raises(InvalidInput, match="not one of the seven lessons"):
        assess(dict.fromkeys(["launch", "build", "refine", "problem_solve", "grow", "advance"], 2), lessons_done=["hire_consultants"])


def test_report_sections_in_the_memorandum_order():
    assert [t for _, t in categories()] == ["Customer service", "Quality", "Productivity", "Efficiency", "Quality of worklife"]
    r = annual_report([ReportEntry("quality_of_worklife", "Telework expanded after the forum's proposal", "Agency LMRC",
                                   dt.date(2026, 6, 1)),
                       {"category": "customer_service", "improvement": "Answers to the public within 2 days",
                        "measure": "median 2 days (was 5)"}],
                      2026, efforts="Quarterly committee meetings and a PDI log.", union_involvement="Local 12 officers drafted it.")
    assert [s.id for s in r.sections] == ["customer_service", "quality", "productivity", "efficiency", "quality_of_worklife"]
    assert r.sections[0].entries[0].measure == "median 2 days (was 5)"
    assert r.gaps == ("No improvement recorded under quality.", "No improvement recorded under productivity.",
                      "No improvement recorded under efficiency.")
    assert "shall identify specific improvements in customer service" in r.rule


def test_report_without_efforts_or_union_input_says_so():
    r = annual_report([], 2026)
    assert r.gaps[0].startswith("A description of the nature and extent of the efforts")
    assert "must be prepared with the involvement and input of the unions" in r.gaps[1]


def test_report_page_escapes_what_was_typed():
    r = annual_report([{"category": "quality", "improvement": "<script>alert(1)</script>"}], 2026, parties="A & B")
    page = r.html()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "A &amp; B" in page


def test_report_bad_entries():
    with pytest.raises(InvalidInput, match="not one of the memorandum's categories"):
        annual_report([{"category": "morale", "improvement": "Better"}], 2026)
    with pytest.raises(InvalidInput, match="needs a description"):
        annual_report([{"category": "quality", "improvement": "  "}], 2026)
    with pytest.raises(InvalidInput, match="unknown report field 'cost'"):
        annual_report([{"category": "quality", "improvement": "x", "cost": 3}], 2026)


def test_pdi_record_stages_and_findings():
    """Information given Thu 2026-10-01, input Thu 10-15, decision Wed 10-14: decided before the input → not
    pre-decisional; 13 days for input."""
    early = PdiRecord("New telework policy", "2026-10-01", "2026-10-15", "2026-10-14")
    assert early.information_given == dt.date(2026, 10, 1) and early.stage == "decided"
    assert early.predecisional is False and early.days_for_input == 13
    assert "substantive information and involvement before establishing policies" in early.findings()[0]
    good = PdiRecord("Office move", dt.date(2026, 10, 1), dt.date(2026, 10, 8), dt.date(2026, 10, 20))
    assert good.predecisional is True and good.findings() == ()
    assert PdiRecord("Parking", "2026-10-01").stage == "information given"
    assert PdiRecord.from_mapping(good.to_dict()) == good


@pytest.mark.parametrize("kw, err, field", [
    ({"issue": " ", "information_given": "2026-10-01"}, InvalidInput, "issue"),
    ({"issue": "x", "information_given": None}, InvalidDate, "information_given"),
    ({"issue": "x", "information_given": "2026-02-30"}, InvalidDate, "information_given"),
    ({"issue": "x", "information_given": "2026-10-05", "input_received": "2026-10-01"}, InvalidDate, "input_received"),
    ({"issue": "x", "information_given": "2026-10-05", "decision": "2026-10-01"}, InvalidDate, "decision"),
])
def test_pdi_record_validation(kw, err, field):
    with pytest.raises(err) as e:
        PdiRecord(**kw)
    assert e.value.field == field


def test_pdi_from_mapping_refuses_unknown_fields():
    with pytest.raises(InvalidInput, match="unknown field 'owner'"):
        PdiRecord.from_mapping({"issue": "x", "information_given": "2026-10-01", "owner": "me"})
