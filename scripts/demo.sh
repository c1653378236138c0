#!/usr/bin/env bash
# Set everything up and serve the portal with demo data at http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh

export DJANGO_DEBUG="${DJANGO_DEBUG:-True}"
echo "==> Migrating the database"
.venv/bin/python manage.py migrate --no-input
echo "==> Loading demo data"
.venv/bin/python manage.py load_demo
echo "==> Serving the portal at http://127.0.0.1:8000/ (stop with Ctrl+C)"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
