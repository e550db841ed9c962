"""Django's password reset forms, labelled and laid out the GOV.UK way."""
from typing import ClassVar

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth.forms import SetPasswordForm

from outbox.password_reset import QueuedPasswordResetForm


class GovukPasswordResetForm(QueuedPasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages.update(
            required="Enter your email address", invalid="Enter an email address in the correct format, like name@example.gov.uk"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("email"))


class GovukSetPasswordForm(SetPasswordForm):
    error_messages: ClassVar[dict] = {"password_mismatch": "The passwords do not match"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters. Avoid common passwords and ones like your name or email address."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm your new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget = forms.PasswordInput(attrs={"autocomplete": "new-password"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("new_password1"), Field.text("new_password2"))
