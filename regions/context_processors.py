from .branding import look_for_user


def brand(request):
    """``brand``: the look of the user's gemeente or region (``None``: the
    portal's own). No query for a user loaded by ``PortalBackend``, which
    brings the looks with the user; a page that sets ``brand`` itself (an
    evaluation answered by link) keeps its own."""
    return {"brand": look_for_user(getattr(request, "user", None))}
