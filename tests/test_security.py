"""Safe to put online: production settings, headers, and the admin as the only way to write."""
import os
import subprocess
import sys

import pytest
from django.test import Client

from tests.conftest import ROOT

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-" + "z" * 20,
    "ALLOWED_HOSTS": "archive.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "BEHIND_TLS_PROXY": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "DJANGO_SETTINGS_MODULE": "archive.settings",
}


# set by tests/settings.py for the suite itself; a production process never has them
TEST_ONLY_VARIABLES = ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_COOKIES", "ARCHIVE_MANIFEST_STATIC")


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True)


def test_check_deploy_passes_with_the_documented_production_environment():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_server_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _run(["-c", "import archive.wsgi"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_offline_commands_run_without_a_secret_key(fixture_articles):
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _run(["manage.py", "extract", str(fixture_articles / "000_9b79f0871c2466f5.txt"), "--json"], env)
    assert result.returncode == 0, result.stderr
    assert '"file": "000_9b79f0871c2466f5.txt"' in result.stdout


@pytest.mark.django_db
def test_pages_carry_security_headers():
    response = Client().get("/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/search/", "/api/search/"])
def test_the_public_site_does_not_accept_writes(path):
    client = Client(enforce_csrf_checks=True)
    for method in (client.post, client.put, client.delete):
        assert method(path, data={"q": "x"}).status_code in (403, 405)
