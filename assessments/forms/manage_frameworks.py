"""Forms of the framework version pages."""
from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from assessments.levels import level_choice_label
from assessments.models import Criterion
from assessments.models.framework import LEVELS
from assessments.services.manage_frameworks import CriterionDetails

from .fields import FreeTextField
from .widgets import GovukTextarea, mark_textarea_errors

MAX_FRAMEWORK_FILE_BYTES = 500_000


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


def _weight_field() -> forms.DecimalField:
    return forms.DecimalField(
        label="Weight", min_value=Decimal("0.01"), max_value=Decimal("999.99"), decimal_places=2, max_digits=5,
        help_text="1 for an ordinary weight; 2 counts twice as much",
        error_messages={
            "required": "Enter a weight", "invalid": "Enter the weight as a number, like 1 or 1.5",
            "min_value": "The weight must be more than 0", "max_value": "The weight must be 999.99 or less",
            "max_decimal_places": "The weight can have at most two decimal places",
        },
    )


class StepEditForm(forms.Form):
    title = FreeTextField(label="Step title", max_length=300, error_messages={"required": "Enter the step's title"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"] = _weight_field()
        self.helper = _helper(Field.text("title"), Field.text("weight", field_width=5))


class CriterionForm(forms.Form):
    title = FreeTextField(label="Title", max_length=300, error_messages={"required": "Enter the criterion's title"})
    guidance = FreeTextField(label="Guidance", required=False, widget=GovukTextarea)
    allows_not_applicable = forms.BooleanField(label="Authorities may answer “not applicable”", required=False)
    not_applicable_guidance = FreeTextField(
        label="When it is not applicable", required=False, widget=GovukTextarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criterion: Criterion | None = None, **kwargs):
        if criterion is not None:
            kwargs.setdefault("initial", {
                "title": criterion.title, "guidance": criterion.guidance, "weight": criterion.weight,
                "allows_not_applicable": criterion.allows_not_applicable,
                "not_applicable_guidance": criterion.not_applicable_guidance,
                **{f"level_{level}": text for level, text in criterion.descriptors},
            })
        super().__init__(*args, **kwargs)
        self.fields["weight"] = _weight_field()
        for level in LEVELS:
            self.fields[f"level_{level}"] = FreeTextField(
                label=f"Level {level_choice_label(level)}", widget=GovukTextarea(attrs={"rows": 3}),
                error_messages={"required": f"Enter the descriptor for level {level}"},
            )
        self.order_fields(["title", "guidance", "weight", "allows_not_applicable", "not_applicable_guidance"])
        self.helper = _helper(
            Field.text("title"), Field.textarea("guidance"), Field.text("weight", field_width=5),
            Field.checkbox("allows_not_applicable"), Field.textarea("not_applicable_guidance"),
            *[Field.textarea(f"level_{level}") for level in range(5)],
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("allows_not_applicable") and not (cleaned.get("not_applicable_guidance") or "").strip():
            self.add_error("not_applicable_guidance", "Enter when the criterion is not applicable")
        return cleaned

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)

    def details(self) -> CriterionDetails:
        data = self.cleaned_data
        return CriterionDetails(
            title=data["title"], guidance=data["guidance"], weight=data["weight"],
            allows_not_applicable=data["allows_not_applicable"], not_applicable_guidance=data["not_applicable_guidance"],
            levels=tuple(data[f"level_{level}"] for level in range(5)),
        )


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label="Framework file (YAML)", help_text="The same format as fixtures/framework/lipsit-2020-v1.yaml",
        error_messages={"required": "Select a framework file", "empty": "The selected file is empty"},
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".yaml,.yml"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FRAMEWORK_FILE_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 500 kB")
        try:
            upload.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The selected file is not UTF-8 text. Save it as UTF-8 and try again") from None
        if "\x00" in upload.text:
            raise forms.ValidationError("The selected file is not a text file")
        return upload


class FrameworkCopyForm(forms.Form):
    version_name = FreeTextField(
        label="Name of the new version", max_length=100, help_text="For example, 2027 revision",
        error_messages={"required": "Enter a name for the new version"},
    )
    change_note = FreeTextField(
        label="What this version changes", max_length=2000, widget=GovukTextarea(attrs={"rows": 4}),
        help_text="Shown with the version, so people know why it differs from the one before",
        error_messages={"required": "Enter a note of what this version changes"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("version_name"), Field.textarea("change_note"))

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)


class FrameworkPublishForm(forms.Form):
    plan = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    confirm = forms.BooleanField(
        label="I have checked the differences and want to publish this version. It cannot be changed afterwards",
        error_messages={"required": "Confirm that you have checked the differences before you publish"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("confirm"))
