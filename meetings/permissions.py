"""Who may see which paper (DESIGN.md, "Who sees what"), written once for every surface:
meeting and agenda pages, reports and appendices, minutes, decisions and actions, the feeds and
the packs.

- Published, non-exempt papers are public; so are minutes once confirmed or published as a
  draft subject to confirmation, and decisions once their notice is published.
- An exempt item (Schedule 12A) shows the public only its number, public title and paragraph.
  Its substance — report, appendices, minute, decisions and actions — is for the committee's
  members (seat holders on the meeting's date and their named substitutes), democratic services,
  the performance lead, administrators and the officers named as the report's authors; every
  other signed-in partner sees what the public sees.
- The members' pack is for the committee's members, democratic services, the performance lead
  and administrators.
"""

from django.db.models import Q

from meetings.models import AgendaItem, Meeting, Membership
from shp.permissions import user_roles
from shp.roles import ALL_PAPERS_ROLES, MEETING_EDITOR_ROLES


def may_edit(user) -> bool:
    """Democratic services and administrators run meetings, and see every paper."""
    return bool(user_roles(user) & MEETING_EDITOR_ROLES)


def _person_id(user):
    if not user.is_authenticated:
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def sits_on(user, meeting: Meeting) -> bool:
    """A seat holder of the meeting's committee on its date, or a named substitute of one."""
    person_id = _person_id(user)
    if person_id is None or not user_roles(user):
        return False
    cache = getattr(user, "_shp_sits_on", None)
    if cache is None:
        cache = user._shp_sits_on = {}
    key = (meeting.committee_id, meeting.date)
    if key not in cache:
        cache[key] = (
            Membership.objects.current_on(meeting.date)
            .filter(seat__committee_id=meeting.committee_id)
            .filter(Q(person_id=person_id) | Q(substitutes__id=person_id))
            .exists()
        )
    return cache[key]


def is_author(user, item: AgendaItem) -> bool:
    """An officer named as one of the item's report's authors or contacts."""
    person_id = _person_id(user)
    report = getattr(item, "report", None)
    if person_id is None or report is None or not user_roles(user):
        return False
    return report.authors.filter(pk=person_id).exists()


def reads_all_papers(user) -> bool:
    """Democratic services, the performance lead and administrators read every paper."""
    return bool(user_roles(user) & ALL_PAPERS_ROLES)


def may_read_exempt(user, item: AgendaItem) -> bool:
    """Whether the user may read the substance of an exempt item."""
    if reads_all_papers(user):
        return True
    return sits_on(user, item.meeting) or is_author(user, item)


def item_public(meeting: Meeting) -> bool:
    """Whether a meeting's agenda and papers are out (published and not cancelled)."""
    return meeting.is_published and meeting.status != Meeting.Status.CANCELLED


def item_substance_visible(user, item: AgendaItem) -> bool:
    """Whether the user may read the item's report and appendices (not only its title)."""
    if may_edit(user):
        return True
    if not item_public(item.meeting):
        return False
    return not item.is_exempt or may_read_exempt(user, item)


def minute_visible(user, minute) -> bool:
    """A minute (and its decisions and actions) of an exempt item is for those entitled."""
    item = minute.item
    return item is None or not item.is_exempt or may_read_exempt(user, item)


def actions_visible(user, actions) -> list:
    """The actions the user may see: none recorded under an exempt item they may not read."""
    return [a for a in actions if minute_visible(user, a.decision.minute)]


def may_read_members_pack(user, meeting: Meeting) -> bool:
    """The members' pack: the committee's members, and those who read every paper."""
    return reads_all_papers(user) or sits_on(user, meeting)


def may_read_draft_minutes(user) -> bool:
    """Partnership roles read minutes before they are confirmed (exempt ones still filtered)."""
    return bool(user_roles(user))


def public_minutes_q(prefix: str = "") -> Q:
    """Meetings whose minutes the public reads — confirmed, or drafts published as subject to
    confirmation — as a filter (``prefix`` leads to a Meeting)."""
    return Q(**{f"{prefix}status": Meeting.Status.MINUTES_CONFIRMED}) | Q(
        **{f"{prefix}draft_minutes_published_at__isnull": False}
    )


def public_decisions_q(prefix: str = "") -> Q:
    """Meetings whose decisions the public reads: public minutes or a published notice."""
    return public_minutes_q(prefix) | Q(**{f"{prefix}decisions_published_at__isnull": False})


def open_item_q(prefix: str = "") -> Q:
    """Rows not recorded under an exempt item (``prefix`` leads to an AgendaItem or none)."""
    return Q(**{f"{prefix}isnull": True}) | Q(**{f"{prefix}exempt_paragraph__isnull": True})
