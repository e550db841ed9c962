"""What the accessibility statement says is not yet accessible, with the WCAG 2.2 criteria
each fails. Keep it true: remove an entry when its fix lands, add one when a problem is found.
How the service is tested (the statement's last section) is tests/browser/test_crawl.py."""
from dataclasses import dataclass
from datetime import date

PREPARED_ON = date(2026, 11, 30)
REVIEWED_ON = date(2026, 11, 30)


@dataclass(frozen=True)
class KnownIssue:
    problem: str
    criteria: tuple[str, ...]  # WCAG 2.2 success criteria, "number name (level)"
    plan: str


KNOWN_ISSUES = [
    KnownIssue(
        "Your sign-in ends after a period of inactivity without a warning first, so you cannot ask for more time. "
        "Answers you saved are kept, but anything typed since your last save is lost.",
        ("2.2.1 Timing Adjustable (A)",),
        "We are adding a warning before the session ends, with a way to stay signed in.",
    ),
]
