"""The axe helper sets aside GOV.UK Frontend's documented aria-expanded on conditional-reveal
radios and checkboxes, and nothing else."""
from .helpers.axe import _without_govuk_conditional_reveal

REVEAL = '<input class="govuk-radios__input" id="id_role_1" type="radio" aria-controls="conditional-authority" aria-expanded="false">'


def _violation(html: str, message: str, rule: str = "aria-allowed-attr") -> dict:
    return {"id": rule, "nodes": [{"html": html, "all": [{"message": message}], "any": [], "none": []}]}


def test_only_the_conditional_reveal_finding_is_set_aside():
    expanded = 'ARIA attribute is not allowed: aria-expanded="false"'
    assert _without_govuk_conditional_reveal([_violation(REVEAL, expanded)]) == []
    # Another attribute on the same input, the same attribute elsewhere, or another rule: kept.
    other_attribute = _violation(REVEAL, 'ARIA attribute is not allowed: aria-pressed="true"')
    plain_radio = _violation('<input class="govuk-radios__input" type="radio" aria-expanded="false">', expanded)
    other_rule = _violation(REVEAL, expanded, rule="aria-valid-attr-value")
    assert _without_govuk_conditional_reveal([other_attribute, plain_radio, other_rule]) == [other_attribute, plain_radio, other_rule]
