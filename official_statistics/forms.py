"""Forms of the official statistics pages: the national page's filters (GET) and the admin upload."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.validators import RegexValidator

from assessments.models import AuthorityKind
from assessments.selectors.devolution import TIER_CHOICES

from .models import Mission
from .services.reader import MAX_CSV_BYTES, MAX_JSON_BYTES


class IndicatorFilterForm(forms.Form):
    """Filters, sort and scatter choice; anything unknown is ignored, never an error page."""

    kind = forms.ChoiceField(label="Kind of authority", required=False)
    tier = forms.ChoiceField(label="Strategic-authority tier", required=False)
    region = forms.ChoiceField(label="Region", required=False)
    mission = forms.TypedChoiceField(label="Mission", required=False, coerce=int, empty_value=None)
    indicator = forms.ChoiceField(label="Indicator for the chart", required=False)
    round = forms.TypedChoiceField(label="Readiness from the round", required=False, coerce=int, empty_value=None)
    sort = forms.CharField(required=False, max_length=200)
    order = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])

    def __init__(self, data, *, regions, indicators, rounds):
        super().__init__(data)
        self.fields["kind"].choices = [("", "All kinds"), *AuthorityKind.choices]
        self.fields["tier"].choices = [("", "All tiers"), *TIER_CHOICES]
        self.fields["region"].choices = [("", "All regions"), *[(r, r) for r in regions]]
        self.fields["mission"].choices = [("", "All missions"), *Mission.choices]
        self.fields["indicator"].choices = [(i.slug, i.label) for i in indicators]
        self.fields["round"].choices = [(r.pk, r.name) for r in rounds]

    def value(self, name: str):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name)
        if not self.is_bound:
            return None
        # One bad field must not reset the others: keep each field that is valid on its own.
        field = self.fields[name]
        try:
            return field.clean(field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name)))
        except forms.ValidationError:
            return None


slug_validator = RegexValidator(r"^[a-z0-9][a-z0-9-]{0,99}$", "Enter the indicator's folder name in lower case, like gross-value-added")


class DatasetUploadForm(forms.Form):
    slug = forms.CharField(
        label="Indicator folder name", max_length=100, validators=[slug_validator],
        help_text="As in the ONS repository and in fixtures/statistics, like gross-value-added",
        error_messages={"required": "Enter the indicator's folder name"},
    )
    csv_file = forms.FileField(label="Data file (CSV)", error_messages={"required": "Choose the indicator's CSV file"})
    json_file = forms.FileField(label="Metadata file (JSON)", error_messages={"required": "Choose the indicator's JSON file"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("slug", field_width=20), Field("csv_file"), Field("json_file"))

    def _file(self, name: str, limit: int, suffix: str):
        upload = self.cleaned_data[name]
        if not upload.name.lower().endswith(suffix):
            raise forms.ValidationError(f"The {suffix[1:].upper()} file must end in {suffix}")
        if upload.size > limit:
            raise forms.ValidationError(f"The file must be smaller than {limit // 1_000_000 or 1} MB")
        return upload

    def clean_csv_file(self):
        return self._file("csv_file", MAX_CSV_BYTES, ".csv")

    def clean_json_file(self):
        return self._file("json_file", MAX_JSON_BYTES, ".json")

    def contents(self) -> tuple[bytes, bytes]:
        return self.cleaned_data["csv_file"].read(), self.cleaned_data["json_file"].read()
