"""Services of the meetings app: seats and their holders."""

from datetime import date

import pytest

from meetings import selectors, services
from shp.errors import ApplicationError
from tests.factories import PersonFactory
from tests.meetings.factories import (
    committee_with_members,
)

pytestmark = pytest.mark.django_db


def test_a_seat_survives_a_change_of_holder():
    committee, (chair, member, _) = committee_with_members()
    seat = member.memberships.get().seat
    newcomer = PersonFactory()
    services.membership_appoint(
        seat=seat, person=newcomer, role="member", start_date=date(2016, 5, 20), substitutes=[chair]
    )
    old = member.memberships.get()
    assert old.end_date == date(2016, 5, 19) and old.seat == seat
    holders = dict(selectors.committee_seats(committee=committee, day=date(2016, 6, 1)))
    assert holders[seat].person == newcomer
    assert list(holders[seat].substitutes.all()) == [chair]
    with pytest.raises(ApplicationError, match="must start after"):
        services.membership_appoint(
            seat=seat, person=PersonFactory(), role="member", start_date=date(2016, 5, 1)
        )
    with pytest.raises(ApplicationError, match="another seat"):
        services.membership_appoint(
            seat=seat, person=chair, role="member", start_date=date(2016, 7, 1)
        )
    services.membership_end(membership=holders[seat], end_date=date(2016, 12, 31))
    holders = dict(selectors.committee_seats(committee=committee, day=date(2017, 1, 1)))
    assert holders[seat] is None and seat.pk
    with pytest.raises(ApplicationError, match="already has a seat"):
        services.seat_create(
            committee=committee, title=seat.title.upper(), organisation=seat.organisation
        )
