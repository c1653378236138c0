"""The Excel export's workbook (``dashboard.exports.xlsx_bytes``, written by
rustpy-xlsxwriter), read back with openpyxl: each cell's value and type by its
column, text never a formula, empty cells left out, the header bold, frozen
and filtered, spaces and control characters kept."""

import io
from datetime import date, datetime

from django.utils import translation
from openpyxl import load_workbook

from dashboard.exports import COLUMNS, xlsx_bytes


def row(**values):
    return {key: values.get(key) for key, _label in COLUMNS}


def read(rows):
    with translation.override("nl"):
        return load_workbook(io.BytesIO(xlsx_bytes(rows))).active


def test_each_cell_has_its_columns_type_and_text_is_never_a_formula():
    sheet = read(
        [
            row(name="Gezonde school", phase_number=3, start=date(2026, 1, 1), partners="A; B"),
            row(name="=HYPERLINK(1)", phase_number=12, start=date(1900, 3, 1), partners="+31 6"),
            row(name="Leeg", phase_number=None, start=None, partners=""),
        ]
    )
    assert sheet.title == "Samenwerkingen"
    assert [cell.value for cell in sheet[1]][:2] == ["Naam", "Trekkende gemeente"]
    assert all(cell.font.b for cell in sheet[1])
    name, number, start, partners = (
        [key for key, _label in COLUMNS].index(key)
        for key in ("name", "phase_number", "start", "partners")
    )
    first, formula_like, empty = (list(cells) for cells in sheet.iter_rows(min_row=2))
    assert [first[i].value for i in (name, number, start, partners)] == [
        "Gezonde school",
        3,
        datetime(2026, 1, 1),
        "A; B",
    ]
    assert [first[i].data_type for i in (name, number, start, partners)] == ["s", "n", "d", "s"]
    assert first[start].number_format.lower() == "dd-mm-yyyy"
    assert formula_like[name].value == "=HYPERLINK(1)"
    assert formula_like[name].data_type == "s"
    assert formula_like[partners].value == "+31 6"
    # None and "" leave the cell empty.
    assert [empty[i].value for i in (name, number, start, partners)] == ["Leeg", None, None, None]


def test_the_header_is_frozen_and_filtered_and_text_keeps_its_spaces():
    sheet = read([row(name=" spatie "), row(name="tab\tregel\nx", partners="a < b & c")])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L3"
    assert sheet["A2"].value == " spatie "
    assert sheet["A3"].value == "tab\tregel\nx"


def test_an_empty_export_has_its_header():
    sheet = read([])
    assert len([cell.value for cell in sheet[1]]) == len(COLUMNS)
    assert sheet.max_row == 1


def test_dates_read_back_as_themselves_around_excels_false_leap_day():
    """Dates are written as Excel's day numbers: Excel takes 1900 for a leap
    year, so the days before March 1900 count one less."""
    days = [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(2025, 12, 31)]
    sheet = read([row(name="Datum", start=day) for day in days])
    start = [key for key, _label in COLUMNS].index("start")
    assert [cells[start].value for cells in sheet.iter_rows(min_row=2)] == [
        datetime(day.year, day.month, day.day) for day in days
    ]
