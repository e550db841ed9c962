"""Reads for the authority administration pages."""
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from assessments.models import Authority, AuthorityLink, Constituent, Landscape, TierPeriod


@dataclass(frozen=True)
class AuthorityListFilters:
    query: str = ""
    kind: str = ""
    status: str = ""  # "active", "abolished" or ""
    mayor: str = ""  # "yes", "no" or ""


def authority_list(*, filters: AuthorityListFilters) -> QuerySet[Authority]:
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


def authorities_export_rows() -> tuple[tuple[str, ...], list[list[str]]]:
    """Every authority as a row of the import's authorities format, with its latest tier.

    Re-importing the file unchanged changes nothing. Cells a spreadsheet would run as a
    formula are not possible here: every value is a code, name, date or flag the import checks.
    """
    from assessments.services.authorities_csv import AUTHORITY_COLUMNS, DEVOLUTION_COLUMNS

    latest: dict[int, TierPeriod] = {}
    for period in TierPeriod.objects.order_by("starts_on"):
        latest[period.authority_id] = period
    rows = []
    for authority in Authority.objects.order_by("name", "pk"):
        period = latest.get(authority.pk)
        short_name = authority.short_name.removesuffix(" LEP") if authority.kind == "lep" else authority.short_name
        rows.append([
            authority.code or "", authority.name, short_name, authority.kind, "true" if authority.has_mayor else "false",
            authority.established, authority.abolished.isoformat() if authority.abolished else "", authority.source,
            period.tier if period else "", period.since if period else "",
            {True: "yes", False: "no"}.get(authority.mayoral, ""), authority.first_mayoral_election,
            authority.integrated_settlement_from, "yes" if authority.devolution_priority_programme else "no",
        ])
    return AUTHORITY_COLUMNS + DEVOLUTION_COLUMNS, rows


def lineage_export_rows() -> tuple[tuple[str, ...], list[list[str]]]:
    """Every lineage link as a row of the import's lineage format, oldest first: re-importing it
    unchanged changes nothing. A body with no GSS code yet has a blank code (the import needs one)."""
    from assessments.services.manage_authorities_csv import TEMPLATE_ROWS, FileKind

    links = AuthorityLink.objects.select_related("predecessor", "successor").order_by("on", "predecessor__name", "successor__name", "pk")
    rows = [
        [link.predecessor.code or "", link.predecessor_name, link.successor.code or "", link.successor_name,
         link.on.isoformat(), link.kind, link.source, link.notes]
        for link in links
    ]
    return TEMPLATE_ROWS[FileKind.LINEAGE][0], rows
