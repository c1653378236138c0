from django.utils.functional import SimpleLazyObject


def notifications(request):
    """``unread_notifications``: the header's count. The user of a request
    comes with it (accounts.backends.PortalBackend); counted here only when
    she came another way, and only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        if hasattr(user, "unread_notifications"):
            return user.unread_notifications
        return user.notifications.filter(read_at__isnull=True).count()

    return {"unread_notifications": SimpleLazyObject(count)}
