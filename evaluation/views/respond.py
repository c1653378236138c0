"""Answering a round: a partner through her personal link (no account), the
public side through the portal. Both get the same form: only that round's
statements and that person's own answers, one column, saved as they go.

The link page shows nothing of the portal (no navigation, no other rounds or
respondents); a link that does not work (altered, replaced, revoked, its
round closed or past its closing date) gets a page saying so, with status
404 or 410, and no data."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from accounts.scoping import ensure
from regions.branding import look_for_municipality

from .. import answering
from ..models import EvaluationRound, Respondent, RoundStatus
from ..tokens import LinkProblem, respondent_for_token

ANCHOR = re.compile(r"^[a-z0-9-]{1,40}$")
PROBLEM_STATUS = {LinkProblem.UNKNOWN: 404, LinkProblem.REVOKED: 410, LinkProblem.CLOSED: 410}


def _private(response):
    """A page with personal answers: never stored by a browser or a proxy.
    Its address (with the token) goes to no other site as a referrer: the
    portal's policy is ``same-origin`` (``no-referrer`` would make the
    browser send ``Origin: null`` with the form, which CSRF refuses)."""
    add_never_cache_headers(response)
    return response


@login_not_required
def respond(request, token):
    respondent, problem = respondent_for_token(token)
    if problem is not None:
        return _private(
            render(
                request,
                "evaluation/respond_problem.html",
                {"problem": problem.value},
                status=PROBLEM_STATUS[problem],
            )
        )
    return _answer(
        request,
        respondent,
        base="evaluation/respond_base.html",
        name=respondent.contact.name if respondent.contact else "",
        # A partner sees the look of the gemeente that leads the partnership.
        brand=look_for_municipality(respondent.round.partnership.lead_municipality),
    )


def answer(request, pk):
    """A logged-in respondent of the public side answers in the portal: her
    own invitation to this round, or a 404."""
    respondent = (
        Respondent.objects.select_related("round__instrument", "round__partnership")
        .filter(round_id=pk, user=request.user)
        .first()
    )
    ensure(respondent is not None and respondent.round.status != RoundStatus.DRAFT)
    return _answer(request, respondent, base="base.html", name=request.user.get_full_name())


USER_LOOK = object()  # the look of the logged-in user (regions.context_processors)


def _answer(request, respondent, *, base, name, brand=USER_LOOK):
    evaluation_round: EvaluationRound = respondent.round
    if not evaluation_round.is_open or evaluation_round.closes_on < timezone.localdate():
        return _closed(request, base)  # in the portal; a link to it is refused before
    extra = {} if brand is USER_LOOK else {"brand": brand}
    form = answering.answer_form(respondent, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        finish = "afronden" in request.POST
        try:
            saved = answering.save(respondent, form, finish=finish)
        except answering.RoundNotOpen:  # closed in the meantime
            return _closed(request, base)
        if form.errors:
            messages.error(
                request,
                _(
                    "Bijna alles is opgeslagen, maar niet alles: bekijk de meldingen hieronder. "
                    "Wat u typte, staat er nog."
                ),
            )
            status = 200
        elif finish and not saved.finished:
            messages.warning(request, answering.missing_message(saved.missing))
            return _private(redirect(request.path + "#stellingen"))
        else:
            if saved.finished:
                messages.success(
                    request,
                    _(
                        "Dank u wel: uw antwoorden zijn afgerond. U kunt ze nog wijzigen tot en "
                        "met de sluitingsdatum."
                    ),
                )
            else:
                messages.success(request, _("Uw antwoorden zijn opgeslagen."))
            anchor = request.POST.get("verder", "")
            anchor = f"#{anchor}" if ANCHOR.match(anchor) else ""
            return _private(redirect(request.path + anchor))
    return _private(
        render(
            request,
            "evaluation/respond.html",
            {
                "base": base,
                "round": evaluation_round,
                "partnership_name": evaluation_round.partnership.name,
                "instrument": evaluation_round.instrument,
                "respondent": respondent,
                "name": name,
                "form": form,
                **extra,
            },
            status=status,
        )
    )


def _closed(request, base):
    return _private(
        render(
            request,
            "evaluation/respond_problem.html",
            {"problem": LinkProblem.CLOSED.value, "base": base},
            status=410,
        )
    )


urlpatterns = [
    path("evaluatie/<str:token>/", respond, name="respond"),
    path("evaluaties/<int:pk>/invullen/", answer, name="answer"),
]
