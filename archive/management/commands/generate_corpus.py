import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

sys.path.insert(0, str(Path(settings.BASE_DIR) / "benchmarks"))
from generate_corpus import Options, generate  # noqa: E402


class Command(BaseCommand):
    help = "Write N synthetic article .txt files (deterministic from --seed) and their ground truth."

    def add_arguments(self, parser):
        parser.add_argument("out", help="folder to write; subfolders of 1,000 files")
        parser.add_argument("--count", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--odd-rate", type=float, default=0.01)
        parser.add_argument("--broken-rate", type=float, default=0.002)
        parser.add_argument("--dup-rate", type=float, default=0.001)

    def handle(self, *args, out: str, count: int, seed: int, workers: int, odd_rate: float,
               broken_rate: float, dup_rate: float, **options) -> None:
        stats = generate(Options(out=Path(out), count=count, seed=seed, odd_rate=odd_rate,
                                 broken_rate=broken_rate, dup_rate=dup_rate), workers=workers)
        self.stdout.write(f"{stats['files']} files, {stats['bytes'] / 1e6:.1f} MB in {stats['seconds']} s "
                          f"({stats['files_per_s']} files/s) -> {out}")
