"""The figures members were given in their packs (each pack version keeps what its generated
appendices printed). The app whose figures they are says which have been revised since: it
registers how in its ``AppConfig.ready``, so the meetings app knows nothing of figures."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from meetings.models import PackVersion

_REVISION_SOURCES: list[Callable] = []


@dataclass(frozen=True)
class PrintedPack:
    label: str  # "the pack of 17 June 2016"
    url: str
    rows: list[dict]


def revisions_source_register(source: Callable) -> None:
    """``source(rows, document=…)`` returns the printed rows revised since (objects with name,
    area, period, was, now)."""
    if source not in _REVISION_SOURCES:
        _REVISION_SOURCES.append(source)


def members_packs_printed() -> list[PrintedPack]:
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
            PrintedPack(
                label=f"the pack of {version.meeting.date:%-d %B %Y}",
                url=reverse("meetings:pack-list", kwargs={"pk": version.meeting_id}),
                rows=version.figures,
            )
        )
    return documents


def pack_revisions(version: PackVersion) -> list:
    """The figures this pack printed that have been revised since."""
    document = f"this pack ({version.created_at:%-d %B %Y})"
    return [r for source in _REVISION_SOURCES for r in source(version.figures, document=document)]
