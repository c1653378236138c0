"""load_demo: the demo world, idempotent, refused in production."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from demo.data import DEMO_PASSWORD
from regions.models import Municipality, Region


def test_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="productieomgeving"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_loads_regions_gemeenten_and_accounts_and_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "medewerker.zwolle" in out and DEMO_PASSWORD in out

    assert Region.objects.count() == 2
    assert set(
        Municipality.objects.filter(region__code="ijsselland").values_list("name", flat=True)
    ) == {"Zwolle", "Kampen", "Hardenberg"}
    assert set(Municipality.objects.filter(region__code="hvb").values_list("name", flat=True)) == {
        "'s-Hertogenbosch",
        "Tilburg",
    }
    assert User.objects.count() == 6
    zwolle = User.objects.get(username="medewerker.zwolle")
    assert zwolle.role == Role.OFFICER and zwolle.municipality.name == "Zwolle"
    assert zwolle.check_password(DEMO_PASSWORD)
    coordinator = User.objects.get(username="coordinator.hvb")
    assert coordinator.role == Role.COORDINATOR and coordinator.region.code == "hvb"
    beheerder = User.objects.get(username="beheerder")
    assert beheerder.is_staff and beheerder.role == Role.ADMINISTRATOR


def test_force_loads_even_when_debug_is_off(db, settings):
    settings.DEBUG = False
    call_command("load_demo", "--force")
    assert User.objects.filter(username="coordinator.ijsselland").exists()
