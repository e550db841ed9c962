"""The code a person types: six digits from the app, or a recovery code."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from assessments.forms.fields import FreeTextField


class CodeForm(forms.Form):
    code = FreeTextField(
        label="Code",
        max_length=40,
        error_messages={"required": "Enter the code"},
    )

    def __init__(self, *args, label: str, hint: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = label
        self.fields["code"].help_text = hint
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("code", field_width=10, label_size=Size.MEDIUM, autocomplete="one-time-code", spellcheck="false",
                       inputmode="text")
        )
