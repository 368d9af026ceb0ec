"""The first-run sample county has staff in every role and applications in every state."""
import pytest

from zfxxgk.agencies.models import Membership
from zfxxgk.cases.choices import State
from zfxxgk.cases.models import Application
from zfxxgk.site.sample import load_sample


@pytest.mark.django_db
def test_sample_covers_every_state_and_role():
    logins = load_sample()
    assert {u for u, _, _ in logins} >= {"admin", "jiandu", "xtxsfj-jb", "xtxsfj-fzr", "xtxsfj-ld"}
    assert all(len(p) >= 12 for _, p, _ in logins)
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    assert Membership.objects.filter(role="supervisor").count() == 1
    from zfxxgk.cases.services import today

    assert Application.objects.exclude(state=State.CLOSED).filter(due_on__lt=today()).exists()  # an overdue case
