"""Scenario files are validated on load: any mistake is one ScenarioError naming the file, the scenario and the field
(issue 18), and `check_folder` reports a trainer answer that disagrees with lmcore the same way."""
from __future__ import annotations

import copy

import pytest
import yaml

from lmcore import load_contract
from lmcore.errors import LmcoreError
from lmcore.training import ScenarioError, check_folder, load_file, load_scenarios

CONTRACT = load_contract()

# Art. 43 §7.a(1): learned Wed 2026-11-18; day 1 Thu 11-19; Thu 11-26 Thanksgiving skipped → day 20 Thu 2026-12-17.
GOOD = {
    "id": "filing-thanksgiving",
    "title": "Filing over Thanksgiving",
    "track": "steward",
    "article": "Art. 43 §7.a(1)",
    "story": "An employee learns of a violation on Wednesday, November 18, 2026.",
    "rule": "grievance.timeline",
    "facts": {"learned": "2026-11-18"},
    "question": {"text": "What is the last day to file at Step 1?", "ask": "due", "of": "step1_filing"},
    "answer_type": "date",
    "expected": "2026-12-17",
}


def write(folder, scenarios, name="set.yaml", set_id="trial"):
    path = folder / name
    # each scenario written out in full, as a trainer writes it (the same dict twice would be dumped as an alias, which
    # scenario files, read like the contract files, refuse)
    scenarios = [copy.deepcopy(s) for s in scenarios]
    path.write_text(yaml.safe_dump({"set": {"id": set_id, "title": "A trial set"}, "scenarios": scenarios}, sort_keys=False))
    return path


def variant(**changes):
    s = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            s.pop(key, None)
        else:
            s[key] = value
    return s


def test_a_good_file_loads(tmp_path):
    st = load_file(write(tmp_path, [GOOD]), CONTRACT)
    assert st.id == "trial" and [s.id for s in st.scenarios] == ["filing-thanksgiving"]
    s = st.scenarios[0]
    assert s.expected.isoformat() == "2026-12-17" and s.set_id == "trial" and s.question.of == "step1_filing"


@pytest.mark.parametrize("changes, field, words", [
    ({"track": "supervisor"}, "track", "steward"),
    ({"article": "Art. 43 §99"}, "article", ""),
    ({"rule": "grievance.magic"}, "rule", "grievance.timeline"),
    ({"question": {"text": "When is it due?", "ask": "when", "of": "step1_filing"}}, "question.ask", "due"),
    ({"question": {"text": "When is it due?", "ask": "due"}}, "question.of", "milestone"),
    ({"question": {"text": "When is it due?", "ask": "due", "of": "step9_party"}}, "question.of", "step1_filing"),
    ({"answer_type": "number"}, "answer_type", "date"),
    ({"facts": {"learnt": "2026-11-18"}}, "facts.learnt", "learned"),
    ({"facts": {}}, "facts.learned", "learned"),
    ({"expected": "2026-02-30"}, "expected", "YYYY-MM-DD"),
    ({"expected": "next Thursday"}, "expected", "YYYY-MM-DD"),
    ({"readings": {"count.magic": "x"}}, "readings.count.magic", "Known readings"),
    ({"readings": {"count.event_on_nonworkday": "sometimes"}}, "readings.count.event_on_nonworkday", "next_workday_is_day_1"),
    ({"choices": {"a": "A"}}, "choices", "choice"),
    ({"story": None}, "story", "missing"),
    ({"id": "Bad Id!"}, "id", ""),
    ({"surprise": 1}, "surprise", ""),
])
def test_a_bad_scenario_names_file_scenario_and_field(tmp_path, changes, field, words):
    path = write(tmp_path, [variant(**changes)])
    with pytest.raises(ScenarioError) as err:
        load_file(path, CONTRACT)
    msg = str(err.value)
    assert msg.startswith("set.yaml: scenario "), msg
    assert f"field '{field}'" in msg, msg
    assert words in msg
    assert "\n" not in msg and isinstance(err.value, LmcoreError)


def test_a_choice_answer_must_be_one_of_the_choices(tmp_path):
    s = variant(question={"text": "What is the status of the filing?", "ask": "status", "of": "step1_filing"},
                answer_type="choice", expected="late")
    with pytest.raises(ScenarioError, match="field 'expected'.*'late' is not one of the choices"):
        load_file(write(tmp_path, [s]), CONTRACT)


def test_a_scenario_without_an_id_is_named_by_its_place(tmp_path):
    with pytest.raises(ScenarioError, match=r"scenario '#2': field 'id': is missing"):
        load_file(write(tmp_path, [GOOD, variant(id=None)]), CONTRACT)


def test_set_header_and_yaml_errors(tmp_path):
    (tmp_path / "a.yaml").write_text("set: {id: a, title: A set}\nscenarios: [\n")
    with pytest.raises(ScenarioError, match=r"^a.yaml: not valid YAML \(line \d"):
        load_file(tmp_path / "a.yaml", CONTRACT)
    (tmp_path / "b.yaml").write_text(yaml.safe_dump({"scenarios": [GOOD]}))
    with pytest.raises(ScenarioError, match=r"^b.yaml: field 'set': is missing"):
        load_file(tmp_path / "b.yaml", CONTRACT)


def test_a_key_given_twice_is_refused_not_silently_overwritten(tmp_path):
    """A trainer who writes `expected:` twice means one of them: YAML would keep the last; lmcore names the line."""
    text = yaml.safe_dump({"set": {"id": "a", "title": "A set"}, "scenarios": [GOOD]}, sort_keys=False)
    text = text.replace("  expected:", "  expected: '2001-01-01'\n  expected:", 1)
    (tmp_path / "a.yaml").write_text(text)
    twice = r"^a.yaml: not valid YAML \(line \d+\): key 'expected' is given twice"
    with pytest.raises(ScenarioError, match=twice) as err:
        load_file(tmp_path / "a.yaml", CONTRACT)
    assert "\n" not in str(err.value)


def test_ids_are_unique_in_a_file_and_across_a_folder(tmp_path):
    with pytest.raises(ScenarioError, match="scenario 'filing-thanksgiving': field 'id': the id is used twice"):
        load_file(write(tmp_path, [GOOD, GOOD]), CONTRACT)
    other = tmp_path / "folder"
    other.mkdir()
    write(other, [GOOD], "one.yaml", "one")
    write(other, [GOOD], "two.yaml", "two")
    with pytest.raises(ScenarioError, match="two.yaml: scenario 'filing-thanksgiving': field 'id': the id is also used in one.yaml"):
        load_scenarios(other, CONTRACT)


def test_an_empty_or_missing_folder(tmp_path):
    with pytest.raises(ScenarioError, match="no scenario files"):
        load_scenarios(tmp_path, CONTRACT)
    with pytest.raises(ScenarioError, match="does not exist"):
        load_scenarios(tmp_path / "nowhere", CONTRACT)


def test_check_reports_a_trainer_answer_that_disagrees(tmp_path):
    """A trainer who counted Thanksgiving (12-16 instead of 12-17) is caught by name, file and field."""
    write(tmp_path, [GOOD, variant(id="counted-thanksgiving", expected="2026-12-16")])
    report = check_folder(tmp_path, CONTRACT)
    assert report.checked == 2 and not report.ok
    (p,) = report.problems
    assert (p.file, p.scenario, p.field) == ("set.yaml", "counted-thanksgiving", "expected")
    assert "Wed 2026-12-16 differs from lmcore's Thu 2026-12-17" in p.message


def test_check_reports_facts_the_rule_refuses(tmp_path):
    """A filing dated before the violation was learned of is the rule's own error, pinned on the facts."""
    write(tmp_path, [variant(facts={"learned": "2026-11-18", "filed": "2026-11-10"})])
    (p,) = check_folder(tmp_path, CONTRACT).problems
    assert p.scenario == "filing-thanksgiving" and p.field.startswith("facts"), p
    assert "set.yaml: scenario 'filing-thanksgiving'" in p.message


def test_check_lists_every_bad_file_of_a_folder(tmp_path):
    write(tmp_path, [GOOD], "good.yaml", "good")
    write(tmp_path, [variant(id="x", track="boss")], "bad.yaml", "bad")
    report = check_folder(tmp_path, CONTRACT)
    assert [(p.file, p.field) for p in report.problems] == [("bad.yaml", "track")]
    assert report.checked == 1
