"""Reading the portal's HTML as a browser would (pure functions): the forms of
a page with the values a browser would send, and the links to records.

Used by the load test to fill in forms (with the CSRF token and the hidden
``version`` of edit forms) and to find partnerships, goals and assessments."""

from __future__ import annotations

import re
from argparse import ArgumentTypeError
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit


@dataclass
class Form:
    action: str
    method: str
    # (name, value) pairs in page order, as a browser sends them.
    fields: list[tuple[str, str]] = field(default_factory=list)
    # Every <select>'s option values, and every radio group's values.
    options: dict[str, list[str]] = field(default_factory=dict)

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def value(self, name: str, default: str = "") -> str:
        return next((v for n, v in self.fields if n == name), default)

    def values(self, name: str) -> list[str]:
        return [v for n, v in self.fields if n == name]

    def with_values(self, **changes: str | list[str]) -> list[tuple[str, str]]:
        """The fields with ``changes`` applied (a list replaces every value of
        that name); names not in the form are added at the end."""
        out = [(n, v) for n, v in self.fields if n not in changes]
        for name, value in changes.items():
            out += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
        return out


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._select_values: list[str] = []
        self._select_chosen: list[str] = []
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind == "radio":
                self._form.options.setdefault(name, []).append(a.get("value", "on"))
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a)
            self._select_values, self._select_chosen = [], []
        elif tag == "option" and self._select is not None:
            self._option = a
            self._text = []
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def handle_data(self, data):
        if self._option is not None or self._textarea is not None:
            self._text.append(data)

    def _end_option(self):
        if self._option is None:
            return
        value = self._option.get("value", "".join(self._text).strip())
        self._select_values.append(value)
        if "selected" in self._option:
            self._select_chosen.append(value)
        self._option = None

    def handle_endtag(self, tag):
        if tag == "option":
            self._end_option()
        elif tag == "select" and self._select is not None and self._form is not None:
            self._end_option()
            name, multiple = self._select
            chosen = self._select_chosen
            if not chosen and not multiple and self._select_values:
                chosen = self._select_values[:1]  # a browser sends the first option
            self._form.fields += [(name, v) for v in chosen]
            self._form.options[name] = self._select_values
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            text = "".join(self._text)
            self._form.fields.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with(html: str, field_name: str) -> Form | None:
    """The first form on the page with a field (or select, or radio group)
    named ``field_name``."""
    for form in forms(html):
        if field_name in form.names() or field_name in form.options:
            return form
    return None


def ids(html: str, pattern: str) -> list[int]:
    """The distinct numbers captured by ``pattern`` in links (``href`` or
    ``action``), in page order. ``pattern`` holds one group, e.g.
    ``r"/samenwerkingen/(\\d+)/"``."""
    seen: dict[int, None] = {}
    for match in re.finditer(r'(?:href|action|formaction)="' + pattern + '"', html):
        seen[int(match.group(1))] = None
    return list(seen)


def last_page(html: str) -> int:
    """The highest ``pagina=`` number linked from the page (1 if none)."""
    return max((int(n) for n in re.findall(r"[?&;]pagina=(\d+)", html)), default=1)


# --- The address of the portal under test ------------------------------------

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def local_address(value: str) -> str:
    """``http://127.0.0.1:PORT`` from what was typed; anything not on this
    machine is refused (the load test writes to the portal's database)."""
    parts = urlsplit(value)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS or not parts.port:
        raise ArgumentTypeError(
            f"{value!r}: only a portal on this machine, e.g. http://127.0.0.1:8101"
        )
    return f"http://{parts.hostname}:{parts.port}"


# --- Resident memory of gunicorn's workers (from /proc) ----------------------


def listening_inodes(proc_net_tcp: str, port: int) -> set[str]:
    """The socket inodes listening on ``port`` in a /proc/net/tcp(6) text."""
    inodes = set()
    for line in proc_net_tcp.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 10:
            continue
        local, state, inode = parts[1], parts[3], parts[9]
        if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
            inodes.add(inode)
    return inodes


def status_field(proc_status: str, name: str) -> str | None:
    """A field of /proc/<pid>/status, e.g. ``VmRSS`` → ``"81234 kB"``."""
    for line in proc_status.splitlines():
        key, _, value = line.partition(":")
        if key == name:
            return value.strip()
    return None


def rss_mib(proc_status: str) -> float | None:
    value = status_field(proc_status, "VmRSS")
    if not value or not value.endswith("kB"):
        return None
    return int(value.split()[0]) / 1024
