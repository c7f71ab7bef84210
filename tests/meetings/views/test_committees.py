"""Pages through the test client. A committee's seats and holders. Bad, empty, huge, duplicate
and hostile input, and roles."""

from datetime import date

import pytest
from django.urls import reverse

from meetings.models import Membership
from tests.factories import PersonFactory
from tests.meetings.factories import (
    committee_with_members,
)
from tests.meetings.views.pages import errors

pytestmark = pytest.mark.django_db


def test_seats_and_holders_are_managed_by_democratic_services(editor):
    committee, people = committee_with_members()
    url = reverse("meetings:seat-add", kwargs={"slug": committee.slug})
    assert "Enter the seat&#x27;s title" in errors(
        editor.post(url, {"title": "", "organisation": ""})
    )
    organisation = people[0].organisation
    editor.post(url, {"title": "Chair of Bench", "organisation": organisation.pk})
    seat = committee.seats.get(title="Chair of Bench")
    page = editor.get(committee.get_absolute_url()).content.decode()
    assert "Vacant" in page
    appoint = reverse("meetings:seat-appoint", kwargs={"pk": seat.pk})
    assert "Enter a real date" in errors(
        editor.post(appoint, {"person": people[1].pk, "role": "member", "start_date": "99/99/2016"})
    )
    body = errors(
        editor.post(appoint, {"person": people[1].pk, "role": "member", "start_date": "1/6/2016"})
    )
    assert "already holds another seat" in body
    newcomer = PersonFactory()
    editor.post(appoint, {"person": newcomer.pk, "role": "chair", "start_date": "1/6/2016"})
    assert seat.memberships.get().person == newcomer
    end = reverse("meetings:membership-end", kwargs={"pk": seat.memberships.get().pk})
    assert "cannot end before" in errors(editor.post(end, {"end_date": "1/1/2016"}))


def test_the_committee_page_shows_each_members_term_of_office(client):
    committee, _ = committee_with_members()
    membership = Membership.objects.filter(seat__committee=committee).first()
    membership.end_date = date(2031, 4, 30)
    membership.save()
    page = client.get(committee.get_absolute_url()).content.decode()
    assert f"Since {membership.start_date:%-d %B %Y}, until 30 April 2031" in page
