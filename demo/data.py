"""The demo world: two real GGD regions, their gemeenten and one account per role.

Every demo account has the password ``DEMO_PASSWORD``. Later parts of the
portal add partnerships and assessments to the same ``load_demo`` command.
"""

from django.db import transaction

from accounts.models import Role, User
from regions.models import Municipality, Region

DEMO_PASSWORD = "pps-demo-2026"  # noqa: S105 - published demo password, refused in production

REGIONS = [
    {
        "code": "ijsselland",
        "name": "GGD IJsselland",
        "municipalities": [("Zwolle", "GM0193"), ("Kampen", "GM0166"), ("Hardenberg", "GM0160")],
    },
    {
        "code": "hvb",
        "name": "GGD Hart voor Brabant",
        "municipalities": [("'s-Hertogenbosch", "GM0796"), ("Tilburg", "GM0855")],
    },
]

# username, first name, last name, role, gemeente (CBS code) or region (code)
USERS = [
    ("coordinator.ijsselland", "Ingrid", "Jansen", Role.COORDINATOR, "ijsselland"),
    ("coordinator.hvb", "Hanneke", "van Beek", Role.COORDINATOR, "hvb"),
    ("medewerker.zwolle", "Sanne", "de Vries", Role.OFFICER, "GM0193"),
    ("medewerker.kampen", "Karim", "El Amrani", Role.OFFICER, "GM0166"),
    ("medewerker.denbosch", "Daan", "Bosman", Role.OFFICER, "GM0796"),
    ("beheerder", "Bram", "Hendriks", Role.ADMINISTRATOR, None),
]


@transaction.atomic
def load_regions() -> dict[str, Region]:
    regions = {}
    for spec in REGIONS:
        region, _ = Region.objects.update_or_create(
            code=spec["code"], defaults={"name": spec["name"]}
        )
        regions[region.code] = region
        for name, cbs_code in spec["municipalities"]:
            Municipality.objects.update_or_create(
                cbs_code=cbs_code, defaults={"name": name, "region": region}
            )
    return regions


@transaction.atomic
def load_users() -> list[User]:
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    users = []
    for username, first_name, last_name, role, organisation in USERS:
        fields = {
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.nl",
            "role": role,
            "municipality": municipalities.get(organisation) if role == Role.OFFICER else None,
            "region": regions.get(organisation) if role == Role.COORDINATOR else None,
            "is_staff": role == Role.ADMINISTRATOR,
            "is_superuser": role == Role.ADMINISTRATOR,
            "is_active": True,
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **fields)
            user.set_password(DEMO_PASSWORD)
            user.save()
        else:
            changed = [name for name, value in fields.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, fields[name])
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                changed.append("password")
            if changed:
                user.save()
        users.append(user)
    return users
