from decimal import Decimal

from django import forms
from django.db import models
from django.utils.choices import BaseChoiceIterator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .numbers import decimals_of, format_decimal, parse_decimal, separators

__all__ = [
    "DateField",
    "Select",
    "TextInput",
    "DECIMALS_AS_TYPED",
    "DateInput",
    "DecimalInput",
    "FilterForm",
    "LocalizedDecimalField",
    "ModelMultipleChoiceField",
    "localized_decimal",
    "parse_decimal",
    "typed_values",
    "initial_from_typed",
    "active_filters",
]

DATE_FORMAT = "%d-%m-%Y"
DATE_INPUT_FORMATS = [DATE_FORMAT, "%Y-%m-%d"]


def html_attributes(attrs: dict) -> str:
    """``attrs`` as Django's ``attrs.html`` writes them: in their order, a
    True value as the bare name, a False one left out, every value escaped."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class TextInput(forms.TextInput):
    """Django's text box, written out in Python: the same HTML as its
    template, without a template render per field (a filter form above a
    list has many fields and is shown on every visit)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = "" if value is None else f' value="{escape(str(value))}"'
        attributes = html_attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308 - every part is escaped above
            f'<input type="{escape(self.input_type)}" name="{escape(name)}"{shown}{attributes}>'
        )


class Select(forms.Select):
    """Django's select box, written out in Python: the same HTML as its
    templates (one template render per option made a filter form with a
    region's gemeenten cost more than the rest of the page). Groups of
    options and multiple choice are left to Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        chosen = self.format_value(value)
        options, has_selected = [], False
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            selected = not has_selected and option_value in chosen
            has_selected |= selected
            options.append(
                f'\n  <option value="{escape(option_value)}"'
                f"{' selected' if selected else ''}>{escape(label)}</option>\n"
            )
        attributes = html_attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308 - every part is escaped above
            f'<select name="{escape(name)}"{attributes}>{"".join(options)}\n</select>'
        )


class DateInput(TextInput, forms.DateInput):
    """A date typed as dd-mm-jjjj (31-12-2026) in a plain text box, in every
    language: unambiguous, unlike 02/01/2026. Stored dates are shown the same way."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {"placeholder": _("dd-mm-jjjj"), "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs=attrs, format=DATE_FORMAT)


class DateField(forms.DateField):
    """A date as dd-mm-jjjj (also d-m-jjjj) or jjjj-mm-dd, in every language;
    anything else is refused with the expected form."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-12-2026."),
    }

    def __init__(self, *args, **kwargs):
        # The form to type stays in sight under the box (a placeholder goes
        # away as soon as one types).
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _("Als dd-mm-jjjj, bijvoorbeeld 31-12-2026.")
        super().__init__(*args, **kwargs)


class DecimalInput(forms.TextInput):
    """A text box for a number, with the phone's decimal keyboard. A browser's
    number input would drop a Dutch comma (1200,50 became 120050); this one
    sends what was typed, for the field to read strictly. Stored values are
    shown in the active language (1.200,50)."""

    decimal_places = None

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_decimal(value, self.decimal_places)
        return super().format_value(value)  # what was typed stays as it was typed


class LocalizedDecimalField(forms.DecimalField):
    """A number as people write it in the active language: in Dutch 1200,50,
    1.200,50 or 1200; in English 1,200.50 or 1200.50. What cannot be read
    unambiguously (1200.50 or 1.20 in Dutch, 1,2,3, letters), more decimals
    than the field keeps, or a value outside ``min_value``..``max_value`` is
    refused with a message that names the expected form; a value is never
    changed silently. Without bounds, the field's ``max_digits`` bound it."""

    widget = DecimalInput
    default_error_messages = {
        "invalid": _("Vul een getal in zoals %(example)s."),
        "range": _("Vul een getal van %(min)s tot en met %(max)s in."),
    }

    def __init__(
        self,
        *,
        max_value=None,
        min_value=None,
        max_digits=None,
        decimal_places=None,
        example=None,
        **kwargs,
    ):
        # The bounds are checked here, with numbers in the language's format,
        # not by Django's validators (which print 1E+8).
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        places = decimal_places or 0
        if max_value is None and max_digits is not None:
            max_value = Decimal(10) ** (max_digits - places) - Decimal(10) ** -places
        if min_value is None and max_value is not None:
            min_value = -Decimal(max_value)
        self.max_value = None if max_value is None else Decimal(max_value)
        self.min_value = None if min_value is None else Decimal(min_value)
        self.example = Decimal("1200.50") if example is None else Decimal(example)
        self.widget.decimal_places = decimal_places

    def _example(self) -> str:
        example = self.example
        if self.decimal_places is not None:
            example = example.quantize(Decimal(10) ** -self.decimal_places)
            if self.decimal_places == 0:
                return format_decimal(example)
        return format_decimal(example, self.decimal_places)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        decimal_separator, thousand_separator = separators()
        number = parse_decimal(
            str(value),
            decimal_separator=decimal_separator,
            thousand_separator=thousand_separator,
        )
        if number is None:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"example": self._example()}
            )
        return number

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        places = self.decimal_places
        if places is not None and decimals_of(value) > places:
            if places == 0:
                message = _("Vul een heel getal in, zoals %(example)s.")
            else:
                message = ngettext(
                    "Gebruik hoogstens %(places)s cijfer achter de komma, zoals %(example)s.",
                    "Gebruik hoogstens %(places)s cijfers achter de komma, zoals %(example)s.",
                    places,
                )
            raise forms.ValidationError(
                message,
                code="max_decimal_places",
                params={"places": places, "example": self._example()},
            )
        too_low = self.min_value is not None and value < self.min_value
        too_high = self.max_value is not None and value > self.max_value
        if too_low or too_high:
            raise forms.ValidationError(
                self.error_messages["range"],
                code="range",
                params={
                    "min": format_decimal(self.min_value, self.decimal_places),
                    "max": format_decimal(self.max_value, self.decimal_places),
                },
            )


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing a key no database column holds (-99999999999999999999)
    with its usual message: SQLite's driver raised an OverflowError (a 500) on
    the ``IN`` query of such a key."""

    BIGGEST_KEY = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(str(pk).strip())) > self.BIGGEST_KEY
            except ValueError:
                continue  # Django's own check names it
            if too_big:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


# For an admin class: its decimal fields typed as in the active language too.
DECIMALS_AS_TYPED = {models.DecimalField: {"form_class": LocalizedDecimalField}}


def localized_decimal(model, name: str, **kwargs) -> LocalizedDecimalField:
    """The form field of the model's decimal field ``name`` (its label, help
    text, digits and decimals) as a ``LocalizedDecimalField`` with ``kwargs``
    (bounds, messages)."""
    return model._meta.get_field(name).formfield(form_class=LocalizedDecimalField, **kwargs)


class SharedChoices(BaseChoiceIterator):
    """The choices of a model choice field for its widget, from ``rows``
    (a queryset of the same records) that several fields share: the first to
    be shown reads them, the others reuse them, and a form that is not shown
    (the exports read the list's filters) reads none. The field still checks
    a choice against its own queryset."""

    def __init__(self, field, rows):
        self.field, self.rows = field, rows

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choice = self.field.iterator(self.field).choice
        for record in self.rows:
            yield choice(record)


class FilterForm(forms.Form):
    """Filters in a query string (GET): the scope's gemeenten as choices (the
    fields named in ``municipality_fields``), a period, Bootstrap's classes.

    The period means: active at some time between ``start`` and ``end``
    (``partnerships.filters.active_in_period``)."""

    municipality_fields: tuple[str, ...] = ("municipality",)

    start = DateField(label=_("Periode van"), required=False)
    end = DateField(label=_("tot en met"), required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown, the gemeenten are read once for all fields that offer them.
        options = municipalities.select_related(None).only("pk", "name")
        for name in self.municipality_fields:
            field = self.fields[name]
            field.queryset = municipalities
            field.widget.choices = SharedChoices(field, options)
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


# What ``typed_values`` keeps of one field: its first values, each cut short.
TYPED_VALUES_PER_FIELD = 50
TYPED_VALUE_LENGTH = 5000


def typed_values(form_class, data) -> dict[str, list[str]]:
    """What was typed into the fields of ``form_class`` in ``data`` (a
    QueryDict), to keep while the user does something else first (in the
    session): only the form's own fields, a bounded number of values each,
    each at most ``TYPED_VALUE_LENGTH`` characters."""
    return {
        name: [value[:TYPED_VALUE_LENGTH] for value in data.getlist(name)[:TYPED_VALUES_PER_FIELD]]
        for name in form_class.base_fields
        if name in data
    }


def initial_from_typed(form_class, typed: dict) -> dict:
    """``typed`` (from ``typed_values``) as the initial values of a new,
    unbound ``form_class``: shown back as typed, without error messages."""
    initial = {}
    for name, values in typed.items():
        field = form_class.base_fields.get(name)
        if field is None or not isinstance(values, list):
            continue
        if getattr(field.widget, "allow_multiple_selected", False):
            initial[name] = [str(v) for v in values]
        elif values:
            initial[name] = str(values[0])
    return initial


def active_filters(form, *, skip=()) -> list[tuple[str, str]]:
    """The filters ``form`` (a bound filter form) applies, as (label, value)
    in words for the reader: ``[("thema", "Bewegen"), ("fase", "3. …")]``.
    Nothing when the form is unbound or not valid (then no filter applies).
    Reads nothing from the database: a chosen record was fetched when the
    form was validated."""
    if not form.is_bound or not form.is_valid():
        return []
    shown = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in skip or value in (None, "", [], ()):
            continue
        if isinstance(field, forms.ModelChoiceField):
            text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        elif isinstance(field, forms.ChoiceField):
            labels = {str(key): label for key, label in field.choices}
            text = str(labels.get(str(value), value))
        elif isinstance(field, forms.DateField):
            text = value.strftime(DATE_FORMAT)
        else:  # what was searched for
            shown.append((str(_("zoekterm")), f"‘{value}’"))
            continue
        shown.append((str(field.label).lower(), text))
    return shown
