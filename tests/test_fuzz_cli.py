"""Every `lmcore` command, driven with generated options (issue 14): it answers (exit 0, output, nothing on stderr)
or refuses in exactly one line on stderr with exit 2 — never a traceback, never anything else.

The commands and their options are read from the parser itself (lmcore.cli.build_parser()), so a command added
later is fuzzed too. What to generate for an option comes from its type (the Number ranges, clock_arg), its
choices, or the words of its metavar ("KIND:DATE", "NAME=N|NAME=DATE", "FILE.json"): numbers across many
magnitudes, NaN and infinity, dates across the whole proleptic calendar, unicode, empty strings, paths that are
folders, devices, missing or not UTF-8. Runs in-process through lmcore.cli.main (fast), derandomized (the same
inputs on every run), plus a handful through a real subprocess.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lmcore.cli import build_parser, main
from lmcore.commands import Number, clock_arg
from lmcore.contract.loading import BUNDLED, load_contract
from lmcore.storage.caselog import CaseLog
from lmcore.training.scenario import BUNDLED as SCENARIOS

from schedule_sheets import EIGHT, WEEK1, WEEK2, days, sheet

EXAMPLES = int(os.environ.get("LMCORE_FUZZ_EXAMPLES", "40"))  # per command: 35 commands × 40 inputs in under a minute
SKIP = {("serve",)}  # starts a server and never returns
# Commands whose every input is costly (each grades scenarios or runs the simulator) and whose options are few: a
# share of EXAMPLES; every option and every kind of bad value is still drawn (the second run is all hostile).
COST = {("scenarios", "check"): 0.4, ("scenarios", "quiz"): 0.5, ("scenarios", "grade"): 0.6,
        ("scenarios", "results"): 0.6, ("arbitration", "simulate"): 0.4, ("cases", "simulate"): 0.5}
TOTAL: Counter = Counter()


def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command that answers: (its words, its parser), through every level of sub-commands."""
    out = []
    if path and parser.get_default("func") is not None:
        out.append((path, parser))
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, child in a.choices.items():
                out += leaf_commands(child, (*path, name))
    return [(p, c) for p, c in out if p not in SKIP]


COMMANDS = leaf_commands(build_parser())


# -- the files the generated paths point at -------------------------------------------------------------------
@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("fuzz")
    good = sheet(*days(WEEK1, EIGHT), *days(WEEK2, EIGHT))
    (root / "timesheet.csv").write_text(good, encoding="utf-8")
    (root / "time,sheet.csv").write_text(good, encoding="utf-8")  # a comma in the name is a path, not CSV text
    (root / "latin1.csv").write_bytes(good.encode() + "caf\xe9\n".encode("latin-1"))
    (root / "wide.csv").write_text("date,start\n" + "x" * (129 * 1024) + ",1\n", encoding="utf-8")
    (root / "form.json").write_text('{"name": "A. Steward", "agency": "OSEC"}', encoding="utf-8")
    (root / "nan.json").write_text('{"name": NaN}', encoding="utf-8")
    (root / "folder").mkdir()
    broken = root / "broken_contract"
    shutil.copytree(BUNDLED, broken)
    p = broken / "parameters.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("      value: 20\n      unit: workdays", "      value: true\n      unit: workdays", 1),
                 encoding="utf-8")
    (root / "out").mkdir()
    scenarios, wrong = root / "scenarios", root / "wrong_scenarios"  # a small trainer's set (4 scenarios), and one answer off
    scenarios.mkdir()
    wrong.mkdir()
    shutil.copy(SCENARIOS / "flexiplace.yaml", scenarios)
    (wrong / "flexiplace.yaml").write_text((SCENARIOS / "flexiplace.yaml").read_text(encoding="utf-8").replace(
        "expected: 2026-07-02", "expected: 2026-07-03", 1), encoding="utf-8")
    (root / "not_sqlite.sqlite").write_text("not a database\n", encoding="utf-8")
    files = {k: str(root / k) for k in ("timesheet.csv", "time,sheet.csv", "latin1.csv", "wide.csv", "form.json", "nan.json",
                                         "folder", "broken_contract", "scenarios", "wrong_scenarios", "not_sqlite.sqlite")}
    files.update(root=str(root), out=str(root / "out"), missing=str(root / "missing.csv"))
    files["db"] = os.path.join(str(root), "cases.sqlite")
    CaseLog(files["db"])  # migrated once per worker: every command then opens it in milliseconds
    return files


# -- generated values: for each kind of option, good values (so the rules are reached) and bad ones -------------
CONTRACT = load_contract()
WORDS = sorted({*CONTRACT.parameters, *CONTRACT.interpretations, "step1", "step2", "step1_filing", "step2_appeal",
                "regular", "expedited", "stayed", "union", "department", "A", "B", "C", "D", "F", "G", "Smith", "Jones",
                "removal", "discipline", "Art. 43 §7.a(1)", "Art. 99", "credit hours", "Mon1", "Tue,Wed"})
CHOICE_WORDS = sorted({c for i in CONTRACT.interpretations.values() for c in i.options})
BAD_TEXT = st.one_of(st.text(max_size=12), st.just(""), st.just("\u202e\u0000\u2028x"), st.just("-x"))
NEAR_DATES = st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)).map(dt.date.isoformat)
BAD_DATES = st.one_of(st.dates().map(dt.date.isoformat), st.sampled_from(
    ["0001-01-01", "9999-10-01", "1970-12-25", "2100-01-01", "2026-02-30", "2026-11-18Z", "20261118", "2026-W47-3", "",
     "today", "２０２６-１１-１８"]))
GOOD_TIMES = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(6, 19), st.sampled_from([0, 15, 30, 45]))
BAD_TIMES = st.sampled_from(["24:00", "7:5", "nan", "", "12:60", "noon", "-1:00"])
MAGNITUDES = st.one_of(st.integers(-10**25, 10**25).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                       st.sampled_from(["nan", "inf", "-inf", "1e30", "1e400", "1e308", "-0", "1,0,0", "1,000", "1_000",
                                        "0x10", "", "١٢", "$5", "99999999999999999999999", "½"]))


class Gen:
    """Good and bad values of one kind of option."""

    def __init__(self, good: st.SearchStrategy[str], bad: st.SearchStrategy[str]):
        self.good, self.bad = good, bad

    def __add__(self, other: Gen) -> Gen:
        return Gen(st.one_of(self.good, other.good), st.one_of(self.bad, other.bad))


TEXT = Gen(st.sampled_from(WORDS), BAD_TEXT)
DATES = Gen(NEAR_DATES, BAD_DATES)
TIMES = Gen(GOOD_TIMES, BAD_TIMES)
DATETIMES = Gen(st.builds(lambda d, t: f"{d} {t}", NEAR_DATES, GOOD_TIMES),
                st.one_of(NEAR_DATES, st.builds(lambda d, t: f"{d}T{t}", BAD_DATES, BAD_TIMES),
                          st.sampled_from(["2026-11-23 09:00+05:00", "2026-11-23T09:00Z", "9999-12-31 23:59", ""])))
NUMBERS = Gen(st.integers(0, 40).map(str), MAGNITUDES)
TIME_LIMITS = sorted(k for k, p in CONTRACT.parameters.items() if p.unit in ("workdays", "calendar_days"))
READINGS = sorted(f"{k}={c}" for k, i in CONTRACT.interpretations.items() for c in i.options)
NAMES = st.lists(st.sampled_from(["Ames", "Brook", "Cole", "Diaz", "Eng", "Fox", "Gray"]), min_size=1, max_size=7, unique=True)
CITES = sorted({p.cite for p in CONTRACT.parameters.values()})
SCENARIO_IDS = ["flexiplace-decision-independence-day", "flexiplace-start-after-agreement", "flexiplace-termination-notice"]
QUIZ_ANSWERS = "hint\n2026-07-02\nnot a date\nskip\n7.5\n"  # what a pipe into `scenarios quiz` holds (then end of input)
SEVEN = ["Ames", "Brook", "Cole", "Diaz", "Eng", "Fox", "Gray"]
# Options that must agree with each other for a command to answer at all (appended, so they win, to a "good" line).
COHERENT = {
    ("arbitration", "strike"): st.tuples(st.permutations(SEVEN), st.permutations(SEVEN)).map(
        lambda p: ["--names", ";".join(SEVEN), "--union", ";".join(p[0]), "--department", ";".join(p[1])]),
    ("grievance",): st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)).map(
        lambda d: ["--learned", d.isoformat(), "--as-of", (d + dt.timedelta(days=30)).isoformat()]),
    ("arbitration",): st.tuples(NEAR_DATES, st.sampled_from(["regular", "expedited", "stayed"])).map(
        lambda p: ["--invoked", p[0], "--kind", p[1]]),
    ("cases", "add"): st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)).map(
        lambda d: ["--learned", d.isoformat(), "--as-of", (d + dt.timedelta(days=30)).isoformat()]),
}
# Good values of metavars whose parts must agree (a reading and one of its choices): the rest is generic.
BY_METAVAR = {
    "ID=CHOICE": st.sampled_from(READINGS),
    "KEY": st.sampled_from(TIME_LIMITS),
    "RULE=DAYS": st.builds(lambda k, n: f"{k}={n}", st.sampled_from([k for k in TIME_LIMITS if k.startswith("bargaining.")]),
                           st.one_of(st.integers(1, 40).map(str), st.just("waived"))),
    "NAME=N|NAME=DATE": st.builds(lambda k, n: f"{k}={n}", st.sampled_from(["step1_filing", "step2_appeal", "arbitration_invocation"]),
                                  st.one_of(st.integers(1, 20).map(str), NEAR_DATES)),
    "STEP[=DATE]": st.one_of(st.sampled_from(["step1", "step2"]), st.builds(lambda d: f"step1={d}", NEAR_DATES)),
    "KIND:DATE": st.builds(lambda k, d: f"{k}:{d}", st.sampled_from(["regular", "expedited"]), NEAR_DATES),
    "NAMES": NAMES.map(";".join),
    "LETTERS": st.lists(st.sampled_from("ABCDFG"), unique=True, max_size=3).map(",".join),
    "NAME": st.sampled_from(["Ames", "Cole", "step1_filing", "hearing"]),
}


def number_values(num: Number) -> Gen:
    """Values inside the option's range, and every kind of bad number (edges, magnitudes, NaN, commas)."""
    lo, hi = int(num.lo), int(num.hi)
    if num.whole:
        inside = st.integers(max(lo, -1000), min(hi, max(lo, -1000) + 200)).map(str)
    else:
        inside = st.floats(num.lo, min(num.hi, num.lo + 500), allow_nan=False).map(lambda x: f"{x:.2f}")
    return Gen(st.one_of(inside, st.sampled_from([str(lo), str(hi)])), st.one_of(st.sampled_from([str(hi + 1), str(lo - 1)]), MAGNITUDES))


def paths(kind: str, ws: dict[str, str]) -> Gen:
    """A path for an input (a timesheet, a form, a contract folder, a law file) or an output file, good or bad."""
    bad = st.sampled_from([ws["missing"], ws["folder"], "", "/dev/zero", ws["latin1.csv"], ws["wide.csv"]])
    if kind == "out":
        return Gen(st.sampled_from(["cal.ics", "form.html", "a,b.ics"]).map(lambda n: os.path.join(ws["out"], n)),
                   st.sampled_from([ws["folder"], "", os.path.join(ws["missing"], "x.ics"), "/dev/zero"]))
    if kind == "json":
        return Gen(st.just(ws["form.json"]), st.one_of(bad, st.just(ws["nan.json"]), st.just(ws["timesheet.csv"])))
    if kind == "contract":
        return Gen(st.just(str(BUNDLED)), st.one_of(bad, st.just(ws["broken_contract"]), st.just(ws["timesheet.csv"])))
    if kind == "db":  # the workspace's migrated database, or one that cannot be used (each its own one-line refusal)
        return Gen(st.sampled_from([ws["db"], f"sqlite:///{ws['db']}"]),
                   st.sampled_from(["mysql://u@h/db", "sqlite://relative.db", f"sqlite:///{ws['folder']}", ws["folder"],
                                    ws["not_sqlite.sqlite"], ws["timesheet.csv"], "a\x00b", os.path.join(ws["timesheet.csv"], "x.db")]))
    if kind == "scenarios":
        return Gen(st.just(ws["scenarios"]), st.one_of(bad, st.sampled_from([ws["wrong_scenarios"], ws["timesheet.csv"],
                                                                             ws["broken_contract"]])))
    if kind == "law":
        return Gen(st.just(str(BUNDLED.parent / "law" / "us_federal.yaml")), st.one_of(bad, st.just(ws["timesheet.csv"])))
    return Gen(st.sampled_from([ws["timesheet.csv"], ws["time,sheet.csv"]]), st.one_of(bad, st.just(ws["form.json"])))


_TOKEN = re.compile(r"'YYYY-MM-DD HH:MM'|YYYY-MM-DD|HH:MM|FILE\.json|FILE\.html|TIMESHEET\.csv|[A-Z][A-Z_]*")


def from_metavar(metavar: str, dest: str, ws: dict[str, str]) -> Gen:
    """Values shaped like an option's metavar: each word of it (DATE, N, NAME, FILE…) replaced by a generated value;
    [optional] parts in or out; a|b one or the other."""
    if metavar in BY_METAVAR:
        generic = from_metavar(metavar + " ", dest, ws)
        return Gen(BY_METAVAR[metavar], st.one_of(generic.good, generic.bad))
    if "|" in metavar:
        gens = [from_metavar(m, dest, ws) for m in metavar.split("|")]
        return Gen(st.one_of(*(g.good for g in gens)), st.one_of(*(g.bad for g in gens)))
    m = re.search(r"\[([^\]]*)\]", metavar)
    if m:
        return (from_metavar(metavar[:m.start()] + m.group(1) + metavar[m.end():], dest, ws)
                + from_metavar(metavar[:m.start()] + metavar[m.end():], dest, ws))
    tokens = _TOKEN.findall(metavar)
    if not tokens:
        return TEXT
    pieces = _TOKEN.split(metavar)
    gens = [token_values(t, dest, ws) for t in tokens]

    def glue(values: tuple[str, ...]) -> str:
        return "".join(a + b for a, b in zip(pieces, [*values, ""]))

    good = st.tuples(*(g.good for g in gens)).map(glue)
    bad = st.tuples(*(st.one_of(g.good, g.bad) for g in gens)).map(glue)
    return Gen(good, st.one_of(bad, BAD_TEXT))


def token_values(token: str, dest: str, ws: dict[str, str]) -> Gen:
    if token in ("DATE", "YYYY-MM-DD"):
        return DATES
    if token == "'YYYY-MM-DD HH:MM'":
        return DATETIMES
    if token == "HH:MM":
        return TIMES
    if token in ("FILE", "FILE.json", "FILE.html", "TIMESHEET.csv", "FOLDER", "PATH", "DIR"):
        kind = ("contract" if dest == "contract" else "law" if dest == "law" else "json" if token == "FILE.json"
                else "scenarios" if dest in ("folder", "folder_arg") else "out" if dest in ("ics", "out") or token == "FILE.html"
                else "csv")
        return paths(kind, ws)
    if token == "ID":  # a scenario of the workspace's set, a stored record's number, or anything else
        return Gen(st.sampled_from([*SCENARIO_IDS, "1", "2"]), st.one_of(BAD_TEXT, st.sampled_from(["0", "-1", "1e9", "999"])))
    if token in ("N", "M", "H", "X", "Y", "R", "K", "AGE", "YEAR", "USD", "DAYS", "HOURS"):
        return NUMBERS + Gen(st.just("waived"), st.just("-5"))
    if token == "CHOICE":
        return Gen(st.sampled_from(CHOICE_WORDS), BAD_TEXT)
    return TEXT


def values_for(action: argparse.Action, ws: dict[str, str]) -> Gen:
    if isinstance(action.type, Number):
        return number_values(action.type)
    if action.type is clock_arg:
        return TIMES
    if action.type in (int, float):
        return NUMBERS
    if action.choices:
        return Gen(st.sampled_from(list(action.choices)), BAD_TEXT)
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    if metavar == "URL":  # a database: the workspace's, or one that cannot be used (never a new file named by random text)
        return paths("db", ws)
    if not metavar and "YYYY-MM-DD" in (action.help or ""):
        metavar = "DATE"
    if not metavar and action.dest == "citation":
        return Gen(st.sampled_from(CITES), BAD_TEXT)
    if not metavar and action.dest == "timesheet":
        metavar = "TIMESHEET.csv"
    return from_metavar(metavar, action.dest, ws)


@st.composite
def argv_for(draw, words: tuple[str, ...], parser: argparse.ArgumentParser, ws: dict[str, str],
             modes: tuple[str, ...] = ("none", "one", "any")) -> list[str]:
    """A command line for one command: every required option and positional, some of the others; all values good,
    or one of them bad, or any of them bad (so both answers and every kind of refusal are reached)."""
    actions = [a for a in parser._actions if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))
               and a.dest != "log"]
    hostile = draw(st.sampled_from(modes))
    often = draw(st.sampled_from([3, 8]))  # 1 in `often` optional options is given
    chosen = [a for a in actions if a.required or not a.option_strings or draw(st.integers(0, often)) == 0]
    for group in parser._mutually_exclusive_groups:  # a required group gets one of its options
        if group.required and not any(a in group._group_actions for a in chosen):
            chosen.append(draw(st.sampled_from(group._group_actions)))
    if hostile == "none":  # one option of each mutually exclusive group
        for group in parser._mutually_exclusive_groups:
            inside = [a for a in chosen if a in group._group_actions]
            chosen = [a for a in chosen if a not in inside[1:]]
    valued = [a for a in actions if a.nargs != 0]
    bad_one = draw(st.sampled_from(valued)) if valued and hostile == "one" else None  # any option, given or not
    if bad_one is not None and bad_one not in chosen:
        chosen.append(bad_one)
    out = list(words)
    if words[0] == "cases":  # the case log lives in the workspace, never in the user's home
        out = ["cases", "--log", os.path.join(ws["root"], "cases.sqlite"), *words[1:]]
    for a in chosen:
        if a.nargs == 0:
            out.append(a.option_strings[0])
            continue
        gen = values_for(a, ws)
        pick = (lambda: draw(st.one_of(gen.good, gen.bad))) if hostile == "any" else (
            (lambda: draw(gen.bad)) if a is bad_one else (lambda: draw(gen.good)))
        n = draw(st.integers(1, 3)) if isinstance(a, argparse._AppendAction) or a.nargs in ("+", "*") else 1
        for _ in range(n):
            v = pick()
            if not a.option_strings:
                out.append(v if not v.startswith("-") else " " + v)
            else:
                flag = a.option_strings[-1]
                out += [f"{flag}={v}"] if v.startswith("-") else [flag, v]
    if hostile == "none" and words in COHERENT:
        if draw(st.booleans()):  # only the options that must agree, and the positionals
            out = out[:len(words) + (2 if words[0] == "cases" else 0)]
            out += [x for a in actions if not a.option_strings for x in [draw(values_for(a, ws).good)]]
        out += draw(COHERENT[words])
    if words[:2] == ("arbitration", "simulate"):  # keep the simulator small: the fuzz is about inputs, not load
        out += ["--months", "2", "--rate-regular", "2", "--rate-expedited", "1"]
    return out


def outcome(argv: list[str]) -> str:
    """Run one command line in-process; "answer" or "error", or fail the test with what went wrong."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    o, e = out.getvalue(), err.getvalue()
    if code == 0:
        assert o.strip() and not e, f"exit 0 must answer, and say nothing on stderr: {argv!r}\nstdout: {o[:300]!r}\nstderr: {e[:300]!r}"
        return "answer"
    assert code == 2, f"exit {code} (only 0 or 2): {argv!r}\n{e[:500]}"
    assert not o and e.count("\n") == 1 and e.endswith("\n") and e.startswith("lmcore: "), \
        f"a refusal is one line on stderr and nothing on stdout: {argv!r}\nstdout: {o[:300]!r}\nstderr: {e[:500]!r}"
    assert "Traceback" not in e
    return "error"


def fuzz_command(words: tuple[str, ...], parser: argparse.ArgumentParser, workspace: dict[str, str], monkeypatch) -> None:
    monkeypatch.setenv("LMCORE_CASELOG", workspace["db"])
    monkeypatch.delenv("LMCORE_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", workspace["root"])
    monkeypatch.chdir(workspace["out"])
    counts: Counter = Counter()

    examples = max(4, round(EXAMPLES * COST.get(words, 1.0)))
    # Two runs: good lines (so the rules are reached and answer), then lines with one or many bad values (so every
    # kind of refusal is reached whatever the seed): hypothesis alone may spend a whole run on one of the two.
    for modes, n in ((("none",), examples // 2), (("one", "one", "any"), examples - examples // 2)):
        @settings(max_examples=n, deadline=None, derandomize=not os.environ.get("LMCORE_FUZZ_RANDOM"), database=None,
                  suppress_health_check=list(HealthCheck))
        @given(argv=argv_for(words, parser, workspace, modes))
        def fuzz(argv: list[str]) -> None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(QUIZ_ANSWERS))  # the quiz reads answers from a pipe, never hangs
            counts[outcome(argv)] += 1

        fuzz()
    TOTAL.update({f"{k}": v for k, v in counts.items()})
    if os.environ.get("LMCORE_FUZZ_VERBOSE"):
        print(f"\n{' '.join(words)}: {dict(counts)}")
    TOTAL["commands"] += 1
    takes_values = any(a.nargs != 0 and a.dest not in ("help", "log") for a in parser._actions)
    assert counts["error"] > 0 or not takes_values, f"no bad input was generated for {' '.join(words)}"


# Two halves, in two classes: pytest-xdist's --dist loadscope sends each class to its own worker.
HALVES = (COMMANDS[0::2], COMMANDS[1::2])


class TestFuzzFirstHalf:
    @pytest.mark.parametrize("words, parser", HALVES[0], ids=[" ".join(w) for w, _ in HALVES[0]])
    def test_every_command_answers_or_refuses_in_one_line(self, words, parser, workspace, monkeypatch):
        fuzz_command(words, parser, workspace, monkeypatch)


class TestFuzzSecondHalf:
    @pytest.mark.parametrize("words, parser", HALVES[1], ids=[" ".join(w) for w, _ in HALVES[1]])
    def test_every_command_answers_or_refuses_in_one_line(self, words, parser, workspace, monkeypatch):
        fuzz_command(words, parser, workspace, monkeypatch)


def command_groups(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command group that has no answer of its own (`lmcore leave`, `lmcore partnership pdi`)."""
    out = []
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            if path and parser.get_default("func") is None:
                out.append(path)
            for name, child in a.choices.items():
                out += command_groups(child, (*path, name))
    return out


GROUPS = command_groups(build_parser())


@pytest.mark.parametrize("words", GROUPS, ids=[" ".join(w) for w in GROUPS])
def test_a_group_without_its_action_refuses_in_one_line(words):
    """A group without its action names its actions in one line on stderr, exit 2 (it printed its usage on stdout)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(words))
    assert code == 2 and out.getvalue() == "" and err.getvalue().count("\n") == 1, err.getvalue()
    assert "say which one" in err.getvalue()


def test_fuzz_counts(capsys):
    """The totals of the fuzz run, printed (pytest -s) for the record; runs after the commands when in file order."""
    if TOTAL["commands"]:
        with capsys.disabled():
            print(f"\nfuzz: {TOTAL['commands']} commands, {TOTAL['answer'] + TOTAL['error']} inputs tried: "
                  f"{TOTAL['error']} clean errors, {TOTAL['answer']} answers")
        assert TOTAL["answer"] > 0 and TOTAL["error"] > 0


# -- the same contract through a real process -------------------------------------------------------------------
@pytest.mark.parametrize("argv, words", [
    (["leave"], "usage: lmcore leave"),
    (["deadline", "0001-01-01", "--workdays", "3"], "outside the years"),
    (["arbitration", "costs", "--fees", "1e400"], "--fees"),
    (["schedule", "evaluate", "/dev/zero", "--schedule", "standard"], "not a regular file"),
])
def test_real_process_refuses_in_one_line(argv, words, tmp_path):
    env = {**os.environ, "LMCORE_CASELOG": str(tmp_path / "c.sqlite")}
    r = subprocess.run([sys.executable, "-m", "lmcore", *argv], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 2 and r.stdout == "" and r.stderr.count("\n") == 1 and words in r.stderr, r.stderr
