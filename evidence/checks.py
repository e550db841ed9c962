"""System check: the evidence folder is never one a URL serves.

Documents leave the service only through the permission-checked download view. A folder
inside the static files (served by WhiteNoise) or the media folder would put every
authority's documents one guessed address away, so ``manage.py check`` (run before a
deploy, and by ``runserver`` and ``migrate``) refuses such an ``EVIDENCE_ROOT``.
"""
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


def _served_folders() -> list[tuple[str, Path]]:
    folders = [("STATIC_ROOT", settings.STATIC_ROOT), ("MEDIA_ROOT", settings.MEDIA_ROOT)]
    folders += [("STATICFILES_DIRS", entry[1] if isinstance(entry, tuple) else entry) for entry in settings.STATICFILES_DIRS]
    return [(name, Path(folder).resolve()) for name, folder in folders if folder]


@register()
def evidence_folder_is_not_served(app_configs=None, **kwargs) -> list[Error]:
    from .models import evidence_storage

    location = getattr(evidence_storage(), "location", None)  # None for object storage
    if not location:
        return []
    evidence = Path(location).resolve()
    return [
        Error(
            f"The evidence folder ({evidence}) is inside {name} ({folder}), so documents could be fetched "
            "without the permission check.",
            hint="Set EVIDENCE_ROOT to a private folder outside the static and media files (see docs/deploy.md).",
            id="evidence.E001",
        )
        for name, folder in _served_folders()
        if evidence == folder or folder in evidence.parents
    ]
