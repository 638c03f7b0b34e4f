"""The case log's tables; an lmcore 0.1 case log file (one `cases` table of JSON blobs) is converted in place.

Revision 0001 (the first). Each old row becomes a case at version 1 with its saved time as created/updated time
and "(lmcore 0.1 case log)" as who; a history entry records the conversion. A row whose JSON cannot be read as a
grievance is kept whole in `legacy` (nothing is lost): the case log shows that case with its problem.
"""
from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DATES = ("learned", "occurred", "filed", "form_completed", "step1_meeting", "step1_decision", "step1_oelmr_notice",
         "step2_appeal", "step2_form_completed", "step2_meeting", "step2_decision", "step2_oelmr_notice",
         "consolidated", "resolved", "invoked", "arbitrability_notice", "hearing", "award")
OLD_BY = "(lmcore 0.1 case log)"


def upgrade() -> None:
    conn = op.get_bind()
    legacy = "cases" in sa.inspect(conn).get_table_names()
    case_id = lambda: sa.Column("case_id", sa.String(80), sa.ForeignKey("caselog_cases.case_id", ondelete="CASCADE"),  # noqa: E731
                                primary_key=True)
    op.create_table(
        "caselog_cases",
        sa.Column("case_id", sa.String(80), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("path", sa.String(40), nullable=False),
        sa.Column("steward", sa.Text, nullable=False),
        sa.Column("official", sa.Text, nullable=False),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        *(sa.Column(name, sa.String(10)) for name in DATES),
        sa.Column("continuing", sa.Boolean, nullable=False),
        sa.Column("agencies", sa.String(10), nullable=False),
        sa.Column("consolidation", sa.String(40)),
        sa.Column("expedited", sa.Boolean, nullable=False),
        sa.Column("legacy", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
    )
    op.create_table("caselog_grievants", case_id(), sa.Column("position", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text, nullable=False))
    op.create_table("caselog_articles", case_id(), sa.Column("position", sa.Integer, primary_key=True),
                    sa.Column("cite", sa.Text, nullable=False))
    op.create_table("caselog_agreements", case_id(), sa.Column("position", sa.Integer, primary_key=True),
                    sa.Column("kind", sa.String(10), nullable=False), sa.Column("target", sa.String(40), nullable=False),
                    sa.Column("workdays", sa.Integer), sa.Column("until", sa.String(10)),
                    sa.Column("agreed_on", sa.String(10)), sa.Column("union_signatory", sa.Text, nullable=False),
                    sa.Column("agency_signatory", sa.Text, nullable=False))
    op.create_table("caselog_arbitrations", case_id(), sa.Column("kind", sa.String(10), nullable=False),
                    sa.Column("arbitrator", sa.Text, nullable=False), sa.Column("record_closed", sa.String(10)))
    op.create_table("caselog_history", sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("case_id", sa.String(80), nullable=False), sa.Column("version", sa.Integer, nullable=False),
                    sa.Column("field", sa.Text, nullable=False), sa.Column("old", sa.Text), sa.Column("new", sa.Text),
                    sa.Column("at", sa.String(32), nullable=False), sa.Column("by", sa.Text, nullable=False))
    op.create_index("ix_caselog_history_case_id", "caselog_history", ["case_id"])
    op.create_table("caselog_board_cache", case_id(), sa.Column("version", sa.Integer, nullable=False),
                    sa.Column("basis", sa.String(64), nullable=False), sa.Column("row", sa.Text, nullable=False))
    if legacy:
        _convert(conn)


def _convert(conn: sa.Connection) -> None:
    """Copy the lmcore 0.1 rows (case_id, title, data JSON, saved ISO time) into the new tables, then drop the old table."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    rows = conn.execute(sa.text("SELECT case_id, title, data, saved FROM cases")).fetchall()
    meta = sa.MetaData()
    meta.reflect(conn, only=("caselog_cases", "caselog_agreements", "caselog_arbitrations", "caselog_history"))
    cases, agreements, arbitrations, history = (meta.tables[n] for n in (
        "caselog_cases", "caselog_agreements", "caselog_arbitrations", "caselog_history"))
    for case_id, title, data, saved in rows:
        stamp = str(saved) if saved else now
        record = _record(data)
        row = {"case_id": str(case_id), "version": 1, "status": "open", "title": title if isinstance(title, str) else "",
               "path": "employee", "steward": "", "official": "", "agency": "", "subject": "", "continuing": False,
               "agencies": "single", "consolidation": None, "expedited": False, "legacy": None,
               "created_at": stamp, "created_by": OLD_BY, "updated_at": stamp, "updated_by": OLD_BY,
               **{d: None for d in DATES}}
        if record is None:
            row["legacy"] = data if isinstance(data, str) else repr(data)
        else:
            row.update(title=record["title"], path=record["path"], continuing=record["continuing"],
                       agencies=record["agencies"], consolidation=record["consolidation"], expedited=record["expedited"],
                       **{d: record.get(d) for d in DATES})
        conn.execute(cases.insert(), [row])
        if record is not None:
            items = [{"kind": "waiver", "target": w["step"], "workdays": None, "until": None, "agreed_on": w.get("agreed_on")}
                     for w in record["waivers"]]
            items += [{"kind": "extension", "target": e["milestone"], "workdays": e.get("workdays"), "until": e.get("until"),
                       "agreed_on": e.get("agreed_on")} for e in record["extensions"]]
            for n, item in enumerate(items):
                conn.execute(agreements.insert(), [{"case_id": str(case_id), "position": n, "union_signatory": "",
                                                    "agency_signatory": "", **item}])
            if record.get("invoked"):
                kind = "expedited" if record["expedited"] else "stayed" if record["path"] == "removal-stay" else "regular"
                conn.execute(arbitrations.insert(), [{"case_id": str(case_id), "kind": kind, "arbitrator": "",
                                                      "record_closed": None}])
        conn.execute(history.insert(), [{"case_id": str(case_id), "version": 1, "field": "case",
                                         "old": None, "new": "converted from the lmcore 0.1 case log" + (
                                             "" if record is not None else " (its record could not be read: kept as it was)"),
                                         "at": now, "by": OLD_BY}])
    op.drop_table("cases")


def _record(data: object) -> dict | None:
    """The old JSON record if every field has the shape lmcore 0.1 wrote (strings, booleans, lists of dicts);
    None otherwise (the row is then kept whole in `legacy`)."""
    try:
        rec = json.loads(data) if isinstance(data, str) else None
    except ValueError:
        return None
    if not isinstance(rec, dict) or not isinstance(rec.get("learned"), str):
        return None
    rec = {"title": "", "path": "employee", "continuing": False, "agencies": "single", "consolidation": None,
           "expedited": False, "waivers": [], "extensions": [], **rec}
    ok = (isinstance(rec["title"], str) and isinstance(rec["path"], str) and isinstance(rec["continuing"], bool)
          and isinstance(rec["expedited"], bool) and isinstance(rec["agencies"], str)
          and (rec["consolidation"] is None or isinstance(rec["consolidation"], str))
          and all(rec.get(d) is None or isinstance(rec.get(d), str) for d in DATES)
          and isinstance(rec["waivers"], list) and isinstance(rec["extensions"], list)
          and all(isinstance(w, dict) and isinstance(w.get("step"), str) for w in rec["waivers"])
          and all(isinstance(e, dict) and isinstance(e.get("milestone"), str) for e in rec["extensions"])
          and set(rec) <= {"title", "path", "continuing", "agencies", "consolidation", "expedited", "waivers",
                           "extensions", *DATES})
    return rec if ok else None


def downgrade() -> None:
    for name in ("caselog_board_cache", "caselog_history", "caselog_arbitrations", "caselog_agreements",
                 "caselog_articles", "caselog_grievants", "caselog_cases"):
        op.drop_table(name)
