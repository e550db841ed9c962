"""Which authorities a round covers: those that existed on its landscape's date.

A landscape is a dated picture of England's authorities and their councils. The November
2020 landscape is the one of the LIPSIT/Demos baseline; the current one is the picture on
the day a round opens. An authority is on a landscape when it was established on or
before that date and not abolished by it, and its councils (and so its regions) are its
memberships in that landscape. In 2020 some authorities were a different kind from today
(West Yorkshire had no mayor until 2021), so the kind a round filters on is the kind the
authority had on the landscape's date.
"""
from datetime import date

from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, When
from django.utils import timezone

from assessments.models import Assessment, Authority, AuthorityKind, Landscape, Round

NOV_2020_DATE = date(2020, 11, 30)


def landscape_date(*, landscape: str, opens_on: date, today: date) -> date:
    """The day whose authorities a round on ``landscape`` covers.

    November 2020 is fixed. The current landscape is the day the round opens, or today if
    it opened earlier: a body abolished since is not assessed, one set up since is.
    """
    if landscape == Landscape.NOV_2020:
        return NOV_2020_DATE
    return max(opens_on, today)


def round_landscape_day(*, round_: Round, today: date | None = None) -> date:
    """The day whose landscape a round's pages show (its tiers, for one): the round's landscape
    date as it stood while the round ran, so a closed round keeps its day (its closing date at
    the latest) and an open one follows today."""
    today = today or timezone.localdate()
    return landscape_date(landscape=round_.landscape, opens_on=round_.opens_on, today=min(today, round_.closes_on))


def authorities_on(*, day: date) -> QuerySet[Authority]:
    """Authorities that existed on ``day``.

    ``established`` is an ISO date or only a year ("2026"); comparing the text with the ISO
    day gives "established on or before" for both (a year counts from its first day). An
    authority with no known date is taken to exist.
    """
    established = Q(established="") | Q(established__lte=day.isoformat())
    not_abolished = Q(abolished__isnull=True) | Q(abolished__gt=day)
    return Authority.objects.filter(established, not_abolished)


def _kind_then(landscape: str):
    """The authority's kind on the landscape's date, as a database expression."""
    if landscape != Landscape.NOV_2020:
        return F("kind")
    return Case(
        When(status_nov_2020__in=AuthorityKind.values, then=F("status_nov_2020")),
        default=F("kind"),
        output_field=CharField(),
    )


def covered_authorities(*, round_: Round, kinds: list[str], today: date) -> QuerySet[Authority]:
    """Authorities a round on its landscape covers for ``kinds``, annotated with ``kind_then``."""
    day = landscape_date(landscape=round_.landscape, opens_on=round_.opens_on, today=today)
    return (
        authorities_on(day=day)
        .annotate(kind_then=_kind_then(round_.landscape))
        .filter(kind_then__in=kinds)
        .order_by("name")
    )


def missing_assessments(*, round_: Round, kinds: list[str], today: date) -> QuerySet[Authority]:
    """Covered authorities that have no assessment in the round yet (what opening would create)."""
    assessed = Assessment.objects.filter(round=round_, authority=OuterRef("pk"))
    return covered_authorities(round_=round_, kinds=kinds, today=today).exclude(Exists(assessed))
