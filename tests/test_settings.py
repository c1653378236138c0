"""Configuration from the environment: loud failures and a clean deploy check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pps_portal.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "False",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "pps.example.nl",
}


def run_django(args, env_overrides, *, remove=()):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    for key in remove:
        env.pop(key, None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_fails_loudly():
    env = dict(PRODUCTION_ENV)
    del env["DJANGO_SECRET_KEY"]
    result = run_django(["check"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY moet gezet zijn" in result.stderr


def test_production_without_allowed_hosts_fails_loudly():
    env = dict(PRODUCTION_ENV)
    del env["DJANGO_ALLOWED_HOSTS"]
    result = run_django(["check"], env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS moet gezet zijn" in result.stderr


def test_unknown_database_scheme_fails_loudly():
    result = run_django(["check"], {**PRODUCTION_ENV, "DATABASE_URL": "mysql://root@localhost/pps"})
    assert result.returncode != 0
    assert "wordt niet ondersteund" in result.stderr


def test_postgres_url_uses_psycopg_with_persistent_connections():
    script = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['HOST'], d['PORT'], d['CONN_MAX_AGE'], "
        "d['CONN_HEALTH_CHECKS'])"
    )
    result = run_django(
        ["shell", "-c", script],
        {**PRODUCTION_ENV, "DATABASE_URL": "postgres://pps@db.example.nl:5432/pps"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == [
        "django.db.backends.postgresql",
        "pps",
        "db.example.nl",
        "5432",
        "600",
        "True",
    ]


def test_cache_is_redis_when_configured_and_memory_otherwise():
    script = (
        "from django.conf import settings; c = settings.CACHES; "
        "print(c['default']['BACKEND'], c['default'].get('LOCATION'), c['files']['BACKEND'])"
    )
    result = run_django(
        ["shell", "-c", script],
        {**PRODUCTION_ENV, "DJANGO_CACHE_URL": "redis://cache.example.nl:6379/1"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.example.nl:6379/1",
        "django.core.cache.backends.redis.RedisCache",
    ]
    result = run_django(["shell", "-c", script], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_cache_url_that_is_not_redis_fails_loudly():
    result = run_django(
        ["check"], {**PRODUCTION_ENV, "DJANGO_CACHE_URL": "memcached://127.0.0.1:11211"}
    )
    assert result.returncode != 0
    assert "geen Redis-adres" in result.stderr


def test_env_bool_refuses_a_value_it_does_not_know(monkeypatch):
    monkeypatch.setenv("DJANGO_X", "misschien")
    with pytest.raises(ImproperlyConfigured, match="misschien"):
        env_bool("DJANGO_X", default=False)
    monkeypatch.setenv("DJANGO_X", "False")
    assert env_bool("DJANGO_X", default=True) is False


def test_env_int_and_list_fail_loudly(monkeypatch):
    monkeypatch.setenv("DJANGO_N", "tien")
    with pytest.raises(ImproperlyConfigured):
        env_int("DJANGO_N", 10)
    monkeypatch.setenv("DJANGO_HOSTS", "a.nl,,b.nl")
    with pytest.raises(ImproperlyConfigured):
        env_list("DJANGO_HOSTS")
    monkeypatch.setenv("DJANGO_HOSTS", "a.nl, b.nl")
    assert env_list("DJANGO_HOSTS") == ["a.nl", "b.nl"]


def test_security_headers_on_every_page(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_health_endpoint_answers_without_login(client, db):
    response = client.get("/gezondheid/")
    assert response.status_code == 200
    assert response.content == b"ok"


def _printed_settings(env, *names):
    script = (
        "from django.conf import settings; print("
        + ", ".join(f"settings.{name}" for name in names)
        + ")"
    )
    return run_django(["shell", "-c", script], {**PRODUCTION_ENV, **env})


def test_behind_a_proxy_one_trusted_proxy_by_default_and_configurable():
    result = _printed_settings({"DJANGO_BEHIND_PROXY": "True"}, "TRUSTED_PROXY_COUNT")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "1"
    result = _printed_settings(
        {"DJANGO_BEHIND_PROXY": "True", "DJANGO_TRUSTED_PROXY_COUNT": "2"}, "TRUSTED_PROXY_COUNT"
    )
    assert result.stdout.split()[-1] == "2"
    result = _printed_settings({}, "TRUSTED_PROXY_COUNT")
    assert result.stdout.split()[-1] == "0"


def test_a_proxy_count_that_cannot_be_right_fails_loudly():
    result = run_django(
        ["check"],
        {**PRODUCTION_ENV, "DJANGO_BEHIND_PROXY": "True", "DJANGO_TRUSTED_PROXY_COUNT": "0"},
    )
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT moet minstens 1 zijn" in result.stderr
    result = run_django(["check"], {**PRODUCTION_ENV, "DJANGO_TRUSTED_PROXY_COUNT": "2"})
    assert result.returncode != 0
    assert "alleen met DJANGO_BEHIND_PROXY=True" in result.stderr


def test_session_lifetime_from_the_environment():
    result = _printed_settings({"DJANGO_SESSION_MAX_HOURS": "8"}, "SESSION_MAX_AGE_HOURS")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "8"
    result = run_django(["check"], {**PRODUCTION_ENV, "DJANGO_SESSION_MAX_HOURS": "0"})
    assert result.returncode != 0
    assert "DJANGO_SESSION_MAX_HOURS moet minstens 1 zijn" in result.stderr
