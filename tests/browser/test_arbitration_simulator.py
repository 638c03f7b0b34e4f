"""Issue 17 item 13 in a real browser: the arbitration simulator takes the caseload a year or a month, answers first in
one plain sentence (the fewest reserved dates a month per arbitrator for the planning target of hearings on time),
draws its charts, names months "Jan 2027", and is reachable from the top of the page by a link to its heading.

The page is typed into as a person does (fill, then Enter) and the test waits for the page's own text, never a sleep.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import WAIT_MS, type_into

pytestmark = pytest.mark.browser


def test_the_top_link_jumps_to_the_simulator_and_thirty_cases_a_year_give_the_capacity_sentence(open_dashboard):
    """One page opening (a second one at once waits for the pool's refill: slow on a loaded machine).
    The top link: a plain HTML anchor (Voilà runs no browser code from the notebook) near the top, pointing at the
    heading's id; following it brings the heading into view.
    The sentence: 30 cases a year are 2.5 a month (30 / 12, Art. 44 §3.b's monthly meeting reviews them); it comes
    first in the simulator's answer. Typed as 30 a month first, then the period switched to a year: the same 30, read
    again."""
    dash = open_dashboard("arbitration_scheduler")
    page = dash.page
    links = page.get_by_role("link", name="Jump to the scheduling simulator")
    expect(links).to_have_count(2)  # under the page's title, and again at the top of the dashboard's widgets
    link = links.first
    href = link.get_attribute("href")
    assert href and href.startswith("#")
    heading = page.locator(f"h3[id='{href[1:]}']")
    expect(heading).to_contain_text("Scheduling simulator")
    assert links.nth(1).get_attribute("href") == href
    assert link.bounding_box()["y"] < 300 and heading.bounding_box()["y"] > 900  # the link in the first screen, the heading below
    link.click()
    expect(heading).to_be_in_viewport(timeout=WAIT_MS)

    box = dash.field_box(".lmcore-caseload input").locator("input")
    sentence = page.locator(".lmcore-capacity")
    page.locator(".lmcore-per select").select_option(label="a month")
    type_into(box, "30")
    expect(sentence).to_contain_text("With 30 cases a month, each arbitrator must reserve", timeout=WAIT_MS)
    page.locator(".lmcore-per select").select_option(label="a year")
    expect(sentence).to_contain_text("With 30 cases a year (2.5 a month), each arbitrator must reserve", timeout=WAIT_MS)
    expect(sentence).to_contain_text("to hold 95 % of hearings on time (Art. 44 §3.a–§3.e)")
    expect(box).to_have_value("30")
    expect(page.locator(".lmcore-app")).to_contain_text("planning target of this simulator, not a rule of the contract")
    expect(page.locator(".lmcore-app img")).to_have_count(2)  # the capacity chart and the months chart
    month = page.locator("select").filter(has=page.locator("option", has_text="Jan 2027"))
    expect(month).to_have_count(1)
    # bad input: the message beside the box, what was typed kept, no sentence
    type_into(box, "-5")
    expect(dash.field_box(".lmcore-caseload input").locator(".lmcore-error")).to_contain_text("outside what the cases a year",
                                                                                               timeout=WAIT_MS)
    expect(box).to_have_value("-5")
    expect(sentence).to_have_count(0)
    expect(page.locator(".lmcore-app")).to_contain_text("1 field needs attention")
