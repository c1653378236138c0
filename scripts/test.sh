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
echo "==> pytest (database: ${DATABASE_URL:-SQLite})"
.venv/bin/python -m pytest "$@"
