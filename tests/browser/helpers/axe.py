"""axe-core, injected from the local npm copy (nothing downloads), run against WCAG 2.2 A and AA."""
import json
import os
from functools import cache
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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
    return _without_govuk_conditional_reveal(results["violations"])


# GOV.UK Frontend puts aria-expanded on a radio or checkbox that reveals a follow-up question.
# ARIA does not list it for those roles, so axe objects, but the Design System keeps it on
# purpose because screen readers announce it (alphagov/govuk-frontend issue 979, a documented
# known issue). Only that exact finding is set aside; any other attribute still fails.
_CONDITIONAL_INPUT = ('class="govuk-radios__input"', 'class="govuk-checkboxes__input"')


def _is_conditional_reveal(node: dict) -> bool:
    messages = [check["message"] for check in node.get("all", []) + node.get("any", []) + node.get("none", [])]
    return (
        any(marker in node["html"] for marker in _CONDITIONAL_INPUT)
        and "aria-controls=" in node["html"]
        and bool(messages)
        and all(message.startswith("ARIA attribute is not allowed: aria-expanded=") for message in messages)
    )


def _without_govuk_conditional_reveal(violations: list[dict]) -> list[dict]:
    kept = []
    for violation in violations:
        if violation["id"] == "aria-allowed-attr":
            nodes = [node for node in violation["nodes"] if not _is_conditional_reveal(node)]
            if not nodes:
                continue
            violation = {**violation, "nodes": nodes}
        kept.append(violation)
    return kept


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
