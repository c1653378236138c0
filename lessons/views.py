"""The region's lessons: search and read (every user of the region), write
and change (the lead gemeente's officers)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core.concurrency import save_if_current
from core.forms import active_filters
from core.history import history_entries
from partnerships.models import Partnership
from partnerships.querysets import get_partnership_for_user

from .forms import LessonForm, LessonSearchForm
from .models import Lesson
from .querysets import can_write_lessons, get_lesson_for_user, is_lead_officer
from .search import search

PAGE_SIZE = 20

app_name = "lessons"


def _bound(request):
    """POST data when the form was sent (even an empty form), else None."""
    return request.POST if request.method == "POST" else None


def lesson_list(request):
    """Search the region's lessons (a fixed number of queries: the page's
    lessons with partnership, theme and gemeente joined, their phases, the
    count, and the choices of the filters)."""
    form = LessonSearchForm(request.GET or None)
    lessons = Lesson.objects.visible_to(request.user).select_related(
        "partnership__theme", "partnership__lead_municipality"
    )
    if form.is_valid():
        lessons = search(
            lessons,
            q=form.cleaned_data["q"],
            theme=form.cleaned_data["theme"],
            phase=form.cleaned_data["phase"],
        )
    page = Paginator(lessons.prefetch_related("phases").order_by("-created_at", "-pk"), PAGE_SIZE)
    page = page.get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "lessons/lesson_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "active_filters": active_filters(form),
        },
    )


def lesson_detail(request, pk):
    lesson = get_lesson_for_user(request.user, pk)
    partnership = lesson.partnership
    return render(
        request,
        "lessons/lesson_detail.html",
        {
            "lesson": lesson,
            "phases": list(lesson.phases.order_by("number")),
            # Readers of the whole region may not open every partnership.
            "partnership_url": (
                partnership.get_absolute_url()
                if Partnership.objects.visible_to(request.user).filter(pk=partnership.pk).exists()
                else ""
            ),
            "can_edit": is_lead_officer(request.user, partnership),
            "history": history_entries(lesson),
        },
    )


def _form_page(request, form, title, cancel_url, *, partnership, status=None):
    return render(
        request,
        "includes/form_page.html",
        {
            "title": title,
            "form": form,
            "cancel_url": cancel_url,
            "breadcrumb_url": cancel_url,
            "breadcrumb_label": partnership.name,
            "intro": _(
                "Wat u hier schrijft, kan iedereen in de regio lezen en vinden: de "
                "beleidsmedewerkers van alle gemeenten en de GGD-coördinator. Schrijf dus "
                "zonder namen van personen."
            ),
        },
        status=status or (409 if form.conflict else 200),
    )


def lesson_add(request, pk):
    partnership = get_partnership_for_user(
        request.user, pk, queryset=Partnership.objects.select_related("phase")
    )
    if not can_write_lessons(request.user, partnership):
        raise PermissionDenied
    form = LessonForm(_bound(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            lesson = form.save(commit=False)
            lesson.author = request.user
            lesson.save()  # ticks "lessen vastgelegd" (receivers)
            form.save_m2m()
        messages.success(request, _("De les is vastgelegd. De hele regio kan haar nu vinden."))
        return redirect(lesson)
    return _form_page(
        request,
        form,
        _("Geleerde les vastleggen"),
        partnership.get_absolute_url(),
        partnership=partnership,
    )


def lesson_edit(request, pk):
    lesson = get_lesson_for_user(request.user, pk, edit=True)
    form = LessonForm(_bound(request), instance=lesson, partnership=lesson.partnership)

    def save():
        form.save()

    if request.method == "POST" and form.is_valid() and save_if_current(form, save):
        messages.success(request, _("De les is opgeslagen."))
        return redirect(lesson)
    return _form_page(
        request,
        form,
        _("Geleerde les bewerken"),
        lesson.get_absolute_url(),
        partnership=lesson.partnership,
    )


def lesson_delete(request, pk):
    lesson = get_lesson_for_user(request.user, pk, edit=True)
    if request.method == "POST":
        partnership = lesson.partnership
        lesson.delete()  # the last one unticks "lessen vastgelegd" (receivers)
        messages.success(request, _("De les is verwijderd."))
        if Partnership.objects.visible_to(request.user).filter(pk=partnership.pk).exists():
            return redirect(partnership)
        return redirect("lessons:list")
    return render(
        request,
        "includes/confirm_delete.html",
        {
            "title": _("Geleerde les verwijderen"),
            "object_label": lesson.title,
            "cancel_url": lesson.get_absolute_url(),
            "warning": _("De les verdwijnt dan ook uit het geheugen van de regio."),
        },
    )


urlpatterns = [
    path("lessen/", lesson_list, name="list"),
    path("lessen/<int:pk>/", lesson_detail, name="detail"),
    path("lessen/<int:pk>/bewerken/", lesson_edit, name="edit"),
    path("lessen/<int:pk>/verwijderen/", lesson_delete, name="delete"),
    path("samenwerkingen/<int:pk>/lessen/nieuw/", lesson_add, name="add"),
]
