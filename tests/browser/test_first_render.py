"""Issue 17 items 15–16 in a real browser: a served page's first chart is drawn after the page (lmcore.ui.show_png),
so it must still arrive — a real picture in the page, not an empty image — on every page that defers it."""
from __future__ import annotations

import pytest

from .conftest import WAIT_MS

pytestmark = pytest.mark.browser

# The page and a link whose first answer has a chart (the grievance timeline, the leave year, the child-care
# subsidy curve, the handbook's month calendar).
CHARTED = [("grievance_timeline", "learned=2026-11-18&path=employee"), ("leave_planner", ""),
           ("subsidies", "income=45000&cost=900"), ("handbook", "")]

DRAWN = """() => [...document.querySelectorAll('.lmcore-app img')].some(i => i.complete && i.naturalWidth > 50)"""


@pytest.mark.parametrize(("name", "query"), CHARTED)
def test_first_chart_arrives_after_the_page(open_dashboard, name, query):
    dash = open_dashboard(name, query)  # ready: the first answer is drawn
    dash.page.wait_for_function(DRAWN, timeout=WAIT_MS)
