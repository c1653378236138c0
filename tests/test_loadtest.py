"""The load test's own logic, without a server: percentiles, the table and its
verdicts against the goals, reading forms as a browser sends them, and the
memory figures from /proc. (The load test itself runs against a running
portal: README, "Served as in production, measured under load".)"""

from argparse import ArgumentTypeError

import pytest

from loadtest import pages
from loadtest.summary import (
    CONFLICT,
    ERROR,
    MINIMAL,
    READ,
    WRITE,
    MixResult,
    Sample,
    by_name,
    percentile,
    summarise,
    table,
    verdicts,
)


def result(mix, *, users=10, rps=100.0, p95=50.0, errors=0):
    return MixResult(mix, users, 60.0, int(rps * 60), errors, 0, 0, rps, p95 / 2, p95, p95 * 2)


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))  # 1 … 100
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile(values, 1.0) == 100
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([], 0.95) == 0.0
    assert percentile([3, 1, 2], 0.5) == 2  # sorts first


def test_summary_counts_409s_apart_from_errors_and_measures_throughput():
    samples = (
        [Sample("dashboard", float(ms)) for ms in range(1, 97)]
        + [Sample("save goal", 100.0, CONFLICT, write=True)] * 2
        + [Sample("save goal", 200.0, write=True)]
        + [Sample("partnership", 300.0, ERROR)]
    )
    r = summarise(WRITE, 10, 20.0, samples)
    assert (r.requests, r.errors, r.conflicts, r.writes) == (100, 1, 2, 3)
    assert r.rps == 5.0
    assert (r.median, r.p95, r.p99) == (50.0, 95.0, 200.0)


def test_by_name_shows_what_dominates_a_mix_first():
    samples = [Sample("dashboard", 100.0)] * 3 + [Sample("partnership", 20.0)] * 10
    assert by_name(samples) == [("dashboard", 3, 100.0, 100.0), ("partnership", 10, 20.0, 20.0)]


def test_verdicts_compare_each_mix_with_the_minimal_page_at_the_same_users():
    results = [
        result(MINIMAL, rps=100, p95=40),
        result(READ, rps=40, p95=120),  # exactly at both limits: met
        result(WRITE, rps=29, p95=60),  # below 30 % of the throughput
        result(MINIMAL, users=25, rps=110, p95=100),
        result(READ, users=25, rps=60, p95=301),  # p95 over 3 ×
        result(WRITE, users=25, rps=50, p95=100, errors=1),  # an error
    ]
    v = {(x.result.users, x.result.mix): x for x in verdicts(results)}
    assert v[10, MINIMAL].met and v[10, MINIMAL].throughput_ratio is None
    assert v[10, READ].met
    assert (v[10, READ].throughput_ratio, v[10, READ].p95_ratio) == (0.4, 3.0)
    assert not v[10, WRITE].met
    assert v[10, WRITE].failures == ("throughput below 30% of the minimal page's",)
    assert v[25, READ].failures == ("p95 above 3 × the minimal page's",)
    assert v[25, WRITE].failures == ("1 errors",)


def test_a_mix_without_a_minimal_page_to_compare_with_is_not_met():
    (v,) = verdicts([result(READ, rps=1000, p95=1)])
    assert not v.met
    assert v.throughput_ratio is None


def test_the_table_says_per_line_whether_the_goal_is_met():
    lines = table([result(MINIMAL), result(READ, rps=20, p95=50)]).splitlines()
    assert lines[0].startswith("| users | mix |")
    assert lines[2].endswith("| met |")
    assert "| 0.20 | 1.00 | MISSED: throughput below 40% of the minimal page's |" in lines[3]


EDIT_FORM = """
<form method="post" action="/i18n/setlang/"><input type="hidden" name="csrfmiddlewaretoken"
 value="t1"><select name="language"><option value="nl" selected>NL</option>
 <option value="en">EN</option></select></form>
<form method="post" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="t2">
  <input type="hidden" name="version" value="7"><input type="hidden" name="opened" value="abc">
  <input type="radio" name="level" value="maatschappelijk">
  <input type="radio" name="level" value="gezamenlijk" checked>
  <select name="participation"><option value="">Geen partner</option>
   <option value="12">Jumbo</option></select>
  <select name="municipalities" multiple><option value="1" selected>Zwolle</option>
   <option value="2">Kampen</option><option value="3" selected>Dalfsen</option></select>
  <input type="text" name="title" value="Gezond &amp; wel">
  <textarea name="description">
Eerste regel</textarea>
  <input type="checkbox" name="items" value="4" checked><input type="checkbox" name="items" value="5">
  <input type="checkbox" name="done" disabled checked>
  <input type="file" name="document"><button type="submit" name="go">Opslaan</button>
</form>
"""


def test_a_form_is_read_as_a_browser_sends_it():
    form = pages.form_with(EDIT_FORM, "version")
    assert form.method == "post" and form.action == ""
    assert form.fields == [
        ("csrfmiddlewaretoken", "t2"),
        ("version", "7"),
        ("opened", "abc"),
        ("level", "gezamenlijk"),
        ("participation", ""),  # nothing selected: the first option
        ("municipalities", "1"),
        ("municipalities", "3"),
        ("title", "Gezond & wel"),
        ("description", "Eerste regel"),
        ("items", "4"),
    ]
    assert form.options["level"] == ["maatschappelijk", "gezamenlijk"]
    assert form.options["participation"] == ["", "12"]
    assert pages.form_with(EDIT_FORM, "language").value("language") == "nl"
    assert pages.form_with(EDIT_FORM, "nothing") is None


def test_changing_a_form_keeps_the_version_it_was_opened_with():
    form = pages.form_with(EDIT_FORM, "version")
    data = form.with_values(description="Nieuw", items=["4", "5"], extra="x")
    assert ("version", "7") in data and ("csrfmiddlewaretoken", "t2") in data
    assert ("description", "Nieuw") in data and ("description", "Eerste regel") not in data
    assert [v for n, v in data if n == "items"] == ["4", "5"]
    assert data[-1] == ("extra", "x")


def test_links_to_records_and_the_last_page():
    html = (
        '<a href="/samenwerkingen/12/">a</a> <a href="/samenwerkingen/12/">again</a>'
        '<a href="/samenwerkingen/nieuw/">new</a> <a href="/samenwerkingen/3/doelen/">goals</a>'
        '<form action="/samenwerkingen/3/fase/2/checklist/"></form>'
        '<a href="?theme=1&amp;pagina=2">2</a><a href="?pagina=13">13</a>'
    )
    assert pages.ids(html, r"/samenwerkingen/(\d+)/") == [12]
    assert pages.ids(html, r"/samenwerkingen/3/fase/(\d+)/checklist/") == [2]
    assert pages.last_page(html) == 13
    assert pages.last_page("<p>one page</p>") == 1


PROC_NET_TCP = """\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1FA5 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4711 1 0
   1: 0100007F:1FA6 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4712 1 0
   2: 0100007F:1FA5 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 4713 1 0
"""


def test_the_listening_socket_and_the_resident_memory_are_read_from_proc():
    assert pages.listening_inodes(PROC_NET_TCP, 8101) == {"4711"}  # not the connection
    assert pages.listening_inodes(PROC_NET_TCP, 8000) == set()
    status = "Name:\tgunicorn\nPPid:\t23514\nVmRSS:\t   76800 kB\n"
    assert pages.status_field(status, "PPid") == "23514"
    assert pages.rss_mib(status) == 75.0
    assert pages.rss_mib("Name:\tkthreadd\n") is None


@pytest.mark.parametrize(
    "address",
    ["http://example.nl:8000", "https://127.0.0.1:8101", "127.0.0.1", "http://10.0.0.1:80"],
)
def test_the_load_test_only_targets_this_machine(address):
    with pytest.raises(ArgumentTypeError, match="only a portal on this machine"):
        pages.local_address(address)
    assert pages.local_address("http://127.0.0.1:8101/") == "http://127.0.0.1:8101"
