"""Which organisations of the partner register a user may see and change.

Everyone in a GGD region shares its register (officers of its gemeenten and
its coordinators); the beheerder sees every region's. An outsider gets a 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import scope_for


class OrganisationQuerySet(QuerySet):
    def visible_to(self, user) -> OrganisationQuerySet:
        """The register of the user's own region."""
        scope = scope_for(user)
        if scope.kind == "all":
            return self
        region_id = user.home_region.pk if scope.kind != "none" and user.home_region else None
        if region_id is None:
            return self.none()
        return self.filter(region_id=region_id)


def can_edit_organisations(user) -> bool:
    """Officers and coordinators keep their region's register up to date."""
    return scope_for(user).kind in {"municipality", "region"}


def get_organisation_for_user(user, pk, *, edit=False):
    from .models import Organisation

    organisation = get_object_or_404(Organisation.objects.visible_to(user), pk=pk)
    if edit and not can_edit_organisations(user):
        raise PermissionDenied
    return organisation
