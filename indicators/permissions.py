"""Who sees which figures (DESIGN.md, "Who sees what"), written once for every surface.

- Approved figures (their approved values) are for everyone; the public's are suppressed.
- Draft and submitted figures, and revisions awaiting approval: the performance lead, democratic
  services and administrators see them all; an officer sees their own organisation's; a member
  sees them only on asking for provisional figures. Wherever they are shown they are marked.
- Pages built on the comparisons read the approved basis unless ``figures_basis`` says the user
  asked for, and may have, the provisional one.
"""

from django.db.models import Q

from indicators.models import Basis, Figure
from shp.permissions import user_roles
from shp.roles import ALL_FIGURES_ROLES, PROVISIONAL_FIGURES_ROLES, Role

PROVISIONAL_PARAMETER = "figures"  # ?figures=provisional
SETTLED = (Figure.Status.APPROVED, Figure.Status.LOCKED)


def may_include_provisional(user) -> bool:
    """Whether the user may choose to see provisional figures on dashboards and reports."""
    return bool(user_roles(user) & PROVISIONAL_FIGURES_ROLES)


def figures_basis(request) -> str:
    """The basis a page reads: provisional only when asked for and allowed, else approved."""
    wanted = request.GET.get(PROVISIONAL_PARAMETER, "")
    if wanted == Basis.PROVISIONAL and may_include_provisional(request.user):
        return Basis.PROVISIONAL
    return Basis.APPROVED


def _officer_organisation_id(user) -> int | None:
    if Role.OFFICER not in user_roles(user):
        return None
    person = getattr(user, "person", None)
    return person.organisation_id if person is not None else None


def sees_unapproved_of(user, figure: Figure) -> bool:
    """Whether the user may see this figure's working value and unapproved history."""
    roles = user_roles(user)
    if roles & ALL_FIGURES_ROLES:
        return True
    organisation_id = _officer_organisation_id(user)
    return organisation_id is not None and figure.indicator.source_id == organisation_id


def figures_visible_to(user, figures=None):
    """The figures whose page (history) the user may open: approved ones for every signed-in
    user, unapproved ones as ``sees_unapproved_of`` says; none for the public."""
    figures = Figure.objects.all() if figures is None else figures
    roles = user_roles(user)
    if not roles:
        return figures.none()
    if roles & ALL_FIGURES_ROLES:
        return figures
    visible = Q(approved_at__isnull=False)
    organisation_id = _officer_organisation_id(user)
    if organisation_id is not None:
        visible |= Q(indicator__source_id=organisation_id)
    return figures.filter(visible)
