"""Filling in, reviewing and comparing assessments (the Afwegingskader)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import scope_for
from core.history import moment
from core.prepared import planned_once
from partnerships.querysets import can_edit_partnership
from partnerships.views.common import load_partnership

from .. import markup, selection, workflow
from ..forms import ConditionsForm, ReviewForm, SendBackForm, ThemeForm
from ..history import assessment_history, last_saved
from ..models import (
    Answer,
    AnswerOption,
    Assessment,
    AssessmentStatus,
    Outcome,
    Question,
)
from ..querysets import (
    can_review_assessment,
    get_assessment_for_user,
    with_siblings,
    with_siblings_for_user,
)
from ..scoring import score, specs_and_answers, specs_for_version


def stale_message(assessment, stored: list[str]) -> str:
    """The refusal of a save made from an out-of-date page: who saved when,
    and ``stored``: what is stored now where it differs from what was typed."""
    name, when = last_saved(assessment)
    if when is None or not name:
        parts = [_("Iemand anders heeft deze afweging intussen opgeslagen.")]
    else:
        parts = [
            _("%(name)s heeft deze afweging intussen opgeslagen, op %(moment)s.")
            % {"name": name, "moment": moment(when)}
        ]
    parts.append(_("Uw wijzigingen zijn niet opgeslagen; hieronder staan ze nog."))
    if stored:
        parts.append(
            _("Nu opgeslagen, anders dan wat u typte: %(stored)s.") % {"stored": "; ".join(stored)}
        )
    parts.append(
        _("Kopieer wat u wilt bewaren en open de pagina opnieuw om de nieuwste versie te zien.")
    )
    return " ".join(parts)


def _short(text: str) -> str:
    return Truncator(text).chars(200)


def _saved(form, save, stored=lambda: []) -> bool:
    """Run ``save``; someone else's save in between, or a refusal, becomes the
    form's error instead (the view answers 409 and keeps the input).
    ``stored()``: what is stored now where it differs from the form."""
    try:
        save()
    except workflow.ConcurrentEditError:
        form.add_error(None, stale_message(form.assessment, stored()))
    except ValidationError as error:
        form.add_error(None, error)
    else:
        return True
    return False


def _stored_answers(assessment, questions, form, theme) -> list[str]:
    """The answers, explanations and notes of the theme's page as stored now,
    where they differ from what ``form`` holds."""
    stored = {
        a.question_id: a
        for a in assessment.answers.filter(question__in=questions).select_related("option")
    }
    typed_options, typed_explanations = form.answers(), form.explanations()
    lines = []
    for question in questions:
        answer = stored.get(question.pk)
        option_id = answer.option_id if answer else None
        explanation = answer.explanation if answer else ""
        if option_id == typed_options.get(question.pk) and explanation == (
            typed_explanations.get(question.pk, "")
        ):
            continue
        label = str(answer.option) if answer and answer.option else "—"
        line = f"{question.code}: {label}"
        if explanation:
            line += f" ({_short(explanation)})"
        lines.append(line)
    note = assessment.theme_notes.filter(theme=theme).first()
    notes = note.notes if note else ""
    if notes != form.cleaned_data.get("notes", "").strip():
        lines.append(_("gespreksnotities: %(notes)s") % {"notes": _short(notes) if notes else "—"})
    return lines


def _themes(assessment):
    return list(assessment.version.themes.order_by("order", "code"))


def _may_edit(user, assessment) -> bool:
    return assessment.is_editable and can_edit_partnership(
        user, assessment.participation.partnership
    )


def _progress(assessment, themes):
    """Per theme: answered (not Onbekend) of total questions (2 queries)."""
    totals = {t.pk: 0 for t in themes}
    for theme_id in Question.objects.filter(theme__in=themes).values_list("theme_id", flat=True):
        totals[theme_id] += 1
    answered = {t.pk: 0 for t in themes}
    for theme_id in assessment.answers.filter(
        option__isnull=False, option__is_unknown=False
    ).values_list("question__theme_id", flat=True):
        answered[theme_id] += 1
    return [(theme, answered[theme.pk], totals[theme.pk]) for theme in themes]


# An assessment's page: it and its partner's other assessments, with what
# the page shows of them (compiled once: compiling their joins took longer
# than running them).
SHOWN = with_siblings("version", "version__questionnaire", "author", "reviewer")


def _scored(assessment):
    """The version's themes and bands, the answers and the score: 2 queries
    (the themes with their questions, options and answers; the bands),
    whatever the size."""
    themes, bands, answers = specs_and_answers(assessment)
    return themes, bands, answers, score(themes, bands, answers)


def _progress_of(themes, answers):
    """Per theme (its spec): answered (not Onbekend) and total questions."""
    unknown = {o.id for t in themes for q in t.questions for o in q.options if o.is_unknown}
    return [
        (
            theme,
            sum(1 for q in theme.questions if answers.get(q.id) not in (None, *unknown)),
            len(theme.questions),
        )
        for theme in themes
    ]


def detail(request, pk):
    user = request.user
    # The other assessments of this partner (in the same query) leave out
    # drafts for a gemeente that only takes part (partnerships.querysets.sees_drafts).
    assessment, chain = with_siblings_for_user(user, pk, records=SHOWN)
    partnership = assessment.participation.partnership
    can_edit = _may_edit(user, assessment)
    themes, _bands, answers, result = _scored(assessment)
    return render(
        request,
        "assessment/detail.html",
        {
            "assessment": assessment,
            "partnership": partnership,
            "progress_rows": markup.progress_rows(assessment, _progress_of(themes, answers)),
            "result": result,
            "outcome_label": assessment.outcome_label(result.outcome),
            "chain": chain,
            "report_url": reverse("assessment:report_pdf", args=[assessment.pk]),
            "can_edit": can_edit,
            "can_correct": assessment.is_final and can_edit_partnership(user, partnership),
            "can_withdraw": assessment.status == AssessmentStatus.IN_REVIEW
            and can_edit_partnership(user, partnership),
            "can_review": assessment.status == AssessmentStatus.IN_REVIEW
            and can_review_assessment(user, assessment),
            "review_form": ReviewForm(),
            "send_back_form": SendBackForm(),
        },
    )


def history(request, pk):
    """The assessment's history, with that of its answers and theme notes:
    on a page of its own, linked from the assessment's page."""
    assessment = get_assessment_for_user(request.user, pk)
    return render(
        request,
        "assessment/history.html",
        {
            "assessment": assessment,
            "partnership": assessment.participation.partnership,
            "history": assessment_history(assessment),
        },
    )


def theme(request, pk, code):
    assessment = get_assessment_for_user(request.user, pk)
    themes = _themes(assessment)
    current = next((t for t in themes if t.code == code), None)
    if current is None:
        return render(request, "404.html", status=404)
    questions = list(
        current.questions.order_by("order", "code").prefetch_related(
            Prefetch("options", queryset=AnswerOption.objects.order_by("order", "pk"))
        )
    )
    answers = {a.question_id: a for a in assessment.answers.filter(question__theme=current)}
    note = assessment.theme_notes.filter(theme=current).first()
    can_edit = _may_edit(request.user, assessment)
    form = ThemeForm(
        request.POST or None,
        questions=questions,
        answers=answers,
        notes=note.notes if note else "",
        revision=assessment.revision,
    )
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            form.assessment = assessment
            saved = _saved(
                form,
                lambda: workflow.save_answers(
                    assessment,
                    form.cleaned_data["revision"],
                    form.answers(),
                    form.explanations(),
                    {current.pk: form.cleaned_data["notes"].strip()},
                    user=request.user,
                ),
                lambda: _stored_answers(assessment, questions, form, current),
            )
            if not saved:
                status = 409
            else:
                messages.success(request, _("Opgeslagen."))
                index = themes.index(current)
                goto = next((t for t in themes if t.code == request.POST.get("goto")), None)
                if goto is not None:  # a theme's tab: saved, now open that theme
                    return redirect("assessment:theme", pk=assessment.pk, code=goto.code)
                if "next" in request.POST and index + 1 < len(themes):
                    return redirect(
                        "assessment:theme", pk=assessment.pk, code=themes[index + 1].code
                    )
                if "next" in request.POST:
                    return redirect("assessment:outcome", pk=assessment.pk)
                return redirect("assessment:theme", pk=assessment.pk, code=current.code)
    index = themes.index(current)
    return render(
        request,
        "assessment/theme.html",
        {
            "assessment": assessment,
            "partnership": assessment.participation.partnership,
            "theme": current,
            "themes": themes,
            "progress": _progress(assessment, themes),
            "form": form,
            "can_edit": can_edit,
            "next_theme": themes[index + 1] if index + 1 < len(themes) else None,
            "previous_theme": themes[index - 1] if index > 0 else None,
        },
        status=status,
    )


def outcome(request, pk):
    with planned_once():  # its joins took PostgreSQL longer to plan than to run
        assessment = get_assessment_for_user(
            request.user, pk, queryset=Assessment.objects.select_related("version")
        )
    can_edit = _may_edit(request.user, assessment)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = None
    status = 200
    themes, bands, answers, result = _scored(assessment)
    if can_edit:
        initial = assessment.conditions or workflow.suggested_conditions(themes, answers)
        form = ConditionsForm(
            request.POST or None, initial={"conditions": initial, "revision": assessment.revision}
        )
    if request.method == "POST" and form.is_valid():
        form.assessment = assessment
        saved = _saved(
            form,
            lambda: workflow.save_conditions(
                assessment,
                form.cleaned_data["revision"],
                form.cleaned_data["conditions"],
                user=request.user,
            ),
            lambda: (
                [
                    _("voorwaarden: %(text)s")
                    % {"text": _short(assessment.conditions) if assessment.conditions else "—"}
                ]
                if assessment.conditions != form.cleaned_data["conditions"].strip()
                else []
            ),
        )
        if not saved:
            status = 409
        else:
            messages.success(request, _("De voorwaarden zijn opgeslagen."))
            return redirect("assessment:outcome", pk=assessment.pk)
    return render(
        request,
        "assessment/outcome.html",
        {
            "assessment": assessment,
            "result": result,
            "knockout_rows": markup.knockout_rows(result),
            "score_rows": markup.score_rows(result),
            "bands": sorted(bands, key=lambda b: b.min_total, reverse=True),
            "outcome_label": assessment.outcome_label(result.outcome),
            "band_labels": {o: assessment.outcome_label(o) for o in Outcome.values},
            "is_conditions": result.outcome == Outcome.CONDITIONS,
            "form": form,
            "can_edit": can_edit,
        },
        status=status,
    )


def _action(request, pk, action, *, review=False, edit=False, form_class=None):
    assessment = get_assessment_for_user(request.user, pk, edit=edit, review=review)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        codes = {error.code for errors in form.errors.as_data().values() for error in errors}
        if codes == {"required"}:
            messages.error(request, _("Schrijf op wat er moet veranderen."))
        else:  # a text longer than its limit: say so, with the numbers
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(assessment)
    try:
        result = action(assessment, form)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assessment)
    return result


@require_POST
def submit(request, pk):
    def act(assessment, _form):
        workflow.submit(assessment, request.user)
        messages.success(request, _("De afweging is ter review aangeboden aan de GGD-coördinator."))
        return redirect(assessment)

    return _action(request, pk, act, edit=True)


@require_POST
def withdraw(request, pk):
    def act(assessment, _form):
        workflow.withdraw(assessment, request.user)
        messages.success(
            request,
            _("De afweging is ingetrokken en weer een concept; u kunt haar aanpassen."),
        )
        return redirect(assessment)

    return _action(request, pk, act, edit=True)


@require_POST
def finalise(request, pk):
    def act(assessment, form):
        result = workflow.finalise(assessment, request.user, form.cleaned_data["remark"])
        messages.success(
            request,
            _("De afweging is vastgesteld: %(outcome)s.")
            % {"outcome": assessment.outcome_label(result.outcome)},
        )
        return redirect(assessment)

    return _action(request, pk, act, review=True, form_class=ReviewForm)


@require_POST
def send_back(request, pk):
    def act(assessment, form):
        workflow.return_to_concept(assessment, request.user, form.cleaned_data["comments"])
        messages.success(request, _("De afweging is teruggestuurd naar de opsteller."))
        return redirect(assessment)

    return _action(request, pk, act, review=True, form_class=SendBackForm)


@require_POST
def correct(request, pk):
    def act(assessment, _form):
        copy = workflow.correct(assessment, request.user)
        messages.success(
            request,
            _("Er is een correctie gestart. De vastgestelde afweging blijft ongewijzigd bewaard."),
        )
        return redirect(copy)

    return _action(request, pk, act, edit=True)


LIST_PAGE_SIZE = 50


def assessment_list(request):
    """The list of assessments: what waits for the user, or what the
    dashboard's numbers count (``selection.listed``)."""
    user = request.user
    scope = scope_for(user)
    shown = selection.listed(user, request.GET)
    page = Paginator(shown.assessments, LIST_PAGE_SIZE).get_page(request.GET.get("pagina"))
    assessments = page.object_list = list(page.object_list)
    selection.count_waiting_days(assessments, timezone.now())
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "assessment/assessment_list.html",
        {
            "assessments": assessments,
            "page": page,
            "query_string": query.urlencode(),
            "is_coordinator": scope.kind == "region",
            "can_start": scope.kind == "municipality",
            "filtered": shown.filtered,
            "active_filters": shown.active,
        },
    )


def compare(request, pk):
    partnership = load_partnership(request, pk)
    participations = list(partnership.participations.select_related("organisation"))
    assessments = list(
        Assessment.objects.filter(participation__partnership=partnership)
        .of_partnership_for(request.user, partnership)
        .order_by("-created_at", "-pk")
    )
    latest = selection.latest_per_partner(assessments)
    versions = {a.version_id for a in latest.values()}
    specs = {}
    for version_id in versions:
        version = next(a.version for a in latest.values() if a.version_id == version_id)
        specs[version_id] = specs_for_version(version)
    answers = {}
    for assessment_id, question_id, option_id in Answer.objects.filter(
        assessment__in=list(latest.values())
    ).values_list("assessment_id", "question_id", "option_id"):
        answers.setdefault(assessment_id, {})[question_id] = option_id
    theme_codes = []
    rows = []
    for participation in participations:
        assessment = latest.get(participation.pk)
        if assessment is None:
            rows.append({"participation": participation, "assessment": None})
            continue
        themes, bands = specs[assessment.version_id]
        result = score(themes, bands, answers.get(assessment.pk, {}))
        per_theme = {t.code: t.percent for t in result.themes}
        for code in per_theme:
            if code not in theme_codes:
                theme_codes.append(code)
        rows.append(
            {
                "participation": participation,
                "assessment": assessment,
                "result": result,
                "per_theme": per_theme,
                "outcome_label": assessment.outcome_label(result.outcome),
            }
        )
    for row in rows:
        if row["assessment"] is not None:
            row["theme_cells"] = [row["per_theme"].get(code) for code in theme_codes]
    return render(
        request,
        "assessment/compare.html",
        {"partnership": partnership, "rows": rows, "theme_codes": theme_codes},
    )


urlpatterns = [
    path("samenwerkingen/<int:pk>/afwegingen/", compare, name="compare"),
    path("afwegingen/te-beoordelen/", assessment_list, name="list"),
    path("afwegingen/<int:pk>/", detail, name="detail"),
    path("afwegingen/<int:pk>/geschiedenis/", history, name="history"),
    path("afwegingen/<int:pk>/thema/<str:code>/", theme, name="theme"),
    path("afwegingen/<int:pk>/uitkomst/", outcome, name="outcome"),
    path("afwegingen/<int:pk>/indienen/", submit, name="submit"),
    path("afwegingen/<int:pk>/intrekken/", withdraw, name="withdraw"),
    path("afwegingen/<int:pk>/vaststellen/", finalise, name="finalise"),
    path("afwegingen/<int:pk>/terugsturen/", send_back, name="send_back"),
    path("afwegingen/<int:pk>/correctie/", correct, name="correct"),
]
