from django import forms


class GovukTextarea(forms.Textarea):
    """A textarea that gets the GOV.UK textarea error class.

    crispy-forms-gds 2.0.1 marks a textarea in error with ``govuk-input--error``
    (it matches on the class name "Textarea"); this subclass's name avoids that and
    the form adds ``govuk-textarea--error`` itself.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-textarea", "rows": 5, **(attrs or {})})


def mark_textarea_errors(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if isinstance(field.widget, GovukTextarea) and name in form.errors:
            classes = field.widget.attrs.get("class", "")
            if "govuk-textarea--error" not in classes:
                field.widget.attrs["class"] = f"{classes} govuk-textarea--error".strip()
