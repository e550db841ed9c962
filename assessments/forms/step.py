"""The step page: every criterion of one step, with level, justification and evidence."""
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from assessments.levels import NOT_APPLICABLE, NOT_APPLICABLE_LABEL, level_choice_label
from assessments.models import Answer, Criterion, Step
from assessments.models.rounds import (
    EVIDENCE_REQUIRED_FROM,
    EVIDENCE_URL_MAX_LENGTH,
    JUSTIFICATION_MAX_LENGTH,
    evidence_url_validator,
)
from assessments.services.answers import AnswerInput, answers_as_of
from evidence.documents import ACCEPT_ATTRIBUTE, document_check, max_upload_bytes
from evidence.models import EvidenceItem

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
        library: list[EvidenceItem] = (), **kwargs,
    ):
        self.step = step
        # The authority's items that may be attached (not retired); answers' own items come with the answers.
        self.library = {item.pk: item for item in library}
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
            initial[f"{criterion.slug}-evidence-items"] = [str(pk) for pk in self._carried(criterion)]
        return initial

    def _carried(self, criterion: Criterion) -> dict[int, EvidenceItem]:
        """The items the saved answer carries now (retired ones too: they may stay, not be added)."""
        answer = self.answers.get(criterion.pk)
        return {link.item_id: link.item for link in answer.evidence_links.all()} if answer else {}

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
        carried = self._carried(criterion)
        if carried:
            self.fields[f"{criterion.slug}-evidence-items"] = forms.MultipleChoiceField(
                label=f"Evidence for {code}",
                help_text="Untick an item to remove it from this answer. It stays in your evidence library.",
                choices=[(str(pk), _item_label(item)) for pk, item in carried.items()],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                error_messages={"invalid_choice": f"Select evidence for {code} from the list"},
            )
        addable = [item for pk, item in self.library.items() if pk not in carried]
        if addable:
            self.fields[f"{criterion.slug}-evidence-add"] = forms.ChoiceField(
                label=f"Add an item from your evidence library to {code}",
                choices=[("", "Choose an item")] + [(str(item.pk), _item_label(item)) for item in addable],
                required=False,
                error_messages={"invalid_choice": f"Select an item for {code} from your evidence library"},
            )
        self.fields[f"{criterion.slug}-evidence"] = FreeTextField(
            label=f"Add a new evidence link for {code}",
            help_text="A web address starting with https://. It is added to your evidence library.",
            required=False,
            max_length=EVIDENCE_URL_MAX_LENGTH,
            error_messages={
                "max_length": f"Evidence link for {code} must be {EVIDENCE_URL_MAX_LENGTH} characters or fewer"
            },
        )
        self.fields[f"{criterion.slug}-document"] = forms.FileField(
            label=f"Upload a new evidence document for {code}",
            help_text=(
                "PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG, "
                f"up to {max_upload_bytes() // (1024 * 1024)} MB. It is added to your evidence library."
            ),
            required=False,
            widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
            error_messages={"invalid": f"The document for {code} could not be read: choose it again"},
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
            HTML(f'<h3 class="govuk-heading-s">Evidence for {criterion.code}</h3>'),
            *([Field.checkboxes(f"{slug}-evidence-items", small=True)] if f"{slug}-evidence-items" in self.fields else []),
            *([Field.select(f"{slug}-evidence-add")] if f"{slug}-evidence-add" in self.fields else []),
            Field.text(f"{slug}-evidence", spellcheck="false", autocomplete="url"),
            Field(f"{slug}-document"),
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
        self._clean_document(criterion, cleaned)
        items = self._chosen_items(criterion, cleaned)
        given = len(items) + bool(evidence) + bool(cleaned.get(f"{slug}-document"))
        needs_evidence = level.isdigit() and int(level) >= EVIDENCE_REQUIRED_FROM
        if complete and needs_evidence and not given and f"{slug}-evidence" not in self.errors:
            self.add_error(
                f"{slug}-evidence",
                f"Add evidence for {code}: a link, a document or an item from your library, "
                "because levels 3 and 4 need evidence",
            )
        if complete and self._is_unconfirmed_copy(criterion) and not cleaned.get(f"{slug}-confirm"):
            changed_evidence = bool(evidence or cleaned.get(f"{slug}-document")) or set(items) != set(self._carried(criterion))
            if not changed_evidence and not self._changes_copied_answer(criterion, level, justification):
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

    def _changes_copied_answer(self, criterion: Criterion, level: str, justification: str) -> bool:
        answer = self.answers[criterion.pk]
        return (level, justification) != (answer.shown_level, answer.justification)

    def _chosen_items(self, criterion: Criterion, cleaned: dict) -> dict[int, EvidenceItem]:
        """Items kept ticked, plus the one chosen from the library (ids come from the choices, so are the authority's)."""
        slug = criterion.slug
        carried = self._carried(criterion)
        kept = cleaned.get(f"{slug}-evidence-items") or []
        chosen = {int(pk): carried[int(pk)] for pk in kept if int(pk) in carried}
        added = cleaned.get(f"{slug}-evidence-add") or ""
        if added and int(added) in self.library:
            chosen[int(added)] = self.library[int(added)]
        return chosen

    def _clean_document(self, criterion: Criterion, cleaned: dict) -> None:
        """The upload's real type, size and name are checked now, so the error sits by the field."""
        field = f"{criterion.slug}-document"
        upload = cleaned.get(field)
        if not upload or field in self.errors:
            return
        try:
            document_check(upload)
        except ValidationError as error:
            self.add_error(field, f"{error.messages[0]} ({criterion.code})")
            cleaned.pop(field, None)

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
                    evidence_items=tuple(self._chosen_items(criterion, self.cleaned_data).values()),
                    new_link=(self.cleaned_data.get(f"{criterion.slug}-evidence") or "").strip(),
                    new_document=self.cleaned_data.get(f"{criterion.slug}-document") or None,
                    confirm_copied=bool(self.cleaned_data.get(f"{criterion.slug}-confirm")),
                )
            )
        return inputs


def _item_label(item: EvidenceItem) -> str:
    return f"{item.title} (retired)" if item.is_retired else item.title
