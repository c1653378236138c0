"""The rounds of a partnership, as its officers run them: start one, choose
whom to ask, open it (which invites everyone), follow who answered, re-send
or revoke a partner's link, close it.

Whoever may see the partnership sees its rounds and who answered (never the
answers of a person, unless the round is named); only officers of the lead
gemeente run them. An outsider gets a 404."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.concurrency import save_if_current

from .. import results, running
from ..forms import RespondentsForm, RoundForm
from ..models import EvaluationRound, InstrumentVersion
from ..querysets import can_run_round, get_partnership_for_user, get_round_for_user


def _with_counts(rounds):
    return rounds.annotate(
        asked=Count("respondents"),
        finished=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)),
    )


def round_list(request, pk):
    """A partnership's rounds, newest first, with how many answered."""
    partnership = get_partnership_for_user(request.user, pk)
    rounds = _with_counts(partnership.evaluation_rounds.order_by("-created_at", "-pk"))
    return render(
        request,
        "evaluation/round_list.html",
        {
            "partnership": partnership,
            "rounds": rounds,
            "can_edit": can_run_round(request.user, partnership),
        },
    )


def round_create(request, pk):
    partnership = get_partnership_for_user(request.user, pk, edit=True)
    instrument = InstrumentVersion.current()
    if instrument is None:
        messages.error(
            request,
            _("Er is nog geen gepubliceerd evaluatie-instrument. Vraag de functioneel beheerder."),
        )
        return redirect("evaluation:rounds", pk=partnership.pk)
    evaluation_round = EvaluationRound(
        partnership=partnership, instrument=instrument, created_by=request.user
    )
    form = RoundForm(request.POST or None, instance=evaluation_round)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De evaluatieronde is aangemaakt. Kies nu wie u uitnodigt."))
        return redirect("evaluation:respondents", pk=evaluation_round.pk)
    return _form_page(
        request,
        partnership,
        form,
        _("Nieuwe evaluatieronde"),
        cancel_url=reverse("evaluation:rounds", args=[partnership.pk]),
        intro=_(
            "De ronde gebruikt %(instrument)s: stellingen over de samenwerking op een schaal van "
            "1 tot 5, en drie open vragen. Daarna kiest u wie u uitnodigt: de publieke kant met "
            "hun account in het portaal, de partners met een persoonlijke link per e-mail."
        )
        % {"instrument": instrument},
    )


def _form_page(request, partnership, form, title, *, cancel_url, status=None, **extra):
    status = status or (409 if getattr(form, "conflict", None) else 200)
    return render(
        request,
        "includes/form_page.html",
        {
            "title": title,
            "form": form,
            "cancel_url": cancel_url,
            "breadcrumb_url": reverse("evaluation:rounds", args=[partnership.pk]),
            "breadcrumb_label": _("Evaluaties van %(name)s") % {"name": partnership.name},
            **extra,
        },
        status=status,
    )


def round_detail(request, pk):
    """The round: its facts, and per person whether they are invited, have
    started or have finished (never their answers)."""
    evaluation_round = get_round_for_user(
        request.user,
        pk,
        queryset=EvaluationRound.objects.select_related("instrument", "created_by"),
    )
    respondents = list(
        evaluation_round.respondents.select_related(
            "user", "contact", "municipality", "region", "organisation"
        )
    )
    for respondent in respondents:
        respondent.status_label = running.status_label(respondent)
        respondent.group = respondent.organisation or respondent.municipality or respondent.region
    finished = sum(1 for r in respondents if r.submitted_at)
    return render(
        request,
        "evaluation/round_detail.html",
        {
            "round": evaluation_round,
            "partnership": evaluation_round.partnership,
            "respondents": respondents,
            "finished": finished,
            "response_percent": round(100 * finished / len(respondents)) if respondents else 0,
            "can_edit": can_run_round(request.user, evaluation_round),
            "results_state": results.results_state(request.user, evaluation_round),
        },
    )


def round_edit(request, pk):
    evaluation_round = get_round_for_user(request.user, pk, edit=True)
    if evaluation_round.is_closed:
        messages.error(request, _("Een gesloten ronde verandert niet meer."))
        return redirect("evaluation:round", pk=evaluation_round.pk)
    form = RoundForm(request.POST or None, instance=evaluation_round)
    # The round may have been opened or closed since the form was shown: that
    # raised its version, and the save is refused with who did it.
    if request.method == "POST" and form.is_valid() and save_if_current(form, form.save):
        messages.success(request, _("De evaluatieronde is opgeslagen."))
        return redirect("evaluation:round", pk=evaluation_round.pk)
    return _form_page(
        request,
        evaluation_round.partnership,
        form,
        _("Evaluatieronde bewerken"),
        cancel_url=reverse("evaluation:round", args=[evaluation_round.pk]),
    )


def round_respondents(request, pk):
    """Choose whom to ask; in an open round the ones added are invited at once."""
    evaluation_round = get_round_for_user(request.user, pk, edit=True)
    if evaluation_round.is_closed:
        messages.error(request, _("Deze ronde is gesloten; er kan niemand meer bij."))
        return redirect("evaluation:round", pk=evaluation_round.pk)
    partnership = evaluation_round.partnership
    asked = evaluation_round.respondents.all()
    form = RespondentsForm(
        request.POST or None,
        users=running.public_candidates(partnership).exclude(
            pk__in=asked.exclude(user=None).values("user_id")
        ),
        contacts=running.partner_candidates(partnership).exclude(
            pk__in=asked.exclude(contact=None).values("contact_id")
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            added = running.add_respondents(
                evaluation_round, form.cleaned_data["users"], form.cleaned_data["contacts"]
            )
        except running.RoundError as error:
            messages.error(request, str(error))
        else:
            if evaluation_round.is_open:
                text = ngettext(
                    "%(count)s persoon toegevoegd en uitgenodigd.",
                    "%(count)s personen toegevoegd en uitgenodigd.",
                    len(added),
                )
            else:
                text = ngettext(
                    "%(count)s persoon toegevoegd.", "%(count)s personen toegevoegd.", len(added)
                )
            messages.success(request, text % {"count": len(added)})
        return redirect("evaluation:round", pk=evaluation_round.pk)
    intro = _(
        "Partners zonder e-mailadres staan hier niet: vul dat eerst in bij de organisatie in het "
        "partnerregister."
    )
    if evaluation_round.is_open:
        intro = (
            _("De ronde is open: wie u nu toevoegt, krijgt meteen een uitnodiging.") + " " + intro
        )
    return render(
        request,
        "includes/form_page.html",
        {
            "title": _("Wie nodigt u uit?"),
            "form": form,
            "intro": intro,
            "submit_label": _("Toevoegen"),
            "cancel_url": reverse("evaluation:round", args=[evaluation_round.pk]),
            "breadcrumb_url": reverse("evaluation:round", args=[evaluation_round.pk]),
            "breadcrumb_label": evaluation_round.title,
        },
    )


def _act(request, pk, action, done):
    """Run a state change of the round (POST only), then back to its page."""
    evaluation_round = get_round_for_user(request.user, pk, edit=True)
    try:
        result = action(evaluation_round)
    except running.RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done(result))
    return redirect("evaluation:round", pk=evaluation_round.pk)


@require_POST
def round_open(request, pk):
    return _act(
        request,
        pk,
        lambda r: running.open_round(r, request.user),
        lambda invited: (
            ngettext(
                "De ronde is geopend; %(count)s uitnodiging is verstuurd.",
                "De ronde is geopend; %(count)s uitnodigingen zijn verstuurd.",
                invited,
            )
            % {"count": invited}
        ),
    )


def round_close(request, pk):
    """Closing is final (a closed round accepts no answers and opens no
    more): the button on the round's page leads here first, to a page that
    says so and asks to confirm (GET); the confirmation posts."""
    if request.method != "POST":
        evaluation_round = get_round_for_user(request.user, pk, edit=True)
        if not evaluation_round.is_open:
            return redirect("evaluation:round", pk=evaluation_round.pk)
        respondents = evaluation_round.respondents.aggregate(
            asked=Count("pk"), finished=Count("pk", filter=Q(submitted_at__isnull=False))
        )
        return render(
            request,
            "evaluation/round_close.html",
            {"round": evaluation_round, "partnership": evaluation_round.partnership, **respondents},
        )
    return _act(
        request,
        pk,
        lambda r: running.close_round(r, request.user),
        lambda _result: _("De ronde is gesloten; er kunnen geen antwoorden meer bij."),
    )


def _respondent_action(request, pk, respondent_pk, action, done):
    evaluation_round = get_round_for_user(request.user, pk, edit=True)
    respondent = get_object_or_404(evaluation_round.respondents, pk=respondent_pk)
    try:
        action(respondent)
    except running.RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"name": respondent})
    return redirect("evaluation:round", pk=evaluation_round.pk)


@require_POST
def respondent_resend(request, pk, respondent_pk):
    return _respondent_action(
        request,
        pk,
        respondent_pk,
        running.resend,
        _("De uitnodiging aan %(name)s is opnieuw verstuurd; een eerdere link werkt niet meer."),
    )


@require_POST
def respondent_revoke(request, pk, respondent_pk):
    return _respondent_action(
        request,
        pk,
        respondent_pk,
        running.revoke,
        _("De link van %(name)s is ingetrokken."),
    )


@require_POST
def respondent_remove(request, pk, respondent_pk):
    return _respondent_action(
        request,
        pk,
        respondent_pk,
        running.remove_respondent,
        _("%(name)s is niet meer uitgenodigd."),
    )


urlpatterns = [
    path("samenwerkingen/<int:pk>/evaluaties/", round_list, name="rounds"),
    path("samenwerkingen/<int:pk>/evaluaties/nieuw/", round_create, name="round_add"),
    path("evaluaties/<int:pk>/", round_detail, name="round"),
    path("evaluaties/<int:pk>/bewerken/", round_edit, name="round_edit"),
    path("evaluaties/<int:pk>/deelnemers/", round_respondents, name="respondents"),
    path("evaluaties/<int:pk>/openen/", round_open, name="round_open"),
    path("evaluaties/<int:pk>/sluiten/", round_close, name="round_close"),
    path(
        "evaluaties/<int:pk>/deelnemers/<int:respondent_pk>/opnieuw/",
        respondent_resend,
        name="respondent_resend",
    ),
    path(
        "evaluaties/<int:pk>/deelnemers/<int:respondent_pk>/intrekken/",
        respondent_revoke,
        name="respondent_revoke",
    ),
    path(
        "evaluaties/<int:pk>/deelnemers/<int:respondent_pk>/verwijderen/",
        respondent_remove,
        name="respondent_remove",
    ),
]
