"""Runs the mixes against a running portal, the scale-out check across two
instances, and reports the workers' memory (see ``python -m loadtest --help``)."""

from __future__ import annotations

import argparse
import itertools
import os
import re
import secrets
import sys
import time
from datetime import datetime
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import gevent
from locust.contrib.fasthttp import FastHttpSession
from locust.env import Environment

from . import pages
from .portal import (
    DEMO_ACCOUNTS,
    MIXES,
    PASSWORD,
    WRITE,
    Collector,
    PortalUser,
    read_mix_note,
    trust_local_cookies,
)
from .portal import national_accounts as national
from .summary import MINIMAL, by_name, summarise, table, verdicts

SETUP_SECONDS = 180  # at most, for every user to log in and look around
# Share of a write-mix user's steps that are a write (a form opened and saved:
# two requests, one of them the POST), so that about one request in ten is a POST.
WRITE_STEP_SHARE = 0.11


def accounts_for(users: int, with_national: bool) -> list[str]:
    if not with_national:
        return DEMO_ACCOUNTS
    return DEMO_ACCOUNTS + national(max(users - len(DEMO_ACCOUNTS), 0))


def run_level(host, users, mixes, seconds, rounds, settle, accounts, filter_share):
    """The mixes at ``users`` concurrent users. All users log in and look
    around once; then the mixes take turns, ``rounds`` times each, so that
    the machine's ups and downs fall on all of them alike: after each change
    of mix ``settle`` seconds (not measured, the last mix's requests end),
    then ``seconds / rounds`` measured. Returns per mix (result, samples) and
    the problems met."""
    collector = Collector(tuple(mixes))
    officers = sum(a.startswith("medewerker.") for a in accounts[:users]) or 1
    user_class = type(
        f"PortalUser{users}",
        (PortalUser,),
        {
            "collector": collector,
            "accounts": accounts,
            "host": host,
            "filter_share": filter_share,
            # Only officers write; they write more often so that the mix holds
            # about one POST in ten requests.
            "write_probability": min(WRITE_STEP_SHARE * users / officers, 0.5),
        },
    )
    PortalUser._counter = itertools.count()
    env = Environment(user_classes=[user_class], host=host)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=min(users, 5))
    deadline = time.monotonic() + SETUP_SECONDS
    while collector.ready + len(collector.failed_setups) < users and time.monotonic() < deadline:
        gevent.sleep(0.2)
    elapsed = dict.fromkeys(mixes, 0.0)
    for _ in range(rounds):
        for mix in mixes:
            collector.measuring = False
            collector.mix = mix
            gevent.sleep(settle)
            collector.measuring = True
            started = time.monotonic()
            gevent.sleep(seconds / rounds)
            collector.measuring = False
            elapsed[mix] += time.monotonic() - started
    runner.quit()
    problems = list(collector.failed_setups)
    if collector.ready < users:
        problems.append(f"only {collector.ready} of {users} users were ready")
    results = {
        mix: (summarise(mix, users, elapsed[mix], collector.samples[mix]), collector.samples[mix])
        for mix in mixes
    }
    return results, problems


# --- Scale-out: a change through one instance, seen at once through another --


class Browser:
    """A logged-in visitor of one instance (cookies kept, redirects not followed)."""

    def __init__(self, env, base_url, username):
        self.session = FastHttpSession(base_url, request_event=env.events.request, user=None)
        trust_local_cookies(self.session)
        _, html = self.get("/accounts/login/")
        form = pages.form_with(html, "username")
        status, _ = self.post(
            "/accounts/login/", form.with_values(username=username, password=PASSWORD)
        )
        if status != 302:
            raise RuntimeError(f"login as {username} at {base_url} answered {status}")

    def get(self, path):
        response = self.session.get(path, allow_redirects=False)
        return response.status_code, response.text or ""

    def post(self, path, data):
        response = self.session.post(
            path,
            data=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
        )
        return response.status_code, response.text or ""


def scale_out_check(first, second, username) -> list[tuple[bool, str]]:
    """Saves through ``first`` and reads through ``second`` (whose caches are
    warmed first): an activity logged, a partnership renamed and renamed back.
    Returns (passed, what) per check."""
    env = Environment(user_classes=[])
    a, b = Browser(env, first, username), Browser(env, second, username)
    _, html = a.get("/samenwerkingen/")
    pk = next(
        (
            pk
            for pk in pages.ids(html, r"/samenwerkingen/(\d+)/")[:10]
            if f'href="/samenwerkingen/{pk}/doelen/nieuw/'
            in a.get(f"/samenwerkingen/{pk}/doelen/")[1]
        ),
        None,
    )
    if pk is None:
        return [(False, f"{username} can change none of the first partnerships in her list")]
    page, activities, export = (
        f"/samenwerkingen/{pk}/",
        f"/samenwerkingen/{pk}/activiteiten/",
        "/samenwerkingen/export.csv",
    )
    for path in (page, activities, export, "/"):  # B has them in its cache now
        b.get(path)
    token = secrets.token_hex(4)
    results = []

    def check(what, path, present, absent=None, *, in_title=False):
        """``present`` (and not ``absent``) in what B answers, or in its title
        (a partnership's page also shows its history, with the old names)."""
        status, text = b.get(path)
        if in_title:
            title = re.search(r"<title>(.*?)</title>", text, re.S)
            text = unescape(title.group(1)) if title else ""
        ok = status == 200 and present in text and (absent is None or absent not in text)
        results.append((ok, f"{what} (status {status})"))

    title = f"Schaaltest {token}"
    form = pages.form_with(a.get(activities + "nieuw/")[1], "title")
    kinds = [k for k in form.options.get("kind", []) if k]
    status, _ = a.post(
        activities + "nieuw/",
        form.with_values(kind=kinds[0], date=datetime.now().date().isoformat(), title=title),
    )
    results.append((status == 302, f"activity logged through {first} (status {status})"))
    check(f"the activity is on the partnership's activity page through {second}", activities, title)

    edit = f"/samenwerkingen/{pk}/bewerken/"
    form = pages.form_with(a.get(edit)[1], "version")
    old_name = form.value("name")
    new_name = f"{old_name} [schaaltest {token}]"
    status, _ = a.post(edit, form.with_values(name=new_name))
    results.append((status == 302, f"partnership renamed through {first} (status {status})"))
    check(f"the new name on the partnership's page through {second}", page, new_name, in_title=True)
    check(f"the new name in the CSV export through {second}", export, new_name)

    form = pages.form_with(a.get(edit)[1], "version")
    status, _ = a.post(edit, form.with_values(name=old_name))
    results.append((status == 302, f"partnership renamed back through {first} (status {status})"))
    check(f"the old name again on the page through {second}", page, old_name, token, in_title=True)
    check(f"the old name again in the export through {second}", export, old_name, token)
    return results


# --- Memory of the workers -------------------------------------------------------


def workers_on(port: int) -> dict[int, float]:
    """Resident memory (MiB) of each gunicorn worker listening on ``port``: the
    processes holding the listening socket whose parent holds it too."""
    inodes = set()
    for table_name in ("tcp", "tcp6"):
        try:
            inodes |= pages.listening_inodes(Path(f"/proc/net/{table_name}").read_text(), port)
        except OSError:
            continue
    wanted = {f"socket:[{inode}]" for inode in inodes}
    holders: dict[int, str] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fds = os.listdir(proc / "fd")
            if any(os.readlink(proc / "fd" / fd) in wanted for fd in fds):
                holders[int(proc.name)] = (proc / "status").read_text()
        except OSError:
            continue
    workers = {
        pid: status
        for pid, status in holders.items()
        if int(pages.status_field(status, "PPid") or 0) in holders
    } or holders
    return {pid: pages.rss_mib(status) or 0.0 for pid, status in sorted(workers.items())}


def memory_line(label: str, hosts: list[str]) -> str:
    parts = []
    for host in hosts:
        rss = workers_on(urlsplit(host).port)
        each = ", ".join(f"pid {pid} {mib:.0f} MiB" for pid, mib in rss.items()) or "none found"
        parts.append(f"{host}: {each}")
    return f"worker memory (RSS) {label}: " + "; ".join(parts)


# --- The command ---------------------------------------------------------------------


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m loadtest",
        description=(
            "Load test of a running portal (starts nothing): the minimal page, a read mix and "
            "the read mix with writes, at each number of users; then, with --second, the "
            "scale-out check. Writes goals, activities and checklist ticks to the portal's "
            "database: only for a test database."
        ),
    )
    parser.add_argument("host", type=pages.local_address, help="e.g. http://127.0.0.1:8101")
    parser.add_argument(
        "--second",
        type=pages.local_address,
        help="a second instance on the same database and Redis, for the scale-out check",
    )
    parser.add_argument("--users", type=int, nargs="+", default=[10, 25])
    parser.add_argument("--seconds", type=float, default=60, help="measured per mix (60)")
    parser.add_argument(
        "--rounds", type=int, default=4, help="the mixes take turns, each this many times (4)"
    )
    parser.add_argument(
        "--settle", type=float, default=2, help="seconds not measured after a change of mix (2)"
    )
    parser.add_argument(
        "--filter-share",
        type=float,
        default=0.15,
        help="how often each filter (gemeente, theme, phase, status, period) is set (0.15)",
    )
    parser.add_argument("--mixes", nargs="+", choices=MIXES, default=list(MIXES))
    parser.add_argument(
        "--national",
        action="store_true",
        help="also log in as the accounts of load_demo --national (one account per user)",
    )
    args = parser.parse_args(argv)
    if not all(1 <= u <= 200 for u in args.users) or not 1 <= args.seconds <= 3600:
        parser.error("users 1-200, seconds 1-3600")
    if not 1 <= args.rounds <= 100 or not 0 <= args.settle <= 60:
        parser.error("rounds 1-100, settle 0-60")
    if not 0 <= args.filter_share <= 1:
        parser.error("--filter-share 0-1")
    return args


def main(argv=None) -> int:
    args = parse(argv)
    hosts = [args.host] + ([args.second] if args.second else [])
    print(f"load test of {args.host}, {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs")
    print(read_mix_note(args.filter_share))
    print(memory_line("before", hosts))
    results, problems = [], []
    for users in args.users:
        accounts = accounts_for(users, args.national)
        level, trouble = run_level(
            args.host,
            users,
            args.mixes,
            args.seconds,
            args.rounds,
            args.settle,
            accounts,
            args.filter_share,
        )
        problems += [f"{users} users: {p}" for p in trouble]
        for mix, (result, samples) in level.items():
            results.append(result)
            print(
                f"  {users} users, {mix}: {result.rps:.1f} req/s, median {result.median:.0f} ms, "
                f"p95 {result.p95:.0f} ms, errors {result.errors}, 409 {result.conflicts}"
                + (f", writes {result.writes}" if mix == WRITE else ""),
                flush=True,
            )
            if mix != MINIMAL:
                for name, count, median, p95 in by_name(samples):
                    print(f"      {name}: {count}, median {median:.0f} ms, p95 {p95:.0f} ms")
    print()
    print(table(results))
    print()
    for problem in problems:
        print("problem:", problem)
    print(memory_line("after", hosts))
    passed = all(v.met for v in verdicts(results)) and not problems
    if args.second:
        officer = next(a for a in DEMO_ACCOUNTS if a.startswith("medewerker."))
        checks = scale_out_check(args.host, args.second, officer)
        for ok, what in checks:
            print(f"scale-out: {'ok    ' if ok else 'FAILED'} {what}")
        passed = passed and all(ok for ok, _ in checks)
    print("all goals met" if passed else "NOT all goals met")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
