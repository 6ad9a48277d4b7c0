import argparse
import os
import sys

from django.core.management.base import BaseCommand

from archive.ingest import BATCH_SIZE, FileOutcome, ingest_paths


class Command(BaseCommand):
    help = "Load scraped article .txt files (folders recursively) into the archive. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".txt files or folders")
        parser.add_argument("--max-bytes", type=int, default=None, help="reject files larger than this")
        parser.add_argument("--force", action="store_true", help="re-extract files whose text is unchanged")
        parser.add_argument("--quiet", action="store_true", help="print only rejected files and the summary")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                            help="extraction processes (default: one per CPU; 1 extracts in this process)")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="files written per transaction")
        parser.add_argument("--optimize", action=argparse.BooleanOptionalAction, default=None,
                            help="merge the search index when done (default: after a load that wrote a "
                                 "tenth of the archive and at least 1,000 articles)")

    def handle(self, *args, paths: list[str], max_bytes: int | None = None, force: bool = False,
               quiet: bool = False, workers: int = 1, batch_size: int = BATCH_SIZE, optimize: bool | None = None,
               **options) -> None:
        def show(outcome: FileOutcome) -> None:
            if outcome.status == "rejected":
                self.stderr.write(outcome.line())
            elif not quiet and options.get("verbosity", 1) >= 1:
                self.stdout.write(outcome.line())

        report = ingest_paths(paths, max_bytes=max_bytes, force=force, on_outcome=show, workers=workers,
                              batch_size=batch_size, keep_outcomes=False, optimize=optimize)
        self.stdout.write(report.summary())
        if report.rejected:
            sys.exit(1)
