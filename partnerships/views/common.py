"""Small helpers shared by the views of the partnerships app."""

from django.shortcuts import render

from partnerships.querysets import get_partnership_for_user, with_related

# A partnership's own pages (goals, agreements, activities, its phase …):
# the partnership with its phase, lead gemeente and region, and theme.
SUB_PAGES = with_related("phase", "lead_municipality", "lead_municipality__region", "theme")


def load_partnership(request, pk, *, edit=False):
    return get_partnership_for_user(request.user, pk, edit=edit, records=SUB_PAGES)


def form_page(request, partnership, form, title, *, cancel_url=None, status=None, **extra):
    """One form on a page of its own, under the partnership's name."""
    context = {
        "title": title,
        "form": form,
        "cancel_url": cancel_url or partnership.get_absolute_url(),
        "breadcrumb_url": partnership.get_absolute_url(),
        "breadcrumb_label": partnership.name,
        **extra,
    }
    # A save refused because someone else saved first answers 409 Conflict.
    status = status or (409 if getattr(form, "conflict", None) else 200)
    return render(request, "includes/form_page.html", context, status=status)


def confirm_delete(request, partnership, title, label, *, cancel_url=None, warning=""):
    return render(
        request,
        "includes/confirm_delete.html",
        {
            "title": title,
            "object_label": label,
            "cancel_url": cancel_url or partnership.get_absolute_url(),
            "warning": warning,
        },
    )
