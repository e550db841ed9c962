"""Driving pages with the keyboard alone: Tab, Shift+Tab, Space, Enter and the arrow keys.

Nothing here clicks or fills an element; the page is only read (which element has focus,
how it looks) to decide which key to press next and to check what a person would see.
"""
from dataclasses import dataclass

from playwright.sync_api import Page

# Reads the focused element. For a GOV.UK radio or checkbox the input itself is invisible:
# its focus ring is drawn on the label's ::before box, so that is the box whose style counts.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels.length ? el.labels[0].innerText.trim() : "";
  return {
    tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "", id: el.id || "",
    value: el.value || "", checked: !!el.checked, label: label,
    text: (el.innerText || (["submit", "button"].includes(el.type) ? el.value : "") || "")
      .trim().replace(/\\s+/g, " ").slice(0, 120),
    classes: el.className || "",
  };
}"""

_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const box = ["radio", "checkbox"].includes(el.type) && el.labels.length
    ? [el.labels[0], "::before"] : [el, null];
  const snapshot = () => {
    const s = getComputedStyle(box[0], box[1]);
    return {outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
            boxShadow: s.boxShadow, backgroundColor: s.backgroundColor, borderColor: s.borderColor};
  };
  const focused = snapshot();
  el.blur();
  const unfocused = snapshot();
  el.focus();
  return {focused, unfocused};
}"""


@dataclass(frozen=True)
class Focused:
    tag: str
    type: str
    name: str
    id: str
    value: str
    checked: bool
    label: str
    text: str
    classes: str

    @property
    def key(self) -> str:
        """How a test names it: a form field by its name, a link or button by its words."""
        is_field = self.tag in ("input", "textarea", "select") and self.type not in ("submit", "button")
        return self.name if is_field else self.text

    def __str__(self) -> str:
        return f"<{self.tag} name={self.name!r} id={self.id!r}> {self.label or self.text!r}"


def focused(page: Page) -> Focused | None:
    data = page.evaluate(_FOCUSED)
    return Focused(**data) if data else None


def _transparent(colour: str) -> bool:
    """Computed colours are "rgb(r, g, b)" or, with transparency, "rgba(r, g, b, a)"."""
    if colour == "transparent":
        return True
    parts = colour[colour.find("(") + 1 : -1].split(",")
    return len(parts) == 4 and float(parts[3]) == 0


def _visible_outline(style: dict) -> bool:
    width = float(style["outlineWidth"].removesuffix("px") or 0)
    return style["outlineStyle"] != "none" and width > 0 and not _transparent(style["outlineColor"])


def assert_focus_visible(page: Page) -> None:
    """The focused element looks different from when it is not focused, with an outline,
    shadow or background a person can see (GOV.UK's yellow focus state).

    It blurs and refocuses the element to compare, so use it on elements Tab reached;
    for containers focused by script (the error summary) use ``assert_outlined``.
    """
    styles = page.evaluate(_FOCUS_STYLE)
    on, off = styles["focused"], styles["unfocused"]
    shadow = on["boxShadow"] not in ("none", off["boxShadow"])
    background = on["backgroundColor"] != off["backgroundColor"]
    assert _visible_outline(on) or shadow or background, (
        f"No visible focus indicator on {focused(page)}: focused {on}, unfocused {off}"
    )


def assert_outlined(page: Page) -> None:
    """The focused element (a container focused by script) has a visible outline."""
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return "
        "{outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor}; }"
    )
    assert _visible_outline(style), f"No visible focus outline on {focused(page)}: {style}"


def press(page: Page, key: str) -> Focused | None:
    # A key pressed while a new page is still loading races Chrome's scroll to the address's
    # fragment (a form posted from /sign-in/#main-content redirects to /#main-content) and the
    # table script moving tables into their scrolling regions: about one run in seven, the
    # first Tab then started from nowhere and left the page. People press keys on a page they
    # can see loaded; so does this helper (no wait when it already is).
    page.wait_for_load_state("load")
    page.keyboard.press(key)
    return focused(page)


def tab(page: Page, *, backwards: bool = False) -> Focused:
    """One Tab (or Shift+Tab); the element that receives focus must show it."""
    now = press(page, "Shift+Tab" if backwards else "Tab")
    assert now is not None, "Tab left the page: focus went to the document body"
    assert_focus_visible(page)
    return now


def tab_until(page: Page, matches, *, limit: int = 120, backwards: bool = False) -> list[Focused]:
    """Tab until ``matches(focused)`` is true; returns every element focused on the way."""
    path = []
    for _ in range(limit):
        now = tab(page, backwards=backwards)
        path.append(now)
        if matches(now):
            return path
    raise AssertionError(f"Not reached in {limit} presses of Tab; focus went through:\n" + "\n".join(map(str, path)))


def by_text(text: str):
    return lambda el: el.text == text or el.label == text


def by_name(name: str):
    return lambda el: el.name == name


def activate(page: Page) -> None:
    """Enter on the focused link or button."""
    page.keyboard.press("Enter")


def choose_radio(page: Page, value: str) -> None:
    """With focus on a radio group, move to the radio ``value`` with the arrow keys, which
    also selects it, or press Space when focus is already there."""
    values = page.evaluate(
        "() => Array.from(document.getElementsByName(document.activeElement.name)).map(r => r.value)"
    )
    current = values.index(focused(page).value)
    target = values.index(value)
    key = "ArrowDown" if target > current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    if not focused(page).checked:
        page.keyboard.press("Space")
    now = focused(page)
    assert now.value == value and now.checked, f"Could not choose {value!r}: focus is on {now}"


def type_text(page: Page, text: str) -> None:
    """Type into the focused field, replacing what is there (select all, then type)."""
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(text)
