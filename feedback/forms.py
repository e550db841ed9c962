"""The feedback form (GOV.UK's standard satisfaction question and a free-text box)."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from assessments.forms.fields import FreeTextField
from assessments.forms.widgets import GovukTextarea, mark_textarea_errors

from .models import COMMENTS_MAX_LENGTH, Satisfaction


class FeedbackForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="Overall, how did you feel about the service you received today?",
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you feel about the service",
            "invalid_choice": "Select how you feel about the service from the list",
        },
    )
    comments = FreeTextField(
        label="How could we improve this service?",
        help_text="Do not include personal or financial information, like your National Insurance number.",
        widget=GovukTextarea,
        required=False,
        max_length=COMMENTS_MAX_LENGTH,
        strip=True,
        error_messages={"max_length": f"Your comments must be {COMMENTS_MAX_LENGTH:,} characters or fewer"},
    )
    reply_email = forms.EmailField(
        label="Email address (optional)",
        help_text="Only if you would like a reply.",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply_email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("satisfaction", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.textarea("comments", rows=5, max_characters=COMMENTS_MAX_LENGTH),
            Field.text("reply_email"),
            Field("page"),
        )

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)
