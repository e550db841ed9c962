from django import forms


class GovukTextarea(forms.Textarea):
    """A textarea that gets the GOV.UK textarea error class.

    crispy-forms-gds 2.0.1 marks a textarea in error with ``govuk-input--error``
    (it matches on the class name "Textarea"); this subclass's name avoids that and
    the form adds ``govuk-textarea--error`` itself.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-textarea", "rows": 5, **(attrs or {})})

    def get_context(self, name, value, attrs):
        # crispy-forms-gds replaces the class with the layout's ("govuk-js-character-count")
        # and adds this class's lowercased name; without govuk-textarea the box is unstyled
        # and its cols="40" make it wider than a 320 px screen.
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        classes = [c for c in widget_attrs.get("class", "").split() if c != type(self).__name__.lower()]
        if getattr(self, "in_error", False) and "govuk-textarea--error" not in classes:
            classes.append("govuk-textarea--error")  # the layout's class replaced the one set below
        widget_attrs["class"] = " ".join(["govuk-textarea", *(c for c in classes if c != "govuk-textarea")])
        return context


def mark_textarea_errors(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if isinstance(field.widget, GovukTextarea) and name in form.errors:
            field.widget.in_error = True
            classes = field.widget.attrs.get("class", "")
            if "govuk-textarea--error" not in classes:
                field.widget.attrs["class"] = f"{classes} govuk-textarea--error".strip()
