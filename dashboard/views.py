from django.forms.utils import flatatt
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.scoping import scope_for
from core import cache
from core.pdf import render_pdf
from partnerships import list_markup
from regions.branding import look_for_user, pdf_context, pdf_css

from . import figures


def _heading(user):
    scope = scope_for(user)
    if scope.kind == "region":
        return _("Dashboard %(region)s") % {"region": user.region}
    if scope.kind == "municipality":
        return _("Dashboard gemeente %(municipality)s") % {"municipality": user.municipality}
    return _("Dashboard, alle regio's")


def _select(field, options) -> str:
    """A choice of the filter form as Django's ``Select`` writes it (its
    attributes, the empty choice, what is selected), its options written
    here: the whole country has 342 gemeenten, a template each costs more
    than the rest of the page. ``options``: (key, label) of each choice."""
    widget = field.field.widget
    attrs = {**widget.attrs, **field.build_widget_attrs({}, widget), "id": field.auto_id}
    chosen = field.value()
    chosen = "" if chosen is None else str(chosen)
    options = [("", field.field.empty_label), *((str(pk), label) for pk, label in options)]
    return format_html(
        '<select name="{}"{}>\n{}\n</select>',
        field.html_name,
        flatatt(attrs),
        format_html_join(
            "\n",
            '  <option value="{}"{}>{}</option>',
            ((value, " selected" if value == chosen else "", label) for value, label in options),
        ),
    )


def _input(field) -> str:
    """A text box of the filter form (a date) as its widget writes it."""
    widget = field.field.widget
    attrs = {**widget.attrs, **field.build_widget_attrs({}, widget), "id": field.auto_id}
    value = widget.format_value(field.value())
    if value is not None:
        attrs["value"] = value
    return format_html(
        '<input type="{}" name="{}"{}>', widget.input_type, field.html_name, flatatt(attrs)
    )


def choice_options(form, user) -> dict[str, list[tuple[int, str]]]:
    """The gemeenten and themes the filters offer, (key, label) each: the
    partnership list's prepared choices (one query for both), the fields'
    querysets for the beheerder (all gemeenten)."""
    rows = list_markup.choice_rows(user)
    if rows is not None:
        return {"municipality": rows["municipalities"], "theme": rows["themes"]}
    return {
        name: [(obj.pk, str(obj)) for obj in form.fields[name].queryset]
        for name in ("municipality", "theme")
    }


def filter_controls(form, choices) -> list:
    """(field, its control) of the dashboard's filter form, written here
    rather than by a template per widget and per option: the gemeenten and
    themes as options (``choice_options``), the dates as text boxes."""
    return [
        (field, _select(field, choices[field.name]) if field.name in choices else _input(field))
        for field in form
    ]


@require_GET
def dashboard(request):
    """The start page: where every partnership stands and what needs attention."""
    form = figures.filter_form(request.user, request.GET)
    # Once, for the filter's options and the list of her gemeenten.
    choices = choice_options(form, request.user)
    controls = filter_controls(form, choices)
    html, counted = figures.figures_html(request.user, request.GET, form)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "form": form,
            "controls": controls,
            "municipalities": choices["municipality"],
            "figures": html,
            # The figures themselves when counted for this request (not shown
            # by the page's template, which shows their HTML).
            "dashboard": counted,
            "filter_query": request.GET.urlencode(),
            "heading": _heading(request.user),
        },
    )


@never_cache
@require_GET
def dashboard_pdf(request):
    """The same figures as a one-page overview for the college or the GGD board."""
    today = timezone.localdate()
    user = request.user
    # For the college or the GGD board: in Dutch, whatever the interface language.
    with translation.override("nl"):
        form = figures.filter_form(user, request.GET)
        counted = figures.counted_members(user, form)  # once, for the key and the figures
        # The same figures as the page, and the name of the person who made
        # it; with nothing counted made afresh, as the page's (figures_html).
        pdf = (
            cache.cached_file(
                "dashboard-pdf",
                lambda: [
                    *figures.figures_parts(user, form, counted),
                    user.pk,
                    user.get_full_name(),
                    *_look_parts(look_for_user(user)),
                ],
                lambda: _overview_pdf(request, today, form, counted),
            )
            if counted
            else _overview_pdf(request, today, form, counted)
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="overzicht-samenwerkingen-{today.isoformat()}.pdf"'
    )
    return response


def _look_parts(look) -> list[str]:
    """The user's look in the PDF's cache key: a new look, a new PDF."""
    return [look.digest, look.logo_digest] if look else []


def _overview_pdf(request, today, form, counted) -> bytes:
    look = look_for_user(request.user)  # the officer's gemeente's, the coordinator's region's
    _html, pdf = render_pdf(
        "dashboard/overview_pdf.html",
        {
            "dashboard": figures.build(
                request.user, request.GET, form, for_print=True, counted=counted
            ),
            "heading": _heading(request.user),
            "today": today,
            "user": request.user,
            **pdf_context(look),
        },
        css=pdf_css(look),
    )
    return pdf
