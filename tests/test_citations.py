"""Citations are parsed from any common spelling and printed one canonical way; the text is found by citation."""
from __future__ import annotations

import pytest

from lmcore import Cite, UnknownCitation, normalize


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("Art. 43 §7.a(1)", "Art. 43 §7.a(1)"),
        ("Article 43, Section 7.a(1)", "Art. 43 §7.a(1)"),
        ("Article 43, Section 7.a.(3)", "Art. 43 §7.a(3)"),  # the text's own spelling (Art. 43 §6.a)
        ("art 43 sec 7 a 1", "Art. 43 §7.a(1)"),
        ("Art. 43 §8.c(2)(c)", "Art. 43 §8.c(2)(c)"),
        ("Article 10, Section 8.A.2", "Art. 10 §8.A.2"),
        ("Art. 10 §6.E.4", "Art. 10 §6.E.4"),
        ("Art. 44", "Art. 44"),
        ("Article 47 Section 2", "Art. 47 §2"),
        ("Transit Subsidy ¶4", "Transit Subsidy ¶4"),
        ("transit subsidy item 4", "Transit Subsidy ¶4"),
        ("Child Care Subsidy b", "Child Care Subsidy ¶b"),
    ],
)
def test_normalize(raw, canonical):
    assert normalize(raw) == canonical
    assert normalize(canonical) == canonical  # canonical form is a fixed point


@pytest.mark.parametrize("raw", ["", "Section 7", "Art. §7", "Art. 43 §7.a(1)!!", "Rule 12"])
def test_unparseable_citations_say_how_to_write_one(raw):
    with pytest.raises(UnknownCitation) as exc:
        Cite.parse(raw)
    assert "Art. 43 §7.a(1)" in str(exc.value) or "Use letters" in str(exc.value)


def test_section_text_art43_7a1(contract):
    sec = contract.section("Article 43, Section 7.a(1)")
    assert sec.citation == "Art. 43 §7.a(1)"
    assert sec.text.startswith("(1) A grievance must be filed within twenty (20) workdays")
    assert sec.article_title == "Grievance Procedure"


def test_section_includes_sub_items_art43_7b1(contract):
    text = contract.section("Art. 43 §7.b(1)").text
    assert "(a) date of appeal;" in text and "(g) name of Union representative." in text


def test_article_10_capital_items(contract):
    assert "after at least ninety (90) days" in contract.section("Art. 10 §8.A.2").text
    assert "24 hours advance notice" in contract.section("Art. 10 §6.E.4").text


def test_new_articles_by_paragraph(contract):
    assert "actual cost of commuting" in contract.section("Transit Subsidy ¶4").text
    assert "$70,000-$79,999 10% $200" in contract.section("Child Care Subsidy ¶b").text


def test_glued_item_art5_7h_is_split_from_7g(contract):
    # the printed text runs "…once in a calendar month.h. Medical" on one line
    assert contract.section("Art. 5 §7.g").text.endswith("not more than once in a calendar month.")
    assert contract.section("Art. 5 §7.h").text.startswith("h. Medical")


def test_unknown_article_lists_the_articles(contract):
    with pytest.raises(UnknownCitation) as exc:
        contract.section("Art. 99 §1")
    msg = str(exc.value)
    assert "Art. 99 is not in this contract" in msg
    assert "Art. 43" in msg and "Transit Subsidy" in msg


def test_unknown_section_lists_what_exists(contract):
    with pytest.raises(UnknownCitation, match=r"Art\. 43 §15 does not exist.*Art\. 43 §14"):
        contract.section("Art. 43 §15")


def test_search_credit_hours_finds_art4_2b1(contract):
    hits = contract.search("credit hours")
    cites = [h.citation for h in hits]
    assert cites[0] == "Art. 4 §2.b(1)"
    assert "Art. 4 §8" in cites
    assert all("credit hours" in h.excerpt.lower() for h in hits)


def test_search_falls_back_to_all_words(contract):
    hits = contract.search("arbitrator alphabetical rosters")
    assert "Art. 44 §1.a" in [h.citation for h in hits]
    assert contract.search("zzzz-not-there") == []


def test_articles_in_order(contract):
    assert [str(c) for c, _ in contract.text.articles] == [
        "Art. 4", "Art. 5", "Art. 10", "Art. 29", "Art. 30", "Art. 35", "Art. 36", "Art. 43", "Art. 44",
        "Art. 46", "Art. 47", "Transit Subsidy", "Child Care Subsidy",
    ]


def test_known_flaws_are_data_and_found_by_citation(contract):
    # shared/sources/README.md lists these flaws of the printed text
    assert [f.id for f in contract.flaws_for("Art. 44 §3.d")] == ["art44_cites_section13_for_stays"]
    assert "art4_two_part_time_requirements" in [f.id for f in contract.flaws_for("Art. 4 §7.b")]
    assert "art5_7a_broken_sentence" in [f.id for f in contract.flaws_for("Art. 5 §7")]
    assert "art10_3_skips_item_e" in [f.id for f in contract.flaws_for("Art. 10 §3.F")]
    assert "art29_1_skips_item_c" in [f.id for f in contract.flaws_for("Art. 29 §1")]
    assert "art46_2a_cut_off" in [f.id for f in contract.flaws_for("Art. 46 §2.a")]
    assert contract.flaws_for("Art. 43 §1") == []
    # the text itself confirms the gaps
    assert [str(c) for c in contract.text.children("Art. 10 §3")][-3:] == ["Art. 10 §3.D", "Art. 10 §3.F", "Art. 10 §3.G"]
    assert [str(c) for c in contract.text.children("Art. 29 §1")] == ["Art. 29 §1.a", "Art. 29 §1.b", "Art. 29 §1.d", "Art. 29 §1.e"]
