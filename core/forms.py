from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """The browser's own date picker; the value travels as ISO date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class FilterForm(forms.Form):
    """Filters in a query string (GET): the scope's gemeenten as choices (the
    fields named in ``municipality_fields``), a period, Bootstrap's classes.

    The period means: active at some time between ``start`` and ``end``
    (``partnerships.filters.active_in_period``)."""

    municipality_fields: tuple[str, ...] = ("municipality",)

    start = forms.DateField(label=_("Periode van"), required=False, widget=DateInput)
    end = forms.DateField(label=_("tot en met"), required=False, widget=DateInput)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.municipality_fields:
            self.fields[name].queryset = municipalities
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("Het einde van de periode ligt vóór het begin."))
        return cleaned

    def filters(self) -> dict:
        """The filters that are set, or none when the form is not valid."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
