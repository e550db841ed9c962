"""Forms of the authority pages' devolution sections: facts, tier periods and lineage links."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from assessments.models import Authority, LinkKind, StrategicTier
from assessments.services.manage_devolution import DevolutionDetails

from .fields import FreeTextField
from .manage_dates import GovukDateField

PARTIAL_DATE_HINT = "YYYY-MM-DD, or YYYY-MM or just the year where the sources give no day"
MAYORAL_CHOICES = [("yes", "Yes, its order provides for a mayor"), ("no", "No"), ("", "Not verified")]


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


class DevolutionForm(forms.Form):
    mayoral = forms.ChoiceField(
        label="Mayoral in law", choices=MAYORAL_CHOICES, required=False, widget=forms.RadioSelect,
        help_text="Whether the body's order or regulations provide for a directly elected mayor, even if none is in office yet",
    )
    first_mayoral_election = forms.RegexField(
        label="First mayoral election", regex=r"^([0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})?$", required=False, max_length=10,
        help_text="Polling day as YYYY-MM-DD, or just the year", error_messages={"invalid": "Enter the first mayoral election as YYYY-MM-DD, or just the year"},
    )
    integrated_settlement_from = forms.RegexField(
        label="Integrated Settlement from", regex=r"^([0-9]{4}-[0-9]{2})?$", required=False, max_length=7,
        help_text="First financial year, like 2025-26. Leave blank if it has none",
        error_messages={"invalid": "Enter the financial year like 2025-26"},
    )
    devolution_priority_programme = forms.BooleanField(label="In the Devolution Priority Programme", required=False)
    source = FreeTextField(label="Source", required=False, max_length=2000, help_text="Where these facts come from. Leave blank to keep the current source")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("mayoral", legend_size=Size.SMALL), Field.text("first_mayoral_election", field_width=10),
            Field.text("integrated_settlement_from", field_width=10), Field.checkbox("devolution_priority_programme"),
            Field.text("source"),
        )

    def details(self) -> DevolutionDetails:
        data = self.cleaned_data
        return DevolutionDetails(
            mayoral={"yes": True, "no": False}.get(data["mayoral"]), first_mayoral_election=data["first_mayoral_election"],
            integrated_settlement_from=data["integrated_settlement_from"],
            devolution_priority_programme=data["devolution_priority_programme"], source=data["source"].strip(),
        )


class TierPeriodForm(forms.Form):
    tier = forms.ChoiceField(
        label="Tier", choices=StrategicTier.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the tier"},
    )
    since = forms.RegexField(
        label="From", regex=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", max_length=10, help_text=PARTIAL_DATE_HINT,
        error_messages={"required": "Enter the date the tier applies from", "invalid": f"Enter the date as {PARTIAL_DATE_HINT}"},
    )
    source = FreeTextField(label="Source", required=False, max_length=2000, help_text="The designation, settlement or page that shows it")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("tier", legend_size=Size.SMALL), Field.text("since", field_width=10), Field.text("source"))


class LineageLinkForm(forms.Form):
    predecessor = forms.ModelChoiceField(
        label="Earlier body", queryset=Authority.objects.order_by("name"), empty_label="Select a body",
        error_messages={"required": "Select the body it came from", "invalid_choice": "Select the body it came from"},
    )
    kind = forms.ChoiceField(
        label="Kind of change", choices=LinkKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of change"},
    )
    on = GovukDateField(label="Date of the change", what="date of the change", help_text="For example, 7 5 2024")
    source = FreeTextField(label="Source", required=False, max_length=2000, help_text="The order or regulations that made the change")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.select("predecessor"), Field.radios("kind", legend_size=Size.SMALL), Field("on"), Field.text("source")
        )
