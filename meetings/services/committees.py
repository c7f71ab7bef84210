"""Writes of the meetings app: a committee's seats and who holds them. Keyword-only and atomic; a
broken rule raises ApplicationError."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max

from meetings.models import (
    Committee,
    Membership,
    Seat,
)
from shp.errors import ApplicationError
from shp.models import Person


@transaction.atomic
def seat_create(
    *,
    committee: Committee,
    title: str,
    organisation,
    is_responsible_authority: bool = False,
) -> Seat:
    """Add a seat to a committee, held on behalf of an organisation."""
    title = title.strip()
    if not title:
        raise ApplicationError("Enter the seat's title", field="title")
    if committee.seats.filter(title__iexact=title).exists():
        raise ApplicationError(f"{committee} already has a seat called {title}", field="title")
    order = (committee.seats.aggregate(last=Max("display_order"))["last"] or 0) + 1
    return Seat.objects.create(
        committee=committee,
        title=title,
        organisation=organisation,
        is_responsible_authority=is_responsible_authority,
        display_order=order,
    )


@transaction.atomic
def membership_appoint(
    *,
    seat: Seat,
    person: Person,
    role: str,
    start_date: date,
    substitutes=(),
) -> Membership:
    """Give a seat a new holder from ``start_date``; the previous holder's term ends the day
    before, and the seat itself carries on."""
    if role not in Membership.Role.values:
        raise ApplicationError("Choose the member's role", field="role")
    Seat.objects.select_for_update().get(pk=seat.pk)
    later = seat.memberships.filter(start_date__gte=start_date)
    if later.exists():
        raise ApplicationError(
            f"The seat already has a holder from {later.first().start_date:%-d %B %Y}: the new "
            "holder must start after that",
            field="start_date",
        )
    elsewhere = (
        Membership.objects.current_on(start_date)
        .filter(seat__committee=seat.committee, person=person)
        .exclude(seat=seat)
    )
    if elsewhere.exists():
        raise ApplicationError(
            f"{person} already holds another seat on {seat.committee} on that date",
            field="person",
        )
    substitutes = list(substitutes)
    if any(sub.pk == person.pk for sub in substitutes):
        raise ApplicationError("A member cannot be their own substitute", field="substitutes")
    for current in seat.memberships.filter(end_date__isnull=True) | seat.memberships.filter(
        end_date__gte=start_date
    ):
        current.end_date = start_date - timedelta(days=1)
        current.save()
    membership = Membership.objects.create(
        seat=seat, person=person, role=role, start_date=start_date
    )
    membership.substitutes.set(substitutes)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: date) -> Membership:
    """End a holder's term; the seat stays, vacant until someone is appointed."""
    if end_date < membership.start_date:
        raise ApplicationError(
            f"The term cannot end before it began on {membership.start_date:%-d %B %Y}",
            field="end_date",
        )
    membership.end_date = end_date
    membership.save()
    return membership
