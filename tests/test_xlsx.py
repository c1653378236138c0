"""The workbook writer (core/xlsx.py), read back with openpyxl: each cell's
value and type, text never a formula, empty cells left out, the header bold,
frozen and filtered, control characters and spaces kept."""

import io
from datetime import date, datetime

from openpyxl import load_workbook

from core import xlsx

COLUMNS = [
    xlsx.Column("Naam", xlsx.TEXT, 30),
    xlsx.Column("Fase", xlsx.NUMBER, 14),
    xlsx.Column("Start", xlsx.DATE, 14),
    xlsx.Column("Partners", xlsx.TEXT, 30),
]


def read(rows, sheet_name="Samenwerkingen"):
    content = xlsx.workbook(sheet_name, COLUMNS, rows, date_format="DD-MM-YYYY")
    return load_workbook(io.BytesIO(content))


def test_each_cell_has_its_columns_type():
    sheet = read(
        [
            ["Gezonde school", 3, date(2026, 1, 1), "Bakker; Appel"],
            ["=HYPERLINK(1)", 12, date(1900, 2, 28), "+31 6; @x; -x"],
            ["Leeg", None, None, ""],
        ]
    ).active
    assert sheet.title == "Samenwerkingen"
    assert [cell.value for cell in sheet[1]] == ["Naam", "Fase", "Start", "Partners"]
    assert all(cell.font.b for cell in sheet[1])
    first, formula_like, empty = (list(row) for row in sheet.iter_rows(min_row=2))
    assert [cell.value for cell in first] == [
        "Gezonde school",
        3,
        datetime(2026, 1, 1),
        "Bakker; Appel",
    ]
    assert [cell.data_type for cell in first] == ["s", "n", "d", "s"]
    assert isinstance(first[1].value, int)
    assert first[2].number_format == "DD-MM-YYYY"
    # Text that looks like a formula stays text.
    assert [cell.data_type for cell in formula_like] == ["s", "n", "d", "s"]
    assert formula_like[0].value == "=HYPERLINK(1)"
    assert formula_like[2].value == datetime(1900, 2, 28)  # before Excel's 29 February 1900
    # None and "" leave the cell empty.
    assert [cell.value for cell in empty] == ["Leeg", None, None, None]


def test_the_header_is_frozen_and_filtered_and_the_columns_have_widths():
    workbook = read([["A", 1, date(2026, 5, 31), "B"], ["C", 2, date(2026, 6, 1), "D"]])
    sheet = workbook.active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D3"
    assert sheet.dimensions == "A1:D3"
    assert sheet.column_dimensions["A"].width == 30.7109375
    assert sheet.column_dimensions["B"].width == 14.7109375
    assert sheet.cell(row=3, column=3).value == datetime(2026, 6, 1)


def test_text_keeps_its_spaces_and_escapes_and_a_sheet_name_its_quote():
    rows = [[" spatie ", 1, None, "a < b & c > d"], ["_x0041_", 2, None, "tab\tregel\nx"]]
    sheet = read(rows, sheet_name="Werk 'n' co").active
    assert sheet.title == "Werk 'n' co"
    assert sheet["A2"].value == " spatie "
    assert sheet["D2"].value == "a < b & c > d"
    assert sheet["D3"].value == "tab\tregel\nx"
    assert sheet["A3"].value in {"_x0041_", "_x005F_x0041_"}  # as Excel itself stores it


def test_an_empty_sheet_has_its_header():
    sheet = read([]).active
    assert [cell.value for cell in sheet[1]] == ["Naam", "Fase", "Start", "Partners"]
    assert sheet.auto_filter.ref == "A1:D1"


def test_column_letters():
    assert [xlsx.column_letter(index) for index in (0, 11, 25, 26, 701, 702)] == [
        "A",
        "L",
        "Z",
        "AA",
        "ZZ",
        "AAA",
    ]
