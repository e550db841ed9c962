"""Rounds in the order every page lists them: newest first (by opening date, then most recently made)."""
from django.db.models import QuerySet

from assessments.models import Round

NEWEST_FIRST = ("-opens_on", "-pk")


def all_rounds() -> QuerySet[Round]:
    """Every round with its framework, newest first (a queryset, for the API to paginate)."""
    return Round.objects.select_related("framework").order_by(*NEWEST_FIRST)


def rounds_newest_first() -> list[Round]:
    """Every round with its framework (one query)."""
    return list(all_rounds())


def latest_round() -> Round | None:
    return Round.objects.select_related("framework").order_by(*NEWEST_FIRST).first()


def published_round_list() -> QuerySet[Round]:
    """Rounds whose approved results an admin has published, with their frameworks."""
    return Round.objects.filter(published_at__isnull=False).select_related("framework").order_by(*NEWEST_FIRST)
