from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Notification


def unread_count():
    """The number of unread notifications of the user row (a subquery)."""
    return Coalesce(
        Subquery(
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


class PortalBackend(ModelBackend):
    """The standard backend, but the user of every request comes with their
    gemeente and region (the header shows both), their looks (huisstijl) and the number of unread
    notifications (the header's count) in the same query."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = (
                user_model._default_manager.select_related(
                    "municipality__region",
                    "region",
                    # The look of the header (regions.context_processors.brand).
                    "municipality__branding",
                    "municipality__region__branding",
                    "region__branding",
                )
                .annotate(unread_notifications=unread_count())
                .get(pk=user_id)
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
