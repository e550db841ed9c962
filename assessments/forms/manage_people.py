"""Forms of the people administration pages and of accepting an invitation."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib.auth import password_validation

from assessments.models import Authority, AuthorityAccessLevel, CentralRole, User
from assessments.services.manage_invitations import InvitationRole

from .fields import FreeTextField

AT_AUTHORITY = "authority"

ROLE_CHOICES = [
    (AT_AUTHORITY, "Someone at an authority"),
    (CentralRole.REVIEWER.value, "Reviewer (central)"),
    (CentralRole.LEAD_REVIEWER.value, "Lead reviewer (central)"),
    (CentralRole.ADMIN.value, "Admin (central): manages the service"),
]
LEVEL_CHOICES = [
    (AuthorityAccessLevel.EDITOR.value, "Editor: fills in the authority's assessments"),
    (AuthorityAccessLevel.VIEWER.value, "Viewer: reads them"),
]


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


def _authority_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Authority.objects.filter(abolished__isnull=True).order_by("name"),
        empty_label="Select an authority",
        error_messages={"invalid_choice": "Select an authority from the list", "required": "Select an authority"},
        **kwargs,
    )


class InviteForm(forms.Form):
    """Email, name and role; the authority and the level of access are asked (and revealed,
    GOV.UK conditional radios) only for someone at an authority."""

    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )
    full_name = FreeTextField(label="Full name", max_length=200, error_messages={"required": "Enter their full name"})
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES, widget=forms.RadioSelect, error_messages={"required": "Select a role"})
    authority = _authority_field(label="Authority", required=False)
    level = forms.ChoiceField(label="Access", choices=LEVEL_CHOICES, widget=forms.RadioSelect, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="off", spellcheck="false")
        # The template lays out the role radios with the authority questions inside them.
        self.helper = _helper(Field.text("email"), Field.text("full_name"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == AT_AUTHORITY:
            if not cleaned.get("authority") and "authority" not in self.errors:
                self.add_error("authority", "Select the authority they will work on")
            if not cleaned.get("level"):
                self.add_error("level", "Select whether they will be an editor or a viewer")
        else:
            cleaned["authority"], cleaned["level"] = None, ""
        return cleaned

    def invitation_role(self) -> InvitationRole:
        role = self.cleaned_data["role"]
        if role == AT_AUTHORITY:
            return InvitationRole(authority=self.cleaned_data["authority"], access_level=self.cleaned_data["level"])
        return InvitationRole(central_role=role)


class CentralRoleForm(forms.Form):
    central_role = forms.ChoiceField(
        label="Central role", choices=CentralRole.choices, widget=forms.RadioSelect, required=False,
        help_text="Local officials have no central role; their access to authorities is set below.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("central_role", legend_size=Size.SMALL))


class AccessForm(forms.Form):
    authority = _authority_field(label="Authority")
    level = forms.ChoiceField(
        label="Access", choices=AuthorityAccessLevel.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select editor or viewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.select("authority"), Field.radios("level", legend_size=Size.SMALL, inline=True))


class PeopleFilterForm(forms.Form):
    q = FreeTextField(label="Search by name or email", required=False, max_length=100)
    role = forms.ChoiceField(
        label="Role", required=False,
        choices=[("", "Any role"), ("local", "Local official"), *[c for c in CentralRole.choices if c[0]]],
    )
    active = forms.ChoiceField(label="Status", required=False, choices=[("", "Active or not"), ("yes", "Active"), ("no", "Deactivated")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("q"), Field.select("role"), Field.select("active"))
        self.helper.form_method = "get"  # a search: no CSRF token in the address

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


class AcceptInvitationForm(forms.Form):
    """Name and a new password, checked with the project's password validators."""

    full_name = FreeTextField(label="Full name", max_length=200, error_messages={"required": "Enter your full name"})
    password1 = forms.CharField(
        label="Create a password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Avoid common passwords and ones like your name or email address.",
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again"},
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("full_name"), Field.text("password1"), Field.text("password2"))

    def clean(self):
        cleaned = super().clean()
        # Every problem at once: a weak password and a mismatch are both reported.
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        if first:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
