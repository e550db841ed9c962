"""Confirmation pages: what the admin saw is what gets done, or nothing is.

A confirmation page shows a preview (what would be created, published, removed) and
carries a fingerprint of it in the form. The service recomputes the preview under its
lock and refuses when the fingerprint differs: someone else changed things in between, or
the form was forged or replayed from an old page. Nothing changes in either case.
"""
import hashlib
from collections.abc import Iterable

from .errors import ActionRefused

STALE_MESSAGE = "Things changed since you checked this page, so nothing was done. Check the page again and confirm."


def fingerprint(parts: Iterable[object]) -> str:
    """A short stable hash of the preview's parts (ids, states, wording) in order.

    Parts are hashed as text (``str``), so a choice read from the database and the same
    choice set in memory as an enum give the same fingerprint.
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()[:32]


def require_fingerprint(*, expected: str, actual: str) -> None:
    if not expected or expected != actual:
        raise ActionRefused(STALE_MESSAGE)
