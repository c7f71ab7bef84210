"""The one permission check every view uses: who may open it, by role.

Each view declares ``access``: ``PUBLIC`` (anyone), ``SIGNED_IN`` (any signed-in user, with or
without a role) or a set of roles (class-based views through ``AccessRequiredMixin``, function
views through ``access_required``). Anonymous users are sent to sign in; signed-in users without
one of the roles get 403. ``tests/shp/test_access.py`` walks every URL against these declarations.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from shp.roles import Role

PUBLIC = "public"
SIGNED_IN = "signed-in"


def user_roles(user) -> frozenset[Role]:
    """The roles an authenticated, active user holds; none for anonymous users."""
    if not user.is_authenticated:
        return frozenset()
    return user.role_set()


def has_role(user, roles: Iterable[Role]) -> bool:
    """Whether the user holds at least one of ``roles``."""
    return bool(user_roles(user) & frozenset(roles))


def check_access(request, access) -> None | object:
    """Return a redirect to sign in, raise PermissionDenied, or return None when allowed."""
    if access == PUBLIC:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if access == SIGNED_IN or has_role(request.user, access):
        return None
    raise PermissionDenied("You do not have a role that allows this.")


class AccessRequiredMixin:
    """Class-based views: set ``access`` to PUBLIC, SIGNED_IN or a set of roles."""

    access: str | frozenset[Role] = frozenset()

    def dispatch(self, request, *args, **kwargs):
        refusal = check_access(request, self.access)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)


def access_required(access):
    """Function views: the same check as AccessRequiredMixin, recorded for the URL walk."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refusal = check_access(request, access)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        wrapped.access = access
        return wrapped

    return decorator


def view_access(view_func):
    """The access a resolved view declares (None when it declares nothing)."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None:
        return getattr(view_class, "access", None)
    return getattr(view_func, "access", None)
