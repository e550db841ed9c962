"""The audit trail's filters (a GET search form: no CSRF token in the address)."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from assessments.selectors.manage_audit import WHAT_CHOICES, AuditFilters

from .fields import FreeTextField
from .manage_dates import GovukDateField


class AuditFilterForm(forms.Form):
    person = FreeTextField(label="Changed by", required=False, max_length=200, help_text="Part of a name or email address")
    what = forms.ChoiceField(label="Kind of record", required=False, choices=[("", "All")] + [(w, w) for w in WHAT_CHOICES])
    subject = FreeTextField(label="Name of the person, authority, round or framework", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["since"] = GovukDateField(label="From", what="first date", required=False, help_text="For example, 1 11 2026")
        self.fields["until"] = GovukDateField(label="To", what="last date", required=False, help_text="For example, 30 11 2026")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("person"), Field.select("what"), Field.text("subject"), Field("since"), Field("until"),
        )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The last date must be the same as or after the first date")
        return cleaned

    def filters(self) -> AuditFilters:
        """The valid filters; an invalid form filters nothing it could not read."""
        data = self.cleaned_data if self.is_bound and not self.errors else {}
        return AuditFilters(
            person=(data.get("person") or "").strip(), what=data.get("what") or "",
            subject=(data.get("subject") or "").strip(), since=data.get("since"), until=data.get("until"),
        )
