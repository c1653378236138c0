"""The header's tools (who is logged in, the language switch) and the main
menu that every page shows, written in Python: the same markup as a
template, without one. They are on every page, and their two dozen
template tags (links, translations, conditions) took more time than most
pages' own content. ``templates/base.html`` places them
(``{% header_tools %}`` and ``{% main_menu %}``, core/templatetags/portal.py).

They read only the request's context: the user, the page's name and app
(for ``aria-current``), the CSRF token, the number of unread notifications
(``accounts.context_processors.notifications``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext, gettext_noop

from .links import remembered_reverse

# The main menu: (address name, label, which pages mark it current). A page
# is current by its URL name ("name") or by its app ("app").
_MENU = (
    ("home", gettext_noop("Dashboard"), ("name", "home")),
    ("partnerships:list", gettext_noop("Samenwerkingen"), ("app", "partnerships")),
    ("assessment:list", gettext_noop("Afwegingen"), ("app", "assessment")),
    ("organisations:list", gettext_noop("Partnerregister"), ("app", "organisations")),
    ("lessons:list", gettext_noop("Geleerde lessen"), ("app", "lessons")),
)

_LINK = (
    '<li class="utrecht-nav-list__item"><a class="utrecht-nav-list__link pps-nav__link" '
    'href="{}"{}>{}{}</a></li>'
)
_CURRENT = mark_safe(' aria-current="page"')


def _link(name: str, label: str, current: bool, after: str = "") -> SafeString:
    """A menu item linking to the page ``name``; ``after``: markup after its label."""
    return format_html(_LINK, remembered_reverse(name), _CURRENT if current else "", label, after)


def _csrf_input(context) -> SafeString:
    """The CSRF token's hidden field, as ``{% csrf_token %}`` writes it."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's word for "no token"
        return mark_safe("")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def header_tools(context) -> SafeString:
    """Who is logged in (her name, role and gemeente or region) and the
    language switch, which returns to this page."""
    request = context["request"]
    user = context.get("user")
    parts = []
    if user is not None and user.is_authenticated:
        role = user.get_role_display()
        organisation = user.organisation_label
        parts.append(
            format_html(
                '<p class="pps-header__user">'
                '<span class="visually-hidden">{}</span> <strong>{}</strong> '
                '<span class="pps-header__role">{}{}</span></p>',
                gettext("Ingelogd als"),
                user.get_full_name() or user.username,
                role,
                format_html(" · {}", organisation) if organisation else "",
            )
        )
    current = get_language()
    options = format_html_join(
        "",
        '<option value="{}" lang="{}"{}>{}</option>',
        (
            (
                code,
                code,
                " selected" if code == current else "",
                capfirst(get_language_info(code)["name_local"]),
            )
            for code, _name in settings.LANGUAGES
        ),
    )
    parts.append(
        format_html(
            '<form action="{}" method="post" class="pps-language-switch">{}'
            '<input type="hidden" name="next" value="{}">'
            '<label for="taalkeuze" class="visually-hidden">{}</label>'
            '<select id="taalkeuze" name="language" '
            'class="utrecht-select utrecht-select--html-select pps-language-switch__select">{}'
            "</select>"
            '<button type="submit" class="utrecht-button utrecht-button--secondary-action '
            'pps-button--on-dark">{}</button></form>',
            remembered_reverse("set_language"),
            _csrf_input(context),
            request.get_full_path(),
            gettext("Taal"),
            options,
            gettext("Wijzig taal"),
        )
    )
    return mark_safe("".join(parts))  # noqa: S308 - each part is built by format_html


def main_menu(context) -> SafeString:
    """The main menu of a logged-in user: the portal's parts, the
    notifications with the unread count, the password and logging out."""
    request = context["request"]
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return mark_safe("")
    match = getattr(request, "resolver_match", None)
    page = {"name": getattr(match, "url_name", None), "app": getattr(match, "app_name", None)}
    links = [
        _link(name, gettext(label), page[kind] == value) for name, label, (kind, value) in _MENU
    ]
    if user.is_staff:
        links.append(_link("admin:index", gettext("Beheer"), False))
    unread = context.get("unread_notifications")
    badge = (
        format_html(
            ' <span class="utrecht-number-badge pps-number-badge">{}'
            '<span class="visually-hidden"> {}</span></span>',
            localize(unread),
            gettext("ongelezen"),
        )
        if unread
        else ""
    )
    return format_html(
        '<nav class="utrecht-nav-bar pps-nav" aria-label="{}"><div class="container">'
        '<details class="pps-menu"><summary class="pps-menu__toggle">{}</summary>'
        '<div class="pps-menu__content">'
        '<ul class="utrecht-nav-list pps-nav__list">{}</ul>'
        '<ul class="utrecht-nav-list pps-nav__list pps-nav__list--end">{}{}'
        '<li class="utrecht-nav-list__item"><form action="{}" method="post">{}'
        '<button type="submit" class="utrecht-link-button utrecht-link-button--html-button '
        'pps-nav__link">{}</button></form></li>'
        "</ul></div></details></div></nav>",
        gettext("Hoofdmenu"),
        gettext("Menu"),
        mark_safe("".join(links)),  # noqa: S308 - each link is built by format_html
        _link("accounts:inbox", gettext("Meldingen"), page["name"] == "inbox", badge),
        _link("password_change", gettext("Wachtwoord wijzigen"), False),
        remembered_reverse("logout"),
        _csrf_input(context),
        gettext("Uitloggen"),
    )
