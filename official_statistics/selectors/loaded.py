"""What is loaded (the admin's statistics page): each dataset with its indicator count, and the latest imports."""
from __future__ import annotations

from django.db.models import Count, QuerySet

from ..models import Dataset, ImportRun

RECENT_IMPORTS = 5


def datasets_loaded() -> QuerySet[Dataset]:
    """Every dataset with who imported it and ``indicator_count``, by slug: one query."""
    return Dataset.objects.select_related("imported_by").annotate(indicator_count=Count("indicators")).order_by("slug")


def recent_imports(*, limit: int = RECENT_IMPORTS) -> QuerySet[ImportRun]:
    """The latest imports, newest first, with who asked for each: one query."""
    return ImportRun.objects.select_related("requested_by").order_by("-created_at")[:limit]
