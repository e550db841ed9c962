from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

EMAIL_MAX_LENGTH = 254


class SignInForm(AuthenticationForm):
    """Django's sign-in form, labelled and worded the GOV.UK way."""

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been deactivated. Contact your administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
        # Django sets max_length on this field after construction, so nothing enforces it;
        # an over-long value would reach authentication (and the sign-in throttle's table).
        self.fields["username"].validators.append(
            MaxLengthValidator(EMAIL_MAX_LENGTH, message="Enter an email address of 254 characters or fewer")
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template owns the <form> (it adds "next")
        self.helper.layout = Layout(
            Field.text("username"),
            Field.text("password"),
            Submit("submit", "Sign in"),
        )

    def clean_username(self):
        return (self.cleaned_data.get("username") or "").strip().lower()
