"""An assessment's history as its readers see it: the assessment's own
changes (conditions, review, state) and those of its answers and theme notes."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import HistoryEntry, Part, history_with_parts, person_name, register_reason

from .models import Answer, Assessment, ThemeNote

# The reason a correction's copies carry in the audit trail: stored as a code,
# shown in the reader's language (core.history.reason_text).
COPIED_REASON = "pps.copied"
register_reason(
    COPIED_REASON,
    lambda _argument: gettext_lazy(
        "antwoorden en notities overgenomen uit de vastgestelde afweging"
    ),
)


def _answer_label(row, model_field) -> str:
    name = _("antwoord") if model_field.name == "option" else str(model_field.verbose_name)
    return _("vraag %(code)s, %(field)s") % {"code": row.question.code, "field": name}


def _note_label(row, model_field) -> str:
    return _("thema %(code)s, %(field)s") % {
        "code": row.theme.code,
        "field": str(model_field.verbose_name),
    }


def assessment_history(assessment: Assessment, limit: int = 25) -> list[HistoryEntry]:
    """The newest ``limit`` changes to ``assessment`` and its texts, newest
    first; the answers and notes stored by one save are one entry. Three
    queries (and one per kind of related record its own changes name)."""
    return history_with_parts(
        assessment,
        [
            Part(
                Answer.history.filter(assessment_id=assessment.pk).select_related(
                    "question", "option"
                ),
                ["option", "explanation"],
                _answer_label,
            ),
            Part(
                ThemeNote.history.filter(assessment_id=assessment.pk).select_related("theme"),
                ["notes"],
                _note_label,
            ),
        ],
        limit,
    )


def last_saved(assessment: Assessment) -> tuple[str, object]:
    """Who saved ``assessment`` or one of its texts last, and when (her name,
    the time), from its history; ("", None) when it has none. Three queries."""
    rows = [
        model.history.filter(**lookup).select_related("history_user").order_by("-history_date")[:1]
        for model, lookup in (
            (Assessment, {"id": assessment.pk}),
            (Answer, {"assessment_id": assessment.pk}),
            (ThemeNote, {"assessment_id": assessment.pk}),
        )
    ]
    newest = max(
        (row for rows_ in rows for row in rows_), key=lambda r: r.history_date, default=None
    )
    if newest is None:
        return "", None
    return person_name(newest.history_user), newest.history_date
