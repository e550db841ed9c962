from django import forms

from crispy_forms_gds.helper import FormHelper


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label="I confirm that, to the best of my knowledge, these answers are accurate and the evidence supports them",
        error_messages={"required": "Confirm that the answers are accurate before you submit"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The template owns the <form>: without this crispy nests a second <form>, which
        # browsers drop, closing the real form before the "Accept and submit" button.
        self.helper.form_tag = False
