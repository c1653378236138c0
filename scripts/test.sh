#!/usr/bin/env bash
# Set everything up and run the whole test suite: lint, the import contract,
# migrations check and pytest (unit, view, translation and browser tests).
# Extra arguments go to pytest.
# With DATABASE_URL=postgres://... the tests run on PostgreSQL, else on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh

# Development defaults at import time; Django's test runner itself runs with DEBUG off.
export DJANGO_DEBUG=True

echo "==> ruff (lint and format)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> Imports point one way (import-linter, pyproject.toml)"
.venv/bin/lint-imports
echo "==> Migrations up to date"
.venv/bin/python manage.py makemigrations --check --dry-run
# pytest-xdist: one worker process per core, each with its own test database
# (test_<name>_gw0, ...) and cache key prefix (tests/caches.py). The tests are
# handed out one by one in pytest-django's order, so each worker runs the
# tests that roll back before those that commit and empty the database.
# PPS_TEST_WORKERS=0 runs everything in one process.
workers="${PPS_TEST_WORKERS:-auto}"
echo "==> pytest (database: ${DATABASE_URL:-SQLite}; workers: $workers)"
.venv/bin/python -m pytest -n "$workers" --dist load "$@"
