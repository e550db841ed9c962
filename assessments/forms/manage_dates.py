"""The GOV.UK date input with this service's error messages."""
from datetime import date

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


class GovukDateField(DateInputField):
    """Day, month and year boxes; every error names the date, never Python's wording."""

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("help_text", "For example, 28 11 2026")
        super().__init__(**kwargs)
        self.error_messages.update(
            required=f"Enter the {what}", incomplete=f"Enter the {what} as a day, month and year",
            invalid=f"The {what} must be a real date",
        )
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.error_messages["incomplete"] = f"Enter the {what} as a day, month and year"
            for validator in part.validators:
                validator.message = f"The {what} must be a real date, with the {name} in numbers"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            value = date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError):  # OverflowError: a 30-digit day
            raise ValidationError(f"The {self.what} must be a real date") from None
        if value.year < 2000:
            raise ValidationError(f"The {self.what} must be in 2000 or later")
        return value
