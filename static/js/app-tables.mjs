// Wide tables on small screens (WCAG 1.4.10 Reflow, 2.1.1 Keyboard). Every GOV.UK table that
// is wider than the screen (and not stacked into cards, app-table--stack) sits in its own scrolling region, so the page
// itself never scrolls sideways; while the region actually scrolls it can take keyboard focus
// and is named after the table, so keyboard and screen reader users can scroll it too.
const label = (table) => {
  const caption = table.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  const by = table.getAttribute("aria-labelledby");
  const named = by && document.getElementById(by);
  if (named) return named.textContent.trim();
  return table.getAttribute("aria-label") || "Table";
};

const regions = [];
for (const table of document.querySelectorAll("main table.govuk-table")) {
  let region = table.parentElement;
  if (!region.classList.contains("app-table-scroll")) {
    // Moving the table drops focus from anything inside it (a fast Tab can reach a link
    // in the table before this module runs), so focus is put back where it was.
    const hadFocus = table.contains(document.activeElement) ? document.activeElement : null;
    region = document.createElement("div");
    region.className = "app-table-scroll";
    table.replaceWith(region);
    region.append(table);
    if (hadFocus) hadFocus.focus({ preventScroll: true });
  }
  if (!region.hasAttribute("role")) region.setAttribute("role", "region");
  if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) {
    region.setAttribute("aria-label", label(table));
  }
  regions.push(region);
}

const update = () => {
  for (const region of regions) {
    if (region.scrollWidth > region.clientWidth + 1) region.setAttribute("tabindex", "0");
    else if (region.dataset.alwaysFocusable) continue;
    // Removing tabindex from the focused region would drop focus to the body; it leaves
    // the Tab order once focus moves on instead.
    else if (region === document.activeElement) region.addEventListener("blur", update, { once: true });
    else region.removeAttribute("tabindex");
  }
};
update();
new ResizeObserver(update).observe(document.documentElement);
