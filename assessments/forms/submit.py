from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from assessments.models.review import NOTE_MAX_LENGTH

from .fields import FreeTextField
from .widgets import GovukTextarea, mark_textarea_errors


class SubmitForm(forms.Form):
    """Check answers' declaration; a resubmission can carry a note to the reviewer."""

    note_to_reviewer = FreeTextField(
        label="Note to the reviewer (optional)",
        help_text="Say what you changed in response to their notes, or why you kept an answer.",
        widget=GovukTextarea,
        required=False,
        max_length=NOTE_MAX_LENGTH,
        error_messages={"max_length": f"The note to the reviewer must be {NOTE_MAX_LENGTH:,} characters or fewer"},
    )
    confirm = forms.BooleanField(
        label="I confirm that, to the best of my knowledge, these answers are accurate and the evidence supports them",
        error_messages={"required": "Confirm that the answers are accurate before you submit"},
    )

    def __init__(self, *args, resubmitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not resubmitting:
            del self.fields["note_to_reviewer"]
        self.helper = FormHelper()
        # The template owns the <form>: without this crispy nests a second <form>, which
        # browsers drop, closing the real form before the "Accept and submit" button.
        self.helper.form_tag = False
        fields = [Field.textarea("note_to_reviewer", rows=4, max_characters=NOTE_MAX_LENGTH)] if resubmitting else []
        self.helper.layout = Layout(*fields, Field.checkbox("confirm"))

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)
