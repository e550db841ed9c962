"""Forms of the round administration pages."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from assessments.models import AuthorityKind, Framework, FrameworkStatus, Landscape
from assessments.services.manage_rounds import RoundDetails

from .fields import FreeTextField
from .manage_dates import GovukDateField
from .widgets import GovukTextarea, mark_textarea_errors


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


def _date_field(label: str, what: str) -> GovukDateField:
    return GovukDateField(label=label, what=what)


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Framework) -> str:
        return f"{obj.name}, version {obj.version}"


class RoundForm(forms.Form):
    name = FreeTextField(
        label="Round name", max_length=100, help_text="For example, 2027-28 readiness",
        error_messages={"required": "Enter a name for the round"},
    )
    framework = FrameworkChoiceField(
        label="Framework version", queryset=Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("name", "-version"),
        empty_label="Select a published version", help_text="Only published versions can be used",
        error_messages={"required": "Select a framework version", "invalid_choice": "Select a published framework version"},
    )
    landscape = forms.ChoiceField(
        label="Which councils belong to each authority", choices=Landscape.choices, initial=Landscape.CURRENT,
        widget=forms.RadioSelect, error_messages={"required": "Select a landscape"},
    )
    covers_kinds = forms.MultipleChoiceField(
        label="Kinds of authority the round covers", choices=AuthorityKind.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Opening the round creates an assessment for every active authority of these kinds.",
        error_messages={"required": "Select at least one kind of authority"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opens_on"] = _date_field("Opening date", "opening date")
        self.fields["closes_on"] = _date_field("Closing date (deadline)", "closing date")
        self.helper = _helper(
            Field.text("name"), Field.select("framework"), Field.radios("landscape", legend_size=Size.SMALL),
            Field.checkboxes("covers_kinds", legend_size=Size.SMALL), Field("opens_on"), Field("closes_on"),
        )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date must be the same as or after the opening date")
        return cleaned

    def details(self) -> RoundDetails:
        data = self.cleaned_data
        return RoundDetails(
            name=data["name"], framework=data["framework"], landscape=data["landscape"], opens_on=data["opens_on"],
            closes_on=data["closes_on"], covers_kinds=list(data["covers_kinds"]),
        )


class DeadlineForm(forms.Form):
    reason = FreeTextField(
        label="Reason", required=False, max_length=1000, widget=GovukTextarea(attrs={"rows": 3}),
        help_text="Required when reopening an assessment after the round has closed. Kept in its history.",
    )

    def __init__(self, *args, reopening: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"] = _date_field("New deadline", "new deadline")
        self.fields["reason"].required = reopening
        self.fields["reason"].error_messages["required"] = "Enter the reason for reopening the assessment"
        self.order_fields(["deadline", "reason"])
        self.helper = _helper(Field("deadline"), Field.textarea("reason"))

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)


class CoverageForm(forms.Form):
    """The kinds an open round covers; kinds already covered stay ticked (coverage only grows)."""

    covers_kinds = forms.MultipleChoiceField(
        label="Kinds of authority the round covers", choices=AuthorityKind.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Add kinds to create assessments for their authorities. Kinds already covered cannot be removed.",
        error_messages={"required": "Select at least one kind of authority"},
    )

    def __init__(self, *args, already: list[str], **kwargs):
        super().__init__(*args, initial={"covers_kinds": already}, **kwargs)
        self.already = set(already)
        self.helper = _helper(Field.checkboxes("covers_kinds", legend_size=Size.SMALL))

    def clean_covers_kinds(self):
        kinds = self.cleaned_data["covers_kinds"]
        if not self.already <= set(kinds):
            raise forms.ValidationError("An open round's coverage can only grow: keep the kinds it already covers ticked")
        if set(kinds) == self.already:
            raise forms.ValidationError("Select a kind of authority the round does not cover yet")
        return sorted(kinds)


class AuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class AddAuthorityForm(forms.Form):
    authority = AuthorityChoiceField(
        label="Authority", queryset=None, empty_label="Select an authority",
        help_text="Authorities that exist today and have no assessment in this round",
        error_messages={"required": "Select the authority to add", "invalid_choice": "Select an authority that has no assessment in this round"},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = choices
        self.helper = _helper(Field.select("authority"))

