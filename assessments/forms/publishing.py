"""The confirmation forms of publishing and unpublishing a round's results."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms


class PublishConfirmForm(forms.Form):
    """A check box the admin must tick, and the fingerprint of the preview they saw."""

    plan = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, unpublishing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if unpublishing:
            label = "I want to take these results off the public page"
            missing = "Confirm that you want to take the results off the public page"
        else:
            label = "I have checked the preview and want to make these results public"
            missing = "Confirm that you have checked the preview and want to make the results public"
        self.fields["confirm"] = forms.BooleanField(label=label, error_messages={"required": missing})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("confirm"))  # the template writes the plan
