"""Numbers as people write them in the active language (1.200,50 in Dutch,
1,200.50 in English): read strictly, shown with the thousands grouped."""

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _


def separators() -> tuple[str, str]:
    """The decimal and thousand separators of the active language."""
    return formats.get_format("DECIMAL_SEPARATOR"), formats.get_format("THOUSAND_SEPARATOR")


def parse_decimal(text: str, *, decimal_separator: str, thousand_separator: str) -> Decimal | None:
    """``text`` as a number, or None when it cannot be read unambiguously.

    Accepted: digits with an optional minus sign, optionally grouped by three
    with the thousand separator (every group, from the first), optionally
    followed by the decimal separator and at least one digit. So in Dutch
    ``1200,50``, ``1.200,50`` and ``1200``; refused are ``1.20`` and
    ``1200.50`` (an English decimal point, or a mistyped group), ``1,2,3``,
    letters and spaces inside the number."""
    text = text.strip()
    thousand, decimal = re.escape(thousand_separator), re.escape(decimal_separator)
    pattern = rf"(-?)(\d{{1,3}}(?:{thousand}\d{{3}})+|\d+)(?:{decimal}(\d+))?"
    match = re.fullmatch(pattern, text)
    if match is None:
        return None
    sign, whole, fraction = match.groups()
    digits = whole.replace(thousand_separator, "")
    try:
        return Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None


def decimals_of(value: Decimal) -> int:
    """How many digits after the decimal separator ``value`` was written with."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def format_decimal(value, decimal_places: int | None = None) -> str:
    """``value`` in the active language with the thousands grouped: whole
    numbers without decimals (1.200), others with ``decimal_places`` (1.200,50),
    or as many as they have when that is not given."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        places = 0
    elif decimal_places is None:
        places = decimals_of(value.normalize())
    else:
        places = decimal_places
    return formats.number_format(value, places, force_grouping=True)


def format_euros(value) -> str:
    """An amount in euros with cents: € 1.200,50 in Dutch, €1,200.50 in English."""
    if value is None or value == "":
        return ""
    amount = formats.number_format(Decimal(value), 2, force_grouping=True)
    # Translators: an amount in euros; English writes the sign without a space.
    return _("€ %(amount)s") % {"amount": amount}
