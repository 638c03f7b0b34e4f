"""The words stewards use (issue 17 item 9): words.yaml in the contract folder gives each contract term its other
names; a search by any of them finds the parts that print the contract's word, shown as "also called"; the file is
checked on load like parameters.yaml and interpretations.yaml."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest
import yaml

import lmcore
from lmcore.contract.loading import BUNDLED, load_contract
from lmcore.errors import ContractFileError
from lmcore.ui import handbook


@pytest.fixture(scope="module")
def contract():
    return lmcore.load_contract()


def cites(hits) -> list[str]:
    return [h.citation for h in hits]


def test_telework_finds_flexiplace_art10(contract):
    """The contract never says "telework" (0 plain hits); Art. 10 is Flexiplace, §1 its first use."""
    assert contract.text.search("telework") == []
    hits = contract.search("telework")
    assert cites(hits)[0] == "Art. 10 §1" and all(h.citation.startswith("Art. 10") for h in hits)
    assert set(cites(contract.search("Flexiplace"))) <= set(cites(hits))
    assert [t.term for t in contract.also_called("telework request")] == ["Flexiplace"]


def test_comp_time_finds_compensatory_time_not_compressed_schedules(contract):
    """'compensatory time' is printed in Art. 4 §7.a ("approved leave, compensatory time, or excused absence") and
    Art. 5 §9 ("work compensatory time off"); the plain word search also matched "compressed" (Art. 4 §2.c)."""
    assert "Art. 4 §2.c(1)(c)" in cites(contract.text.search("comp time"))
    assert cites(contract.search("comp time")) == ["Art. 4 §7.a", "Art. 5 §9"]


def test_awol_and_absent_without_leave_find_the_same_parts(contract):
    """Art. 4 §2.b(1) spells out "Absent Without Leave (AWOL)"; Art. 5 §6 is the AWOL section."""
    awol = cites(contract.search("AWOL"))
    assert "Art. 5 §6" in awol and "Art. 4 §2.b(1)" in awol
    assert cites(contract.search("absent without leave")) == awol


def test_leave_without_pay_and_lwop(contract):
    """Art. 5 §5 "Leave Without Pay (LWOP)": either name finds the same parts, §5 among them."""
    assert cites(contract.search("leave without pay")) == cites(contract.search("LWOP"))
    assert "Art. 5 §5" in cites(contract.search("unpaid leave"))


def test_overtime_and_hearing_keep_their_parts_and_short_names_match_whole_words(contract):
    """"overtime" is printed in Art. 4 §2.b(3); "hearing" in Art. 44 §3. A search by a name matches whole words:
    "extra hours" does not find every part with "hours"."""
    assert cites(contract.search("overtime")) == cites(contract.text.search("overtime"))
    assert "Art. 4 §2.b(3)" in cites(contract.search("extra hours"))
    assert "Art. 44 §3" in cites(contract.search("hearing"))
    assert len(contract.search("extra hours")) == len(contract.search("overtime"))


def test_limit_is_checked_as_for_a_plain_search(contract):
    with pytest.raises(lmcore.errors.InvalidInput):
        contract.search("telework", limit=0)
    assert len(contract.search("telework", limit=2)) == 2


def test_acronyms_spelled_out_as_the_text_does(contract):
    assert contract.spell_out("OELMR") == "Office of Employee and Labor-Management Relations (OELMR)"
    assert contract.spell_out("XYZ") == "XYZ"


def test_handbook_shows_also_called():
    app = handbook.build_app(as_of=dt.date(2026, 11, 23))
    app.search("telework")
    assert "Searched as <b>Flexiplace</b> (Art. 10 §1), also called telework" in app.results.value
    assert "<mark>Flexiplace</mark>" in app.results.value or "<mark>flexiplace</mark>" in app.results.value


def test_cli_search_prints_also_called():
    out = subprocess.run([sys.executable, "-m", "lmcore", "search", "comp", "time"], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0] == "compensatory time (Art. 5 §9), also called comp time, comp hours"
    assert [ln.split()[0:3] for ln in lines[1:]] == [["Art.", "4", "§7.a"], ["Art.", "5", "§9"]]


def _folder(tmp_path, change):
    folder = tmp_path / "unit"
    shutil.copytree(BUNDLED, folder)
    data = yaml.safe_load((folder / "words.yaml").read_text(encoding="utf-8"))
    change(data)
    (folder / "words.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize("change, says", [
    (lambda d: d["terms"]["flexiplace"].update(term="Telework"), "'Telework' is not printed in Art. 10 §1"),
    (lambda d: d["terms"]["overtime"].update(cite="Art. 4 §99"), "terms.overtime.cite"),
    (lambda d: d["terms"]["sick_leave"]["also_called"].append("telework"), "'telework' is another name for both"),
    (lambda d: d["terms"]["awol"].update(also_called=[]), "also_called"),
    (lambda d: d["acronyms"].update(OELMR="Office of Labor Relations"), "never spells it out"),
    (lambda d: d["terms"]["hearing"].update(colour="red"), "colour"),
])
def test_a_wrong_words_file_is_refused_on_load(tmp_path, change, says):
    with pytest.raises(ContractFileError) as err:
        load_contract(_folder(tmp_path, change))
    assert says in str(err.value) and "words.yaml" in str(err.value)


def test_a_folder_without_a_words_file_loads_with_no_other_names(tmp_path):
    folder = tmp_path / "unit"
    shutil.copytree(BUNDLED, folder)
    (folder / "words.yaml").unlink()
    c = load_contract(folder)
    assert c.terms == {} and c.search("telework") == []
