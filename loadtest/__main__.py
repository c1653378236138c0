"""``python -m loadtest``: locust is imported first, so that gevent patches the
standard library before anything else uses it."""

import sys

import locust  # noqa: F401, I001 - patches the standard library for gevent first

from loadtest.run import main

sys.exit(main())
