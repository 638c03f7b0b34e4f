"""The options this round added (leave --scd, voting-trip, registration; bargaining --agencies, --osec-components,
--session, --session-day, --ratified, --last-session; contract-calendar --meeting-day; lmcore facilities …) never let a
bad value escape as a traceback: exit 0 with an answer, or exit 2 with one line on stderr."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lmcore.cli import main

VALUES = st.one_of(
    st.sampled_from(["", "0", "-1", "1", "2.5", "nan", "inf", "-inf", "1e400", "1e308", "99999999999999999999", "two", "٣",
                     "2026-02-30", "0001-01-01", "9999-12-31", "2100-01-01", "1970-12-25", "2023-07-20", "2027-02-08",
                     "2nd Monday", "last Friday of month 3", "5th Sunday of month 9", "2nd Tuesday of month 0", ":fpb", "a:b:c",
                     "department_lmrc=2nd Tuesday", "social=1st Monday", "x=", "=2nd Monday", "FPB:fpb:kiosk"]),
    # control and line-separator characters are left to the shared date/number parsing (another branch makes every
    # echoed input safe to print): here the rule-level checks are under test
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12),
)
COMMANDS = [
    (["leave", "project", "--balance", "100", "--as-of", "2026-06-01"], "--scd"),
    (["leave", "repay", "--separation", "2026-09-01", "--taken", "10"], "--scd"),
    (["leave", "voting-trip"], "--trip-days"),
    (["leave", "registration", "--nonworkday-possible"], "--round-trip-days"),
    (["bargaining", "--received", "2026-11-23"], "--agencies"),
    (["bargaining", "--received", "2026-11-23", "--kind", "organizational_change"], "--osec-components"),
    (["bargaining", "--received", "2026-11-23", "--level", "department"], "--session"),
    (["bargaining", "--received", "2026-11-23", "--level", "department"], "--session-day"),
    (["bargaining", "--received", "2026-11-23", "--level", "department", "-i", "committees.quarterly=every_three_months"], "--ratified"),
    (["bargaining", "--received", "2026-11-23", "--level", "department", "-i", "committees.quarterly=every_three_months"], "--last-session"),
    (["contract-calendar", "--ratified", "2026-11-23", "--years", "1"], "--meeting-day"),
    (["facilities", "room"], "--meeting"),
    (["facilities", "room", "--full-day"], "--meeting"),
    (["facilities", "room", "--meeting", "2026-12-09"], "--from"),
    (["facilities", "parking"], "--need"),
    (["facilities", "boards"], "--building"),
    (["facilities", "space"], "--square-feet"),
]


@pytest.mark.parametrize("base, option", COMMANDS, ids=[f"{' '.join(b[:2])} {o}" for b, o in COMMANDS])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_new_options_answer_or_refuse_in_one_line(capsys, base, option, value):
    code = main([*base, f"{option}={value}"])
    out, err = capsys.readouterr()
    assert code in (0, 2), (option, value, code)
    assert "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("lmcore: "), (option, value, err)
    else:
        assert out.strip()
