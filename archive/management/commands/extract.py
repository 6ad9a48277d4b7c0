import json

from django.core.management.base import BaseCommand, CommandError

from archive.extraction import extract
from archive.extraction.text import decode
from archive.ingest import FileOutcome, iter_text_files


class Command(BaseCommand):
    help = "Print what the extractor finds in .txt files, touching no database."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".txt files or folders")
        parser.add_argument("--json", action="store_true", help="one JSON list, an object per file")

    def handle(self, *args, paths: list[str], json: bool = False, **options) -> None:
        results, errors = [], []
        for item in iter_text_files(paths):
            if isinstance(item, FileOutcome):
                errors.append(item.line())
                continue
            try:
                results.append(extract(decode(item.read_bytes()), name=item.name).to_json())
            except (OSError, UnicodeError) as exc:
                errors.append(f"rejected  {item}: {exc}")
        for line in errors:
            self.stderr.write(line)
        if json:
            self.stdout.write(_dumps(results))
        else:
            for r in results:
                self.stdout.write(f"{r['file']}: {r['title']} ({r['published'] or 'no date'})")
        if errors and not results:
            raise CommandError("no file could be read")


def _dumps(results: list) -> str:
    return json.dumps(results, ensure_ascii=False, indent=2)
