from django import template

from evidence.selectors import ShownEvidence, current_version, shown_for_answer

register = template.Library()


@register.simple_tag(takes_context=True)
def answer_evidence(context, answer, criterion) -> list[ShownEvidence]:
    """What to list as an answer's evidence: the versions the shown submission cited when the page
    has one (``cited_evidence``, fixed when sent), otherwise the current version of each item carried."""
    cited = context.get("cited_evidence")
    if cited is not None:
        return cited.get(criterion.pk, [])
    return shown_for_answer(answer) if answer else []


@register.simple_tag
def latest_shown(item) -> ShownEvidence:
    """The item's current version, as a list row shows it (versions prefetched)."""
    return ShownEvidence(item=item, version=current_version(item))
