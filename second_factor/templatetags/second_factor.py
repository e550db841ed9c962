from django import template
from django_otp import user_has_device

register = template.Library()


@register.simple_tag
def second_factor_set_up(person) -> bool:
    """Whether the person has an authenticator app or recovery codes (for the admin's reset button)."""
    return user_has_device(person, confirmed=None)
