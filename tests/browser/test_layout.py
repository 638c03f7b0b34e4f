"""Issue 17 item 12, on a projector (1280×800) and a small laptop (1024×800): every dashboard's first input is on
screen without scrolling, and the page's length is written to test-artifacts/page_heights.txt for the closing note."""
from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, dashboard_names

pytestmark = pytest.mark.browser

FOLD = 800  # the screen's height: a projector at 1280×800
FIRST_INPUT = ".lmcore-app :is(input, select, textarea):visible"
HEIGHT = "() => { const r = document.querySelector('#rendered_cells'); return Math.ceil(r ? r.scrollHeight : document.body.scrollHeight); }"


@pytest.mark.parametrize("name", dashboard_names())
def test_the_first_input_is_on_screen_without_scrolling(open_dashboard, name):
    dash = open_dashboard(name)
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
