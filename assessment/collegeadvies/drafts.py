"""What the portal writes in every section of the collegeadvies.

Pure functions of :class:`Facts` (gathered by ``document``): the drafts
follow the outcome (enter, enter on conditions, do not enter; continue,
continue with measures, end for a re-assessment) and the partnership's state
(an agreement already signed is never proposed for signing again). The
officer changes them on the advice's edit page; what she does not change
follows the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import ParticipationStatus

from ..models import AssessmentKind, Outcome
from .text import bullets, items, numbered

# The editable sections, in the order of the advice: (key, heading).
SECTIONS = [
    ("subject", gettext_lazy("Onderwerp")),
    ("decision", gettext_lazy("Voorgesteld besluit")),
    ("summary", gettext_lazy("Samenvatting")),
    ("occasion", gettext_lazy("Aanleiding")),
    ("frame", gettext_lazy("Kader")),
    ("effect", gettext_lazy("Beoogd effect")),
    ("arguments", gettext_lazy("Argumenten")),
    ("caveats", gettext_lazy("Kanttekeningen en risico's")),
    ("finances", gettext_lazy("Financiën")),
    ("legal", gettext_lazy("Juridisch")),
    ("communication", gettext_lazy("Communicatie en openbaarheid")),
    ("follow_up", gettext_lazy("Uitvoering en vervolg")),
]
SECTION_KEYS = [key for key, _heading in SECTIONS]


@dataclass
class Agreement:
    title: str
    signed_on: date | None
    signed_by: str
    for_partner: bool  # with this partner, or (False) with the whole partnership


@dataclass
class Goal:
    title: str
    indicators: list[str] = field(default_factory=list)


@dataclass
class Contribution:
    party: str
    type: str
    description: str
    hours: Decimal | None
    euros: Decimal | None
    is_partner: bool = False  # the assessed partner
    is_own: bool = False  # the gemeente's own share


@dataclass
class Answer:
    code: str
    question: str
    answer: str
    explanation: str
    knockout: bool = False


@dataclass
class ThemeScore:
    code: str
    title: str
    percent: Decimal
    display: str
    yes: list[str] = field(default_factory=list)  # the questions answered Ja


@dataclass
class Facts:
    municipality: str
    partner: str
    partner_sector: str
    partner_is_private: bool
    partner_city: str
    partnership: str
    theme: str
    societal_goal: str
    phase: str
    next_phase: str
    organisational_form: str
    is_procurement: bool
    start_date: date | None
    planned_end_date: date | None
    partner_status: str  # ParticipationStatus value
    partner_status_label: str
    joined_on: date | None
    motives: list[str]
    kind: str
    outcome: str
    outcome_label: str
    is_final: bool
    decided_on: date | None
    total_display: str
    knocked_out: bool
    reason: str
    unresolved: list[str]
    conditions: str
    review_remark: str
    questionnaire: str
    themes: list[ThemeScore]
    concerns: list[Answer]  # Deels, Nee, and knock-outs answered Ja
    knockouts: list[Answer]  # knock-outs answered Ja
    agreements: list[Agreement]
    goals: list[Goal]
    contributions: list[Contribution]
    previous: tuple[date, str] | None = None  # the last earlier decision: date, outcome
    confidential: bool = False
    confidential_ground: str = ""
    policy: str = ""  # the gemeente's own PPS policy, from its settings

    @property
    def is_reassessment(self) -> bool:
        return self.kind == AssessmentKind.REASSESSMENT

    @property
    def names(self) -> dict:
        return {"partner": self.partner, "partnership": self.partnership}


def day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def euros(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return "€ " + number_format(value, 2, use_l10n=True, force_grouping=True)


def hours(value: Decimal | None) -> str:
    if value is None:
        return "—"
    places = 0 if value == value.to_integral_value() else 1
    return number_format(value, places, use_l10n=True, force_grouping=True)


# --- Agreements ------------------------------------------------------------------------


def signed_agreement(facts: Facts) -> Agreement | None:
    """The signed agreement that binds this partner: one with the partner, or
    one with the whole partnership while the partner takes part (actief)."""
    signed = [a for a in facts.agreements if a.signed_on]
    own = [a for a in signed if a.for_partner]
    if own:
        return own[0]
    if facts.partner_status == ParticipationStatus.ACTIVE:
        return next((a for a in signed if not a.for_partner), None)
    return None


def unsigned_agreement(facts: Facts) -> Agreement | None:
    return next((a for a in facts.agreements if a.for_partner and not a.signed_on), None)


def joinable_agreement(facts: Facts) -> Agreement | None:
    """A signed agreement of the whole partnership the partner has not joined yet."""
    if facts.partner_status == ParticipationStatus.ACTIVE:
        return None
    return next((a for a in facts.agreements if not a.for_partner and a.signed_on), None)


def _agreement_name(agreement: Agreement) -> str:
    return _("‘%(title)s’ (getekend op %(date)s)") % {
        "title": agreement.title,
        "date": day(agreement.signed_on),
    }


# --- Sections --------------------------------------------------------------------------


def subject(facts: Facts) -> str:
    if facts.is_reassessment:
        return _("Herbeoordeling samenwerking met %(partner)s in %(partnership)s") % facts.names
    return _("Samenwerking met %(partner)s in %(partnership)s") % facts.names


def _condition_lines(facts: Facts) -> list[str]:
    lines = items(facts.conditions)
    if not lines and facts.review_remark:
        lines = items(facts.review_remark)
    return [line.rstrip(".;") for line in lines]


def decision(facts: Facts) -> str:
    """The numbered beslispunten, one per line."""
    n = facts.names
    signed, unsigned, joinable = (
        signed_agreement(facts),
        unsigned_agreement(facts),
        joinable_agreement(facts),
    )
    conditions = _condition_lines(facts)
    points = []
    if facts.is_reassessment:
        if facts.outcome == Outcome.DECLINE:
            points.append(
                _(
                    "In te stemmen met het beëindigen van de samenwerking met %(partner)s in "
                    "%(partnership)s."
                )
                % n
            )
            if signed:
                points.append(
                    _(
                        "De wethouder te mandateren %(agreement)s volgens de daarin gemaakte "
                        "afspraken op te zeggen en %(partner)s hierover te informeren."
                    )
                    % {**n, "agreement": _agreement_name(signed)}
                )
            else:
                points.append(
                    _(
                        "De wethouder te mandateren %(partner)s hierover te informeren en de "
                        "samenwerking af te ronden."
                    )
                    % n
                )
            points.append(
                _("De lopende activiteiten af te ronden en de geleerde lessen vast te leggen.")
            )
        else:
            if facts.outcome == Outcome.CONDITIONS:
                point = _(
                    "In te stemmen met het voortzetten van de samenwerking met %(partner)s "
                    "in %(partnership)s, met deze maatregelen: %(list)s."
                )
                points.append(
                    point % {**n, "list": "; ".join(conditions) or _("zie de kanttekeningen")}
                )
            else:
                points.append(
                    _(
                        "In te stemmen met het voortzetten van de samenwerking met %(partner)s in "
                        "%(partnership)s."
                    )
                    % n
                )
            if signed and facts.outcome == Outcome.CONDITIONS:
                points.append(
                    _(
                        "De maatregelen vast te leggen in een aanvulling op %(agreement)s en de "
                        "wethouder te mandateren die aanvulling namens de gemeente te "
                        "ondertekenen."
                    )
                    % {"agreement": _agreement_name(signed)}
                )
            elif signed:
                points.append(
                    _(
                        "De samenwerking voort te zetten onder %(agreement)s; een nieuwe "
                        "ondertekening is niet nodig."
                    )
                    % {"agreement": _agreement_name(signed)}
                )
            else:
                points.append(
                    _(
                        "De wethouder te mandateren de afspraken met %(partner)s vast te leggen in "
                        "een samenwerkingsovereenkomst en die namens de gemeente te "
                        "ondertekenen."
                    )
                    % n
                )
            if facts.outcome == Outcome.CONDITIONS:
                points.append(
                    _(
                        "De uitvoering van de maatregelen binnen een jaar opnieuw te laten "
                        "beoordelen met het Afwegingskader."
                    )
                )
            else:
                points.append(
                    _(
                        "De samenwerking jaarlijks te laten evalueren en de uitkomst aan het "
                        "college voor te leggen."
                    )
                )
        return numbered(points)

    if facts.outcome == Outcome.DECLINE:
        reason = ""
        if facts.knockouts:
            reason = _(" vanwege uitsluitingsgrond %(codes)s") % {
                "codes": ", ".join(k.code for k in facts.knockouts)
            }
        points.append(
            _("Niet samen te werken met %(partner)s in %(partnership)s%(reason)s.")
            % {**n, "reason": reason}
        )
        points.append(_("De wethouder te mandateren %(partner)s hierover te informeren.") % n)
        if signed:
            points.append(
                _(
                    "De afspraken in %(agreement)s volgens de daarin gemaakte afspraken te "
                    "beëindigen."
                )
                % {"agreement": _agreement_name(signed)}
            )
        return numbered(points)

    if facts.outcome == Outcome.CONDITIONS:
        points.append(
            _(
                "In te stemmen met de samenwerking met %(partner)s in %(partnership)s, onder deze "
                "voorwaarden: %(list)s."
            )
            % {**n, "list": "; ".join(conditions) or _("zie de kanttekeningen")}
        )
    else:
        points.append(
            _("In te stemmen met de samenwerking met %(partner)s in %(partnership)s.") % n
        )
    with_conditions = facts.outcome == Outcome.CONDITIONS
    if signed:
        if with_conditions:
            points.append(
                _(
                    "De voorwaarden vast te leggen in een aanvulling op %(agreement)s en de "
                    "wethouder te mandateren die aanvulling namens de gemeente te "
                    "ondertekenen."
                )
                % {"agreement": _agreement_name(signed)}
            )
        else:
            points.append(
                _("Kennis te nemen van %(agreement)s, waaronder de samenwerking al loopt.")
                % {"agreement": _agreement_name(signed)}
            )
    elif joinable:
        points.append(
            _(
                "De wethouder te mandateren %(partner)s te laten toetreden tot %(agreement)s%(extra)s."
            )
            % {
                **n,
                "agreement": _agreement_name(joinable),
                "extra": _(", met de voorwaarden als aanvulling") if with_conditions else "",
            }
        )
    elif unsigned:
        points.append(
            _("De wethouder te mandateren ‘%(title)s’ namens de gemeente te ondertekenen%(extra)s.")
            % {
                "title": unsigned.title,
                "extra": _(", met de voorwaarden daarin opgenomen") if with_conditions else "",
            }
        )
    else:
        points.append(
            _(
                "De wethouder te mandateren de afspraken met %(partner)s%(extra)s vast te leggen in "
                "een samenwerkingsovereenkomst en die namens de gemeente te ondertekenen."
            )
            % {**n, "extra": _(", met de voorwaarden,") if with_conditions else ""}
        )
    points.append(
        _(
            "De samenwerking jaarlijks te laten evalueren en de uitkomst aan het college voor te "
            "leggen."
        )
    )
    return numbered(points)


def summary(facts: Facts, advice: str) -> str:
    status = (
        _("De GGD-coördinator heeft de afweging op %(date)s vastgesteld.")
        % {"date": day(facts.decided_on)}
        if facts.is_final
        else _(
            "De afweging is nog niet vastgesteld door de GGD-coördinator; de uitkomst is voorlopig."
        )
    )
    outcome = _("Uitkomst van het Afwegingskader: %(label)s.") % {"label": facts.outcome_label}
    return "\n".join(filter(None, [advice, f"{outcome} {facts.reason}".strip(), status]))


def occasion(facts: Facts) -> str:
    first = _(
        "%(partnership)s is een publiek-private samenwerking van de gemeente %(municipality)s "
        "op het thema %(theme)s, nu in de fase ‘%(phase)s’."
    ) % {
        **facts.names,
        "municipality": facts.municipality,
        "theme": facts.theme.lower() or "—",
        "phase": facts.phase,
    }
    partner = _(
        "%(partner)s (%(sector)s%(city)s) is in deze samenwerking: %(status)s%(since)s."
    ) % {
        **facts.names,
        "sector": facts.partner_sector.lower(),
        "city": f", {facts.partner_city}" if facts.partner_city else "",
        "status": facts.partner_status_label.lower(),
        "since": _(" sinds %(date)s") % {"date": day(facts.joined_on)} if facts.joined_on else "",
    }
    paragraphs = [f"{first} {partner}"]
    if facts.motives:
        paragraphs.append(_("Wat de partner beweegt:") + "\n" + bullets(facts.motives))
    if facts.is_reassessment:
        if facts.previous:
            paragraphs.append(
                _(
                    "Op %(date)s is de samenwerking met %(partner)s eerder gewogen, met de "
                    "uitkomst ‘%(outcome)s’. Deze herbeoordeling kijkt of de samenwerking zo kan "
                    "doorgaan."
                )
                % {
                    "date": day(facts.previous[0]),
                    "partner": facts.partner,
                    "outcome": facts.previous[1],
                }
            )
        else:
            paragraphs.append(
                _("Deze herbeoordeling kijkt of de samenwerking met %(partner)s zo kan doorgaan.")
                % facts.names
            )
    paragraphs.append(
        _(
            "Voordat de gemeente met een private partij samenwerkt, weegt zij de samenwerking met "
            "het Afwegingskader ‘Samenwerken of niet?’. Dit advies legt de uitkomst en het besluit "
            "aan het college voor."
        )
    )
    return "\n\n".join(paragraphs)


def frame(facts: Facts) -> str:
    lines = [
        facts.policy
        or _("Het gezondheidsbeleid van de gemeente %(municipality)s.")
        % {"municipality": facts.municipality},
        _(
            "WHO-Kaderverdrag inzake tabaksontmoediging (FCTC), artikel 5.3: de overheid werkt "
            "niet samen met de tabaksindustrie (uitsluitingsgrond A1)."
        ),
        _(
            "%(version)s: eerst de "
            "uitsluitingsgronden, dan de thema's met hun score; de rekenregels en elk antwoord "
            "staan in bijlage 1."
        )
        % {"version": facts.questionnaire},
    ]
    return _("Dit advies past in:") + "\n" + bullets(lines)


def effect(facts: Facts) -> str:
    parts = [_("Maatschappelijk doel: %(goal)s") % {"goal": facts.societal_goal or "—"}]
    if facts.goals:
        lines = []
        for goal in facts.goals:
            line = goal.title
            if goal.indicators:
                line += " (" + "; ".join(goal.indicators) + ")"
            lines.append(line)
        parts.append(_("Gezamenlijke doelen en hun indicatoren:") + "\n" + bullets(lines))
    else:
        parts.append(_("Er zijn nog geen gezamenlijke doelen vastgelegd."))
    return "\n\n".join(parts)


def arguments(facts: Facts) -> str:
    if facts.outcome == Outcome.DECLINE:
        if facts.knockouts:
            lines = [
                _("%(code)s. %(question)s — %(answer)s%(explanation)s")
                % {
                    "code": k.code,
                    "question": k.question,
                    "answer": k.answer,
                    "explanation": f": {k.explanation}" if k.explanation else "",
                }
                for k in facts.knockouts
            ]
            return _("Een uitsluitingsgrond is van toepassing:") + "\n" + bullets(lines)
        weakest = sorted(facts.themes, key=lambda t: t.percent)[:3]
        lines = [f"{t.code}. {t.title}: {t.display}%" for t in weakest]
        return (
            _("De samenwerking scoort te laag (totaalscore %(total)s%%). De zwakste thema's:")
            % {"total": facts.total_display}
            + "\n"
            + bullets(lines)
        )
    strongest = [t for t in sorted(facts.themes, key=lambda t: -t.percent) if t.percent >= 50][:3]
    if not strongest:
        return _("Geen thema scoort 50% of meer.")
    lines = []
    for theme in strongest:
        line = f"{theme.code}. {theme.title} ({theme.display}%)"
        if theme.yes:
            line += ": " + "; ".join(q.rstrip(".") for q in theme.yes) + "."
        lines.append(line)
    return _("De sterkste thema's van de afweging:") + "\n" + bullets(lines)


def caveats(facts: Facts) -> str:
    if not facts.concerns:
        text = _(
            "Alle vragen zijn met ‘Ja’ beantwoord en geen uitsluitingsgrond is van toepassing."
        )
    else:
        lines = [
            _("%(code)s %(question)s — %(answer)s: %(explanation)s")
            % {
                "code": c.code,
                "question": c.question.rstrip("?."),
                "answer": c.answer,
                "explanation": c.explanation or _("geen toelichting"),
            }
            for c in facts.concerns
        ]
        text = (
            _("Antwoorden ‘Deels’ en ‘Nee’ (en uitsluitingsgronden met ‘Ja’), met hun toelichting:")
            + "\n"
            + bullets(lines)
        )
    extra = []
    if facts.unresolved:
        extra.append(
            _("Nog niet beantwoord of ‘Onbekend’: %(codes)s. De uitkomst kan nog veranderen.")
            % {"codes": ", ".join(facts.unresolved)}
        )
    if facts.outcome == Outcome.CONDITIONS and not facts.is_reassessment:
        extra.append(_("Houdt de partner zich niet aan de voorwaarden, dan stopt de samenwerking."))
    return "\n\n".join([text, *extra])


def finances(facts: Facts) -> str:
    total_euros = sum((c.euros or 0 for c in facts.contributions), Decimal(0))
    total_hours = sum((c.hours or 0 for c in facts.contributions), Decimal(0))
    own_euros = sum((c.euros or 0 for c in facts.contributions if c.is_own), Decimal(0))
    own_hours = sum((c.hours or 0 for c in facts.contributions if c.is_own), Decimal(0))
    if not facts.contributions:
        return _(
            "Er is nog geen inbreng van de partijen vastgelegd. Vul de eigen inbreng van de "
            "gemeente en die van de partners aan voordat het college besluit."
        )
    text = _(
        "De partijen brengen samen %(euros)s en %(hours)s uur in (de tabel hieronder, uit de "
        "inbreng in het portaal)."
    ) % {"euros": euros(total_euros), "hours": hours(total_hours)}
    if any(c.is_own for c in facts.contributions):
        text += " " + _(
            "Het eigen aandeel van de gemeente is %(own_euros)s en %(own_hours)s uur."
        ) % {"own_euros": euros(own_euros), "own_hours": hours(own_hours)}
    else:
        text += " " + _("Het eigen aandeel van de gemeente is nog niet ingevuld.")
    if own_euros:
        text += " " + _(
            "De kosten voor de gemeente worden gedekt uit de begroting van het "
            "programma gezondheid."
        )
    return text


def legal(facts: Facts) -> str:
    lines = []
    for agreement in facts.agreements:
        whom = facts.partner if agreement.for_partner else _("de hele samenwerking")
        if agreement.signed_on:
            lines.append(
                _("‘%(title)s’ (met %(whom)s): getekend op %(date)s%(by)s.")
                % {
                    "title": agreement.title,
                    "whom": whom,
                    "date": day(agreement.signed_on),
                    "by": _(" door %(names)s") % {"names": agreement.signed_by}
                    if agreement.signed_by
                    else "",
                }
            )
        else:
            lines.append(
                _("‘%(title)s’ (met %(whom)s): nog niet getekend.")
                % {"title": agreement.title, "whom": whom}
            )
    form = facts.organisational_form or _("nog niet gekozen")
    parts = [_("Organisatievorm: %(form)s.") % {"form": form}]
    parts.append(
        (_("Afspraken:") + "\n" + bullets(lines))
        if lines
        else _("Er zijn nog geen afspraken vastgelegd.")
    )
    if facts.partner_is_private:
        parts.append(
            _("Toets vóór het besluit:")
            + "\n"
            + bullets(
                [
                    _(
                        "Aanbesteding: levert %(partner)s diensten of producten waarvoor de gemeente "
                        "betaalt, dan gelden mogelijk de aanbestedingsregels."
                    )
                    % facts.names,
                    _(
                        "Staatssteun: krijgt %(partner)s een voordeel van de gemeente (geld, gratis "
                        "diensten, exclusiviteit of naamsvermelding), toets dan de staatssteunregels."
                    )
                    % facts.names,
                ]
            )
        )
    return "\n\n".join(parts)


def communication(facts: Facts) -> str:
    parts = [
        _(
            "Na het besluit informeert de wethouder %(partner)s. Over de samenwerking "
            "communiceren de partners samen; de inhoud van gezondheidsboodschappen blijft bij de "
            "gemeente."
        )
        % facts.names,
    ]
    if facts.confidential:
        parts.append(
            _(
                "Dit advies is geheim op grond van: %(ground)s. Het besluit wordt openbaar zodra "
                "die grond vervalt."
            )
            % {"ground": facts.confidential_ground or "—"}
        )
    else:
        parts.append(
            _(
                "Dit advies en het besluit zijn openbaar (Wet open overheid, Woo) en worden "
                "gepubliceerd met de besluitenlijst van het college. De samenwerking en de "
                "bijdragen van de partijen worden openbaar gemaakt."
            )
        )
    return "\n\n".join(parts)


def follow_up(facts: Facts) -> str:
    lines = []
    if facts.outcome == Outcome.DECLINE:
        lines.append(
            _("De samenwerking met %(partner)s wordt niet aangegaan of afgerond.") % facts.names
        )
    elif facts.next_phase:
        lines.append(_("Volgende fase: %(phase)s.") % {"phase": facts.next_phase})
    if facts.outcome != Outcome.DECLINE:
        base = facts.decided_on or facts.start_date
        if base:
            when = date(base.year + 1, base.month, min(base.day, 28))
            lines.append(
                _("Evaluatie: uiterlijk %(date)s, met de uitkomst aan het college.")
                % {"date": day(when)}
            )
        if facts.planned_end_date:
            lines.append(
                _("Geplande einddatum van de samenwerking: %(date)s.")
                % {"date": day(facts.planned_end_date)}
            )
    return bullets(lines) if lines else ""


def draft_all(facts: Facts, advice: str) -> dict[str, str]:
    """Every section's draft, by key."""
    return {
        "subject": subject(facts),
        "decision": decision(facts),
        "summary": summary(facts, advice),
        "occasion": occasion(facts),
        "frame": frame(facts),
        "effect": effect(facts),
        "arguments": arguments(facts),
        "caveats": caveats(facts),
        "finances": finances(facts),
        "legal": legal(facts),
        "communication": communication(facts),
        "follow_up": follow_up(facts),
    }
