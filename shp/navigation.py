"""Service navigation: which links each role sees in the header, declared in one place."""

from dataclasses import dataclass

from shp.permissions import PUBLIC, SIGNED_IN
from shp.roles import (
    ADMINISTRATOR_ROLES,
    JOB_RUNNER_ROLES,
    PERFORMANCE_LEAD_ROLES,
    SIGNED_IN_ROLES,
    STAFF_ROLES,
    Role,
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    access: str | frozenset[Role]


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "home", PUBLIC),
    NavItem("Partners", "shp:organisation-list", PUBLIC),
    NavItem("Published figures", "indicators:public-performance", PUBLIC),
    NavItem("Performance", "indicators:dashboard", SIGNED_IN_ROLES),
    NavItem("Quarterly figures", "indicators:quarter-list", STAFF_ROLES),
    NavItem(
        "Upload figures",
        "indicators:upload",
        PERFORMANCE_LEAD_ROLES,
    ),
    NavItem("Meetings", "meetings:meeting-list", PUBLIC),
    NavItem("Strategies", "strategies:plan-list", PUBLIC),
    NavItem("Background jobs", "shp:job-list", JOB_RUNNER_ROLES),
    NavItem("Administration", "admin:index", ADMINISTRATOR_ROLES),
    NavItem("Your account", "password_change", SIGNED_IN),
)
