"""Plausible, varied and repeatable answers for the demo data (never used for real data).

Each authority's answers come from a random generator seeded on its code and the round,
so every run produces the same demo, and mayoral combined authorities tend to score
higher than non-mayoral ones and LEPs, so the dashboards have something to show.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.text import slugify

from assessments.levels import LEVEL_NAMES
from assessments.models import Answer, Assessment, Authority, AuthorityKind, Criterion, User
from assessments.models.rounds import EVIDENCE_REQUIRED_FROM, MAX_SCORE, MIN_SCORE

# example.org is reserved for documentation (RFC 2606): demo evidence never points at a real site.
EVIDENCE_SITE = "https://www.example.org"
# Not calendar.month_name, which follows the process locale.
MONTHS = "January February March April May June July August September October November December".split()
LEP_BODIES = ("LEP board", "LEP's strategy and investment committee", "LEP board's audit panel")
AUTHORITY_BODIES = ("overview and scrutiny committee", "chief executives' group", "audit and governance committee")
# Answers to these follow the body's legal form (LEP, non-mayoral, mayoral), not chance.
GOVERNANCE_CODES = frozenset({"1.2", "3.2"})


@dataclass(frozen=True)
class DemoProfile:
    """What shapes one authority's answers in one round."""

    authority: Authority
    mayoral: bool  # at the time of the round
    as_of: date  # the round's date: the answers describe the position then

    @property
    def is_lep(self) -> bool:
        return self.authority.kind == AuthorityKind.LEP

    @property
    def years_running(self) -> int:
        return max(0, self.as_of.year - int(self.authority.established[:4] or self.as_of.year))

    @property
    def mean_level(self) -> float:
        if self.is_lep:
            return 1.1 + min(self.years_running, 10) * 0.04
        return (2.2 if self.mayoral else 1.4) + min(self.years_running, 10) * 0.07


def answer_rng(authority: Authority, round_key: str) -> random.Random:
    # A str seed is hashed with SHA-512, so it is stable across runs (unlike hash()).
    return random.Random(f"{round_key}:{authority.code or authority.short_name}")


def demo_answers(
    *,
    assessment: Assessment,
    criteria: list[Criterion],
    profile: DemoProfile,
    rng: random.Random,
    answered_by: User,
    answered_between: tuple[datetime, datetime],
) -> list[Answer]:
    """Unsaved answers to ``criteria``, each valid under the Answer model's checks."""
    authority_offset = rng.gauss(0, 0.3)
    step_offsets = {criterion.step_id: rng.gauss(0, 0.4) for criterion in criteria}
    start, end = answered_between
    answers = []
    for criterion in criteria:
        answer = Answer(
            assessment=assessment,
            criterion=criterion,
            answered_by=answered_by,
            answered_at=_office_hours(start + (end - start) * rng.random(), rng, start, end),
        )
        if criterion.allows_not_applicable and rng.random() < _not_applicable_chance(criterion, profile):
            answer.not_applicable = True
            answer.justification = _not_applicable_reason(criterion, profile)
        else:
            level = _level(criterion, profile, rng, authority_offset + step_offsets[criterion.step_id])
            answer.score = level
            answer.justification = _justification(criterion, profile, rng, level)
            if level >= EVIDENCE_REQUIRED_FROM or rng.random() < 0.3:
                # Saved as a library link after the bulk insert (evidence.demo); counted now for the checks.
                answer.demo_evidence_url = _evidence_url(criterion, profile, rng)
                answer.evidence_count = 1
        answers.append(answer)
    return answers


def _level(criterion: Criterion, profile: DemoProfile, rng: random.Random, offset: float) -> int:
    low, high = _governance_range(criterion.code, profile)
    level = round(profile.mean_level + offset + rng.gauss(0, 0.7))
    return max(low, min(high, level))


def _governance_range(code: str, profile: DemoProfile) -> tuple[int, int]:
    """The levels an authority's legal form allows on the criteria that describe that form."""
    if code not in GOVERNANCE_CODES:
        return MIN_SCORE, MAX_SCORE
    if profile.is_lep:
        return 1, 1
    if not profile.mayoral:
        return 2, 2
    if code == "3.2":
        # Level 4 is "mayoral for 18 months or more"; whole years are close enough here.
        return (4, 4) if profile.years_running >= 2 else (3, 3)
    return 3, MAX_SCORE


def _not_applicable_chance(criterion: Criterion, profile: DemoProfile) -> float:
    if criterion.code == "3.3":  # a LEP has no former LEP functions to integrate
        return 0.6 if profile.is_lep else 0.0
    if criterion.code == "5.2":  # only mayoral bodies sit in the mayoral forums
        return 0.0 if profile.mayoral else 0.5
    return 0.05


def _not_applicable_reason(criterion: Criterion, profile: DemoProfile) -> str:
    name = profile.authority.short_name
    if criterion.code == "3.3" and profile.is_lep:
        return (
            f"Not applicable: {name} is itself a local enterprise partnership, so it has no LEP functions "
            "to integrate."
        )
    if criterion.code == "5.2" and not profile.mayoral:
        return (
            f"Not applicable: {name} has no elected mayor, so it sits outside the Mayoral Council and the other "
            "mayoral forums and cannot take part in them."
        )
    return f"Not applicable to {name}. {criterion.not_applicable_guidance}".strip()


def _office_hours(moment: datetime, rng: random.Random, start: datetime, end: datetime) -> datetime:
    """The same day during the working day, kept within the window."""
    local = timezone.localtime(moment).replace(hour=rng.randint(9, 17), minute=rng.randint(0, 59))
    return max(start, min(end, local))


def _topic(criterion: Criterion) -> str:
    """The criterion's title to follow "our": "A single front door" -> "single front door"."""
    title = _lower_first(criterion.title)
    for article in ("a ", "an ", "the "):
        if title.startswith(article):
            return title[len(article):]
    return title


def _lower_first(text: str) -> str:
    # Keep acronyms ("LEP functions") as they are; lower only an ordinary capitalised word.
    return text[0].lower() + text[1:] if text[:2].istitle() else text


def _bodies(profile: DemoProfile) -> tuple[str, ...]:
    """Who could have considered the matter, in this kind of body."""
    if profile.is_lep:
        return LEP_BODIES
    county = profile.authority.kind == AuthorityKind.CCA
    board = "combined county authority board" if county else "combined authority board"
    return (board, *AUTHORITY_BODIES, *(("mayor's cabinet",) if profile.mayoral else ()))


def _justification(criterion: Criterion, profile: DemoProfile, rng: random.Random, level: int) -> str:
    name, year = profile.authority.short_name, profile.as_of.year
    body = rng.choice(_bodies(profile))
    # A meeting some weeks or months before the round, never after it.
    met = profile.as_of - timedelta(days=rng.randint(15, 420))
    when = f"{MONTHS[met.month - 1]} {met.year}"
    topic = _topic(criterion)
    opening = f"Level {level} ({LEVEL_NAMES[level]}): {_lower_first(criterion.descriptor(level))}."
    if level == MAX_SCORE:
        detail = rng.choice(
            (
                f"The {body} reviewed our {topic} in {when}; the external assessor's report is published.",
                f"{name} has held this position since {year - 2}, and the latest independent review ({when}) "
                "found outcomes still improving.",
            )
        )
    else:
        following = _lower_first(criterion.descriptor(level + 1))
        detail = rng.choice(
            (
                f"The {body} last considered our {topic} in {when}. Reaching the next level would need: {following}.",
                f"Position checked with officers across {name} in {when}. The next step ({following}) is in "
                f"the {year + 1} work programme.",
                f"Evidence: papers to the {body}, {when}. We do not yet claim the next level ({following}).",
            )
        )
    return f"{opening} {detail}"


def _evidence_url(criterion: Criterion, profile: DemoProfile, rng: random.Random) -> str:
    place = slugify(profile.authority.short_name)
    topic = slugify(criterion.title)
    topic = topic[:48].rsplit("-", 1)[0] if len(topic) > 48 else topic  # cut at a word boundary
    return f"{EVIDENCE_SITE}/{place}/{profile.as_of.year}/{criterion.slug}-{topic}{rng.choice(('', '.pdf'))}"
