"""Walking django-simple-history records: each change beside the record before it."""
from collections.abc import Iterable, Iterator
from typing import TypeVar

Record = TypeVar("Record")


def with_previous(records: Iterable[Record]) -> Iterator[tuple[Record | None, Record]]:
    """(the record before it for the same object, or None; the record), for records in time order per object.

    ``records`` must be ordered oldest first within each object (``history_date, history_id``);
    objects may be interleaved.
    """
    previous: dict = {}
    for record in records:
        yield previous.get(record.id), record
        previous[record.id] = record
