# core holds no models of its own: the counter that tells when cached figures
# are stale is ``Partnership.revision`` (partnerships/revision.py).
