"""axe-core, injected from the local npm copy (nothing downloads), run against WCAG 2.2 A and AA."""
import json
import os
from functools import cache
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _govuk_conditional_radio(violation: dict, node: dict) -> bool:
    """GOV.UK Frontend's conditional reveal sets aria-expanded on the controlling radio.
    ARIA 1.2 does not list it for radios, so axe objects, but the Design System keeps it
    on purpose because screen readers announce it (alphagov/govuk-frontend#979, and its
    accessibility blog, September 2021). Only that one attribute on such a radio is let through."""
    return (
        violation["id"] == "aria-allowed-attr"
        and 'class="govuk-radios__input"' in node["html"] and "aria-controls=" in node["html"]
        and all("aria-expanded" in check.get("message", "") for check in node.get("any", []) + node.get("all", []))
    )


@cache
def _axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE_PATH") or Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js")
    if not path.is_file():
        raise FileNotFoundError(f"axe-core not found at {path}: run `make install` (npm ci) or set AXE_CORE_PATH")
    return path.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """Violations on the page as it is now. Evaluated, not added as a <script>, so the
    page's strict Content Security Policy stays on and is not what axe is judged against."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = []
    for violation in results["violations"]:
        nodes = [node for node in violation["nodes"] if not _govuk_conditional_radio(violation, node)]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    return violations


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page: Page, where: str = "") -> None:
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG 2.2 A/AA problems on {where or page.url}:\n{describe(violations)}"
