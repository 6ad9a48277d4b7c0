"""Settings for the test suite: the real settings with a throw-away SECRET_KEY."""
import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("SECURE_COOKIES", "0")
# Tests render templates without running collectstatic first.
os.environ.setdefault("ARCHIVE_MANIFEST_STATIC", "0")

from archive.settings import *  # noqa: E402,F401,F403

# Tests change the data between requests a few milliseconds apart: every request reads the version.
ARCHIVE_DATA_VERSION_SECONDS = 0
