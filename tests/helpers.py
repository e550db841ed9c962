"""Builders for POST data of the official's forms."""
from assessments.models import Step


def step_post(step: Step, *, action: str = "continue", **overrides) -> dict:
    """A valid answer at level 2 for every criterion of the step, with per-field overrides.

    Override keys use the criterion slug with underscores, e.g. ``c1_1_level="4"``.
    """
    data = {"action": action}
    for criterion in step.criteria.all():
        data[f"{criterion.slug}-level"] = "2"
        data[f"{criterion.slug}-justification"] = f"Plan for {criterion.code} agreed by all councils in 2025."
        data[f"{criterion.slug}-evidence"] = ""
    for key, value in overrides.items():
        slug, _, field = key.rpartition("_")
        data[f"{slug.replace('_', '-')}-{field}"] = value
    return data


def evidence_links(answer) -> list[str]:
    """The addresses of the link items an answer carries now (current versions), in title order."""
    from evidence.models import EvidenceVersion

    urls = []
    for link in answer.evidence_links.select_related("item").order_by("item__title", "item_id"):
        latest = EvidenceVersion.objects.filter(item=link.item).order_by("-number").first()
        if latest and latest.url:
            urls.append(latest.url)
    return urls
