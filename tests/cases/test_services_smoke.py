from datetime import date

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.cases import services as s


@pytest.mark.django_db
def test_register_and_answer():
    agency = Agency.objects.create(name="湘潭县司法局", code="xtxsfj")
    app = s.register(agency, s.NewApplication("natural_person", "张三", "2024年法律援助经费", "in_person", date(2025, 1, 20), phone="13800000000"))
    assert app.number == "xtxsfj-2025-0001" and app.received_on == date(2025, 1, 20)
    assert app.due_on == date(2025, 2, 21)
