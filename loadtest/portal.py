"""What a simulated officer or coordinator does in the portal: log in, find her
partnerships, and request pages of one of the three mixes.

A ``PortalUser`` (locust's ``FastHttpUser``) is closed-loop: it sends its next
request as soon as the last one is answered, so N users are N requests in
flight. Every request is timed and recorded in the mix's ``Collector`` only
while the mix is being measured (not while logging in and looking around)."""

from __future__ import annotations

import itertools
import random
import re
import time
from datetime import date
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlencode

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

from . import pages
from .summary import CONFLICT, ERROR, MINIMAL, OK, READ, WRITE, Sample

PASSWORD = "pps-demo-2026"  # noqa: S105 - the demo accounts' published password
DEMO_ACCOUNTS = [
    "coordinator.ijsselland",
    "medewerker.zwolle",
    "coordinator.hvb",
    "medewerker.kampen",
    "medewerker.denbosch",
]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# Bounds on what a user looks at while finding her way (requests at start).
PARTNERSHIPS_PROBED = 6


def national_accounts(count: int) -> list[str]:
    """Accounts made by ``load_demo --national``: per region a coordinator
    (``coordinator.nl-01`` …) and per gemeente an officer (``medewerker.gm7000``
    …; consecutive gemeenten lie in different regions). Four officers to each
    coordinator, as in a region."""
    out = []
    for i in range(count):
        if i % 5 == 0:
            out.append(f"coordinator.nl-{i // 5 % 25 + 1:02d}")
        else:
            out.append(f"medewerker.gm{7000 + i:04d}")
    return out


class LocalCookiePolicy(DefaultCookiePolicy):
    """Sends cookies marked Secure over plain http too. The load test talks to
    gunicorn on 127.0.0.1 directly, standing where the TLS proxy would be, and
    the portal's production settings mark the session and CSRF cookies Secure."""

    def return_ok_secure(self, cookie, request):
        return True


def trust_local_cookies(session) -> None:
    session.cookiejar.set_policy(LocalCookiePolicy())


class Collector:
    """The samples of a run, per mix. The users keep running while the mix
    changes (``mix``); a request counts only when measuring was on from its
    start to its end, for the mix it was made for."""

    def __init__(self, mixes=(MINIMAL, READ, WRITE)):
        self.samples: dict[str, list[Sample]] = {mix: [] for mix in mixes}
        self.mix = mixes[0]
        self.measuring = False
        self.ready = 0
        self.failed_setups: list[str] = []

    def moment(self) -> tuple[str, bool]:
        return self.mix, self.measuring

    def add(self, sample: Sample, started: tuple[str, bool] | None = None) -> None:
        mix, measuring = started or self.moment()
        if measuring and self.measuring and mix == self.mix:
            self.samples[mix].append(sample)


class PortalUser(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    # Set per run (loadtest.run.run_level).
    collector: Collector
    accounts: list[str] = DEMO_ACCOUNTS
    write_probability = 0.0
    filter_share = 0.15  # how often each filter of the dashboard, list and export is set
    _counter = itertools.count()

    # --- requests ------------------------------------------------------------

    def call(self, name, path, *, method="GET", data=None, expect=(200,), write=False):
        """One request, timed and recorded; returns (status, text)."""
        headers = FORM if data is not None else None
        body = urlencode(data) if data is not None else None
        moment = self.collector.moment()
        started = time.perf_counter()
        status, text = 0, ""
        try:
            with self.client.request(
                method,
                path,
                name=name,
                data=body,
                headers=headers,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                status = response.status_code or 0
                text = response.text or ""
                response.success()  # the verdict is ours, below
        except Exception:  # noqa: BLE001 - a failed connection is an error sample
            status = 0
        ms = (time.perf_counter() - started) * 1000
        if status in expect:
            outcome = OK
        elif status == 409 and write:
            outcome = CONFLICT  # another user saved the same record first
        else:
            outcome = ERROR
        self.collector.add(Sample(name, ms, outcome, write), moment)
        return status, text

    # --- logging in and finding one's way ------------------------------------

    def on_start(self):
        index = next(PortalUser._counter)
        self.username = self.accounts[index % len(self.accounts)]
        self.rng = random.Random(index)
        trust_local_cookies(self.client)
        try:
            self.log_in()
            self.look_around()
        except StopUser:
            raise
        except Exception as exc:  # noqa: BLE001 - reported, the run goes on
            self.collector.failed_setups.append(f"{self.username}: {exc!r}")
            raise StopUser() from exc
        self.collector.ready += 1

    def log_in(self):
        _, html = self.call("login form", "/accounts/login/")
        form = pages.form_with(html, "username")
        if form is None:
            raise RuntimeError("no login form")
        data = form.with_values(username=self.username, password=PASSWORD)
        status, _ = self.call(
            "login", "/accounts/login/", method="POST", data=data, expect=(302,), write=True
        )
        if status != 302:
            self.collector.failed_setups.append(f"{self.username}: login answered {status}")
            raise StopUser()

    def look_around(self):
        _, html = self.call("dashboard", "/")
        dashboard_form = pages.form_with(html, "theme")
        self.dashboard_options = {
            name: [v for v in values if v]
            for name, values in (dashboard_form.options if dashboard_form else {}).items()
        }
        _, html = self.call("partnership list", "/samenwerkingen/")
        list_form = pages.form_with(html, "status")
        self.list_options = {
            name: [v for v in values if v]
            for name, values in (list_form.options if list_form else {}).items()
        }
        self.list_pages = pages.last_page(html)
        self.partnerships = pages.ids(html, r"/samenwerkingen/(\d+)/")
        if not self.partnerships:
            raise RuntimeError("sees no partnership")
        self.assessments: list[int] = []
        self.editable: list[int] = []
        for pk in self.partnerships[:PARTNERSHIPS_PROBED]:
            _, html = self.call("partnership", f"/samenwerkingen/{pk}/")
            self.assessments += pages.ids(html, r"/afwegingen/(\d+)/")
            _, html = self.call("goals", f"/samenwerkingen/{pk}/doelen/")
            if f'href="/samenwerkingen/{pk}/doelen/nieuw/' in html:
                self.editable.append(pk)

    # --- the mixes -----------------------------------------------------------

    @task
    def step(self):
        moment = self.collector.moment()
        mix = moment[0]
        try:
            if mix == MINIMAL:
                self.call("minimal page", "/sessie/")
            elif mix == WRITE and self.editable and self.rng.random() < self.write_probability:
                self.rng.choice([self.save_goal, self.log_activity, self.tick_checklist])()
            else:
                self.read()
        except Exception as exc:  # noqa: BLE001 - a page the user could not use is an error
            self.collector.add(Sample(f"failed step: {type(exc).__name__}", 0, ERROR), moment)
            raise

    def _filters(self, options: dict[str, list[str]], names: tuple[str, ...]) -> dict:
        """A random choice of filters: each named filter set in ``filter_share``
        of the requests, and as often a period (one to three years)."""
        query = {}
        for name in names:
            if options.get(name) and self.rng.random() < self.filter_share:
                query[name] = self.rng.choice(options[name])
        if self.rng.random() < self.filter_share:
            start = self.rng.randint(2019, 2026)
            query["start"] = f"{start}-01-01"
            query["end"] = f"{start + self.rng.randint(0, 2)}-12-31"
        return query

    def read(self):
        roll = self.rng.random()
        if roll < 0.25:
            query = self._filters(self.dashboard_options, ("municipality", "theme"))
            self.call("dashboard", "/?" + urlencode(query))
        elif roll < 0.50:
            query = self._filters(self.list_options, ("theme", "phase", "status", "lead"))
            query["pagina"] = self.rng.randint(1, self.list_pages)
            self.call("partnership list", "/samenwerkingen/?" + urlencode(query))
        elif roll < 0.75:
            pk = self.rng.choice(self.partnerships)
            self.call("partnership", f"/samenwerkingen/{pk}/")
        elif roll < 0.90 and self.assessments:
            pk = self.rng.choice(self.assessments)
            self.call("assessment", f"/afwegingen/{pk}/")
        else:
            query = self._filters(self.list_options, ("theme", "phase", "status"))
            self.call("export CSV", "/samenwerkingen/export.csv?" + urlencode(query))

    def save_goal(self):
        """Open a goal's edit form and save it with a changed description,
        as opened (its hidden version): a 409 means someone saved it first."""
        pk = self.rng.choice(self.editable)
        _, html = self.call("goals", f"/samenwerkingen/{pk}/doelen/")
        goals = pages.ids(html, rf"/samenwerkingen/{pk}/doelen/(\d+)/")
        if not goals:
            return self.log_activity()
        url = f"/samenwerkingen/{pk}/doelen/{self.rng.choice(goals)}/"
        _, html = self.call("goal form", url)
        form = pages.form_with(html, "version")
        if form is None:
            return self.collector.add(Sample("goal form", 0, ERROR, True))
        description = f"Bijgewerkt in de belastingtest ({self.username}, {time.time():.0f})."
        data = form.with_values(description=description)
        self.call("save goal", url, method="POST", data=data, expect=(302,), write=True)

    def log_activity(self):
        pk = self.rng.choice(self.editable)
        url = f"/samenwerkingen/{pk}/activiteiten/nieuw/"
        _, html = self.call("activity form", url)
        form = pages.form_with(html, "title")
        if form is None:
            return self.collector.add(Sample("activity form", 0, ERROR, True))
        kinds = [k for k in form.options.get("kind", []) if k]
        data = form.with_values(
            kind=self.rng.choice(kinds) if kinds else "",
            date=date.today().isoformat(),
            title=f"Overleg (belastingtest {self.username})",
            participants="Belastingtest",
            notes="Vastgelegd door de belastingtest.",
        )
        self.call("log activity", url, method="POST", data=data, expect=(302,), write=True)

    def tick_checklist(self):
        """Tick or untick one item of the current phase's checklist, sent as
        the page shows it (what was ticked when shown), as a browser does."""
        pk = self.rng.choice(self.editable)
        _, html = self.call("phase page", f"/samenwerkingen/{pk}/fase/")
        form = pages.form_with(html, "checklist_shown")
        actions = pages.ids(html, rf"/samenwerkingen/{pk}/fase/(\d+)/checklist/")
        items = [int(v) for v in re.findall(r'name="items" value="(\d+)"', html)]
        if form is None or not actions or not items:
            return self.log_activity()
        ticked = {int(v) for v in form.values("items")}
        ticked ^= {self.rng.choice(items)}
        data = form.with_values(items=[str(i) for i in sorted(ticked)])
        data = [(n, v) for n, v in data if n not in {"to_phase", "reason"}]
        url = f"/samenwerkingen/{pk}/fase/{actions[0]}/checklist/"
        self.call("tick checklist", url, method="POST", data=data, expect=(302,), write=True)


def read_mix_note(filter_share: float) -> str:
    return (
        "read mix: dashboard 25 %, the partnership list on a random page 25 %, a partnership's "
        "page 25 %, an assessment's page 15 %, export CSV 10 %; on the dashboard, the list and "
        f"the export each filter (gemeente, theme, phase, status, period) is set in "
        f"{filter_share:.0%} of the requests"
    )


MIXES = (MINIMAL, READ, WRITE)
