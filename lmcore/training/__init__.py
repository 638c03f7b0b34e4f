"""Training: scenario files that are both a quiz and a test of the rules (scenario), the rules they can name (asks),
trainees' answers read (answers), graded by lmcore itself (grading) with the likely slip named (slips), and a trainer's
summary of many answers (results). Heavy imports (pydantic, the rule engines) load only when used."""
from .answers import AnswerError, parse_answer
from .grading import CheckReport, Grade, Problem, check_folder, check_scenario, grade, outcome
from .links import Link, prepared_link
from .results import Attempt, attempt_from, summarize
from .scenario import BUNDLED, TRACKS, Library, Question, Scenario, ScenarioError, ScenarioSet, load_file, load_scenarios
from .slips import Slip, detect

__all__ = ["BUNDLED", "TRACKS", "AnswerError", "Attempt", "CheckReport", "Grade", "Library", "Problem", "Question", "Scenario",
           "ScenarioError", "ScenarioSet", "Slip", "Link", "attempt_from", "check_folder", "check_scenario", "detect", "grade",
           "load_file", "load_scenarios", "outcome", "parse_answer", "prepared_link", "summarize"]
