"""Forms of the evidence library: add an item, rename it, replace it with a new version."""
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.exceptions import ValidationError

from assessments.forms.fields import FreeTextField
from assessments.forms.widgets import GovukTextarea, mark_textarea_errors

from .documents import ACCEPT_ATTRIBUTE, CheckedDocument, document_check, max_upload_bytes
from .models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, URL_MAX_LENGTH
from .validators import link_problem


def _document_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=(
            "PDF, Word, Excel, PowerPoint, OpenDocument text or spreadsheet, CSV, text, PNG or JPEG, "
            f"up to {max_upload_bytes() // (1024 * 1024)} MB."
        ),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={"invalid": "The selected file could not be read: choose it again"},
    )


def _link_field(label: str) -> FreeTextField:
    return FreeTextField(
        label=label,
        help_text="A web address starting with https://",
        required=False,
        max_length=URL_MAX_LENGTH,
        error_messages={"max_length": f"The link must be {URL_MAX_LENGTH} characters or fewer"},
    )


class _EvidenceForm(forms.Form):
    checked: CheckedDocument | None = None

    def _clean_link(self) -> str:
        url = (self.cleaned_data.get("link") or "").strip()
        if url.lower().startswith("www."):
            url = "https://" + url  # as on the step page: GOV.UK sites all serve https
        if url and (problem := link_problem(url)):
            raise ValidationError(problem)
        return url

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            self.checked = document_check(upload)  # the type from the content; ValidationError if refused
        return upload

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)


class EvidenceAddForm(_EvidenceForm):
    title = FreeTextField(
        label="Title",
        help_text="What the evidence is, as a reviewer would look for it. For a document, leave it empty to use the file’s name.",
        required=False,
        max_length=TITLE_MAX_LENGTH,
        error_messages={"max_length": f"The title must be {TITLE_MAX_LENGTH} characters or fewer"},
    )
    description = FreeTextField(
        label="Description (optional)",
        required=False,
        widget=GovukTextarea,
        max_length=DESCRIPTION_MAX_LENGTH,
        error_messages={"max_length": f"The description must be {DESCRIPTION_MAX_LENGTH:,} characters or fewer"},
    )
    link = _link_field("Link")
    document = _document_field("Or upload a document")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("title"), Field.textarea("description", rows=3), Field.text("link", spellcheck="false"),
            Field("document"),
        )

    def clean_link(self):
        return self._clean_link()

    def clean(self):
        cleaned = super().clean()
        link, document = cleaned.get("link"), cleaned.get("document")
        if "link" in self.errors or "document" in self.errors:
            return cleaned
        if link and document:
            self.add_error("link", "Give a link or upload a document, not both")
        elif not link and not document:
            self.add_error("link", "Enter a link, or choose a document to upload")
        if not (cleaned.get("title") or "").strip() and not document and "title" not in self.errors:
            self.add_error("title", "Enter a title for the evidence")
        return cleaned


class EvidenceEditForm(forms.Form):
    title = FreeTextField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": "Enter a title for the evidence",
            "max_length": f"The title must be {TITLE_MAX_LENGTH} characters or fewer",
        },
    )
    description = FreeTextField(
        label="Description (optional)",
        required=False,
        widget=GovukTextarea,
        max_length=DESCRIPTION_MAX_LENGTH,
        error_messages={"max_length": f"The description must be {DESCRIPTION_MAX_LENGTH:,} characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("title"), Field.textarea("description", rows=3))

    def full_clean(self):
        super().full_clean()
        mark_textarea_errors(self)


class EvidenceReplaceForm(_EvidenceForm):
    """A new version: a new address for a link, a new file for a document."""

    def __init__(self, *args, is_document: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_document = is_document
        if is_document:
            self.fields["document"] = _document_field("New version of the document")
        else:
            self.fields["link"] = _link_field("New address")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("document") if is_document else Field.text("link", spellcheck="false"))

    def clean(self):
        cleaned = super().clean()
        if self.is_document:
            if not cleaned.get("document") and "document" not in self.errors:
                self.add_error("document", "Choose a document to upload")
        else:
            if "link" not in self.errors:
                try:
                    cleaned["link"] = self._clean_link()
                except ValidationError as error:
                    self.add_error("link", error)
                    return cleaned
                if not cleaned["link"]:
                    self.add_error("link", "Enter the new address")
        return cleaned
