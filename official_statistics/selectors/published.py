"""The authorities a published round's open statistics page lists."""
from __future__ import annotations

from django.db.models import QuerySet

from assessments.exports.rounds import PUBLIC_STATES
from assessments.models import Authority, Round


def published_authorities(*, round_: Round) -> QuerySet[Authority]:
    """The same authorities as the public results page: those with an approved assessment in the round.

    Filtered through a subquery, so an authority is listed once however its assessments join.
    """
    published = Authority.objects.filter(assessments__round=round_, assessments__state__in=PUBLIC_STATES)
    return Authority.objects.filter(pk__in=published.values("pk"))
