"""Forms of the authority administration pages."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from assessments.models import AuthorityKind
from assessments.services.authorities_csv import AuthorityRow
from assessments.services.manage_authorities_csv import MAX_UPLOAD_BYTES, FileKind

from .fields import FreeTextField
from .manage_dates import GovukDateField
from .widgets import GovukTextarea, mark_textarea_errors

GSS_HINT = "E followed by 8 digits, like E47000001. Leave blank if ONS has not given the body a code yet."


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


class AuthorityFilterForm(forms.Form):
    """The list's search and filters (GET); anything unknown is ignored, never an error page."""

    q = FreeTextField(label="Search by name or GSS code", required=False, max_length=100)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any kind"), *AuthorityKind.choices])
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Active or abolished"), ("active", "Active"), ("abolished", "Abolished")]
    )
    mayor = forms.ChoiceField(label="Mayor", required=False, choices=[("", "With or without"), ("yes", "Has a mayor"), ("no", "No mayor")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("q"), Field.select("kind"), Field.select("status"), Field.select("mayor"))
        self.helper.form_method = "get"  # a search: no CSRF token in the address

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


class AuthorityForm(forms.Form):
    code = FreeTextField(label="GSS code", help_text=GSS_HINT, required=False, max_length=9)
    name = FreeTextField(label="Full name", max_length=200, error_messages={"required": "Enter the authority's full name"})
    short_name = FreeTextField(
        label="Short name", max_length=100, help_text="Shown in lists, like Greater Manchester",
        error_messages={"required": "Enter the authority's short name"},
    )
    kind = forms.ChoiceField(
        label="Kind of authority", choices=AuthorityKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of authority"},
    )
    has_mayor = forms.BooleanField(label="The authority has an elected mayor", required=False)
    established = forms.RegexField(
        label="Established", regex=r"^([0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})?$", required=False, max_length=10,
        help_text="A date as YYYY-MM-DD, or just the year if the day is not known",
        error_messages={"invalid": "Enter the date established as YYYY-MM-DD, or just the year"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("code", field_width=10), Field.text("name"), Field.text("short_name"),
            Field.radios("kind", legend_size=Size.SMALL), Field.checkbox("has_mayor"), Field.text("established", field_width=10),
        )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if code and not (len(code) == 9 and code[0] == "E" and code[1:].isdigit() and code[1:].isascii()):
            raise forms.ValidationError("Enter the GSS code as E followed by 8 digits, like E47000001")
        return code or None

    def details(self) -> AuthorityRow:
        """The form's details as the one authority row type (abolition and source are set elsewhere)."""
        data = self.cleaned_data
        return AuthorityRow(
            row=0, abolished=None, source="",
            code=data["code"], name=data["name"].strip(), short_name=data["short_name"].strip(), kind=data["kind"],
            has_mayor=data["has_mayor"], established=data["established"],
        )


class AbolishForm(forms.Form):
    abolished = GovukDateField(label="Date abolished", what="date abolished", help_text="For example, 7 5 2024")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("abolished"))


class CouncilsForm(forms.Form):
    codes = FreeTextField(
        label="Council GSS codes", required=False, widget=GovukTextarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="One code per line, like E08000003. Councils not listed are removed from this landscape.",
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("codes"))

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)

    def code_list(self) -> list[str]:
        return self.cleaned_data["codes"].replace(",", "\n").split()


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is in the file?", widget=forms.RadioSelect,
        choices=[(kind.value, kind.label) for kind in FileKind],
        error_messages={"required": "Select what is in the file"},
    )
    file = forms.FileField(
        label="CSV file", help_text="UTF-8 CSV, up to 1 MB, with the columns explained above",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("kind", legend_size=Size.SMALL), Field("file"))

    def content(self) -> bytes:
        """The file's bytes; one byte over the limit is enough for the import to refuse it."""
        return self.cleaned_data["file"].read(MAX_UPLOAD_BYTES + 1)


class AuthorityAddForm(AuthorityForm):
    """A new authority: the details, and where they come from (its order, or an ONS list)."""

    source = FreeTextField(
        label="Source", required=False, max_length=500,
        help_text="Where the details come from, like its statutory instrument or the ONS code list",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.append(Field.text("source"))
