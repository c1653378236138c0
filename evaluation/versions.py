"""New versions of the evaluation instrument: a published version is copied
as a draft, edited in the admin and published; a published one never changes
(the models refuse it) and a round keeps the version it was started with."""

from django.db import transaction
from django.db.models import Max

from core.translations import translated_values

from .models import Category, InstrumentVersion, OpenQuestion, Statement


@transaction.atomic
def copy_version(version: InstrumentVersion) -> InstrumentVersion:
    number = (InstrumentVersion.objects.aggregate(Max("number"))["number__max"] or 0) + 1
    draft = InstrumentVersion.objects.create(
        number=number,
        **translated_values(version),
        notes=f"Kopie van versie {version.number}.",
        strong_from=version.strong_from,
        attention_from=version.attention_from,
        difference_from=version.difference_from,
    )
    for category in version.categories.prefetch_related("statements"):
        category_copy = Category.objects.create(
            version=draft,
            code=category.code,
            **translated_values(category),
            order=category.order,
        )
        for statement in category.statements.all():
            Statement.objects.create(
                category=category_copy,
                code=statement.code,
                **translated_values(statement),
                order=statement.order,
            )
    for question in version.open_questions.all():
        OpenQuestion.objects.create(
            version=draft, code=question.code, **translated_values(question), order=question.order
        )
    return draft


def unpublishable(version: InstrumentVersion) -> str:
    """Why ``version`` cannot be published (empty when it can): a round needs
    statements to answer, in every category."""
    from django.utils.translation import gettext as _

    categories = list(version.categories.prefetch_related("statements"))
    if not categories or any(not c.statements.all() for c in categories):
        return _(
            "Versie %(number)s is niet gepubliceerd: elke categorie heeft ten minste één "
            "stelling nodig, en er is ten minste één categorie."
        ) % {"number": version.number}
    return ""
