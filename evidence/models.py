"""Evidence held once per authority (links and documents), attached to answers, fixed per submission.

An item is a link or a document; replacing it adds a version, so what a submission cited
(``CitedEvidence``, one row per version) never changes. Items are retired, not deleted,
once anything cites them: PROTECT makes that a database rule too.
"""
from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

from assessments.models import Answer, Authority, Criterion, Submission

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 1000
URL_MAX_LENGTH = 500
FILENAME_MAX_LENGTH = 150


class _EvidenceStorage(LazyObject):
    """``storages["evidence"]``, looked up on first use and again whenever STORAGES changes (tests)."""

    def _setup(self):
        self._wrapped = storages["evidence"]


_storage = _EvidenceStorage()


@receiver(setting_changed)
def _storage_reset(*, setting, **kwargs):
    if setting == "STORAGES":
        _storage._wrapped = empty


def evidence_storage():
    """The dedicated "evidence" storage (settings.STORAGES): a private folder, or object storage."""
    return _storage


class EvidenceKind(models.TextChoices):
    LINK = "link", "Link"
    DOCUMENT = "document", "Document"


class EvidenceItem(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="evidence_items")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Retired items stay for the submissions that cite them but can no longer be attached.
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["authority", "retired_at"], name="evidence_item_library_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="evidence_item_has_title"),
            models.CheckConstraint(condition=Q(kind__in=EvidenceKind.values), name="evidence_item_kind_valid"),
            models.CheckConstraint(
                condition=Q(retired_at__isnull=True, retired_by__isnull=True)
                | Q(retired_at__isnull=False, retired_by__isnull=False),
                name="evidence_item_retired_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class EvidenceVersion(models.Model):
    """One version of an item: a link (``url``) or a stored document (``file``), never both."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    url = models.URLField(blank=True, max_length=URL_MAX_LENGTH)
    # The stored name is made by the service (authority/uuid.ext), never the user's path.
    file = models.FileField(storage=evidence_storage, blank=True, max_length=255)
    filename = models.CharField(max_length=FILENAME_MAX_LENGTH, blank=True, help_text="Sanitised download name")
    content_type = models.CharField(max_length=100, blank=True, help_text="Checked from the file's content")
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="evidence_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="evidence_version_number_positive"),
            models.CheckConstraint(
                condition=(Q(url__startswith="https://") & Q(file="", filename="", content_type="", size=0, sha256=""))
                | (Q(url="") & ~Q(file="") & ~Q(filename="") & ~Q(content_type="") & Q(size__gt=0) & ~Q(sha256="")),
                name="evidence_version_is_link_or_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} (version {self.number})"

    @property
    def is_document(self) -> bool:
        return bool(self.file)


class AnswerEvidence(models.Model):
    """An item supporting an answer now (the draft). The answer's ``evidence_count`` counts these."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence_links")
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="answer_links")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item__title", "item_id"]
        constraints = [models.UniqueConstraint(fields=["answer", "item"], name="answer_evidence_once")]


class CitedEvidence(models.Model):
    """The version of an item a submission cited for a criterion: fixed when it was sent."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="cited_evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    # PROTECT: a version a submission cites can never be destroyed, so neither can its item.
    version = models.ForeignKey(EvidenceVersion, on_delete=models.PROTECT, related_name="citations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "criterion", "version"], name="cited_evidence_once"),
        ]
