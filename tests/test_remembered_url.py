"""``{% url %}`` (core.templatetags.remembered_url): Django's tag, each address
reversed once per process (core.links.remembered_reverse)."""

import pytest
from django.template import Context, Template, engines
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from core import links


def render(source, **context):
    return Template("{% load i18n %}" + source).render(Context(context))


def test_the_tag_is_the_remembering_one_in_every_template():
    template = engines["django"].from_string("{% url 'home' %}")
    node = template.template.nodelist[0]
    assert type(node).__name__ == "RememberedURLNode"


def test_it_writes_what_djangos_tag_writes():
    assert render("{% url 'home' %}") == reverse("home")
    assert render("{% url 'partnerships:detail' 14 %}") == reverse("partnerships:detail", args=[14])
    assert render("{% url 'partnerships:detail' pk=pk %}", pk=15) == reverse(
        "partnerships:detail", kwargs={"pk": 15}
    )
    # The same again, from what it remembers.
    assert render("{% url 'partnerships:detail' 14 %}") == "/samenwerkingen/14/"
    assert render("{% url 'partnerships:detail' 14 as link %}[{{ link }}]") == (
        "[/samenwerkingen/14/]"
    )


def test_an_address_that_does_not_exist_fails_as_in_django():
    with pytest.raises(NoReverseMatch):
        render("{% url 'partnerships:detail' 'x/y' %}")
    # ``as`` leaves it empty, as Django's tag does.
    assert render("{% url 'no-such-page' as link %}[{{ link }}]") == "[]"
    assert not any("no-such-page" in key for key in links._remembered)


def test_each_script_prefix_has_its_own_addresses():
    try:
        set_script_prefix("/gemeente/")
        assert render("{% url 'partnerships:list' %}") == "/gemeente/samenwerkingen/"
    finally:
        clear_script_prefix()
        set_script_prefix("/")
    assert render("{% url 'partnerships:list' %}") == "/samenwerkingen/"


class Numbered:
    """A value written by its ``str()``, which changes (as a record's can)."""

    def __init__(self, number):
        self.number = number

    def __str__(self):
        return str(self.number)


def test_a_value_written_by_its_str_is_reversed_each_time():
    """Django writes such a value (a record, say) as its ``str()``, which
    can change; only whole numbers and text are kept."""
    value = Numbered(3)
    assert render("{% url 'partnerships:detail' value %}", value=value) == "/samenwerkingen/3/"
    value.number = 4
    assert render("{% url 'partnerships:detail' value %}", value=value) == "/samenwerkingen/4/"


def test_what_it_keeps_is_bounded(monkeypatch):
    monkeypatch.setattr(links, "REMEMBERED_LIMIT", 5)
    links.forget_remembered()
    for pk in range(1, 13):
        assert render("{% url 'partnerships:detail' pk %}", pk=pk) == f"/samenwerkingen/{pk}/"
        assert len(links._remembered) <= 5
