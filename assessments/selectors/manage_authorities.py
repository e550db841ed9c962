"""Reads for the authority administration pages."""
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from assessments.models import Authority, Constituent, Landscape


@dataclass(frozen=True)
class AuthorityFilters:
    query: str = ""
    kind: str = ""
    status: str = ""  # "active", "abolished" or ""
    mayor: str = ""  # "yes", "no" or ""


def authority_list(*, filters: AuthorityFilters) -> QuerySet[Authority]:
    """Authorities matching the filters, each with ``council_count`` (current landscape), by name."""
    authorities = Authority.objects.annotate(
        council_count=Count("constituents", filter=Q(constituents__landscape=Landscape.CURRENT))
    ).order_by("name", "pk")
    if filters.query:
        authorities = authorities.filter(
            Q(name__icontains=filters.query) | Q(short_name__icontains=filters.query) | Q(code__iexact=filters.query)
        )
    if filters.kind:
        authorities = authorities.filter(kind=filters.kind)
    if filters.status == "active":
        authorities = authorities.filter(abolished__isnull=True)
    elif filters.status == "abolished":
        authorities = authorities.filter(abolished__isnull=False)
    if filters.mayor in ("yes", "no"):
        authorities = authorities.filter(has_mayor=filters.mayor == "yes")
    return authorities


def authority_councils(*, authority: Authority) -> dict[str, list[Constituent]]:
    """The authority's councils in each landscape (Landscape value -> members), in one query."""
    result: dict[str, list[Constituent]] = {value: [] for value in Landscape.values}
    for member in Constituent.objects.filter(authority=authority).select_related("local_authority"):
        result[member.landscape].append(member)
    return result
