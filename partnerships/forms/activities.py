from .agreements import ActivityForm

__all__ = ["ActivityForm"]
