"""CSV exports streamed to the browser as they are written."""
import csv

from django.http import StreamingHttpResponse

from assessments.models import Round

from .cells import safe_row
from .rows import CRITERIA_HEADER, criteria_rows, step_rows


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _stream(header, rows):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte order mark: Excel then reads the file as UTF-8
    yield writer.writerow(safe_row(header))
    for row in rows:
        yield writer.writerow(safe_row(row))


def _response(chunks, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _slug(round_: Round) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in round_.name.lower()).strip("-")


def criteria_csv(*, round_: Round) -> StreamingHttpResponse:
    return _response(_stream(CRITERIA_HEADER, criteria_rows(round_=round_)), f"{_slug(round_)}-criteria.csv")


def steps_csv(*, round_: Round) -> StreamingHttpResponse:
    header, rows = step_rows(round_=round_)
    return _response(_stream(header, rows), f"{_slug(round_)}-step-scores.csv")
