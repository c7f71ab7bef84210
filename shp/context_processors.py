"""Template context every page needs: the partnership's name, navigation and roles."""

from shp import selectors
from shp.models import Partnership
from shp.permissions import user_roles


def partnership(request):
    roles = user_roles(request.user)
    if not hasattr(request, "partnership"):
        request.partnership = Partnership.objects.current()  # once per request
    current = request.partnership
    return {
        "partnership": current,
        "partnership_name": current.name,
        "navigation": selectors.navigation_for(user=request.user, path=request.path),
        "user_role_labels": sorted(role.label for role in roles),
    }
