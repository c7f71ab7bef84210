"""Services of the meetings app: attendance, substitutes and declarations."""

import pytest

from meetings import selectors, services
from meetings.models import Attendance, Membership
from shp.errors import ApplicationError
from tests.factories import PersonFactory
from tests.meetings.factories import (
    committee_with_members,
    published_meeting,
)

pytestmark = pytest.mark.django_db


def name_as_substitute(committee, member, person):
    Membership.objects.get(seat__committee=committee, person=member).substitutes.add(person)


def test_only_a_named_substitute_unless_a_reason_is_recorded():
    committee, (chair, member, _other) = committee_with_members()
    meeting, _ = published_meeting(committee)
    stranger = PersonFactory(organisation=member.organisation)
    with pytest.raises(ApplicationError, match="not a named substitute") as raised:
        services.attendance_record(
            meeting=meeting, person=stranger, status="substitute", substitute_for=member
        )
    assert raised.value.field == "substitute_reason"
    assert not meeting.attendance.exists()
    record = services.attendance_record(
        meeting=meeting,
        person=stranger,
        status="substitute",
        substitute_for=member,
        substitute_reason="The named substitute was ill; the chair accepted a colleague.",
    )
    assert record.substitute_reason.startswith("The named substitute was ill")
    named = PersonFactory(organisation=member.organisation)
    name_as_substitute(committee, member, named)
    services.attendance_record(meeting=meeting, person=stranger, status="also_present")
    record = services.attendance_record(
        meeting=meeting,
        person=named,
        status="substitute",
        substitute_for=member,
        substitute_reason="Not needed",
    )
    assert record.substitute_reason == ""  # a named substitute needs no reason


def test_attendance_with_a_substitute_records_the_members_apologies():
    committee, (chair, member, other) = committee_with_members()
    meeting, _ = published_meeting(committee)
    stand_in = PersonFactory(organisation=member.organisation)
    name_as_substitute(committee, member, stand_in)
    services.attendance_record(meeting=meeting, person=chair, status="present", in_the_chair=True)
    services.attendance_record(
        meeting=meeting, person=stand_in, status="substitute", substitute_for=member
    )
    assert meeting.attendance.get(person=member).status == Attendance.Status.APOLOGIES
    summary = selectors.attendance_summary(meeting=meeting)
    assert summary.every_authority_represented
    outsider = PersonFactory()
    with pytest.raises(ApplicationError, match="is not a member"):
        services.attendance_record(
            meeting=meeting, person=PersonFactory(), status="substitute", substitute_for=outsider
        )
    with pytest.raises(ApplicationError, match="also present"):
        services.attendance_record(meeting=meeting, person=outsider, status="present")
    services.attendance_record(meeting=meeting, person=outsider, status="also_present")
    assert meeting.attendance.count() == 4


def test_a_substitute_only_for_a_member_who_is_not_there():
    committee, (chair, member, _other) = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.attendance_record(meeting=meeting, person=chair, status="present")
    stand_in = PersonFactory(organisation=chair.organisation)
    with pytest.raises(ApplicationError, match="recorded as present, so nobody can substitute"):
        services.attendance_record(
            meeting=meeting, person=stand_in, status="substitute", substitute_for=chair
        )
    assert not meeting.attendance.filter(person=stand_in).exists()
    services.attendance_record(meeting=meeting, person=member, status="absent")
    name_as_substitute(committee, member, stand_in)
    services.attendance_record(
        meeting=meeting, person=stand_in, status="substitute", substitute_for=member
    )
    with pytest.raises(ApplicationError, match="remove the substitute before recording"):
        services.attendance_record(meeting=meeting, person=member, status="present")
    assert meeting.attendance.get(person=member).status == Attendance.Status.ABSENT


def test_an_unrepresented_responsible_authority_is_shown():
    committee, (chair, member, _) = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.attendance_record(meeting=meeting, person=chair, status="apologies")
    assert not selectors.attendance_summary(meeting=meeting).every_authority_represented


def test_declarations_are_once_per_person_and_item():
    committee, (chair, *_) = committee_with_members()
    meeting, item = published_meeting(committee)
    services.declaration_record(
        meeting=meeting,
        item=item,
        person=chair,
        nature="personal",
        description="Police and Crime Panel",
    )
    with pytest.raises(ApplicationError, match="already declared"):
        services.declaration_record(
            meeting=meeting, item=item, person=chair, nature="personal", description="Again"
        )
