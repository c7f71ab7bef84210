"""Reads of the partnership core shared by views, the navigation and the home page."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from shp.models import Job, Organisation, Person
from shp.navigation import NAVIGATION
from shp.permissions import PUBLIC, SIGNED_IN, user_roles
from shp.roles import Role


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class HomeTask:
    heading: str
    description: str
    links: tuple[Link, ...]


def _may_see(roles: frozenset[Role], is_authenticated: bool, access) -> bool:
    if access == PUBLIC:
        return True
    if access == SIGNED_IN:
        return is_authenticated
    return bool(roles & access)


def navigation_for(*, user, path: str) -> list[Link]:
    """The header links this user may follow, the current one marked."""
    roles = user_roles(user)
    links = []
    for item in NAVIGATION:
        if not _may_see(roles, user.is_authenticated, item.access):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        links.append(Link(item.label, url, current))
    return links


def home_tasks_for(*, user) -> list[HomeTask]:
    """What each of the user's roles comes here to do, in the order roles are listed."""
    roles = user_roles(user)
    person = getattr(user, "person", None) if user.is_authenticated else None
    tasks: list[HomeTask] = []
    if Role.OFFICER in roles:
        links = [
            Link("Enter quarterly figures", reverse("indicators:quarter-list")),
            Link("Update your strategy actions", reverse("strategies:plan-list")),
        ]
        if person is not None:
            links.append(
                Link(f"{person.organisation.name}", person.organisation.get_absolute_url())
            )
        tasks.append(
            HomeTask(
                "Performance officer",
                "You enter your organisation's quarterly figures and fix what the checks flag.",
                tuple(links),
            )
        )
    if Role.PERFORMANCE_LEAD in roles:
        tasks.append(
            HomeTask(
                "Performance lead",
                "You approve and lock each quarter and follow the jobs that recompute comparisons.",
                (
                    Link(
                        "Quarterly figures: who has submitted", reverse("indicators:quarter-list")
                    ),
                    Link("Upload a file of figures", reverse("indicators:upload")),
                    Link("Strategies and action plans", reverse("strategies:plan-list")),
                    Link("Background jobs", reverse("shp:job-list")),
                ),
            )
        )
    if Role.MEMBER in roles:
        tasks.append(
            HomeTask(
                "Partnership member",
                "You read the papers and the performance dashboard before each meeting.",
                (
                    Link("Performance dashboard", reverse("indicators:dashboard")),
                    Link("Meetings and papers", reverse("meetings:meeting-list")),
                    Link("Strategies: progress on each action", reverse("strategies:plan-list")),
                    Link("Partner organisations", reverse("shp:organisation-list")),
                ),
            )
        )
    if Role.DEMOCRATIC_SERVICES in roles:
        tasks.append(
            HomeTask(
                "Democratic services",
                "You build agendas, publish agenda packs and record minutes and decisions.",
                (
                    Link("Meetings and agendas", reverse("meetings:meeting-list")),
                    Link("Schedule a meeting", reverse("meetings:meeting-create")),
                    Link("Action log", reverse("meetings:action-list")),
                    Link("Partner organisations and people", reverse("shp:organisation-list")),
                    Link("Background jobs", reverse("shp:job-list")),
                ),
            )
        )
    if Role.ADMINISTRATOR in roles:
        tasks.append(
            HomeTask(
                "Administrator",
                "You manage user accounts, roles, the partnership's organisations and its set-up.",
                (
                    Link("The partnership and its set-up", reverse("shp:partnership")),
                    Link("Users and roles", reverse("admin:shp_user_changelist")),
                    Link("Organisations", reverse("admin:shp_organisation_changelist")),
                    Link("Background jobs", reverse("shp:job-list")),
                ),
            )
        )
    return tasks


def organisation_list() -> QuerySet[Organisation]:
    """Active partner organisations with the number of people each has."""
    return Organisation.objects.active().order_by("name")


def organisation_detail_queryset() -> QuerySet[Organisation]:
    """Organisations with their active people loaded in one more query."""
    return Organisation.objects.active().prefetch_related(
        Prefetch("people", queryset=Person.objects.active().order_by("name"))
    )


def job_list_for(*, user, limit: int = 20) -> QuerySet[Job]:
    """The user's most recent background jobs."""
    return Job.objects.for_user(user).select_related("created_by")[:limit]
