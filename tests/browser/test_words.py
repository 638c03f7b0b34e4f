"""Plain words on every served page (issue 17 items 8 and 9), in a real browser: the rendered text of every
dashboard and of the landing page holds no program id (snake_case names such as `step1_filing`, `hearing_by`,
`count.event_on_nonworkday`) outside `<code>` elements; the browser tab's title is the dashboard's name in words;
OELMR is spelled out where it is first used; the handbook's search finds Flexiplace for "telework".
The same page opening also checks issue 17 item 12 (one opening per dashboard keeps the suite short): on a projector
(1280×800) and a small laptop (1024×800) the first input is on screen without scrolling; each page's length is
written to test-artifacts/page_heights.txt for the closing note."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, NOTEBOOKS, dashboard_names, normalized

pytestmark = pytest.mark.browser

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)*_[a-z0-9]+\b")
# the text a person reads: every visible text of the page, with what stands in <code> (typed exactly) taken out
READ_TEXT = """() => {
  const root = document.querySelector('#rendered_cells') || document.body;
  let text = root.innerText;
  for (const c of root.querySelectorAll('code')) { if (c.innerText) text = text.split(c.innerText).join(' '); }
  return text;
}"""


def words_title(name: str) -> str:
    meta = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["metadata"]
    return (meta.get("lmcore") or {}).get("title") or meta["title"]


FOLD = 800  # the screen's height: a projector at 1280×800
FIRST_INPUT = ".lmcore-app :is(input, select, textarea):visible"
HEIGHT = "() => { const r = document.querySelector('#rendered_cells'); return Math.ceil(r ? r.scrollHeight : document.body.scrollHeight); }"


@pytest.mark.parametrize("name", ["index", *dashboard_names()])
def test_no_program_id_on_the_page_and_the_tab_says_its_name(open_dashboard, name):
    dash = open_dashboard(name)
    text = dash.page.evaluate(READ_TEXT)
    assert SNAKE.findall(text) == [], f"{name}: program ids on the page: {sorted(set(SNAKE.findall(text)))}"
    assert dash.page.title() == words_title(name)
    if "OELMR" in text:  # spelled out on first use, as the contract does (Art. 43 §7.a(5))
        flat = normalized(text)
        assert flat[:flat.index("OELMR")].endswith("Office of Employee and Labor-Management Relations ("), name
    if name != "index":  # the landing page is a list of links: it has no input
        first_input_is_on_screen(dash, name)


def first_input_is_on_screen(dash, name: str) -> None:
    """Item 12 at 1280 and 1024 wide; the page's length at each width goes to page_heights.txt."""
    heights = []
    for width in (1280, 1024):
        dash.page.set_viewport_size({"width": width, "height": FOLD})
        first = dash.page.locator(FIRST_INPUT).first
        first.wait_for(state="visible")
        box = first.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= FOLD, \
            f"{name} at {width} px wide: the first input is at {box} (the screen ends at {FOLD} px)"
        heights.append(dash.page.evaluate(HEIGHT))
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "page_heights.txt").open("a") as out:
        out.write(f"{name}: {heights[0]} px at 1280 wide, {heights[1]} px at 1024 wide; first input at {box['y']:.0f} px\n")


def test_telework_finds_flexiplace_also_called(open_dashboard):
    """The contract never prints "telework": the search names Flexiplace (Art. 10 §1) and its other names."""
    dash = open_dashboard("handbook", "q=telework")
    results = dash.page.locator(".lmcore-search-results")
    expect(results).to_contain_text("Searched as Flexiplace (Art. 10 §1), also called telework", timeout=30_000)
    expect(results.locator("ol.lmcore-hits li").first).to_contain_text("Art. 10 §1")
