"""python manage.py load_statistics [folder]: load ONS indicator folders (default: the shipped set).

Every folder's CSV + JSON pair is read and checked first; if any is refused, nothing is
loaded and each problem is printed with its file and row. Otherwise all are applied in
one transaction. Files identical to those loaded before are left alone, so running it
again changes nothing; a newer file replaces that indicator's series and the command
says what changed. A file older than the release already stored (an admin uploaded a newer
one) is left out and named, unless ``--allow-older``: restarting ``make run`` never puts
back the shipped files over an admin's upload.
"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.services.manage_authorities_csv import UploadRefused
from official_statistics.services.imports import dataset_import_apply, folder_pairs, stored_digest, stored_release_date
from official_statistics.services.reader import digest_of, read_dataset

DEFAULT_FOLDER = Path(settings.BASE_DIR) / "fixtures" / "statistics" / "ons-explore-local-statistics"


class Command(BaseCommand):
    help = "Load ONS local indicators (a folder of <indicator>/<indicator>.csv + .json), idempotently and atomically."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
        parser.add_argument(
            "--allow-older", action="store_true",
            help="Also replace indicators whose stored release is newer than the file's (normally kept).",
        )

    def handle(self, *args, folder: str, allow_older: bool = False, **options):
        root = Path(folder)
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder.")
        pairs = folder_pairs(root)
        if not pairs:
            raise CommandError(f"{root} has no indicator folders (<name>/<name>.csv and <name>/<name>.json).")
        files = {slug: (csv_path.read_bytes(), json_path.read_bytes()) for slug, csv_path, json_path in pairs}
        refused, parsed, unchanged, kept = [], [], [], []
        for slug, (csv_bytes, json_bytes) in files.items():
            if stored_digest(slug=slug) == digest_of(csv_bytes=csv_bytes, json_bytes=json_bytes):
                unchanged.append(slug)  # the very files loaded before: nothing to read
                continue
            try:
                dataset = read_dataset(slug=slug, csv_bytes=csv_bytes, json_bytes=json_bytes)
            except UploadRefused as refusal:
                refused.append((slug, refusal))
                continue
            stored = stored_release_date(slug=slug)
            if stored is not None and dataset.release_date < stored and not allow_older:
                kept.append(f"{slug}: kept the stored release of {stored:%-d %B %Y}; this file's ({dataset.release_date:%-d %B %Y}) is older")
                continue
            parsed.append(dataset)
        if refused:
            for slug, refusal in refused:
                for problem in refusal.problems:
                    where = f"row {problem.row}" if problem.row else "whole file"
                    self.stderr.write(f"{slug}: {where}{' ' + problem.column if problem.column else ''}: {problem.message}")
            raise CommandError(f"Nothing loaded: {len(refused)} of {len(files)} indicator files have problems.")
        with transaction.atomic():
            plans = [dataset_import_apply(parsed=dataset) for dataset in parsed]
        changed = [plan for plan in plans if plan.changes]
        for plan in changed:
            self.stdout.write(plan.summary())
        for line in kept:
            self.stdout.write(self.style.NOTICE(line))
        self.stdout.write(self.style.SUCCESS(
            f"Official statistics: {len(files)} indicator files, {len(changed)} loaded or replaced, {len(files) - len(changed)} unchanged."
        ))
