"""Pages through the test client. Who may edit: democratic services and administrators only. Bad,
empty, huge, duplicate and hostile input, and roles."""

from datetime import date

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from shp.roles import Role
from tests.meetings.factories import (
    committee_with_members,
    published_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.OFFICER, Role.PERFORMANCE_LEAD])
def test_only_democratic_services_and_administrators_edit(client, role_user, role):
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee)
    if role is not None:
        client.force_login(role_user(role))
    response = client.post(
        reverse("meetings:item-add", kwargs={"pk": meeting.pk}),
        {"section": "urgent", "title": "Sneaky", "urgency_reason": "x"},
    )
    assert response.status_code == (302 if role is None else 403)
    assert not AgendaItem.objects.filter(title="Sneaky").exists()
    response = client.post(
        reverse("meetings:meeting-status", kwargs={"pk": meeting.pk}), {"status": "cancelled"}
    )
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.AGENDA_PUBLISHED


def test_an_administrator_may_edit(client, role_user):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, day=date(2024, 6, 14))
    client.force_login(role_user(Role.ADMINISTRATOR))
    client.post(reverse("meetings:meeting-status", kwargs={"pk": meeting.pk}), {"status": "held"})
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD


def test_a_meeting_still_to_come_cannot_be_marked_held(client, role_user):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, day=date(2030, 6, 14))
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    response = client.post(
        reverse("meetings:meeting-status", kwargs={"pk": meeting.pk}),
        {"status": "held"},
        follow=True,
    )
    assert "which has not come yet" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.AGENDA_PUBLISHED
