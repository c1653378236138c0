"""Serving as in production: gunicorn's configuration and the shared cache,
both read from environment variables."""

import os
import runpy
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from .test_settings import PRODUCTION_ENV, ROOT, run_django

CONFIG = ROOT / "gunicorn.conf.py"


def gunicorn_config(monkeypatch, **env):
    for name in list(os.environ):
        if name.startswith("GUNICORN_"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_gunicorn_defaults_two_workers_on_localhost_with_an_access_log(monkeypatch):
    config = gunicorn_config(monkeypatch)
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == 2
    assert (config["threads"], config["worker_class"]) == (4, "gthread")
    assert (config["timeout"], config["graceful_timeout"]) == (30, 30)
    assert config["accesslog"] == "-"  # standard output
    assert "%(M)s" in config["access_log_format"]  # the request's time in ms
    assert config["max_requests"] > 0 and config["max_requests_jitter"] > 0
    assert config["preload_app"] is False
    assert config["control_socket_disable"] is True


def test_gunicorn_reads_its_environment_variables(monkeypatch):
    config = gunicorn_config(
        monkeypatch,
        GUNICORN_BIND="127.0.0.1:8101,unix:/run/pps.sock",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="1",
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        GUNICORN_KEEPALIVE="2",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_MAX_REQUESTS_JITTER="50",
        GUNICORN_ACCESS_LOG="off",
        GUNICORN_PRELOAD="True",
        GUNICORN_CONTROL_SOCKET="/run/pps/gunicorn.ctl",
    )
    assert config["bind"] == ["127.0.0.1:8101", "unix:/run/pps.sock"]
    assert (config["workers"], config["threads"], config["worker_class"]) == (3, 1, "sync")
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (60, 20, 2)
    assert (config["max_requests"], config["max_requests_jitter"]) == (500, 50)
    assert config["accesslog"] is None
    assert config["preload_app"] is True
    assert config["control_socket"] == "/run/pps/gunicorn.ctl"
    assert config["control_socket_disable"] is False


def test_gunicorn_refuses_a_value_it_cannot_use(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="GUNICORN_WORKERS"):
        gunicorn_config(monkeypatch, GUNICORN_WORKERS="twee")
    with pytest.raises(SystemExit, match="GUNICORN_WORKERS moet minstens 1 zijn"):
        gunicorn_config(monkeypatch, GUNICORN_WORKERS="0")


def test_gunicorn_itself_accepts_the_configuration():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "DJANGO_"))}
    env.update(PRODUCTION_ENV, GUNICORN_WORKERS="3", GUNICORN_BIND="127.0.0.1:8123")
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "pps_portal.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = dict(
        (part.strip() for part in line.split("=", 1))
        for line in result.stdout.splitlines()
        if "=" in line
    )
    assert printed["workers"] == "3"
    assert printed["bind"] == "['127.0.0.1:8123']"
    assert printed["worker_class"] == "gthread"
    assert printed["accesslog"] == "-"


CACHES_SCRIPT = (
    "from django.conf import settings; "
    "print(*(f\"{a}={c['BACKEND']}@{c.get('LOCATION')}\" for a, c in settings.CACHES.items()))"
)


def test_the_cache_is_shared_in_redis_when_configured():
    result = run_django(
        ["shell", "-c", CACHES_SCRIPT],
        {**PRODUCTION_ENV, "DJANGO_CACHE_URL": "redis://127.0.0.1:6379/1"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [
        "default=django.core.cache.backends.redis.RedisCache@redis://127.0.0.1:6379/1",
        "files=django.core.cache.backends.redis.RedisCache@redis://127.0.0.1:6379/1",
    ]


def test_without_a_cache_url_each_process_keeps_its_own_cache():
    result = run_django(["shell", "-c", CACHES_SCRIPT], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert all("LocMemCache" in part for part in result.stdout.split()[-2:])


def test_a_cache_url_that_is_not_redis_fails_loudly():
    result = run_django(
        ["check"], {**PRODUCTION_ENV, "DJANGO_CACHE_URL": "memcached://127.0.0.1:11211"}
    )
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL" in result.stderr and "geen Redis-adres" in result.stderr
