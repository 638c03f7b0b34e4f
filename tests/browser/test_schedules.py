"""The work-schedules dashboard in a real browser: a part-timer's tour typed into its field, and CSV uploads that are
not timesheets (too large, not UTF-8) explained beside the upload while the page keeps working (issue 13, issue 14)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.browser

def upload(page, path) -> None:
    """Choose a file with the upload button, as a person does (the widget's file input is created on click)."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load a CSV").click()
    chooser.value.set_files(str(path))


def test_part_time_tour_art4_7a_5cfr610_405(open_dashboard):
    dash = open_dashboard("work_schedules", "schedule=variable-week&tour=Mon=5,Tue=5,Wed=5,Thu=5")
    # a 40-hour tour of 5-hour days Mon–Thu; Thanksgiving Thu 11-26 is a 5-hour day → 40 − 5 = 35 h to account for
    expect(dash.page.locator(".lmcore-answer").first).to_contain_text("basic work requirement of 35.00 h")
    box = dash.field_box("input[placeholder='e.g. Mon=5,Tue=5,Wed=5,Thu=5']")
    tour = box.locator("input").first
    tour.fill("Mon=25")
    tour.press("Enter")
    expect(box.locator(".lmcore-error")).to_contain_text("more than the 24 hours of a day")
    expect(tour).to_have_value("Mon=25")
    screenshot(dash.page, "work_schedules_tour")


def test_uploads_that_are_not_timesheets_are_explained_beside_the_upload(open_dashboard, tmp_path):
    dash = open_dashboard("work_schedules", "schedule=variable-week")
    page = dash.page
    answer = page.locator(".lmcore-answer").first
    before = answer.inner_text()
    box = page.locator(".widget-hbox").filter(has=page.get_by_role("button", name="Load a CSV")).filter(
        has=page.locator(".lmcore-error")).last
    big = tmp_path / "big.csv"
    big.write_bytes(b"date,start,end,lunch_start,lunch_end\n" + b"x" * (300 * 1024))
    upload(page, big)
    expect(box.locator(".lmcore-error")).to_contain_text("larger than 256 KB")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("date,start,end,lunch_start,lunch_end\n2026-11-16,07:00,15:30,,\n# été\n".encode("latin-1"))
    upload(page, latin)
    expect(box.locator(".lmcore-error")).to_contain_text("not UTF-8")
    assert answer.inner_text() == before  # the last answer is kept, not replaced by one for a file the user did not mean
    good = tmp_path / "dec.csv"
    days = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09",
            "2026-12-10", "2026-12-11"]
    good.write_text("date,start,end,lunch_start,lunch_end\n" + "".join(f"{d},08:00,16:45,12:00,12:30\n" for d in days))
    upload(page, good)
    # the page still works: Sun 11-29 – Sat 12-12, ten days of 8 h 15 = 82 h 30 against 80 h → 2.5 credit hours earned
    expect(answer).to_contain_text("Credit hours earned: 2.50")
    expect(box.locator(".lmcore-error")).to_have_text("")
    screenshot(page, "work_schedules_upload")
