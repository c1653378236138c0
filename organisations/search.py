"""Finding an organisation in the partner register: by name, KvK number or
place, a bounded number of results, for the list and the organisation picker
(the add-partner form and its live search)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A picker shows at most this many organisations; more means "search further".
MAX_RESULTS = 25
# A query is cut to this length and this many words: each word is one condition.
MAX_QUERY_LENGTH = 100
MAX_WORDS = 5

KVK_SEPARATORS = re.compile(r"[\s.]+")


def normalise_kvk(value: str) -> str:
    """A KvK number as typed (``1234 5678``, ``12.34.56.78``) without its
    spaces and dots; whatever else was typed stays, for the check to refuse."""
    return KVK_SEPARATORS.sub("", value or "")


def search(queryset: QuerySet, query: str) -> QuerySet:
    """The organisations of ``queryset`` matching ``query``: a KvK number (or
    its start) typed with or without spaces and dots, or words that each occur
    in the name or the place (any case)."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return queryset
    digits = normalise_kvk(query)
    if digits.isdigit():
        return queryset.filter(Q(kvk_number__startswith=digits) | Q(name__icontains=query))
    for word in query.split()[:MAX_WORDS]:
        queryset = queryset.filter(Q(name__icontains=word) | Q(city__icontains=word))
    return queryset


@dataclass
class Found:
    """What a picker shows: the first ``MAX_RESULTS`` organisations found and
    whether there are more (one query: one row more than shown is fetched)."""

    organisations: list
    more: bool

    @property
    def status(self) -> str:
        """The number found, in words, for the page and for screen readers."""
        count = len(self.organisations)
        if self.more:
            return _(
                "Meer dan %(count)s organisaties gevonden; de eerste %(count)s staan in de lijst. "
                "Zoek verder om de keuze te verkleinen."
            ) % {"count": count}
        if not count:
            return _("Geen organisatie gevonden.")
        return ngettext(
            "%(count)s organisatie gevonden.", "%(count)s organisaties gevonden.", count
        ) % {"count": count}


def find(queryset: QuerySet, query: str, limit: int = MAX_RESULTS) -> Found:
    rows = list(
        search(queryset, query)
        .only("pk", "name", "sector", "city", "kvk_number")
        .order_by("name", "pk")[: limit + 1]
    )
    return Found(rows[:limit], len(rows) > limit)


def option_label(organisation) -> str:
    """An organisation as a picker lists it: name, sector, place and KvK number."""
    parts = [organisation.name, organisation.get_sector_display()]
    if organisation.city:
        parts.append(organisation.city)
    if organisation.kvk_number:
        parts.append(_("KvK %(number)s") % {"number": organisation.kvk_number})
    return " · ".join(parts)
