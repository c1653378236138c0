"""Press a button on a page the way a browser without JavaScript does.

``press(html, label)`` finds the submit button with that text, the form it
belongs to (its enclosing ``<form>`` or its ``form`` attribute), and returns
the URL and the data the browser would send: every successful control of
that form (hidden fields, checked boxes and radios, textareas, selected
options) plus the pressed button's own name and value. ``ticks`` and
``fill`` change the controls first, as a user would."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class _Control:
    tag: str
    attrs: dict
    form: int | None
    text: str = ""
    options: list = field(default_factory=list)  # (value, selected) for a <select>


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []  # attrs of each <form>, by index
        self.form_ids: dict[str, int] = {}
        self.controls: list[_Control] = []
        self._open_form: int | None = None
        self._text_of: _Control | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms.append(attrs)
            self._open_form = len(self.forms) - 1
            if "id" in attrs:
                self.form_ids[attrs["id"]] = self._open_form
        elif tag in ("input", "button", "textarea", "select"):
            control = _Control(tag, attrs, self._open_form)
            self.controls.append(control)
            if tag in ("button", "textarea"):
                self._text_of = control
        elif tag == "option" and self.controls and self.controls[-1].tag == "select":
            self.controls[-1].options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self._open_form = None
        elif tag in ("button", "textarea"):
            self._text_of = None

    def handle_data(self, data):
        if self._text_of is not None:
            self._text_of.text += data

    def owner(self, control: _Control) -> int | None:
        if "form" in control.attrs:
            return self.form_ids.get(control.attrs["form"])
        return control.form


def press(html: str, label: str, *, ticks=None, fill=None, default_url=""):
    """(url, data) the browser posts when ``label`` is pressed.

    ``ticks``: {checkbox name: [values to tick]} replaces what is checked for
    those names; ``fill``: {name: value} for textareas, text inputs, selects
    and radios."""
    parser = _FormParser()
    parser.feed(html)
    buttons = [
        c
        for c in parser.controls
        if c.tag == "button"
        and c.attrs.get("type", "submit") == "submit"
        and " ".join(c.text.split()) == label
    ]
    assert len(buttons) == 1, f"{len(buttons)} buttons labelled {label!r}"
    button = buttons[0]
    form = parser.owner(button)
    assert form is not None, f"the button {label!r} is in no form"
    ticks, fill = ticks or {}, fill or {}
    data: dict[str, list[str]] = {}
    for control in parser.controls:
        if parser.owner(control) != form or "disabled" in control.attrs:
            continue
        name = control.attrs.get("name")
        if not name:
            continue
        value = None
        if control.tag == "textarea":
            value = fill.get(name, control.text.removeprefix("\n"))
        elif control.tag == "select":
            value = fill.get(name, next((v for v, s in control.options if s), None))
        elif control.tag == "input":
            kind = control.attrs.get("type", "text")
            own = control.attrs.get("value", "on")
            if kind == "checkbox":
                checked = own in ticks[name] if name in ticks else "checked" in control.attrs
                value = own if checked else None
            elif kind == "radio":
                checked = fill[name] == own if name in fill else "checked" in control.attrs
                value = own if checked else None
            elif kind not in ("submit", "button", "image", "file", "reset"):
                value = fill.get(name, control.attrs.get("value", ""))
        elif control is button:
            value = control.attrs.get("value", "")
        if value is not None:
            data.setdefault(name, []).append(str(value))
    url = button.attrs.get("formaction") or parser.forms[form].get("action") or default_url
    return url, data
