# Two commands for a fresh machine:
#   make run    install, create the SQLite database, load fixtures/, serve on 127.0.0.1:8000
#   make test   install, run the whole suite on SQLite and on PostgreSQL (127.0.0.1:5432)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test install browser postgres test-sqlite test-postgres serve-prod clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "could not install chromium: browser tests will be skipped"; \
	else echo "no /usr/bin/chromium and no root apt-get: browser tests will be skipped"; fi

# Start the local PostgreSQL cluster if it is installed but down.
postgres:
	@if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start || true; \
		sleep 2; fi

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py ingest fixtures/articles --quiet
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test-sqlite: install browser
	$(PY) -m pytest

test-postgres: install browser postgres
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(PY) -m pytest; \
	else echo "SKIPPED: PostgreSQL is not reachable at $(PG_URL); the PostgreSQL run did not happen"; fi

test: test-sqlite test-postgres

serve-prod: install
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn archive.wsgi --bind 127.0.0.1:8000 --workers 3 --access-logfile -

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-output .pytest_cache
