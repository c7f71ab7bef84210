"""The figures members were given in their packs, for "revised since the pack of …"."""

from django.urls import reverse

from indicators.snapshots import PrintedDocument, revisions
from meetings.models import PackVersion


def members_packs_printed() -> list[PrintedDocument]:
    """The latest members' pack of each meeting that printed figures, newest meeting first."""
    seen, documents = set(), []
    versions = (
        PackVersion.objects.filter(variant=PackVersion.Variant.MEMBERS)
        .exclude(figures=[])
        .select_related("meeting")
        .order_by("-meeting__date", "-created_at")
    )
    for version in versions:
        if version.meeting_id in seen:
            continue
        seen.add(version.meeting_id)
        documents.append(
            PrintedDocument(
                label=f"the pack of {version.meeting.date:%-d %B %Y}",
                url=reverse("meetings:pack-list", kwargs={"pk": version.meeting_id}),
                rows=version.figures,
            )
        )
    return documents


def pack_revisions(version: PackVersion) -> list:
    """The figures this pack printed that have been revised since."""
    return revisions(version.figures, document=f"this pack ({version.created_at:%-d %B %Y})")
