from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm
from partnerships.models import Theme
from regions.models import Municipality


class DashboardFilterForm(FilterForm):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.all(), required=False, empty_label=_("Alle")
    )

    field_order = ["municipality", "theme", "start", "end"]
