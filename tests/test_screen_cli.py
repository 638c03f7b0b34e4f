"""`lmcore screen` (issue 13 §4): one option per screening question, the exact JSON keys, findings in words, and one
line on stderr with exit 2 for a bad value."""
from __future__ import annotations

import json

import pytest

from lmcore.cli import main
from lmcore.grievance.screening import SUBJECTS


def run(capsys, *argv):
    code = main(["screen", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_keys_named_in_the_issue(capsys):
    """A 12-year employee's removal under 5 U.S.C. 7512 filed by the Union for personal relief: stay path (§14.a, §8.c(1))."""
    code, out, err = run(capsys, "--filer", "union", "--subject", "removal", "--removal-statute", "7512",
                         "--service-years", "12", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {"grievable", "path", "route", "stay", "findings"} <= set(data)
    assert (data["grievable"], data["path"], data["stay"]) == (True, "removal-stay", True)
    assert isinstance(data["route"], str) and "within 5 workdays" in data["route"]
    for f in data["findings"]:
        assert set(f) == {"cite", "effect", "text", "quote"} and f["quote"]
    assert "Art. 43 §8.c(1)" in [f["cite"] for f in data["findings"]]


def test_not_grievable_gives_null_path_and_the_rule_that_bars_it(capsys):
    code, out, _ = run(capsys, "--subject", "removal", "--status", "probationary", "--within-2b", "--json")
    data = json.loads(out)
    assert (code, data["grievable"], data["path"], data["stay"]) == (0, False, None, False)
    assert [f["cite"] for f in data["findings"] if f["effect"] == "bars"] == ["Art. 43 §3.b(8)"]


def test_every_flag_reaches_the_screening(capsys):
    cases = [
        (["--alleges-ppp", "--other-forum"], True),  # any PPP: Art. 10 §11, but §2.c only for 2302(b)(1)
        (["--ppp-2302b1", "--other-forum"], False),  # §2.c election made elsewhere
        (["--former-employee", "--untimely"], False),  # §5.a
        (["--status", "temporary_limited"], False),  # §2.b
        (["--status", "temporary_limited", "--within-2b"], True),
        (["--filer", "department", "--subject", "working_conditions"], False),  # §2.a(3)
        (["--subject", "informal_flexiplace", "--alleges-ppp"], True),
        (["--subject", "removal", "--service-years", "25", "--excepted-service"], True),
    ]
    for argv, grievable in cases:
        code, out, _ = run(capsys, *argv, "--json")
        assert (code, json.loads(out)["grievable"]) == (0, grievable), argv
    _, out, _ = run(capsys, "--subject", "removal", "--service-years", "12", "--union-in-notice-period", "--json")
    assert "Step 2 may also be waived" in json.loads(out)["route"]
    _, out, _ = run(capsys, "--filer", "union", "--relief", "institutional", "--agencies", "multiple", "--json")
    assert json.loads(out)["path"] == "union-institutional" and "OELMR" in json.loads(out)["route"]
    _, out, _ = run(capsys, "--filer", "union", "--consolidation", "multi-agency", "--employees", "3",
                    "--agency-count", "2", "--signatures", "1", "--json")
    assert json.loads(out)["path"] == "employee"


def test_text_output_lists_the_findings_in_words(capsys):
    code, out, _ = run(capsys, "--subject", "merit_staffing")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Grievable under Article 43 — path: merit-staffing."
    assert any(line.startswith("- ") and "Art. 43 §7.a(2)" in line for line in lines)


def test_help_lists_every_subject_key_with_its_label(capsys):
    assert main(["screen", "--help"]) == 0
    out = capsys.readouterr().out
    for key, (label, _) in SUBJECTS.items():
        assert f"{key}" in out and label in out
    for opt in ("--filer", "--subject", "--status", "--within-2b", "--relief", "--agencies", "--alleges-ppp",
                "--other-forum", "--removal-statute", "--service-years", "--excepted-service",
                "--union-in-notice-period", "--former-employee", "--contract", "--json"):
        assert opt in out


@pytest.mark.parametrize("argv, words", [
    (["--filer", "boss"], "'boss' is not a known filer"),
    (["--subject", "parking"], "'parking' is not a known subject"),
    (["--status", "seasonal"], "'seasonal' is not a known status"),
    (["--relief", "money"], "'money' is not a known relief"),
    (["--agencies", "some"], "'some' is not a known agencies"),
    (["--removal-statute", "7532"], "'7532' is not a known removal statute"),
    (["--service-years", "ten"], "--service-years 'ten' is not a number"),
    (["--service-years", "-1"], "is not a number of 0 or more"),
    (["--service-years", "nan"], "is not a number of 0 or more"),
    (["--employees", "2.5"], "is not a whole number"),
    (["--consolidation", "merged"], "is not a kind of consolidation"),
    (["--contract", "/nonexistent/folder"], "does not exist"),
])
def test_bad_values_are_one_line_on_stderr_and_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err, err
