"""Check that every stored evidence document is present and unchanged (its SHA-256 matches).

Used after restoring a backup (scripts/backup_restore_check.sh) and at any time by an
operator; exits 1 if any document is missing or altered. Only reads, except ``--add-probe``:
it first stores one small "Restore check" document if the database has none, so a restore
check always covers a document. That writes to the database and the evidence storage it is
pointed at, so it is for scratch copies only (the script adds it to a copy, never the source).
"""
import hashlib

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.models import Authority, User
from evidence.models import EvidenceItem, EvidenceKind, EvidenceVersion

PROBE = b"Restore check: this text file stands for the documents an authority uploads.\n"


class Command(BaseCommand):
    help = "Check every stored evidence document is present and matches its recorded SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("--add-probe", action="store_true", help=(
            "Store one small document first if there is none. Writes: for a scratch copy only, never the live service."
        ))

    def handle(self, *args, add_probe: bool = False, **options):
        documents = EvidenceVersion.objects.exclude(file="").select_related("item")
        if add_probe and not documents.exists():
            self._add_probe()
        problems, checked = [], 0
        for version in documents.iterator():
            checked += 1
            storage, name = version.file.storage, version.file.name
            if not storage.exists(name):
                problems.append(f"missing: {name} ({version})")
                continue
            digest = hashlib.sha256()
            with storage.open(name, "rb") as stored:
                for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                    digest.update(chunk)
            if digest.hexdigest() != version.sha256:
                problems.append(f"altered: {name} ({version})")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} of {checked} evidence documents missing or altered")
        self.stdout.write(f"evidence: {checked} document{'s' if checked != 1 else ''} checked, all present and intact")

    @transaction.atomic
    def _add_probe(self):
        authority, user = Authority.objects.order_by("pk").first(), User.objects.order_by("pk").first()
        if authority is None or user is None:
            raise CommandError("No authority or user to own a probe document: load the authorities first.")
        item = EvidenceItem.objects.create(
            authority=authority, title="Restore check", kind=EvidenceKind.DOCUMENT, created_by=user
        )
        version = EvidenceVersion(
            item=item, number=1, filename="restore-check.txt", content_type="text/plain", size=len(PROBE),
            sha256=hashlib.sha256(PROBE).hexdigest(), created_by=user,
        )
        version.file.save(f"{authority.pk}/restore-check.txt", ContentFile(PROBE), save=False)
        version.save()
