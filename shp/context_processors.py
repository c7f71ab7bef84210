"""Template context every page needs: the partnership's name, navigation and roles."""

from django.conf import settings

from shp import selectors
from shp.permissions import user_roles


def partnership(request):
    roles = user_roles(request.user)
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "navigation": selectors.navigation_for(user=request.user, path=request.path),
        "user_role_labels": sorted(role.label for role in roles),
    }
