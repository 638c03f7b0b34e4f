"""The work-schedules page on a projector (1280×800) and a small laptop (1024×800), measured in a real browser with
bounding boxes (issue 17 item 11): each heading of the day-by-day grid stands over its own column of boxes and is as
wide as they are; the *Load a CSV* button does not cover the line that gives the CSV's header; the credit-hour ledger
(and the comparison table) has separated headings, each aligned with its column's numbers; no text on the page is cut
off (clipped, ellipsised, cut with "…", or an option wider than its dropdown) and nothing runs past the page's edge.
One page opening for the whole module; the width changes with set_viewport_size."""
from __future__ import annotations

import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, WAIT_MS, screenshot

pytestmark = pytest.mark.browser

WIDTHS = (1280, 1024)
HEIGHT = 800
# the grid's headings, left to right (the first two readings also match the words the page had before issue 17)
HEADINGS = ("Day", "Start", "End", "Lunch( start)?", "Lunch end", "Leave h|Leave \\(h\\)", "Leave kind",
            "Ordered OT h|Ordered overtime \\(h\\)")

GRID = """(patterns) => {
  const app = document.querySelector('.lmcore-schedules');
  const rect = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  // a grid row: a box with four time boxes (placeholder HH:MM) of its own; its first 8 children are the columns
  const rows = [...app.querySelectorAll('.widget-hbox')].filter(b => [...b.children].filter(
      c => c.querySelector('input[placeholder="HH:MM"]') && !c.classList.contains('widget-box')).length >= 4);
  const top = rows[0].getBoundingClientRect().top;
  const words = e => e.innerText.replace(/\\s+/g, ' ').trim();
  const heads = patterns.map(p => {
    const re = new RegExp('^(' + p + ')$');
    // the innermost element with exactly these words, nearest above the first row
    const hits = [...app.querySelectorAll('*')].filter(e => e.offsetParent !== null && re.test(words(e))
        && ![...e.children].some(c => re.test(words(c))) && e.getBoundingClientRect().bottom <= top + 0.5);
    hits.sort((a, b) => b.getBoundingClientRect().bottom - a.getBoundingClientRect().bottom);
    let h = hits[0];  // then its box: the outermost element holding these words and no others
    while (h && h.parentElement && re.test(words(h.parentElement))) h = h.parentElement;
    return h ? {...rect(h), text: words(h), overflow: h.scrollWidth > h.clientWidth + 1} : null;
  });
  return {heads, rows: rows.map(r => [...r.children].slice(0, patterns.length).map(rect))};
}"""

TABLES = """() => {
  const app = document.querySelector('.lmcore-schedules');
  const text = c => { const r = document.createRange(); r.selectNodeContents(c); const b = r.getBoundingClientRect();
                      return {left: b.left, right: b.right, words: c.innerText.trim()}; };
  return [...app.querySelectorAll('table')].filter(t => t.offsetParent !== null && t.querySelector('th')).map(t => {
    const rows = [...t.rows];
    const head = rows.find(r => r.querySelector('th'));
    return {name: t.className || t.innerText.slice(0, 30), head: [...head.cells].map(text),
            body: rows.filter(r => r !== head && !r.querySelector('th')).map(r => [...r.cells].map(text))};
  });
}"""

CUT = """() => {
  const app = document.querySelector('.lmcore-schedules');
  const cut = [];
  const canvas = document.createElement('canvas').getContext('2d');
  const fits = (el, words) => {  // the text's width in the element's own font against the room inside its padding
    const cs = getComputedStyle(el);
    canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return canvas.measureText(words).width <= room + 0.5;
  };
  for (const e of app.querySelectorAll('*')) {
    if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') continue;
    const cs = getComputedStyle(e);
    const tag = e.tagName;
    if (tag === 'SELECT') {
      for (const o of e.options) if (!fits(e, o.text)) cut.push(`dropdown option "${o.text}" is wider than its box`);
      continue;
    }
    if ((tag === 'INPUT' || tag === 'TEXTAREA') && e.placeholder && !fits(e, e.placeholder)) {
      cut.push(`placeholder "${e.placeholder}" is wider than its box`);
    }
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'IMG' || tag === 'SELECT' || tag === 'OPTION') continue;
    const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
    if (clips && e.scrollWidth > e.clientWidth + 1) {
      cut.push(`${tag}.${e.className} "${e.innerText.slice(0, 60)}" is cut (${e.scrollWidth} > ${e.clientWidth} px wide)`);
    }
    if (cs.overflowY !== 'visible' && e.scrollHeight > e.clientHeight + 1 && cs.overflowY !== 'auto' && cs.overflowY !== 'scroll') {
      cut.push(`${tag}.${e.className} "${e.innerText.slice(0, 60)}" is cut (${e.scrollHeight} > ${e.clientHeight} px high)`);
    }
    // a label with a fixed height (a radio button's, a button's) whose words run out of it
    if (tag === 'LABEL' || tag === 'BUTTON') {
      const r = document.createRange(); r.selectNodeContents(e); const t = r.getBoundingClientRect(), b = e.getBoundingClientRect();
      if (t.bottom > b.bottom + 1 || t.right > b.right + 1) cut.push(`${tag} "${e.innerText.slice(0, 60)}" runs out of its box`);
    }
  }
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode;
    if (n.parentElement.offsetParent !== null && n.textContent.includes('…')) cut.push(`words cut with "…": "${n.textContent.trim().slice(-80)}"`);
  }
  const page = document.querySelector('#rendered_cells') || document.body;
  if (page.scrollWidth > page.clientWidth + 1) cut.push(`the page is ${page.scrollWidth} px wide in a ${page.clientWidth} px window`);
  return cut;
}"""


@pytest.fixture(scope="module")
def dash(module_opener):
    """One opening of the page for every check here (the default schedule: variable week, the pinned pay period); its
    length at both widths and full-length screenshots are taken first, before any check changes the page."""
    d = module_opener.open("work_schedules")
    page = d.page
    expect(page.locator(".lmcore-ledger").first).to_be_visible(timeout=WAIT_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    d.heights = {}
    for width in (1024, 1280):
        at(page, width)
        d.heights[width] = page.evaluate("() => document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": 1024, "height": min(d.heights[1024] + 40, 8000)})
    page.screenshot(path=str(ARTIFACTS / "work_schedules_layout_1024.png"), full_page=True)
    screenshot(page, "work_schedules_layout_1280")
    (ARTIFACTS / "schedules_heights.txt").write_text(
        f"work_schedules: {d.heights[1280]} px at 1280 wide, {d.heights[1024]} px at 1024 wide\n")
    return d


def at(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": HEIGHT})


@pytest.mark.parametrize("width", WIDTHS)
def test_grid_headings_stand_over_their_own_boxes(dash, width):
    """Each heading's centre lies inside its column's boxes on every one of the 14 rows, the heading is as wide as its
    boxes (±1 px), stands above the first row and is not cut."""
    at(dash.page, width)
    grid = dash.page.evaluate(GRID, list(HEADINGS))
    assert len(grid["rows"]) == 14, f"{len(grid['rows'])} grid rows (a pay period has 14 days)"
    problems = []
    for i, (pattern, head) in enumerate(zip(HEADINGS, grid["heads"])):
        if head is None:
            problems.append(f"no heading /{pattern}/ above the grid")
            continue
        centre = (head["left"] + head["right"]) / 2
        for n, row in enumerate(grid["rows"]):
            cell = row[i]
            if not cell["left"] <= centre <= cell["right"]:
                problems.append(f"'{head['text']}' (centre {centre:.0f} px) is not over row {n + 1}'s box "
                                f"({cell['left']:.0f}–{cell['right']:.0f} px)")
                break
        first = grid["rows"][0][i]
        if abs(head["width"] - first["width"]) > 1:
            problems.append(f"'{head['text']}' is {head['width']:.0f} px wide over a {first['width']:.0f} px column")
        if head["overflow"]:
            problems.append(f"'{head['text']}' is cut")
    assert not problems, f"at {width} px wide:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_load_a_csv_button_leaves_the_format_line_uncovered(dash, width):
    """The upload button's box and the box of the line naming the CSV's header (typed exactly) do not overlap."""
    page = dash.page
    at(page, width)
    button = page.get_by_role("button", name=re.compile("Load a CSV")).bounding_box()
    line = page.locator(".lmcore-schedules").get_by_text("First line of the file", exact=False).last.bounding_box()
    code = page.locator(".lmcore-schedules code", has_text="date,start,end").first.bounding_box()
    assert button and line and code
    for what, box in (("format line", line), ("CSV header", code)):
        apart = (button["x"] + button["width"] <= box["x"] or box["x"] + box["width"] <= button["x"]
                 or button["y"] + button["height"] <= box["y"] or box["y"] + box["height"] <= button["y"])
        assert apart, f"at {width} px wide the Load a CSV button {button} covers the {what} {box}"


@pytest.mark.parametrize("width", WIDTHS)
def test_ledger_headings_are_separated_and_aligned_with_their_numbers(dash, width):
    """Credit-hour ledger (Art. 4 §2.b(1)), its day-by-day table and the comparison: adjacent headings' words are at
    least 8 px apart, and each cell's words start or end where its heading's words do (±3 px)."""
    at(dash.page, width)
    tables = dash.page.evaluate(TABLES)
    names = " ".join(t["name"] for t in tables)
    assert "lmcore-ledger" in names and len(tables) >= 3, f"tables found: {names}"
    problems = []
    for t in tables:
        heads = t["head"]
        for a, b in pairwise(heads):
            if a["words"] and b["words"] and b["left"] - a["right"] < 8:
                problems.append(f"{t['name']}: '{a['words']}' and '{b['words']}' run together ({b['left'] - a['right']:.1f} px apart)")
        for row in t["body"]:
            for h, c in zip(heads, row):
                if h["words"] and c["words"] and abs(c["left"] - h["left"]) > 3 and abs(c["right"] - h["right"]) > 3:
                    problems.append(f"{t['name']}: '{c['words']}' ({c['left']:.0f}–{c['right']:.0f} px) is not aligned "
                                    f"with its heading '{h['words']}' ({h['left']:.0f}–{h['right']:.0f} px)")
    assert not problems, f"at {width} px wide:\n" + "\n".join(problems[:12])


def test_no_label_cut_off_at_either_width(dash):
    """Nothing on the page is clipped or cut with "…", at 1280 and 1024 wide, for the default schedule and for a
    compressed 5-4/9 schedule, whose layout dropdown holds the longest labels (90 layouts, Art. 4 §2.c(1)(c))."""
    page = dash.page
    problems = []
    for width in WIDTHS:
        at(page, width)
        problems += [f"at {width} px: {p}" for p in page.evaluate(CUT)]
    kind = page.locator(".lmcore-schedules select").first  # the schedule type, the page's first dropdown
    kind.select_option(label="Compressed 5-4/9")
    expect(page.locator(".lmcore-schedules select option", has_text="off Mon of week 2").first).to_be_attached(timeout=WAIT_MS)
    for width in WIDTHS:
        at(page, width)
        problems += [f"5-4/9 at {width} px: {p}" for p in page.evaluate(CUT)]
    kind.select_option(label="Variable week (flexible)")  # back to the page's first answer for the other checks
    expect(page.locator(".lmcore-schedules select option", has_text="off Mon of week 2")).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator(".lmcore-answer").first).to_contain_text("Variable week (flexible), pay period", timeout=WAIT_MS)
    assert not problems, "\n".join(problems[:20])


BEFORE_PX = 5561  # the page's length at 1280 wide before issue 17 (tests/browser/test_words.py, main at a00a75e)


def test_page_is_shorter_than_before(dash):
    """At 1280 wide the page (as it first opens) is shorter than before issue 17, with nothing folded away that was
    shown then (the screenshots of both widths are in test-artifacts/, the lengths in schedules_heights.txt)."""
    assert HEIGHT < dash.heights[1280] < BEFORE_PX, \
        f"the page is {dash.heights[1280]} px long at 1280 wide (before issue 17: {BEFORE_PX} px)"
