"""The collegeadvies as a Word document (.docx), with python-docx.

The same :class:`~.document.Advice` as the PDF: real Word headings (Kop 1,
Kop 2: ‘Heading 1/2’, so a gemeente's own template restyles them), the
beslispunten as a real numbered list (‘List Number’), lists as ‘List
Bullet’, tables for the letterhead, the finances and the Afwegingskader.
The page header carries the subject and the date, the footer the page
number; a draft says CONCEPT in its title and in the header of every page.
Dutch (nl-NL) throughout."""

from __future__ import annotations

import base64
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .document import Advice
from .text import Block

BLUE = RGBColor(0x15, 0x42, 0x73)
GREY = RGBColor(0x44, 0x44, 0x44)


def _language(document, tag: str = "nl-NL") -> None:
    """Every style, and the document's defaults, in Dutch (spelling, hyphens)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)


def _page_number(paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in the number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _cache_style_ids(document) -> None:
    """Look every style up by its name once per document. python-docx looks a
    style up again for every paragraph, heading and table that names it (a
    walk over all styles, a third of the time of the whole advice)."""
    part = document.part
    lookup = part.get_style_id
    found = {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in found:
            found[key] = lookup(style_or_name, style_type)
        return found[key]

    part.get_style_id = get_style_id


def _restarting(document, style: str) -> int:
    """A new Word numbering (w:num) on the list definition of ``style``, that
    starts at 1: a numbered list with it never continues the one before."""
    numbering = document.part.numbering_part.element
    used = document.styles[style].element.pPr.numPr.numId.val
    num = numbering.add_num(numbering.num_having_numId(used).abstractNumId.val)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    return num.numId


def _numbered(document, items: list[str], style: str) -> None:
    """``items`` as one numbered list of ``style``, numbered from 1."""
    num_id = _restarting(document, style)
    for item in items:
        properties = document.add_paragraph(item, style=style)._p.get_or_add_pPr()
        numbering = properties.get_or_add_numPr()
        numbering.get_or_add_ilvl().val = 0
        numbering.get_or_add_numId().val = num_id


def _blocks(document, blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind == "p":
            paragraph = document.add_paragraph()
            for index, line in enumerate(block.lines):
                run = paragraph.add_run(line)
                if index < len(block.lines) - 1:
                    run.add_break()
        elif block.kind == "ol":
            _numbered(document, block.items, "List Number 2")
        else:
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")


def _table(
    document, header: list[str] | None, rows: list[list[str]], *, widths=None, bold_last=False
):
    columns = len(header or rows[0])
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True  # a new cell holds one empty paragraph
        # Repeated at the top of every page the table runs onto.
        properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
    for number, row in enumerate(rows, start=1):
        cells = table.add_row().cells
        bold = bold_last and number == len(rows)
        for cell, text in zip(cells, row, strict=True):
            run = cell.paragraphs[0].add_run(text)
            if bold:
                run.bold = True
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
    return table


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = document.styles[name]
        style.font.color.rgb = BLUE
        style.font.size = Pt(size)


def _header_and_footer(document, advice: Advice) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(22))
    header = section.header.paragraphs[0]
    concept = "" if advice.is_final else _("CONCEPT — nog niet vastgesteld") + " · "
    run = header.add_run(
        f"{concept}"
        + _("Collegeadvies · %(subject)s") % {"subject": advice.running_subject}
        + f" · {date_format(advice.date, 'j F Y')}"
    )
    run.font.size, run.font.color.rgb, run.bold = Pt(8.5), GREY, not advice.is_final
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(_("Pagina") + " ").font.size = Pt(8.5)
    _page_number(footer)


def build_docx(advice: Advice) -> bytes:
    report = advice.report
    document = Document()
    _styles(document)
    _cache_style_ids(document)
    _language(document)
    _header_and_footer(document, advice)
    properties = document.core_properties
    properties.title = (report.title if advice.is_final else _("CONCEPT") + " · " + report.title)[
        :250
    ]
    properties.subject = advice.subject[:250]
    properties.author = report.author[:250]
    properties.language = "nl-NL"

    if advice.logo:
        data = base64.b64decode(advice.logo.split(",", 1)[1])
        document.add_picture(io.BytesIO(data), height=Mm(16))
    sender = document.add_paragraph()
    run = sender.add_run(advice.municipality)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), BLUE
    document.add_paragraph(_("Aan het college van burgemeester en wethouders"))
    title = _("Collegeadvies") if advice.is_final else _("CONCEPT — Collegeadvies")
    document.add_heading(title, level=0)
    rows = [[label, value] for label, value in advice.header]
    if not advice.is_final:
        rows.append(
            [
                _("Status"),
                _(
                    "Concept: de afweging is nog niet vastgesteld door de GGD-coördinator; de uitkomst is voorlopig."
                ),
            ]
        )
    _table(document, None, rows, widths=[45, 121])

    document.add_heading(_("Onderwerp"), level=1)
    document.add_paragraph(advice.subject)
    document.add_heading(_("Voorgesteld besluit"), level=1)
    document.add_paragraph(_("Het college besluit:"))
    _numbered(document, advice.decision_points, "List Number")
    if report.unresolved:
        document.add_paragraph(
            _("Nog niet beantwoord of ‘Onbekend’: %(codes)s. De uitkomst kan nog veranderen.")
            % {"codes": ", ".join(report.unresolved)}
        )
    if advice.conditions or advice.show_conditions:
        document.add_heading(advice.conditions_heading, level=2)
        if advice.conditions:
            _blocks(document, advice.conditions)
        else:
            document.add_paragraph(
                _("Zie de opmerking van de GGD-coördinator hieronder.")
                if advice.remark
                else _("Nog niet opgeschreven.")
            )
    if advice.remark:
        document.add_heading(_("Opmerking van de GGD-coördinator bij de vaststelling"), level=2)
        _blocks(document, advice.remark)

    for section in advice.sections:
        document.add_heading(section.heading, level=1)
        _blocks(document, section.blocks)
        if section.key == "finances" and advice.finance_rows:
            _table(
                document,
                [_("Partij"), _("Soort"), _("Omschrijving"), _("Uren"), _("Bedrag")],
                [[r.party, r.type, r.description, r.hours, r.euros] for r in advice.finance_rows]
                + [[_("Totaal"), "", "", advice.finance_total_hours, advice.finance_total_euros]],
                widths=[40, 22, 60, 18, 26],
                bold_last=True,
            )

    document.add_heading(_("Bijlagen"), level=1)
    for annex in advice.annexes:
        document.add_paragraph(annex, style="List Bullet")
    _annex(document, advice)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _annex(document, advice: Advice) -> None:
    report = advice.report
    document.add_page_break()
    document.add_heading(_("Bijlage 1: Afwegingskader ‘Samenwerken of niet?’"), level=1)
    document.add_paragraph(report.advice).runs[0].bold = True
    if report.reason:
        document.add_paragraph(report.reason)
    document.add_heading(_("De partner en de samenwerking"), level=2)
    if report.result.knocked_out:
        outcome = f"{report.outcome_label} · " + _(
            "de score telt niet: een uitsluitingsgrond is van toepassing"
        )
    elif report.theme_rows:
        outcome = f"{report.outcome_label} · " + _("totaalscore %(total)s%%") % {
            "total": report.total_display
        }
    else:
        outcome = report.outcome_label
    partner = report.partner_name
    if report.partner_sector:
        partner += f" ({report.partner_sector.lower()})"
    if report.partner_city:
        partner += f", {report.partner_city}"
    _table(
        document,
        None,
        [
            [_("Partner"), partner],
            [_("KvK-nummer"), report.partner_kvk or "—"],
            [_("Samenwerking"), report.partnership_name],
            [_("Maatschappelijk doel"), report.societal_goal or "—"],
            [_("Fase"), report.phase or "—"],
            [_("Soort afweging"), report.kind_label],
            [_("Uitkomst"), outcome],
        ],
        widths=[45, 121],
    )
    knockout = report.knockout_section
    if knockout:
        document.add_heading(_("Uitsluitingsgronden"), level=2)
        document.add_paragraph(
            _("Deze vragen komen eerst. Eén ‘Ja’ betekent: niet samenwerken, wat de score ook is.")
        )
        _answers(document, knockout, with_points=False)
    if report.theme_rows:
        document.add_heading(_("Score per thema"), level=2)
        if report.result.knocked_out:
            document.add_paragraph(
                _(
                    "Een uitsluitingsgrond is van toepassing: de score hieronder telt niet voor de uitkomst."
                )
            )
        _table(
            document,
            [
                _("Thema"),
                _("Punten"),
                _("Maximum"),
                _("Score %%") % {},
                _("Weging"),
                _("Weging × score"),
            ],
            [
                [
                    f"{r.code}. {r.title}",
                    str(r.points),
                    str(r.max_points),
                    r.percent_display,
                    r.weight_display,
                    r.weighted_display,
                ]
                for r in report.theme_rows
            ]
            + [
                [_("Som"), "", "", "", report.weight_sum_display, report.weighted_sum_display],
                [
                    _("Totaalscore = %(weighted)s ÷ %(weights)s")
                    % {
                        "weighted": report.weighted_sum_display,
                        "weights": report.weight_sum_display,
                    },
                    "",
                    "",
                    report.total_display,
                    "",
                    "",
                ],
            ],
            widths=[62, 18, 20, 20, 18, 28],
            bold_last=True,
        )
        document.add_paragraph(
            _(
                "Punten per antwoord: %(legend)s. Score per thema = punten ÷ maximum × 100, afgerond op één decimaal. Totaalscore = de som van (weging × score) ÷ de som van de wegingen, afgerond op één decimaal."
            )
            % {"legend": report.points_legend}
        )
        for rule in report.band_rules:
            document.add_paragraph(rule, style="List Bullet")
    document.add_heading(_("Antwoorden, toelichting en gespreksnotities"), level=2)
    for section in report.sections:
        document.add_heading(f"{section.code}. {section.title}", level=3)
        if section.score:
            document.add_paragraph(
                _("%(points)s van %(max)s punten = %(percent)s%%")
                % {
                    "points": section.score.points,
                    "max": section.score.max_points,
                    "percent": section.score.percent_display,
                }
            )
        _answers(document, section, with_points=True)
    colophon = [[_("Vragenlijst"), report.version], [_("Opgesteld door"), report.author]]
    if report.submitted_at:
        colophon.append([_("Ter review aangeboden op"), date_format(report.submitted_at, "j F Y")])
    if report.is_final:
        colophon += [
            [
                _("Vastgesteld door"),
                _("%(reviewer)s (GGD-coördinator)") % {"reviewer": report.reviewer},
            ],
            [_("Vastgesteld op"), date_format(report.finalised_at, "j F Y")],
        ]
    else:
        colophon.append([_("Vastgesteld"), _("Nog niet: dit is een concept.")])
    document.add_heading(_("Verantwoording"), level=2)
    _table(document, None, colophon, widths=[55, 111])


def _answers(document, section, *, with_points: bool) -> None:
    header = [_("Code"), _("Vraag en toelichting"), _("Antwoord")]
    rows = []
    for row in section.questions:
        text = row.text + (f"\n{row.explanation}" if row.explanation else "")
        rows.append([row.code, text, row.answer] + ([row.points or "—"] if with_points else []))
    if with_points:
        header.append(_("Punten"))
    _table(document, header, rows, widths=[12, 110, 24, 20] if with_points else [12, 130, 24])
    if section.notes:
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Gespreksnotities:") + " ").bold = True
        paragraph.add_run(section.notes)
