"""The landing page: the server's front door leads to it, it links every dashboard that exists, and the links work."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import READY_TIMEOUT_MS, dashboard_names, error_outputs, kernel_id, screenshot, wait_until_ready

pytestmark = pytest.mark.browser


def test_front_door_leads_to_the_landing_page(voila_server, open_dashboard):
    """http://127.0.0.1:PORT/ (what `make serve` opens) goes straight to the landing page."""
    dash = open_dashboard("index")
    dash.page.goto(voila_server, timeout=READY_TIMEOUT_MS)  # the page's kernel may be the pool's refill, still starting
    dash.page.wait_for_url(re.compile(r".*/voila/render/index\.ipynb$"), timeout=READY_TIMEOUT_MS)
    wait_until_ready(dash.page)
    dash.kernel_id = kernel_id(dash.page)  # leaving the first page freed its kernel; the fixture frees this one


def test_landing_links_every_dashboard_and_the_links_open(voila_server, open_dashboard):
    dash = open_dashboard("index")
    assert error_outputs(dash.page) == []
    cards = dash.page.locator(".lmcore-card")
    names = sorted(cards.evaluate_all("els => els.map(e => e.dataset.dashboard)"))
    assert names == dashboard_names()
    hrefs = dash.page.locator(".lmcore-card h3 a").evaluate_all("els => els.map(e => e.href)")
    # each link, resolved by the browser from the page's own address, is the address every other browser test opens
    # its dashboard at (test_words opens each one there); fetching them all again here would run every notebook in
    # a kernel no page connects to. The handbook's link is followed below.
    assert sorted(hrefs) == sorted(f"{voila_server}voila/render/{n}.ipynb" for n in dashboard_names())
    screenshot(dash.page, "index")
    dash.page.locator(".lmcore-card[data-dashboard=handbook] h3 a").click()
    dash.page.wait_for_url(re.compile(r".*/voila/render/handbook\.ipynb$"))
    wait_until_ready(dash.page)
    dash.kernel_id = kernel_id(dash.page)
    expect(dash.page.locator(".lmcore-handbook")).to_be_visible()
