"""The analysis view on a phone (390 px), in Debian's headless Chromium (the fixtures of tests/test_web.py) on the
bundled corpus (issue 14): the alignment table fits its panel (or scrolls inside it), nothing on the page reaches
past the screen's right edge except inside a container that scrolls sideways, and every column of the table can be
reached, its last header cell brought onto the screen.

Screenshots: artifacts/screenshots/web_phone_alignment.png (390 px) and web_desktop_alignment.png (1280 px).
"""

from __future__ import annotations

import test_web

client_built = test_web.client_built
desktop = test_web.desktop
phone = test_web.phone

# Elements whose right edge is past the screen's, unless a container that scrolls sideways (and itself fits)
# holds them; the page's body clips overflow (overflow-x: hidden), so scrollWidth alone would not see them.
PAST_THE_EDGE = """() => {
  const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const held = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    if (scrolls(p)) return p.getBoundingClientRect().right <= innerWidth + 0.5; } return false; };
  return [...document.querySelectorAll('#view *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > innerWidth + 0.5 && !held(e);
  }).slice(0, 10).map(e => `${e.tagName}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
}"""


def _alignment(client) -> None:
    client.open("#/analysis")
    client.page.wait_for_selector("#alignment table.alignment tbody tr[data-id]")


def test_the_alignment_table_is_whole_on_a_phone(phone):
    _alignment(phone)
    assert phone.page.evaluate(PAST_THE_EDGE) == []
    assert phone.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    wrap = phone.page.locator("#alignment .table-wrap")
    # the last column can be reached: scrolled into its container, its header is on the screen
    last = phone.page.locator("#alignment table.alignment thead th").last
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= test_web.PHONE["width"], box
    sizes = wrap.evaluate("w => ({inner: w.scrollWidth, outer: w.clientWidth})")
    assert sizes["inner"] <= sizes["outer"], f"the table is {sizes['inner']} px in a {sizes['outer']} px panel"
    phone.page.locator("#alignment").scroll_into_view_if_needed()
    phone.shot("phone_alignment")


def test_the_alignment_table_on_a_laptop(desktop):
    _alignment(desktop)
    assert desktop.page.evaluate(PAST_THE_EDGE) == []
    desktop.page.locator("#alignment").scroll_into_view_if_needed()
    desktop.shot("desktop_alignment")
