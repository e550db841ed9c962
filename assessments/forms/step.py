"""The step page: every criterion of one step, with level, justification and evidence."""
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from assessments.models import Answer, Criterion, Step
from assessments.models.rounds import (
    EVIDENCE_REQUIRED_FROM,
    EVIDENCE_URL_MAX_LENGTH,
    JUSTIFICATION_MAX_LENGTH,
    evidence_url_validator,
)
from assessments.levels import NOT_APPLICABLE, NOT_APPLICABLE_LABEL, level_choice_label
from assessments.services.answers import AnswerInput, answers_as_of

from .fields import FreeTextField
from .widgets import GovukTextarea, mark_textarea_errors

https_only = evidence_url_validator


def level_choices(criterion: Criterion) -> list[Choice]:
    choices = [
        Choice(str(level), level_choice_label(level), hint=descriptor)
        for level, descriptor in criterion.descriptors
    ]
    if criterion.allows_not_applicable:
        choices[-1].divider = "or"
        choices.append(Choice(NOT_APPLICABLE, NOT_APPLICABLE_LABEL, hint=criterion.not_applicable_guidance or None))
    return choices


class StepForm(forms.Form):
    """Fields are named ``<slug>-level``, ``<slug>-justification``, ``<slug>-evidence`` per criterion.

    ``require_all`` is true for "Save and continue": every criterion must be answered in
    full and every copied answer confirmed or changed. "Save and come back later" may leave
    answers half-finished (a level without a justification, a justification without a
    level): they are kept as in progress and never counted. Whatever is given must still be
    well formed, and if anything is wrong nothing from the step is saved.

    Evidence typed as ``www.example.gov.uk/...`` is taken as ``https://www...``;
    ``evidence_completed`` lists the codes so the page can say so.
    """

    # The step's answers as of when the page was loaded (see services.answers.answers_as_of).
    as_of = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(
        self, *args, step: Step, answers: dict[int, Answer], require_all: bool = False, noted: frozenset | set = frozenset(),
        **kwargs,
    ):
        self.step = step
        self.noted = noted  # criterion ids with reviewer notes or moderations, after a return
        self.criteria = list(step.criteria.all())
        self.require_all = require_all
        self.answers = answers
        self.evidence_completed: list[str] = []
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
            initial[f"{criterion.slug}-level"] = answer.shown_level
            initial[f"{criterion.slug}-justification"] = answer.justification
            initial[f"{criterion.slug}-evidence"] = answer.evidence_url
        return initial

    def _is_unconfirmed_copy(self, criterion: Criterion) -> bool:
        answer = self.answers.get(criterion.pk)
        return bool(answer and answer.copied_from_previous)

    def _add_fields(self, criterion: Criterion) -> None:
        code = criterion.code
        if self._is_unconfirmed_copy(criterion):
            self.fields[f"{criterion.slug}-confirm"] = forms.BooleanField(
                label=f"The copied answer to {code} still describes our area",
                help_text="Tick this if you have checked the answer and it still stands, or change it above.",
                required=False,
            )
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
            # Static text only: HTML() renders a template, so reviewers' words never go in here.
            *(
                [HTML(
                    f'<p class="govuk-body"><strong class="govuk-tag govuk-tag--orange">Changes requested</strong> '
                    f'<a class="govuk-link" href="#notes-{slug}">Read the reviewer’s notes on {criterion.code}</a></p>'
                )]
                if criterion.pk in self.noted else []
            ),
            Field.radios(f"{slug}-level", legend_size=Size.MEDIUM, legend_tag="h2", small=True),
            Field.textarea(f"{slug}-justification", rows=5, max_characters=JUSTIFICATION_MAX_LENGTH),
            Field.text(f"{slug}-evidence", spellcheck="false", autocomplete="url"),
            *([Field.checkbox(f"{slug}-confirm")] if self._is_unconfirmed_copy(criterion) else []),
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
        evidence = self._clean_evidence(criterion, cleaned)
        complete = self.require_all
        if not level and complete and f"{slug}-level" not in self.errors:
            either = ", or select not applicable" if criterion.allows_not_applicable else ""
            self.add_error(f"{slug}-level", f"Select a level for {code}{either}")
        if level and complete and not justification and f"{slug}-justification" not in self.errors:
            self.add_error(f"{slug}-justification", f"Enter a justification for {code}")
        needs_evidence = level.isdigit() and int(level) >= EVIDENCE_REQUIRED_FROM
        if complete and needs_evidence and not evidence and f"{slug}-evidence" not in self.errors:
            self.add_error(f"{slug}-evidence", f"Enter a link to evidence for {code}, because levels 3 and 4 need evidence")
        if complete and self._is_unconfirmed_copy(criterion) and not cleaned.get(f"{slug}-confirm"):
            if not self._changes_copied_answer(criterion, level, justification, evidence):
                self.add_error(
                    f"{slug}-confirm", f"Confirm that the copied answer to {code} still describes your area, or change it"
                )

    def _clean_evidence(self, criterion: Criterion, cleaned: dict) -> str:
        slug, code = criterion.slug, criterion.code
        evidence = (cleaned.get(f"{slug}-evidence") or "").strip()
        if not evidence or f"{slug}-evidence" in self.errors:
            return evidence
        if evidence.lower().startswith("www."):
            # People copy addresses without the scheme; GOV.UK sites all serve https.
            evidence = "https://" + evidence
            if len(evidence) > EVIDENCE_URL_MAX_LENGTH:
                self.add_error(
                    f"{slug}-evidence", f"Evidence link for {code} must be {EVIDENCE_URL_MAX_LENGTH} characters or fewer"
                )
                return evidence
            self.evidence_completed.append(code)
        try:
            https_only(evidence)
        except ValidationError:
            message = (
                f"Evidence link for {code} must start with https://"
                if not evidence.lower().startswith("https://")
                else f"Enter a real web address for the evidence for {code}, like https://www.example.gov.uk/plan"
            )
            self.add_error(f"{slug}-evidence", message)
            return evidence
        cleaned[f"{slug}-evidence"] = evidence
        return evidence

    def _changes_copied_answer(self, criterion: Criterion, level: str, justification: str, evidence: str) -> bool:
        answer = self.answers[criterion.pk]
        return (level, justification, evidence) != (answer.shown_level, answer.justification, answer.evidence_url)

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
                    confirm_copied=bool(self.cleaned_data.get(f"{criterion.slug}-confirm")),
                )
            )
        return inputs
