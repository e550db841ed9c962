from django.db.models import Count, Prefetch

from assessments.models import Criterion, Framework, Step


def framework_steps(*, framework: Framework) -> list[Step]:
    """The framework's steps in order, each with ``criteria`` prefetched in order (two queries)."""
    return list(
        Step.objects.filter(framework=framework)
        .order_by("number")
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position")))
    )


def criteria_counts(*, framework_ids: set[int]) -> dict[int, int]:
    """framework id -> number of criteria, in one query."""
    rows = (
        Criterion.objects.filter(step__framework_id__in=framework_ids)
        .values("step__framework_id")
        .annotate(total=Count("id"))
    )
    return {row["step__framework_id"]: row["total"] for row in rows}
