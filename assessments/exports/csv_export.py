"""CSV exports: generators of text lines (for a streamed response, or a file in a background task).

Each file starts with its metadata block (``metadata.csv_preamble``), then the table.
"""
import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from .cells import safe_row
from .metadata import ExportMetadata, csv_preamble

LINES_PER_PIECE = 200


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(*, metadata: ExportMetadata | None, header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The whole file, line by line: byte order mark, metadata block, header, rows (formula-safe).

    ``metadata`` is None only for files that are reference tables rather than counts
    (the framework itself).
    """
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte order mark: Excel then reads the file as UTF-8
    if metadata is not None:
        for line in csv_preamble(metadata):
            yield writer.writerow(safe_row(line))
    yield writer.writerow(safe_row(header))
    # Lines go out in batches: a response pays a fixed cost per piece, and a round is 24,000 lines.
    batch = []
    for row in rows:
        batch.append(writer.writerow(safe_row(row)))
        if len(batch) == LINES_PER_PIECE:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_response(lines: Iterable[str], filename: str) -> StreamingHttpResponse:
    """A streamed CSV download of ``lines``."""
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_csv(out, **kwargs) -> None:
    """Write the file to a text file-like object (``csv_lines``'s arguments)."""
    for line in csv_lines(**kwargs):
        out.write(line)
