"""The dashboard's panel "Evaluatie en besluit" (issue 13, phases 5 to 7):
what the partnerships the user may see (after the dashboard's filters) owe
in evaluations and decisions, each figure a count with its first few items
and a link to act.

* **Evaluaties nodig**: not ended, in phase 5 or later, and no evaluation
  round closed in the last 12 months (on or after the same day a year ago).
* **Lopende evaluatierondes**: rounds open now, each with its response rate:
  finished respondents out of those invited.
* **Acties te laat**: agreed actions past their date, neither done nor
  dropped (also on the attention list).
* **Besluit nodig**: not ended, the planned end date passed (before today),
  and no decision taken on or after the day 12 months before that end date:
  a "doorgaan" of two years before is about an earlier end, not this one.

No query of its own: the last closed round, the latest decision and a round
under way come as columns of the dashboard's one row per partnership
(:func:`row_annotations`), the open rounds and the actions not yet done
with the rest of each partnership's facts (``facts.py``)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.prepared import record
from decisions.models import Decision
from evaluation.models import Action, EvaluationRound, RoundStatus
from partnerships.models import Partnership, Status

# From this phase on ("Manage uw PPS") a partnership is evaluated every year.
EVALUATION_FROM_PHASE = 5
EVALUATION_MONTHS = 12
# A decision counts for a planned end date when taken at most this long before it.
DECISION_MONTHS = 12


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def row_annotations() -> dict:
    """Columns of the dashboard's partnership rows (``figures.partnership_rows``):
    when the last round was closed, the key of a round not yet closed (the
    latest), and the date of the latest decision."""
    rounds = EvaluationRound.objects.filter(partnership=OuterRef("pk"))
    return {
        "last_evaluated": Subquery(
            rounds.filter(status=RoundStatus.CLOSED, closed_at__isnull=False)
            .order_by("-closed_at")
            .values("closed_at")[:1]
        ),
        "running_round": Subquery(
            rounds.exclude(status=RoundStatus.CLOSED).order_by("-pk").values("pk")[:1]
        ),
        "last_decided": Subquery(
            Decision.objects.filter(partnership=OuterRef("pk"))
            .order_by("-decided_on")
            .values("decided_on")[:1]
        ),
    }


# The names of those columns (without making their subqueries again).
ROW_ANNOTATIONS = ("last_evaluated", "running_round", "last_decided")
# The fields of the rows these rules read, besides status and phase.
ROW_FIELDS = ("phase__number", "planned_end_date")


def evaluation_due(row: dict, today: date) -> bool:
    if row["status"] == Status.ENDED or row["phase__number"] < EVALUATION_FROM_PHASE:
        return False
    last = row["last_evaluated"]
    return last is None or timezone.localdate(last) < months_before(today, EVALUATION_MONTHS)


def decision_due(row: dict, today: date) -> bool:
    end = row["planned_end_date"]
    if row["status"] == Status.ENDED or end is None or end >= today:
        return False
    decided = row["last_decided"]
    return decided is None or decided < months_before(end, DECISION_MONTHS)


@dataclass
class Figure:
    """A figure of the panel: its number, the first few items as the page
    lists them ((address, name, what follows)), and where it leads."""

    key: str
    title: str
    total: int
    lines: list


def _lead_name(row) -> str:
    return row["lead_municipality__name"]


def due_evaluations(rows, today, can_run, limit, urls) -> Figure:
    """Never evaluated first, then the longest ago. ``can_run(row)``: may the
    user start a round of it (then the line leads to a new round). ``urls``:
    a ``core.links.Addresses`` (each kind of address reversed once)."""
    due = [row for row in rows if evaluation_due(row, today)]
    due.sort(key=lambda row: (row["last_evaluated"] is not None, row["last_evaluated"] or 0))
    lines = []
    for row in due[:limit]:
        if row["running_round"]:
            url = urls("evaluation:round", row["running_round"])
            detail = _("een ronde is gestart")
        else:
            name = "evaluation:round_add" if can_run(row) else "evaluation:rounds"
            url = urls(name, row["pk"])
            detail = (
                _("laatste ronde gesloten %(date)s")
                % {"date": date_format(timezone.localdate(row["last_evaluated"]), "j M Y")}
                if row["last_evaluated"]
                else _("nog nooit geëvalueerd")
            )
        lines.append((url, row["name"], f"{_lead_name(row)} · {detail}"))
    return Figure("evaluations", gettext_lazy("Evaluatie nodig"), len(due), lines)


def due_decisions(rows, today, limit, urls) -> Figure:
    """The longest past their end date first; each leads to the partnership's
    decision section (shown from phase 6 on; before that, to its page)."""
    due = sorted(
        (row for row in rows if decision_due(row, today)),
        key=lambda row: (row["planned_end_date"], row["pk"]),
    )
    lines = []
    for row in due[:limit]:
        url = urls("partnerships:detail", row["pk"])
        if row["phase__number"] >= 6:
            url += "#besluit-kop"
        end = _("geplande einddatum %(date)s") % {
            "date": date_format(row["planned_end_date"], "j M Y")
        }
        lines.append((url, row["name"], f"{_lead_name(row)} · {end}"))
    return Figure("decisions", gettext_lazy("Besluit nodig"), len(due), lines)


def response_rate(finished: int, invited: int) -> int:
    """Whole per cent of those invited who finished (0 when nobody is invited)."""
    return round(100 * finished / invited) if invited else 0


def open_rounds(rows, known, limit, urls) -> Figure:
    """The open rounds of the partnerships of ``rows`` (their facts:
    ``known``), closing soonest first, with who finished out of who was
    invited."""
    found = sorted(
        (
            (closes_on, pk, title, invited, finished, row["name"])
            for row in rows
            for pk, title, closes_on, invited, finished in known[row["pk"]].rounds
        ),
        key=lambda entry: entry[:2],
    )
    lines = []
    for closes_on, pk, title, invited, finished, partnership in found[:limit]:
        answered = _("%(finished)s van %(invited)s afgerond (%(rate)s%%)") % {
            "finished": finished,
            "invited": invited,
            "rate": response_rate(finished, invited),
        }
        closes = _("sluit %(date)s") % {"date": date_format(closes_on, "j M Y")}
        lines.append(
            (urls("evaluation:round", pk), title, f"{partnership} · {answered} · {closes}")
        )
    return Figure("rounds", gettext_lazy("Lopende evaluatierondes"), len(found), lines)


def action(due_date, pk, what, round_id, round_title, row) -> Action:
    """An overdue action as the attention list shows it (from the facts of
    its partnership's ``row``), with only what its line reads."""
    item = record(
        Action, id=pk, what=what, due_date=due_date, partnership_id=row["pk"], round_id=round_id
    )
    item.partnership = record(Partnership, id=row["pk"], name=row["name"])
    if round_id is not None:
        item.round = record(EvaluationRound, id=round_id, title=round_title)
    return item


def action_line(action, urls) -> tuple[str, str, str]:
    due = _("uiterlijk %(date)s") % {"date": date_format(action.due_date, "j M Y")}
    parts = [action.partnership.name, *([action.round.title] if action.round_id else []), due]
    return (
        urls("evaluation:actions", action.partnership_id),
        Truncator(action.what).chars(90),
        " · ".join(parts),
    )


def panel(rows, known, today, can_run, actions, limit, urls) -> list[Figure]:
    """The four figures, in the order of the work: evaluate, follow the
    rounds, do what was agreed, decide (``known``: the facts of the
    partnerships of ``rows``). ``actions``: the attention list's overdue
    actions (the same figure)."""
    active = [row for row in rows if row["status"] != Status.ENDED]
    return [
        due_evaluations(rows, today, can_run, limit, urls),
        open_rounds(active, known, limit, urls),
        Figure("actions", actions.title, actions.total, actions.lines),
        due_decisions(rows, today, limit, urls),
    ]
