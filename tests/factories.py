"""factory_boy factories for the test suite."""

import factory

from accounts.models import Role, User
from regions.models import Municipality, Region

TEST_PASSWORD = "een-test-wachtwoord-2026"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"GGD Regio {n}")
    code = factory.Sequence(lambda n: f"regio-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{n % 10000:04d}")
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    role = Role.OFFICER
    municipality = factory.SubFactory(MunicipalityFactory)
    region = None

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class OfficerFactory(UserFactory):
    role = Role.OFFICER


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
    municipality = None
    region = factory.SubFactory(RegionFactory)


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR
    municipality = None
    region = None
    is_staff = True
    is_superuser = True
