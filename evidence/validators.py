"""What counts as an evidence link: the one rule the step page, the library and copying share."""
from django.core.exceptions import ValidationError

from assessments.models.rounds import evidence_url_validator

from .models import URL_MAX_LENGTH


def link_problem(url: str) -> str | None:
    """Why ``url`` is not a usable evidence link, or None: https, a real address, not too long."""
    if not url:
        return "Enter a link to the evidence"
    if len(url) > URL_MAX_LENGTH:
        return f"The link must be {URL_MAX_LENGTH} characters or fewer"
    if not url.lower().startswith("https://"):
        return "The link must start with https://"
    try:
        evidence_url_validator(url)
    except ValidationError:
        return "Enter a real web address, like https://www.example.gov.uk/plan"
    return None
