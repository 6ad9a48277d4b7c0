"""Extraction in worker processes, for the loader.

A worker runs only pure functions: the extractor, and the search tokenizer on the
article it found. Workers are forked (no re-import of the caller's main module,
so any script can load), and never use the database connection they inherit;
they leave with os._exit, which closes nothing the loader still uses.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Sequence

from dataclasses import dataclass

from .extraction import ExtractionResult, extract
from .extraction.pipeline import preload
from .search.base import ArticleWords, article_words


@dataclass
class Extracted:
    result: ExtractionResult
    json: dict  # result.to_json(), stored as the article's extraction
    words: ArticleWords  # for the search index


# One job: (text, file name). Its answer: what was found, or the error's text (the
# loader reports that file and goes on).
Job = tuple[str, str]
Answer = Extracted | str


def extract_job(job: Job) -> Answer:
    text, name = job
    try:
        result = extract(text, name=name)
        return Extracted(result=result, json=result.to_json(), words=article_words(
            title=result.title, paragraphs=[*result.paragraphs, *result.captions]))
    except Exception as exc:  # one file that breaks the extractor must not stop the load
        return f"{type(exc).__name__}: {exc}"


class _Finished:
    def __init__(self, answers: list[Answer]):
        self._answers = answers

    def get(self) -> list[Answer]:
        return self._answers


class ExtractionPool:
    """Extracts batches of files: in this process, or in `workers` processes once the load is big.

    The pool is only started at the second batch, so loading a handful of files costs
    no process start-up. Use as a context manager; it stops its workers on exit.
    """

    def __init__(self, workers: int | None = 1):
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self._pool = None
        self._batches = 0

    def submit(self, jobs: Sequence[Job]):
        """Start extracting; the returned handle's get() gives the answers in job order."""
        self._batches += 1
        if self.workers > 1 and self._batches > 1 and self._pool is None:
            preload()  # the gazetteer read once here, shared by the forked workers
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        if self._pool is None or not jobs:
            return _Finished([extract_job(job) for job in jobs])
        chunk = max(1, len(jobs) // (self.workers * 4))
        return self._pool.map_async(extract_job, jobs, chunksize=chunk)

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
