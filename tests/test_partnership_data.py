"""The partnership chapter's data (issue 18): every quote is found word for word in its source (sources 000–003) or in
the contract text; the history is in date order, each document cited by its own title and date; a wrong quote is a
ContractFileError naming the key."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lmcore import load_contract
from lmcore.errors import ContractFileError
from lmcore.partnership import forum_requirements, load, timeline, timeline_rows
from lmcore.partnership.data import FOLDER

SHARED = Path("/work/shared/sources")
CONTRACT = load_contract()


@pytest.mark.skipif(not SHARED.is_dir(), reason="the project's shared sources are not on this machine")
def test_bundled_sources_are_the_projects_sources_unchanged():
    for f in sorted((FOLDER / "sources").glob("*.txt")):
        assert f.read_bytes() == (SHARED / f.name).read_bytes(), f.name


def test_every_quote_is_in_its_source():
    """Independent of the loader: each quote, whitespace made single, is a substring of its source file."""
    import yaml

    raw = yaml.safe_load((FOLDER / "partnership.yaml").read_text(encoding="utf-8"))
    texts = {k: " ".join((FOLDER / "sources" / v["file"]).read_text(encoding="utf-8").split()) for k, v in raw["sources"].items()}
    flat = lambda s: " ".join(s.split())  # noqa: E731
    n = 0
    for doc in raw["history"]:
        for q in doc["quotes"]:
            assert flat(q["text"]) in texts[q["source"]], q["text"][:60]
            n += 1
    for lesson in raw["lessons"]:
        assert flat(lesson["advice"]) in texts["path_2"] and flat(lesson["title"]) in texts["path_2"]
        n += 1
    for group in ("elements", "pillars"):
        assert flat(raw[group]["quote"]) in texts[raw[group]["source"]]
    assert flat(raw["report"]["quote"]) in texts["memo_1999"]
    assert n >= 20


def test_forum_quotes_are_in_the_contract():
    flat = " ".join(CONTRACT.text.raw.split())
    forums = forum_requirements(CONTRACT)
    assert len(forums) >= 12
    for f in forums:
        assert f.quote in flat, f.id
        CONTRACT.section(f.cite)
    by_id = {f.id: f for f in forums}
    # the numbers come from parameters.yaml: Art. 35 §3 and §4 "at least quarterly", Art. 44 §3.b "on a monthly basis"
    assert by_id["department_lmrc"].quote == CONTRACT.param("committees.department_lmrc_meetings_per_year").quote
    assert by_id["osec_lmrc"].quote == CONTRACT.param("committees.osec_lmrc_meetings_per_year").quote
    assert by_id["arbitration_case_review"].quote == CONTRACT.param("arbitration.case_review_meetings_per_year").quote
    assert {f.cite for f in forums} >= {"Art. 35 §3", "Art. 35 §4", "Art. 4 §4.a", "Art. 4 §4.b", "Art. 10 §13", "Art. 30 §3",
                                         "Transit Subsidy ¶6", "Art. 44 §3.b", "Art. 36 §2.a", "Art. 35 §2"}


def test_history_in_date_order_with_titles_and_dates():
    docs = timeline()
    assert [(d.id, d.when) for d in docs] == [
        ("eo_12871", "1993"), ("memo_1999", "1999"), ("memo_1999_first_report", "April 14, 2000"), ("eo_13203", "2001"),
        ("opm_2002", "June 21, 2002"), ("eo_13522", "2009")]
    titles = {d.id: d.title for d in docs}
    assert "12871" in titles["eo_12871"] and "MSG-046a" in titles["opm_2002"] and "13522" in titles["eo_13522"]
    for d in docs:
        assert d.cited and d.date_basis and d.quotes
    rows = timeline_rows()
    assert [r["x"] for r in rows] == sorted(r["x"] for r in rows)
    memo = next(d for d in docs if d.id == "memo_1999")
    words = " ".join(q.text for q in memo.quotes)
    for cat in ("customer service", "quality", "productivity", "efficiency", "quality of worklife", "April 14, 2000",
                "interest-based problem-solving"):
        assert cat in words


def test_a_date_not_in_the_sources_says_so():
    eo = next(d for d in timeline() if d.id == "eo_13203")
    assert "Not stated in the sources" in eo.date_basis


def _copy(tmp_path):
    dst = tmp_path / "partnership"
    shutil.copytree(FOLDER, dst)
    for f in (dst / "sources").iterdir():
        f.chmod(0o644)
    return dst


def test_a_changed_quote_is_refused_naming_its_key(tmp_path):
    dst = _copy(tmp_path)
    path = dst / "partnership.yaml"
    path.write_text(path.read_text().replace("strongly encouraged to establish cooperative", "strongly required to establish cooperative"))
    with pytest.raises(ContractFileError, match=r"partnership.yaml: key 'history\.\d+\.quotes\.\d+': the words are not in 000_"):
        load(dst)


def test_a_changed_forum_quote_is_refused(tmp_path):
    dst = _copy(tmp_path)
    path = dst / "partnership.yaml"
    path.write_text(path.read_text().replace("should meet periodically for", "shall meet monthly for"))
    with pytest.raises(ContractFileError, match=r"key 'forums\.\d+\.quote': the words are not in the contract text"):
        forum_requirements(CONTRACT, dst)


def test_a_rhythm_that_contradicts_the_parameter_is_refused(tmp_path):
    dst = _copy(tmp_path)
    path = dst / "partnership.yaml"
    text = path.read_text()
    start = text.index("  - id: arbitration_case_review")
    path.write_text(text[:start] + text[start:].replace("rhythm: monthly", "rhythm: quarterly", 1))
    with pytest.raises(ContractFileError, match="does not match arbitration.case_review_meetings_per_year = 12"):
        forum_requirements(CONTRACT, dst)
