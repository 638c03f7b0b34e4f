"""Benchmark: grading a trainee's answer (right, and wrong with the slip detector) and checking the whole starter set,
against a floor measured in the same run: one bare rule call (the grievance timeline of the same scenario).
Writes benchmarks/results_training.txt. Target: a graded answer well under a second (a widget's answer)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import best  # noqa: E402

OUT = Path(__file__).with_name("results_training.txt")


def main() -> None:
    from lmcore import load_contract
    from lmcore.grievance import Grievance, timeline
    from lmcore.training import check_scenario, grade, load_scenarios

    contract = load_contract()
    lib = load_scenarios(contract=contract)
    s = lib.get("step1-filing-thanksgiving")
    g = Grievance.from_mapping(dict(s.facts))
    t_floor = best(lambda: timeline(g, contract, g.learned), repeat=20)
    t_load = best(lambda: load_scenarios(contract=contract), repeat=3)
    t_right = best(lambda: grade(s, "2026-12-14", contract), repeat=20)
    t_wrong = best(lambda: grade(s, "2026-12-11", contract), repeat=20)
    sched = lib.get("credit-hours-thanksgiving-week")
    t_sched = best(lambda: grade(sched, "0", contract), repeat=20)
    t_check = best(lambda: [check_scenario(x, contract) for x in lib.scenarios], repeat=3)
    n = len(lib.scenarios)
    rows = [("floor: one grievance timeline (the rule alone)", t_floor, ""),
            ("grade a right answer (rule + feedback)", t_right, f"  ({t_right / t_floor:4.1f}x floor)"),
            ("grade a wrong answer (+ slip detector, every reading redone)", t_wrong, f"  ({t_wrong / t_floor:4.1f}x floor)"),
            ("grade a wrong pay-period answer (Art. 4)", t_sched, ""),
            ("load and validate every scenario file", t_load, ""),
            ("check every trainer answer against lmcore", t_check, f"  ({t_check / n * 1000:.2f} ms each)")]
    lines = [f"training: {n} starter scenarios in {len(lib.sets)} sets"]
    lines += [f"  {label:<62}: {t * 1000:8.2f} ms{extra}" for label, t, extra in rows]
    text = "\n".join(lines) + "\n"
    OUT.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
