"""The form on the account page that creates a personal API token."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from .models import TOKEN_NAME_MAX_LENGTH
from .services import DEFAULT_LIFETIME_DAYS, LIFETIME_CHOICES_DAYS

LIFETIME_LABELS = {30: "30 days", 90: "90 days", 365: "1 year"}


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="What you will use it for, like “R scripts for the quarterly report”",
        max_length=TOKEN_NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": f"Name must be {TOKEN_NAME_MAX_LENGTH} characters or fewer",
        },
    )
    lifetime_days = forms.TypedChoiceField(
        label="How long it lasts",
        choices=[(days, LIFETIME_LABELS[days]) for days in LIFETIME_CHOICES_DAYS],
        coerce=int,
        initial=DEFAULT_LIFETIME_DAYS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how long the token lasts", "invalid_choice": "Select how long the token lasts"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autocomplete="off")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("name"), Field.radios("lifetime_days", legend_size=Size.SMALL, inline=True))
