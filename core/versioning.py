"""Content published in numbered versions (the Afwegingskader's questionnaire,
the evaluation instrument): a published version never changes, nor does
anything in it; the beheerder copies it to a draft, edits and publishes that.
Only the English texts of a published version may still be added or
corrected: a translation does not change what was asked
(``core.translations.only_translations_changed``).

The version model inherits ``PublishedOnce``; the models of its parts inherit
``VersionedContent`` and say which version they belong to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .translations import TranslatedContent, only_translations_changed


class PublishedVersionError(ValidationError):
    """A change to a published version or to its content."""


def refuse_change_if_published(version_model, version_id, instance=None) -> None:
    """Raise ``PublishedVersionError`` when version ``version_id`` of
    ``version_model`` is published, except for a save of ``instance`` that
    changes only its English texts."""
    if (
        version_id
        and version_model.objects.filter(pk=version_id, published_at__isnull=False).exists()
        and not (instance is not None and only_translations_changed(instance))
    ):
        raise PublishedVersionError(
            _(
                "Deze versie is gepubliceerd en kan niet meer veranderen. "
                "Maak een nieuwe versie (kopie) en publiceer die."
            )
        )


class PublishedOnce(models.Model):
    """A version with a ``published_at`` field: saved and deleted only while
    it is a draft."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        refuse_change_if_published(type(self), self.pk, self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_change_if_published(type(self), self.pk)
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def publish(self) -> None:
        """Publish this draft (nothing happens to a published version)."""
        if not self.is_published:
            self.published_at = timezone.now()
            self.save()


class VersionedContent(TranslatedContent):
    """A part of a version: it changes only while its version is a draft (its
    English texts also afterwards). A subclass names its version model and
    finds its version's key."""

    version_model: type[PublishedOnce]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        refuse_change_if_published(self.version_model, self.version_id_for_guard(), self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_change_if_published(self.version_model, self.version_id_for_guard())
        return super().delete(*args, **kwargs)

    def version_id_for_guard(self):
        raise NotImplementedError
