"""CSV of any result set: every filter honoured, streamed row by row, no row limit."""
from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from .models import Article
from .views import bad_request, run_search_request

COLUMNS = ["id", "published", "title", "url", "source", "locality", "localities", "officials", "documents",
           "authors", "file"]


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def _rows(*, articles, base_url: str) -> Iterator[list]:
    yield COLUMNS
    prefetched = articles.select_related("primary_locality").prefetch_related(
        "localities", "officials", "resolutions")
    for a in prefetched.iterator(chunk_size=500):
        yield [
            a.pk,
            a.published.isoformat() if a.published else "",
            a.title,
            base_url + a.get_absolute_url(),
            a.source,
            a.primary_locality.name if a.primary_locality else "",
            "; ".join(p.name for p in a.localities.all()),
            "; ".join(o.name for o in a.officials.all()),
            "; ".join(r.code for r in a.resolutions.all()),
            "; ".join(a.authors),
            a.file_name,
        ]


def search_csv(request: HttpRequest) -> HttpResponse:
    outcome = run_search_request(request, paginate=False)
    if outcome.error:
        return bad_request(request, message=outcome.error)
    writer = csv.writer(_Echo())
    base_url = request.build_absolute_uri("/").rstrip("/")
    # a BOM so spreadsheet programs read the Vietnamese as UTF-8
    lines = (writer.writerow(row) for row in _rows(articles=outcome.results, base_url=base_url))
    response = StreamingHttpResponse(
        _with_bom(lines), content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="articles.csv"'
    return response


def _with_bom(lines: Iterator[str]) -> Iterator[str]:
    yield "\ufeff"
    yield from lines
