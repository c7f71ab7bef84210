"""Checks every upload passes before it is parsed, so a hostile file costs nothing:

- a ZIP-based file (XLSX, DOCX, a set-up zip) is refused when its entries would inflate beyond
  ``UPLOAD_ZIP_MAX_BYTES`` in all, are more than ``UPLOAD_ZIP_MAX_ENTRIES``, or one inflates more
  than ``UPLOAD_ZIP_MAX_RATIO`` times (a "zip bomb"); the sizes are the archive's own, and
  Python's zipfile never inflates an entry past its declared size;
- a PDF carrying JavaScript, a launch action or embedded files is refused.
"""

import io
import zipfile

from django.conf import settings

from shp.errors import ApplicationError

MAX_PDF_OBJECTS = 500_000
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}


def zip_check(content: bytes, *, field: str = "file") -> None:
    """Refuse a ZIP-based upload that would inflate too far (nothing is inflated here)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the parser that follows says what it is not
    if len(entries) > settings.UPLOAD_ZIP_MAX_ENTRIES:
        raise ApplicationError(
            f"The file holds {len(entries):,} parts; we accept up to "
            f"{settings.UPLOAD_ZIP_MAX_ENTRIES:,}. Save it again with less in it.",
            field=field,
        )
    total = sum(entry.file_size for entry in entries)
    if total > settings.UPLOAD_ZIP_MAX_BYTES:
        raise ApplicationError(
            f"The file would unpack to {total / 2**20:,.0f} MB; we accept up to "
            f"{settings.UPLOAD_ZIP_MAX_BYTES / 2**20:,.0f} MB. Save it again with less in it.",
            field=field,
        )
    for entry in entries:
        if entry.file_size > 1 << 20 and entry.file_size > settings.UPLOAD_ZIP_MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise ApplicationError(
                f"Part of the file ({entry.filename}) would unpack to "
                f"{entry.file_size / max(entry.compress_size, 1):,.0f} times its size, which "
                "only a damaged or hostile file does. It has not been opened.",
                field=field,
            )


def _action_kinds(action) -> set[str]:
    kinds = set()
    stack = [action]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            kind = node.get("/S")
            if kind is not None:
                kinds.add(str(kind))
            following = node.get("/Next")
            if following is not None:
                stack.extend(following if isinstance(following, list) else [following])
        elif isinstance(node, list):
            stack.extend(node)
    return kinds


def _active_objects(reader) -> set[str]:
    """Every object of the file, compressed object streams included, read for actions and
    embedded files that the catalogue and pages do not point at directly."""
    found = set()
    size = min(int(reader.trailer.get("/Size", 0)), MAX_PDF_OBJECTS)
    for number in range(1, size):
        try:
            value = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free or broken entry holds nothing active
            continue
        if not isinstance(value, dict):
            continue
        if "/JS" in value or str(value.get("/S")) == "/JavaScript":
            found.add("JavaScript")
        if str(value.get("/S")) == "/Launch":
            found.add("Launch")
        if str(value.get("/Type")) == "/EmbeddedFile" or "/EF" in value:
            found.add("embedded files")
        if "/RichMedia" in str(value.get("/Subtype", "")) or "/XFA" in value:
            found.add("interactive content")
    return found


def pdf_active_content(reader) -> list[str]:
    """What active content a PDF carries: JavaScript, launch actions, embedded files."""
    found = set()
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/JavaScript" in names:
        found.add("JavaScript")
    if "/EmbeddedFiles" in names:
        found.add("embedded files")
    for owner in [root, *reader.pages]:
        for key in ("/OpenAction", "/AA"):
            value = owner.get(key)
            if value is None:
                continue
            value = value.get_object()
            actions = value.values() if key == "/AA" else [value]
            for action in actions:
                found |= {kind.strip("/") for kind in _action_kinds(action) & ACTIVE_ACTIONS}
        for annotation in owner.get("/Annots", []) if owner is not root else []:
            annotation = annotation.get_object()
            if str(annotation.get("/Subtype")) == "/FileAttachment":
                found.add("embedded files")
            action = annotation.get("/A")
            if action is not None:
                found |= {kind.strip("/") for kind in _action_kinds(action) & ACTIVE_ACTIONS}
    found |= _active_objects(reader)
    return sorted(found)


def pdf_active_check(reader, *, field: str = "file") -> None:
    found = pdf_active_content(reader)
    if found:
        raise ApplicationError(
            f"The selected PDF carries {', '.join(found)}, which we do not accept in papers. "
            "Print it to a new PDF and upload that.",
            field=field,
        )
