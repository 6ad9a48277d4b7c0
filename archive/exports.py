"""CSV of any result set: every filter honoured, streamed row by row, no row limit."""
from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse

from .models import Appearance, ArticleLocality, Citation
from .views import bad_request, run_search_request

COLUMNS = ["id", "published", "title", "url", "source", "locality", "localities", "officials", "documents",
           "authors", "file"]


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def _names(*, model, ids: list[int], field: str) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    for article_id, name in model.objects.filter(article_id__in=ids).values_list("article_id", field):
        names[article_id].append(name)
    return names


def _rows(*, articles, base_url: str, chunk: int = 500) -> Iterator[list]:
    """Header, then one row per article; plain values in chunks, since model instances are slow."""
    yield COLUMNS
    columns = ("pk", "published", "title", "source", "primary_locality__name", "authors", "file_name")
    batch: list[tuple] = []
    for row in articles.values_list(*columns).iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) == chunk:
            yield from _batch_rows(batch=batch, base_url=base_url)
            batch = []
    yield from _batch_rows(batch=batch, base_url=base_url)


def _batch_rows(*, batch: list[tuple], base_url: str) -> Iterator[list]:
    if not batch:
        return
    ids = [row[0] for row in batch]
    places = _names(model=ArticleLocality, ids=ids, field="locality__name")
    people = _names(model=Appearance, ids=ids, field="official__name")
    documents = _names(model=Citation, ids=ids, field="resolution__code")
    for pk, published, title, source, locality, authors, file_name in batch:
        yield [
            pk,
            published.isoformat() if published else "",
            title,
            base_url + reverse("archive:article", args=[pk]),
            source,
            locality or "",
            "; ".join(places.get(pk, [])),
            "; ".join(people.get(pk, [])),
            "; ".join(documents.get(pk, [])),
            "; ".join(authors or []),
            file_name,
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
