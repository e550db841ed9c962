"""Reflow checks (WCAG 1.4.10): at 320 CSS pixels wide, and at 200% zoom of a 1280 pixel
window (640 CSS pixels), the page needs no sideways scrolling and loses no content."""
from playwright.sync_api import Page, expect

DESKTOP = {"width": 1280, "height": 800}
ZOOM_200 = {"width": 640, "height": 400}  # what a 1280 x 800 window shows at 200%
NARROW = {"width": 320, "height": 640}
TABLET_WIDTH = 641  # GOV.UK Frontend's "tablet" breakpoint, 40.0625em

# Elements that stick out past the right edge of the viewport, ignoring those inside a
# container that scrolls or clips on its own (a wide table in a scrolling wrapper is allowed).
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const inScroller = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const offenders = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1 || inScroller(el)) continue;
    if (getComputedStyle(el).visibility === "hidden") continue;
    offenders.push(`${describe(el)} reaches ${Math.round(box.right)}px: ${(el.innerText || "").slice(0, 60)}`);
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, width, offenders: offenders.slice(0, 8)};
}"""


def main_text(page: Page) -> str:
    """The words of the main content as rendered (innerText leaves out anything hidden by CSS)."""
    return " ".join(page.locator("main").inner_text().split())


def _main_text_becomes(page: Page, expected: str, *, seconds: float = 3.0) -> bool:
    """Whether the main text equals ``expected`` within ``seconds``: scripts that react to the
    resize (GOV.UK's character count rewrites its message when it initialises or reflows)
    may still be running when the viewport has just changed, as Playwright's own assertions
    allow for."""
    for _ in range(int(seconds / 0.1)):
        if main_text(page) == expected:
            return True
        page.wait_for_timeout(100)
    return main_text(page) == expected


def assert_reflows(page: Page, viewport: dict, *, desktop_text: str) -> None:
    page.set_viewport_size(viewport)
    result = page.evaluate(_OVERFLOW)
    where = f"{viewport['width']} px wide"
    assert result["scrollWidth"] <= result["width"], (
        f"Sideways scrolling at {where}: the page is {result['scrollWidth']}px wide. "
        "Sticking out:\n" + "\n".join(result["offenders"])
    )
    assert not result["offenders"], f"Content cut off at {where}:\n" + "\n".join(result["offenders"])
    assert _main_text_becomes(page, desktop_text), f"Some of the main content is hidden at {where}"
    _expect_navigation_reachable(page, viewport)


def _expect_navigation_reachable(page: Page, viewport: dict) -> None:
    """Below GOV.UK's tablet width the service navigation folds behind "Menu"; it must open.

    GOV.UK Frontend folds it from a media-query listener, so wait for the fold to show
    rather than reading the navigation straight after resizing.
    """
    if page.locator("#navigation").count() == 0:  # signed out: no navigation
        return
    sign_out = page.get_by_role("button", name="Sign out")
    if viewport["width"] >= TABLET_WIDTH:
        expect(sign_out).to_be_visible()
        return
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(sign_out).to_be_hidden()
    menu.click()
    expect(sign_out).to_be_visible()
    menu.click()  # fold it again for the next viewport
    expect(sign_out).to_be_hidden()
