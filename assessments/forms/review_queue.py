"""The review queue's filters (a GET form) and the lead reviewer's assignment form."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from assessments.ids import parse_id
from assessments.models import AssessmentState, AuthorityKind, Round, User
from assessments.selectors.devolution import TIER_CHOICES
from assessments.selectors.review_queue import (
    ASSIGNED_TO_ME,
    DEFAULT_SORT,
    NEEDS_REVIEW,
    SORTS,
    UNASSIGNED,
    QueueQuery,
)

from .fields import FreeTextField

SEARCH_MAX_LENGTH = 100


class QueueFilterForm(forms.Form):
    round = forms.TypedChoiceField(label="Round", coerce=int, required=False)
    state = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), (NEEDS_REVIEW, "Needs review (submitted or in review)"), *AssessmentState.choices],
    )
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any kind"), *AuthorityKind.choices])
    tier = forms.ChoiceField(
        label="Strategic-authority tier", required=False, choices=[("", "Any tier"), *TIER_CHOICES],
        help_text="On the round's landscape date",
    )
    assigned = forms.ChoiceField(
        label="Assigned",
        required=False,
        choices=[("", "Anyone or nobody"), (ASSIGNED_TO_ME, "Assigned to me"), (UNASSIGNED, "Unassigned")],
    )
    q = FreeTextField(
        label="Authority name or code",
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": f"Authority name or code must be {SEARCH_MAX_LENGTH} characters or fewer"},
    )
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS])
    order = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])

    def __init__(self, *args, rounds: list[Round], **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {r.pk: r for r in rounds}
        self.fields["round"].choices = [(r.pk, r.name) for r in rounds]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.select("round"), Field.select("state"), Field.select("kind"), Field.select("tier"), Field.select("assigned"),
            Field.text("q"),
        )
        if not self.is_bound:  # show the default the queue opens on
            self.initial.setdefault("state", NEEDS_REVIEW)

    def query(self, *, default_round: Round) -> QueueQuery:
        """The filters as given, with anything invalid dropped (the page still shows).

        With no filters at all the queue opens on what needs review, oldest submission first.
        """
        if not self.is_bound:
            return QueueQuery(round=default_round, state=NEEDS_REVIEW, sort="submitted")
        data = self.cleaned_data if self.is_valid() else {}
        return QueueQuery(
            round=self.rounds.get(data.get("round"), default_round),
            state=data.get("state", ""),
            kind=data.get("kind", ""),
            tier=data.get("tier", ""),
            assigned=data.get("assigned", ""),
            search=(data.get("q") or "").strip(),
            sort=data.get("sort") or DEFAULT_SORT,
            descending=data.get("order") == "desc",
        )


class AssignForm(forms.Form):
    reviewer = forms.TypedChoiceField(
        label="Assign the selected assessments to",
        coerce=int,
        error_messages={"required": "Select a reviewer", "invalid_choice": "Select a reviewer from the list"},
    )
    assessments = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={"required": "Select at least one assessment to assign"},
    )

    def __init__(self, *args, reviewers: list[User], assessment_ids: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewers = {r.pk: r for r in reviewers}
        self.fields["reviewer"].choices = [("", "Choose a reviewer"), *[(r.pk, f"{r} ({r.get_central_role_display()})") for r in reviewers]]
        given = assessment_ids if assessment_ids is not None else self.data.getlist("assessments") if self.data else []
        self.fields["assessments"].choices = [(str(pk), str(pk)) for pk in given]

    def clean_assessments(self):
        ids = [parse_id(str(value)) for value in self.cleaned_data["assessments"]]
        if None in ids:
            raise forms.ValidationError("Select assessments from the list", code="invalid_choice")
        return ids

    @property
    def chosen_reviewer(self) -> User:
        return self.reviewers[self.cleaned_data["reviewer"]]
