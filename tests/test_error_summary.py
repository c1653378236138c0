"""A form with errors starts with a summary that links to each field, and the
page's messages, buttons and alerts are NL Design System components."""

from django import forms
from django.template import Context, Template
from django.urls import reverse

from core.templatetags.portal import alert_kind, error_anchor


def test_a_form_with_errors_starts_with_a_summary_linking_to_each_field(world):
    client = world.client_for(world.officer)
    response = client.post(reverse("partnerships:create"), {"name": ""})
    assert response.status_code == 200
    body = response.content.decode()
    summary = body.index("data-error-summary")
    form = body.index('<form method="post"', body.index('id="inhoud"'))
    assert summary < form  # at the top, before the form's fields
    for field in ("name", "theme", "societal_goal"):
        assert f'href="#id_{field}"' in body
        assert f'id="id_{field}"' in body  # the link finds its field
    # The summary takes the focus with our own small script, loaded from static.
    assert "js/error-summary.js" in body


def test_a_page_without_errors_has_no_summary(world):
    response = world.client_for(world.officer).get(reverse("partnerships:create"))
    assert "data-error-summary" not in response.content.decode()


class Choices(forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)


def test_radio_buttons_and_checkbox_lists_are_linked_at_their_first_option():
    form = Choices(data={})
    assert error_anchor(form["name"]) == "id_name"
    assert error_anchor(form["kind"]) == "id_kind_0"
    assert error_anchor(form["tags"]) == "id_tags_0"
    html = Template('{% include "includes/error_summary.html" %}').render(Context({"form": form}))
    assert 'href="#id_kind_0"' in html and 'href="#id_name"' in html
    assert "utrecht-alert--error" in html


def test_message_levels_become_the_alert_types_of_nl_design_system():
    assert [alert_kind(tag) for tag in ("success", "info", "warning", "danger", "debug")] == [
        "ok",
        "info",
        "warning",
        "error",
        "info",
    ]
