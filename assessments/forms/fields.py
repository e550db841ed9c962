"""Form fields shared by every form: free text goes through one definition (assessments.text)."""
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator

from assessments.text import control_character_position, normalise_line_breaks


class FreeTextField(forms.CharField):
    """A CharField for anything a person types or pastes: names, searches, justifications, notes.

    Pasted line breaks (Word's vertical tab, carriage returns, Unicode separators) become
    newlines; any other control character is refused with an error that names the field
    and where the character is, and nothing is saved.
    """

    default_error_messages = {
        "control_character": (
            "%(label)s contains a hidden character that cannot be saved (character %(position)s). "
            "Delete it, or type that part again instead of pasting it"
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The check below covers NUL too, with a message that names the field.
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def to_python(self, value):
        if isinstance(value, str):
            value = normalise_line_breaks(value)
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        position = control_character_position(value or "")
        if position is not None:
            raise ValidationError(
                self.error_messages["control_character"],
                code="control_character",
                params={"label": self.label or "The text", "position": position},
            )
