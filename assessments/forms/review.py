"""Reviewers' forms: moderate a criterion, remove a moderation, comment, return, approve."""
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from assessments.levels import NOT_APPLICABLE, NOT_APPLICABLE_LABEL, level_choice_label
from assessments.models import Criterion
from assessments.models.review import NOTE_MAX_LENGTH
from assessments.services.moderation import REASON_MAX_LENGTH, REMOVAL_REASON_MAX_LENGTH
from assessments.services.review import COMMENT_MAX_LENGTH, MESSAGE_MAX_LENGTH

from .fields import FreeTextField
from .widgets import GovukTextarea, mark_textarea_errors


class _GovukForm(forms.Form):
    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)

    def _helper(self, *fields) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False  # the template owns the <form>
        helper.layout = Layout(*fields)
        return helper


def _text(label: str, hint: str, limit: int, required_message: str, *, required: bool = True) -> forms.CharField:
    return FreeTextField(
        label=label,
        help_text=hint,
        widget=GovukTextarea,
        required=required,
        max_length=limit,
        strip=True,
        error_messages={"required": required_message, "max_length": f"{label} must be {limit:,} characters or fewer"},
    )


class ModerationForm(_GovukForm):
    """``authority_level`` ("0"-"4", "na" or "") marks the authority's own choice among the options."""

    def __init__(self, *args, criterion: Criterion, authority_level: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        own = " (the authority’s level)"
        choices = [
            Choice(
                str(level), f"{level_choice_label(level)}{own if str(level) == authority_level else ''}",
                hint=descriptor,
            )
            for level, descriptor in criterion.descriptors
        ]
        if criterion.allows_not_applicable:
            choices[-1].divider = "or"
            choices.append(Choice(NOT_APPLICABLE, f"{NOT_APPLICABLE_LABEL}{own if authority_level == NOT_APPLICABLE else ''}"))
        self.fields["level"] = forms.ChoiceField(
            label=f"Moderated score for {criterion.code}",
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": f"Select a moderated level for {criterion.code}",
                "invalid_choice": f"Select a moderated level for {criterion.code} from the list",
            },
        )
        self.fields["reason"] = _text(
            "Reason for the moderated score",
            "The authority will see this. Explain what the evidence shows.",
            REASON_MAX_LENGTH,
            "Enter the reason for the moderated score",
        )
        self.helper = self._helper(
            Field.radios("level", legend_size=Size.MEDIUM, legend_tag="h2", small=True),
            Field.textarea("reason", rows=4, max_characters=REASON_MAX_LENGTH),
        )

    @property
    def score(self) -> int | None:
        level = self.cleaned_data["level"]
        return None if level == NOT_APPLICABLE else int(level)

    @property
    def not_applicable(self) -> bool:
        return self.cleaned_data["level"] == NOT_APPLICABLE


class RemoveModerationForm(_GovukForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = _text(
            "Why are you removing the moderated score?",
            f"In {REMOVAL_REASON_MAX_LENGTH} characters or fewer. The authority's own score will count again.",
            REMOVAL_REASON_MAX_LENGTH,
            "Enter the reason for removing the moderated score",
        )
        self.helper = self._helper(Field.textarea("reason", rows=2, max_characters=REMOVAL_REASON_MAX_LENGTH))


FOR_AUTHORITY = "authority"
INTERNAL = "internal"


class CommentForm(_GovukForm):
    """A comment for the authority, or an internal note that only central staff ever see."""

    def __init__(self, *args, about: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"] = _text(
            f"Add a comment{' on ' + about if about else ''}",
            "Comments for the authority are shown to its officials when the assessment is returned or approved.",
            COMMENT_MAX_LENGTH,
            "Enter a comment",
        )
        self.fields["visibility"] = forms.ChoiceField(
            label="Who can see this comment?",
            choices=[
                Choice(FOR_AUTHORITY, "The authority and central staff"),
                Choice(INTERNAL, "Central staff only (an internal note)", hint="Never shown to the authority."),
            ],
            widget=forms.RadioSelect,
            initial=FOR_AUTHORITY,
            required=False,  # not chosen: for the authority, as comments always were
            error_messages={"invalid_choice": "Select who can see this comment"},
        )
        self.helper = self._helper(
            Field.textarea("body", rows=3, max_characters=COMMENT_MAX_LENGTH),
            Field.radios("visibility", legend_size=Size.SMALL, small=True),
        )

    @property
    def internal(self) -> bool:
        return self.cleaned_data.get("visibility") == INTERNAL


class ReturnForm(_GovukForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"] = _text(
            "Message to the authority",
            "Say what needs to change before you can approve it. Their editors get this by email.",
            MESSAGE_MAX_LENGTH,
            "Enter a message explaining what needs to change",
        )
        self.helper = self._helper(Field.textarea("message", rows=6, max_characters=MESSAGE_MAX_LENGTH))


class ApproveForm(_GovukForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"] = _text(
            "Note for the record (optional)", "", MESSAGE_MAX_LENGTH, "", required=False
        )
        self.fields["confirm"] = forms.BooleanField(
            label="I have reviewed every criterion and the effective scores are correct",
            error_messages={"required": "Confirm that you have reviewed every criterion before you approve"},
        )
        self.helper = self._helper(Field.textarea("message", rows=3), Field("confirm"))


class ReplyForm(_GovukForm):
    """An official's reply to a reviewer's note."""

    def __init__(self, *args, code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"] = _text(
            "Your reply", f"The reviewer sees this with your resubmission{' next to ' + code if code else ''}.",
            NOTE_MAX_LENGTH, "Enter your reply",
        )
        self.helper = self._helper(Field.textarea("body", rows=4, max_characters=NOTE_MAX_LENGTH))
