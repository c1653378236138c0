"""How gunicorn serves the portal in production, read from environment variables.

gunicorn reads this file by itself when started from the project folder
(``gunicorn pps_portal.wsgi``); elsewhere pass it with ``-c``. A value that
cannot be understood stops the start with a clear message (``pps_portal.env``).

| variable | default | meaning |
| --- | --- | --- |
| GUNICORN_BIND | 127.0.0.1:8000 | address(es) to listen on, comma-separated |
| GUNICORN_WORKERS | 2 | worker processes (about one per CPU core) |
| GUNICORN_THREADS | 4 | threads per worker; a thread waiting for the database lets another run |
| GUNICORN_TIMEOUT | 30 | seconds a request may take before its worker is restarted |
| GUNICORN_GRACEFUL_TIMEOUT | 30 | seconds a worker may finish its requests on a restart |
| GUNICORN_KEEPALIVE | 5 | seconds an idle connection from the proxy is kept open |
| GUNICORN_MAX_REQUESTS | 100000 | a worker is replaced after this many requests (0: never) |
| GUNICORN_MAX_REQUESTS_JITTER | 10000 | up to this many more, so workers are not replaced at once |
| GUNICORN_ACCESS_LOG | - | access log file, ``-`` for standard output, ``off`` for none |
| GUNICORN_LOG_LEVEL | info | level of gunicorn's own (error) log, on standard error |
| GUNICORN_PRELOAD | False | load the portal once in the master before forking |
| GUNICORN_CONTROL_SOCKET | (none) | path of gunicorn's control socket (``gunicornc``); off without it |

Why these choices:

- ``max_requests`` with jitter bounds a worker's memory: whatever a long-running
  process gathers (Python's allocator keeps freed memory, caches in libraries),
  it is given back when the worker is replaced, one worker at a time. What the
  portal itself keeps per process is bounded already (``core.cache``), so the
  replacement is a safety net, and not often: a new worker starts cold (imports,
  templates, prepared statements, the values a process keeps). At 2,000 requests
  the load test replaced a worker every 25 s, which cost a quarter of the
  throughput (10 users: the minimal page 138 against 179 requests per second,
  the read mix 59 against 87, never replaced); at 20,000 each worker once, in
  its last minute. A worker's memory
  levels off at about 100 MiB (69 at the start; 40,000 requests, or 30,000
  with every filter set), so 100,000 requests (days at a gemeente's pace) is
  soon enough.
- Preloading is off. With it the master imports Django and the portal once and
  the workers share those pages, which saves little with two workers (CPython's
  reference counts soon copy them) and has two costs: ``kill -HUP`` then restarts
  the workers with the *old* code (a deployment needs a full restart), and
  anything opened while importing (a database or Redis connection, a thread)
  would be shared by every forked worker. ``GUNICORN_PRELOAD=True`` turns it on.
- Threads (the ``gthread`` worker) let a worker answer another request while
  one waits for PostgreSQL or Redis; each thread keeps its own database
  connection (``DJANGO_CONN_MAX_AGE``), so PostgreSQL needs
  ``workers × threads`` connections per instance.
- The access log writes one line per request with the time it took in
  milliseconds (``%(M)s``) and the process that answered it (``%(p)s``).
"""

from pathlib import Path

from pps_portal.env import env_bool, env_int, env_list, env_str

bind = env_list("GUNICORN_BIND", default=["127.0.0.1:8000"])
workers = env_int("GUNICORN_WORKERS", 2)
threads = env_int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
max_requests = env_int("GUNICORN_MAX_REQUESTS", 100000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 10000)
preload_app = env_bool("GUNICORN_PRELOAD", default=False)

_access_log = env_str("GUNICORN_ACCESS_LOG", default="-")
accesslog = None if _access_log.lower() == "off" else _access_log
# Client, time, request line, status, size, duration in ms, worker pid.
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms pid=%(p)s'
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", default="info")

# gunicorn's control socket has one default path per machine user, which two
# instances on one machine would share: only where asked for.
control_socket = env_str("GUNICORN_CONTROL_SOCKET", default="")
control_socket_disable = not control_socket
if control_socket_disable:
    del control_socket

# The workers' heartbeat files in memory, not on a possibly slow disk.
if Path("/dev/shm").is_dir():  # noqa: S108 - a directory, not a temporary file name
    worker_tmp_dir = "/dev/shm"  # noqa: S108

for _name, _value in {
    "GUNICORN_WORKERS": workers,
    "GUNICORN_THREADS": threads,
    "GUNICORN_TIMEOUT": timeout,
}.items():
    if _value < 1:
        raise SystemExit(f"{_name} moet minstens 1 zijn, niet {_value}.")
if max_requests < 0 or max_requests_jitter < 0:
    raise SystemExit(
        "GUNICORN_MAX_REQUESTS en GUNICORN_MAX_REQUESTS_JITTER mogen niet negatief zijn."
    )
