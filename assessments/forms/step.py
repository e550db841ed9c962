"""The step page: every criterion of one step, with level, justification and evidence."""
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from assessments.models import Answer, Criterion, Step
from assessments.models.rounds import (
    EVIDENCE_REQUIRED_FROM,
    EVIDENCE_URL_MAX_LENGTH,
    JUSTIFICATION_MAX_LENGTH,
)
from assessments.services.answers import AnswerInput, answers_as_of

from .fields import FreeTextField
from .widgets import GovukTextarea, mark_textarea_errors

LEVEL_NAMES = ["Absent", "Initial", "Developing", "Established", "Embedded"]
NOT_APPLICABLE = "na"
https_only = URLValidator(schemes=["https"])


def level_choices(criterion: Criterion) -> list[Choice]:
    choices = [
        Choice(str(level), f"{level} – {LEVEL_NAMES[level]}", hint=descriptor)
        for level, descriptor in criterion.descriptors
    ]
    if criterion.allows_not_applicable:
        choices[-1].divider = "or"
        choices.append(Choice(NOT_APPLICABLE, "Not applicable", hint=criterion.not_applicable_guidance or None))
    return choices


class StepForm(forms.Form):
    """Fields are named ``<slug>-level``, ``<slug>-justification``, ``<slug>-evidence`` per criterion.

    ``require_all`` is true for "Save and continue": every criterion must be answered.
    "Save and come back later" may leave criteria unanswered, but whatever is given must
    be valid, and if anything is wrong nothing from the step is saved.
    """

    # The step's answers as of when the page was loaded (see services.answers.answers_as_of).
    as_of = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, step: Step, answers: dict[int, Answer], require_all: bool = False, **kwargs):
        self.step = step
        self.criteria = list(step.criteria.all())
        self.require_all = require_all
        kwargs.setdefault("initial", self._initial(answers))
        super().__init__(*args, **kwargs)
        for criterion in self.criteria:
            self._add_fields(criterion)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("as_of", *[self._layout(criterion) for criterion in self.criteria])

    def _initial(self, answers: dict[int, Answer]) -> dict:
        in_step = {criterion.pk for criterion in self.criteria}
        initial = {"as_of": answers_as_of(a for a in answers.values() if a.criterion_id in in_step)}
        for criterion in self.criteria:
            answer = answers.get(criterion.pk)
            if answer is None:
                continue
            level = NOT_APPLICABLE if answer.not_applicable else ("" if answer.score is None else str(answer.score))
            initial[f"{criterion.slug}-level"] = level
            initial[f"{criterion.slug}-justification"] = answer.justification
            initial[f"{criterion.slug}-evidence"] = answer.evidence_url
        return initial

    def _add_fields(self, criterion: Criterion) -> None:
        code = criterion.code
        self.fields[f"{criterion.slug}-level"] = forms.ChoiceField(
            label=f"{code} {criterion.title}",
            help_text=criterion.guidance,
            choices=level_choices(criterion),
            widget=forms.RadioSelect,
            required=False,
            error_messages={"invalid_choice": f"Select a level for {code} from the list"},
        )
        self.fields[f"{criterion.slug}-justification"] = FreeTextField(
            label=f"Justification for {code}",
            help_text="Explain why this level describes your area. Required for any answer.",
            widget=GovukTextarea,
            required=False,
            max_length=JUSTIFICATION_MAX_LENGTH,
            error_messages={
                "max_length": f"Justification for {code} must be {JUSTIFICATION_MAX_LENGTH:,} characters or fewer"
            },
        )
        self.fields[f"{criterion.slug}-evidence"] = FreeTextField(
            label=f"Evidence link for {code}",
            help_text="A web address starting with https://. Required for levels 3 and 4.",
            required=False,
            max_length=EVIDENCE_URL_MAX_LENGTH,
            error_messages={
                "max_length": f"Evidence link for {code} must be {EVIDENCE_URL_MAX_LENGTH} characters or fewer"
            },
        )

    def _layout(self, criterion: Criterion) -> Layout:
        slug = criterion.slug
        return Layout(
            HTML(f'<hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" id="{slug}">'),
            Field.radios(f"{slug}-level", legend_size=Size.MEDIUM, legend_tag="h2", small=True),
            Field.textarea(f"{slug}-justification", rows=5, max_characters=JUSTIFICATION_MAX_LENGTH),
            Field.text(f"{slug}-evidence", spellcheck="false", autocomplete="url"),
        )

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            self._clean_criterion(criterion, cleaned)
        return cleaned

    def _clean_criterion(self, criterion: Criterion, cleaned: dict) -> None:
        slug, code = criterion.slug, criterion.code
        level = cleaned.get(f"{slug}-level") or ""
        justification = (cleaned.get(f"{slug}-justification") or "").strip()
        evidence = (cleaned.get(f"{slug}-evidence") or "").strip()
        answered = bool(level)
        if not answered and self.require_all and f"{slug}-level" not in self.errors:
            either = ", or select not applicable" if criterion.allows_not_applicable else ""
            self.add_error(f"{slug}-level", f"Select a level for {code}{either}")
        if answered and not justification and f"{slug}-justification" not in self.errors:
            self.add_error(f"{slug}-justification", f"Enter a justification for {code}")
        if evidence and f"{slug}-evidence" not in self.errors:
            try:
                https_only(evidence)
            except ValidationError:
                message = (
                    f"Evidence link for {code} must start with https://"
                    if not evidence.lower().startswith("https://")
                    else f"Enter a real web address for the evidence for {code}, like https://www.example.gov.uk/plan"
                )
                self.add_error(f"{slug}-evidence", message)
        elif level.isdigit() and int(level) >= EVIDENCE_REQUIRED_FROM and f"{slug}-evidence" not in self.errors:
            self.add_error(f"{slug}-evidence", f"Enter a link to evidence for {code}, because levels 3 and 4 need evidence")

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)

    def answer_inputs(self) -> list[AnswerInput]:
        inputs = []
        for criterion in self.criteria:
            level = self.cleaned_data.get(f"{criterion.slug}-level") or ""
            inputs.append(
                AnswerInput(
                    criterion=criterion,
                    score=int(level) if level.isdigit() else None,
                    not_applicable=level == NOT_APPLICABLE,
                    justification=self.cleaned_data.get(f"{criterion.slug}-justification", ""),
                    evidence_url=(self.cleaned_data.get(f"{criterion.slug}-evidence") or "").strip(),
                )
            )
        return inputs
