#!/bin/sh
# Re-extract the interface strings, fill in the Vietnamese table, compile both catalogues.
# Needs gettext (apt-get install gettext). Run from the project root.
set -e
PY=${PY:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-tests.settings}
$PY manage.py makemessages -l vi -l en --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=test-output --no-obsolete
$PY locale/translate_vi.py
for l in vi en; do
  sed -i '0,/^#, fuzzy$/{/^#, fuzzy$/d}' locale/$l/LC_MESSAGES/django.po
  sed -i "s/^\"Language: \\\\n\"/\"Language: $l\\\\n\"/; s/PACKAGE VERSION/party-building-archive/" locale/$l/LC_MESSAGES/django.po
done
$PY manage.py compilemessages --ignore=.venv
