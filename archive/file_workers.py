"""The loader's work on each file that needs no database: read, decode, hash, extract, tokenize.

It runs in worker processes, so the loader's own process only writes to the
database. Only pure functions here (the extractor and the search tokenizer).
Workers are forked (no re-import of the caller's main module, so any script can
load) and never use the database connection they inherit; they leave with
os._exit, which closes nothing the loader still uses.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .extraction import ExtractionResult, extract
from .extraction.pipeline import preload
from .extraction.text import decode
from .search.base import ArticleWords, article_words

MIN_BODY_CHARS = 200  # less than this after cleaning is site chrome, not an article


class RejectedFile(Exception):
    """A file that cannot be loaded; the message is the reason shown to the user."""


def read_article_text(path: Path, *, max_bytes: int) -> str:
    size = path.stat().st_size
    if size == 0:
        raise RejectedFile("empty file")
    if size > max_bytes:
        raise RejectedFile(f"larger than the {max_bytes:,}-byte limit ({size:,} bytes)")
    data = path.read_bytes()
    try:
        text = decode(data)
    except (UnicodeDecodeError, UnicodeError):
        raise RejectedFile("not text in UTF-8, UTF-16 or Windows-1258") from None
    if _looks_binary(text):
        raise RejectedFile("binary content, not text")
    if not text.strip():
        raise RejectedFile("no text (only white space)")
    return text


# Unicode's control characters (category Cc: U+0000-001F, U+007F-009F) but the four that
# text uses; one regex pass instead of a category look-up per character (5 % of a worker's time).
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = len(_CONTROL_CHARACTER.findall(sample))
    return "\x00" in sample or controls > len(sample) * 0.02


def content_hash(text: str) -> str:
    # Hash of the text with white space folded: re-saving a file with other line endings
    # or encodings is the same article.
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass
class FileJob:
    path: str
    stored_digest: str | None  # the hash stored for this file name, if any
    force: bool  # extract even when the text is unchanged
    max_bytes: int


@dataclass
class FileWork:
    """What a worker made of one file."""

    status: str  # "extracted", "unchanged", "rejected" (reason), "failed" (the extractor broke: reason)
    reason: str = ""
    text: str = ""
    digest: str = ""
    result: ExtractionResult | None = None
    json: dict | None = None  # result.to_json(), stored as the article's extraction
    words: ArticleWords | None = None  # the article's tokens for the search index


def process_file(job: FileJob) -> FileWork:
    path = Path(job.path)
    try:
        text = read_article_text(path, max_bytes=job.max_bytes)
    except RejectedFile as exc:
        return FileWork(status="rejected", reason=str(exc))
    except OSError as exc:
        return FileWork(status="rejected", reason=f"cannot read: {exc.strerror or exc}")
    digest = content_hash(text)
    if digest == job.stored_digest and not job.force:
        return FileWork(status="unchanged", digest=digest)
    try:
        result = extract(text, name=path.name)
        if not result.title or len(result.body) < MIN_BODY_CHARS:
            return FileWork(status="rejected", reason="no article found (site chrome or a fragment only)")
        words = article_words(title=result.title, paragraphs=[*result.paragraphs, *result.captions])
        return FileWork(status="extracted", text=text, digest=digest, result=result, json=result.to_json(), words=words)
    except Exception as exc:  # one file that breaks the extractor must not stop the load
        return FileWork(status="failed", reason=f"{type(exc).__name__}: {exc}")


# A worker gives up on one file after this: a text that sends a pattern into endless
# backtracking must cost one file, not the load.
FILE_SECONDS = 120


class FileTooLong(Exception):
    pass


# The loader writes one batch while its workers extract the next, and the writing is the
# slower half: workers yield the cores to it, so it never waits behind them (10 % faster
# on 2 cores with 2 workers). A worker lowers only its own priority.
WORKER_NICENESS = 10


def _worker_setup() -> None:
    os.nice(WORKER_NICENESS)
    signal.signal(signal.SIGALRM, _too_long)
    threading.Thread(target=_leave_when_orphaned, args=(os.getppid(),), daemon=True).start()


ORPHAN_CHECK_SECONDS = 1.0


def _leave_when_orphaned(loader_pid: int) -> None:
    # A worker waits on a pipe it also holds open, so a loader killed with -9 (or by the
    # out-of-memory killer) would leave it waiting forever: leave once the loader is gone.
    while True:
        time.sleep(ORPHAN_CHECK_SECONDS)
        if os.getppid() != loader_pid:
            os._exit(1)


def _too_long(signum, frame):
    raise FileTooLong(f"gave up after {FILE_SECONDS} s (the extractor did not finish)")


def process_file_in_worker(job: FileJob) -> FileWork:
    signal.setitimer(signal.ITIMER_REAL, FILE_SECONDS)
    try:
        return process_file(job)
    except FileTooLong as exc:  # raised outside process_file's own handler (while reading)
        return FileWork(status="failed", reason=str(exc))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


WORKER_DIED = "its worker process died (killed, or out of memory)"


class _Finished:
    def __init__(self, answers: list[FileWork]):
        self._answers = answers

    def get(self) -> list[FileWork]:
        return self._answers


class _Running:
    def __init__(self, pool: "FilePool", jobs: Sequence[FileJob], answers):
        self._pool, self._jobs, self._answers = pool, jobs, answers

    def get(self) -> list[FileWork]:
        try:
            return list(self._answers)
        except BrokenProcessPool:
            # One file killed its worker; which one is unknown: run the batch again one file
            # at a time, so only the file that kills a worker again is lost.
            return self._pool.one_by_one(self._jobs)


class FilePool:
    """Processes batches of files: in this process, or in `workers` processes once the load is big.

    The pool is only started at the second batch, so loading a handful of files costs
    no process start-up. A worker spends at most FILE_SECONDS on a file, and a worker
    that dies costs only the file it was reading. Use as a context manager; it stops
    its workers on exit.
    """

    def __init__(self, workers: int | None = 1):
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self._executor: ProcessPoolExecutor | None = None
        self._batches = 0

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=_worker_setup)
        return self._executor

    def _restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def submit(self, jobs: Sequence[FileJob]):
        """Start the work; the returned handle's get() gives the answers in job order."""
        self._batches += 1
        if self.workers > 1 and self._batches > 1 and self._executor is None:
            preload()  # the gazetteer read once here, shared by the forked workers
            self._start()
        if self._executor is None or not jobs:
            return _Finished([process_file(job) for job in jobs])
        chunk = max(1, len(jobs) // (self.workers * 4))
        try:
            answers = self._executor.map(process_file_in_worker, jobs, chunksize=chunk)
        except BrokenProcessPool:
            return _Finished(self.one_by_one(jobs))
        return _Running(self, jobs, answers)

    def one_by_one(self, jobs: Sequence[FileJob]) -> list[FileWork]:
        self._restart()
        answers = []
        for job in jobs:
            try:
                answers.append(self._start().submit(process_file_in_worker, job).result())
            except BrokenProcessPool:
                answers.append(FileWork(status="failed", reason=WORKER_DIED))
                self._restart()
        return answers

    def __enter__(self) -> "FilePool":
        return self

    def __exit__(self, *exc) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
