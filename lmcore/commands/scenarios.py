"""`lmcore scenarios list|show ID|check [FOLDER]|quiz|grade ID ANSWER|results|forget NAME`: graded training scenarios
(issue 18).

The contract folder's own set (its scenarios/) by default, else the bundled starter set; `--folder DIR` reads another
trainer's set. Every answer is graded by lmcore's own rule engines; `check` fails (exit 2) on a malformed scenario or a
trainer answer that disagrees with lmcore.
`quiz --record NAME` and `grade … --record NAME` store each graded answer in the shared database (`--db URL`, else
$LMCORE_DATABASE_URL, else the per-user file the case log uses); `results` is the trainer's view of them."""
from __future__ import annotations

import io
import sys
from typing import Any

from . import print_json

_TYPES = {"date": "a date (YYYY-MM-DD)", "number": "a number", "yes/no": "yes or no", "choice": "one of the choices (or its number)"}


def register(sub: Any) -> None:
    p = sub.add_parser("scenarios", help="training scenarios graded by the rules: list, show, check, quiz, grade",
                       description="Scenarios a trainer writes in YAML; lmcore works each one out itself and grades answers.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))

    ls = actions.add_parser("list", help="every scenario: id, track, article, question")
    ls.add_argument("--track", choices=["steward", "manager", "both"], help="only the scenarios of a track ('both' ones included)")
    ls.add_argument("--set", dest="set_id", metavar="ID", help="only one set (a file's set id)")
    _common(ls)
    ls.set_defaults(func=run_list)

    sh = actions.add_parser("show", help="one scenario in full, with the trainer's answer and working")
    sh.add_argument("id", metavar="ID")
    _common(sh)
    sh.set_defaults(func=run_show)

    ck = actions.add_parser("check", help="validate a folder and compare every trainer answer with lmcore's (exit 2 on any problem)")
    ck.add_argument("folder_arg", nargs="?", metavar="FOLDER", help="the folder of scenario files (default: the --contract folder's scenarios/, else the bundled set)")
    _common(ck)
    ck.set_defaults(func=run_check)

    qz = actions.add_parser("quiz", help="answer the scenarios one at a time on the terminal (reads answers from stdin)")
    qz.add_argument("--track", choices=["steward", "manager", "both"], help="the trainee's track ('both' scenarios included)")
    qz.add_argument("--set", dest="set_id", metavar="ID", help="only one set")
    qz.add_argument("--limit", type=int, metavar="N", help="ask at most N scenarios")
    _record(qz)
    _common(qz)
    qz.set_defaults(func=run_quiz)

    gr = actions.add_parser("grade", help="grade one answer: right or not, the rule's explanation, the likely slip")
    gr.add_argument("id", metavar="ID")
    gr.add_argument("answer", metavar="ANSWER", help="e.g. 2026-12-17, 7.5, yes, or a choice")
    _record(gr)
    _common(gr)
    gr.set_defaults(func=run_grade)

    rs = actions.add_parser("results", help="the trainer's view: answers per trainee and per scenario, most missed, typical slips",
                            description="Every answer stored by the training page, `quiz --record` or `grade --record`.")
    rs.add_argument("--trainee", metavar="NAME", help="only one trainee's answers")
    rs.add_argument("--set", dest="set_id", metavar="ID", help="only one set")
    rs.add_argument("--track", choices=["steward", "manager", "both"], help="only answers given in one track")
    rs.add_argument("--csv", metavar="FILE", help="also write every answer to FILE (CSV, UTF-8), one row each")
    rs.add_argument("--db", metavar="URL", help=_DB_HELP)
    rs.add_argument("--json", action="store_true", help="print JSON instead of text")
    rs.set_defaults(func=run_results)

    fg = actions.add_parser("forget", help="remove every stored answer of one trainee (a practice run, or on request)")
    fg.add_argument("trainee", metavar="NAME")
    fg.add_argument("--db", metavar="URL", help=_DB_HELP)
    fg.add_argument("--json", action="store_true", help="print JSON instead of text")
    fg.set_defaults(func=run_forget)


_DB_HELP = ("the database: sqlite:///PATH or postgresql://USER@HOST/DB (default: $LMCORE_DATABASE_URL, else the "
            "per-user file the case log uses)")


def _record(p: Any) -> None:
    p.add_argument("--record", metavar="NAME", help="store each graded answer under this trainee's name (on JupyterHub "
                   "the hub user is recorded)")
    p.add_argument("--db", metavar="URL", help=_DB_HELP)


def _results(args: Any) -> Any:
    """The results store named by --db (or the setting), only when an answer is to be recorded or read."""
    from ..storage.training import TrainingResults

    return TrainingResults(getattr(args, "db", None))


def _common(p: Any) -> None:
    p.add_argument("--folder", metavar="DIR", help="another trainer's folder of scenario .yaml files")
    p.add_argument("--contract", metavar="FOLDER", help="another bargaining unit's contract folder")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _library(args: Any) -> tuple[Any, Any]:
    from ..contract.loading import load_contract
    from ..training import load_scenarios

    contract = load_contract(args.contract)
    return load_scenarios(args.folder, contract), contract


def run_list(args: Any) -> int:
    lib, _ = _library(args)
    rows = [s.summary() for s in lib.select(args.track, args.set_id)]
    if args.json:
        print_json(rows)
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    for r in rows:
        print(f"{r['id']:<{width}}  {r['track']:<7}  {r['article']:<22}  {r['question']}")
    return 0


def run_show(args: Any) -> int:
    lib, _ = _library(args)
    s = lib.get(args.id)
    if args.json:
        print_json(s.to_dict())
        return 0
    from ..training.answers import words

    print(_ask_text(s))
    print(f"\nExpected (the trainer's answer): {words(s.expected, s.answer_type, s.choices, s.unit)}")
    for rid, choice in s.readings.items():
        print(f"Reading assumed: {rid} = {choice}")
    if s.hints:
        print("Hints:\n" + "\n".join(f"  - {h}" for h in s.hints))
    if s.working:
        print("Working:\n" + "\n".join(f"  {line}" for line in s.working.rstrip().splitlines()))
    return 0


def run_check(args: Any) -> int:
    from ..contract.loading import load_contract
    from ..errors import InvalidInput
    from ..training import check_folder

    if args.folder_arg and args.folder and args.folder_arg != args.folder:
        raise InvalidInput(f"two folders given ({args.folder_arg} and --folder {args.folder})", fix="Give the folder once")
    report = check_folder(args.folder_arg or args.folder, load_contract(args.contract))
    n = len(report.problems)
    if not report.ok:  # a failed check is a refusal like any other: one line (every problem in it), exit 2
        listed = " | ".join(p.message.rstrip(".") for p in report.problems)
        raise InvalidInput(f"{n} problem{'s' if n != 1 else ''} in {report.folder} ({report.checked} scenario"
                           f"{'s' if report.checked != 1 else ''} checked): {listed}",
                           fix="Correct the scenario files and check again")
    if args.json:
        print_json(report.to_dict())
    else:
        print(f"Checked {report.checked} scenario{'s' if report.checked != 1 else ''} in {report.folder}: "
              "every trainer answer agrees with lmcore.")
    return 0


def run_grade(args: Any) -> int:
    from ..training import grade

    lib, contract = _library(args)
    s = lib.get(args.id)
    store, who = _recorder(args)
    g = grade(s, args.answer, contract)
    if store is not None:
        store.record_grade(g, who)
    if args.json:
        print_json({**g.to_dict(), **({"recorded_as": who} if store is not None else {})})
    else:
        print(g.feedback)
        if store is not None:
            print(f"\nRecorded for {who} in {store.where}.")
    return 0


def _recorder(args: Any) -> tuple[Any, str | None]:
    """(store, trainee) when --record is given (the database opened before any question, so a problem shows at once)."""
    if getattr(args, "record", None) is None:
        if getattr(args, "db", None):
            from ..errors import InvalidInput

            raise InvalidInput("--db names where to record answers, but no --record NAME was given",
                               fix="Add --record YOUR-NAME, or leave out --db")
        return None, None
    from ..storage.training import trainee_name

    who = trainee_name(args.record)
    return _results(args), who


def run_results(args: Any) -> int:
    from ..training.slips import kind_words

    store = _results(args)
    summary = store.summary(trainee=args.trainee, set_id=args.set_id, track=args.track)
    if args.csv is not None:
        from . import write_bytes

        write_bytes(args.csv, summary.to_csv().encode("utf-8"), "CSV file of the answers")
    if args.json:
        print_json({"database": store.where, "answers": len(summary.attempts), **summary.to_dict(),
                    "attempts": [a.to_dict() for a in summary.attempts]})
        return 0
    n, right = len(summary.attempts), sum(a.correct for a in summary.attempts)
    if not n:
        print(f"No answers stored yet in {store.where}.")
        return 0
    print(f"{n} answer{'s' if n != 1 else ''} from {len(summary.trainees)} trainee{'s' if len(summary.trainees) != 1 else ''}: "
          f"{right} right ({round(100 * right / n)}%). Stored in {store.where}.")
    print("\nBy trainee:")
    for t in summary.trainees:
        print(f"  {printable(t.trainee)}: {t.correct} of {t.answered} right ({round(100 * t.score)}%)")
    print("\nMost often missed:")
    for r in summary.most_missed or ():
        slip = f"; typical slip: {r.typical_slip}" if r.typical_slip else ""
        print(f"  {r.title or r.scenario} ({r.article}): {r.missed} of {r.answered} missed{slip}")
    if not summary.most_missed:
        print("  none: every answer is right")
    if summary.slips:
        print("\nTypical slips:")
        for kind, _, count in summary.slips:
            print(f"  {kind_words(kind)}: {count} answer{'s' if count != 1 else ''}")
    if args.csv is not None:
        print(f"\nWrote {n} answer{'s' if n != 1 else ''} to {args.csv}.")
    return 0


def run_forget(args: Any) -> int:
    store = _results(args)
    n = store.forget(args.trainee)
    if args.json:
        print_json({"trainee": args.trainee, "removed": n})
    else:
        print(f"Removed {n} answer{'s' if n != 1 else ''} of {printable(args.trainee)} from {store.where}.")
    return 0


def printable(text: Any) -> str:
    from ..storage.records import printable as shown

    return shown(text)


def run_quiz(args: Any) -> int:
    """One scenario at a time: the story, the facts, the question; the answer graded at once; the score at the end.
    On a terminal an unreadable answer is asked again; from a pipe it counts as wrong and the quiz moves on."""
    from ..errors import InvalidInput
    from ..training import AnswerError, grade

    lib, contract = _library(args)
    pool = list(lib.select(args.track, args.set_id))
    store, who = _recorder(args)
    if args.limit is not None:
        if args.limit < 1:
            raise InvalidInput(f"--limit {args.limit} asks no scenario", fix="Give 1 or more")
        pool = pool[: args.limit]
    interactive = _is_terminal(sys.stdin)
    # --json: the questions go to the terminal's stderr; answers piped in need no questions shown (stderr stays quiet)
    out = (sys.stderr if interactive else io.StringIO()) if args.json else sys.stdout
    results: list[dict[str, Any]] = []
    right = 0
    for n, s in enumerate(pool, 1):
        print(f"\nQuestion {n} of {len(pool)} — " + _ask_text(s), file=out)
        hints = list(s.hints)
        while True:
            print(f"Answer with {_TYPES[s.answer_type]} ('hint' for a hint, 'skip' to skip): ", end="", file=out, flush=True)
            line = _answer_line(sys.stdin)
            if not line:
                return _score(args, out, right, results, len(pool), stopped=True)
            text = line.strip()
            if text.lower() in ("hint", "?"):
                print(hints.pop(0) if hints else "No more hints.", file=out)
                continue
            if text.lower() == "skip" or not text:
                results.append({"scenario": s.id, "skipped": True, "correct": False})
                print("Skipped.", file=out)
                break
            try:
                g = grade(s, text, contract)
            except AnswerError as exc:
                print(f"lmcore: {exc}", file=out)
                if interactive:
                    continue
                results.append({"scenario": s.id, "answer": text, "correct": False, "error": str(exc)})
                break
            right += g.correct
            results.append(g.to_dict())
            print(g.feedback, file=out)
            if store is not None:
                store.record_grade(g, who, args.track)
            break
    if store is not None and results:
        print(f"\nAnswers recorded for {who} in {store.where}.", file=out)
    return _score(args, out, right, results, len(pool))


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (OSError, ValueError):  # a closed or detached stdin is no terminal
        return False


def _answer_line(stream: Any) -> str:
    """The next answer typed or piped in; "" (the end of the answers: the quiz stops with its score) when stdin is
    closed, missing, unreadable or not text, so a quiz started without input never hangs or fails with a traceback."""
    if stream is None:
        return ""
    try:
        return stream.readline()
    except (OSError, ValueError, UnicodeDecodeError):
        return ""


def _score(args: Any, out: Any, right: int, results: list[dict[str, Any]], total: int, stopped: bool = False) -> int:
    asked = len(results)
    share = f" ({round(100 * right / asked)}%)" if asked else ""
    note = f" (stopped after {asked} of {total})" if stopped and asked < total else ""
    print(f"\nScore: {right} of {asked} right{share}{note}.", file=out)
    if args.json:
        print_json({"asked": asked, "correct": right, "total": total, "results": results})
    return 0


def _ask_text(s: Any) -> str:
    lines = [f"{s.title} ({s.article}; {s.track})", "", s.story, "", "Facts:"]
    for row in s.facts_table():
        value = row["value"]
        if "\n" in value:
            lines.append(f"  {row['label']}:")
            lines += [f"    {v}" for v in value.splitlines()]
        else:
            lines.append(f"  {row['label']}: {value}")
    for rid, choice in s.readings.items():
        lines.append(f"  reading assumed: {rid} = {choice}")
    lines += ["", s.question.text]
    if s.answer_type == "choice":
        lines += [f"  {i}. {k} — {v}" for i, (k, v) in enumerate(s.choices.items(), 1)]
    return "\n".join(lines)
