"""The load test of a running portal (a development tool, not part of the portal).

``python -m loadtest http://127.0.0.1:8101 --second http://127.0.0.1:8102``;
see the README's "Served as in production, measured under load". ``summary``
and ``pages`` are pure and tested (tests/test_loadtest.py); ``portal`` and
``run`` drive locust, which patches the standard library for gevent when
imported, so nothing here imports them but ``__main__``."""
