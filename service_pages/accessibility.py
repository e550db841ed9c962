"""What the accessibility statement says is not yet accessible, with the WCAG 2.2 criteria
each fails. Keep it true: remove an entry when its fix lands, add one when a problem is found.
How the service is tested (the statement's last section) is tests/browser/test_crawl.py."""
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from .durations import duration_words

PREPARED_ON = date(2026, 11, 30)
REVIEWED_ON = date(2026, 11, 30)


@dataclass(frozen=True)
class KnownIssue:
    problem: str
    criteria: tuple[str, ...]  # WCAG 2.2 success criteria, "number name (level)"
    plan: str
    # Pages (URL names) the issue is about: the crawl test expects them to fail its checks,
    # and fails itself once they pass, so the entry is removed when the fix lands.
    url_names: tuple[str, ...] = ()


def known_issues() -> list[KnownIssue]:
    absolute = duration_words(settings.SESSION_ABSOLUTE_AGE)
    return [
        KnownIssue(
            f"Your sign-in ends {absolute} after you signed in, however active you are. The warning before an "
            "inactive sign-in ends lets you stay signed in, but there is no warning before this limit and it "
            "cannot be extended. Answers you saved are kept, and a step you were typing is offered back after "
            "you sign in again.",
            ("2.2.1 Timing Adjustable (A)",),
            "We will warn before this limit too, so you can save your work in time.",
        ),
    ]
