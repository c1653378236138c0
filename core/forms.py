from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker; the value travels as ISO date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
