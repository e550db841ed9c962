"""Reads for the public help pages: the framework officials assess against."""
from assessments.models import Framework, FrameworkStatus
from assessments.selectors.framework import framework_steps
from assessments.services.framework_validation import SCALE

CSV_HEADER = [
    "Step", "Step title", "Step weight", "Criterion", "Criterion title", "Guidance", "Criterion weight",
    "Not applicable allowed", "When not applicable",
    *(f"Level {level} {name}" for level, name, _meaning in SCALE),
]


def current_framework() -> Framework | None:
    """The newest published framework version: the one new rounds use."""
    return (
        Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("-created_at", "-version", "-id").first()
    )


def framework_csv_rows(*, framework: Framework):
    """One row per criterion, step by step, with every level descriptor (three queries in all)."""
    for step in framework_steps(framework=framework):
        for criterion in step.criteria.all():
            yield [
                step.number, step.title, step.weight, criterion.code, criterion.title, criterion.guidance,
                criterion.weight, "Yes" if criterion.allows_not_applicable else "No",
                criterion.not_applicable_guidance,
                *(descriptor for _level, descriptor in criterion.descriptors),
            ]
