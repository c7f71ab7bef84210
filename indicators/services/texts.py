"""What the commentary and the summary share: a text the lead writes, saved with the version it
was read at, refused with both texts when someone saved it in between."""

from django.utils import timezone

from shp.errors import ApplicationError


def text_checked(text: str, *, what: str, limit: int) -> str:
    """The text stripped; refused when empty or longer than ``limit``."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError(f"Enter the {what}", field="text")
    if len(text) > limit:
        raise ApplicationError(f"The {what} must be {limit:,} characters or fewer", field="text")
    return text


def version_checked(current, *, read_version: int, what: str, yours: str) -> None:
    """Refuse a save read at another version than ``current``'s (None: not written yet, or
    removed), giving who changed it, when, their text and yours."""
    version = current.version if current is not None else 0
    if read_version == version:
        return
    who = current.updated_by if current is not None else None
    name = (who.get_full_name() or who.username) if who else "Someone"
    when = f" at {timezone.localtime(current.updated_at):%H:%M on %-d %B %Y}" if current else ""
    theirs = current.text if current is not None else "nothing (it was removed)"
    raise ApplicationError(
        f"{name} changed this {what}{when} after you opened this page. Theirs: “{theirs}”. "
        f"Yours: “{yours}”. Yours is below: save again to replace theirs.",
        field="text",
    )
