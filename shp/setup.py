"""Setting up a partnership from a folder of files (or the same files in a zip uploaded by an
administrator): every app registers the files it reads, in its ``AppConfig.ready``; all of them
are loaded in one transaction, so a problem in any file leaves nothing half-written.

The files, each optional but ``partnership.json``:

- ``partnership.json``: ``name``, ``place``, ``area_code``, ``home_intro`` (this app);
- ``organisations.csv``: ``name, short_name, slug, kind, is_responsible_authority, website``;
- and those the other apps register (areas, denominators, catalogue, report, plans, figures,
  targets), described in the README.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from shp.errors import ApplicationError
from shp.models import Organisation, Partnership

MAX_FILE_BYTES = 20_000_000
MAX_ZIP_BYTES = 50_000_000


class SetupFailed(ApplicationError):
    """A set-up file has problems; nothing was loaded. ``problems`` lists each, by file."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"The set-up files have {count} problem{'s' if count != 1 else ''}; nothing was loaded."
        )


@dataclass(frozen=True)
class SetupStep:
    order: int
    files: tuple[str, ...]  # the names it reads, for the page that explains the folder
    load: Callable  # load(files: SetupFiles, *, user, recompute_now: bool) -> list[str]


_STEPS: list[SetupStep] = []


def register_setup_step(*, order: int, files: tuple[str, ...], load: Callable) -> None:
    """Called by each app's ``AppConfig.ready``: ``load`` reads its files from a SetupFiles,
    raising SetupFailed, and returns lines saying what it loaded."""
    if any(step.load is load for step in _STEPS):
        return
    _STEPS.append(SetupStep(order, files, load))
    _STEPS.sort(key=lambda step: step.order)


def setup_steps() -> list[SetupStep]:
    return list(_STEPS)


class SetupFiles:
    """The set-up files by name, from a folder or a zip; nothing else is read."""

    def __init__(self, contents: dict[str, bytes]):
        self.contents = contents

    @classmethod
    def from_directory(cls, directory: Path) -> "SetupFiles":
        if not directory.is_dir():
            raise SetupFailed([f"{directory} is not a folder."])
        contents = {}
        for path in sorted(directory.iterdir()):
            if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
                contents[path.name] = path.read_bytes()
            elif path.is_file():
                raise SetupFailed([f"{path.name}: larger than {MAX_FILE_BYTES // 1_000_000} MB"])
        return cls(contents)

    @classmethod
    def from_zip(cls, content: bytes) -> "SetupFiles":
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile:
            raise SetupFailed(["The file is not a zip file."]) from None
        contents, total = {}, 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = Path(info.filename).name  # files at any depth; no path is ever used
            total += info.file_size
            if info.file_size > MAX_FILE_BYTES or total > MAX_ZIP_BYTES:
                raise SetupFailed([f"{name}: the files unpack to more than we accept"])
            if name in contents:
                raise SetupFailed([f"{name} is in the zip file twice"])
            contents[name] = archive.read(info)
        return cls(contents)

    def get(self, *names: str) -> tuple[str, bytes] | None:
        """The first of ``names`` present, as (name, content)."""
        for name in names:
            if name in self.contents:
                return name, self.contents[name]
        return None

    def csv_rows(self, name: str, required: set[str]) -> list[tuple[int, dict]]:
        """Rows of a small CSV file, numbered as a spreadsheet numbers them."""
        found = self.get(name)
        if found is None:
            return []
        try:
            text = found[1].decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SetupFailed([f"{name}: the file is not UTF-8 text"]) from None
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = set(reader.fieldnames or [])
        missing = required - columns
        if missing:
            raise SetupFailed([f"{name}: missing columns {', '.join(sorted(missing))}"])
        try:
            return [(n, {k: (v or "").strip() for k, v in row.items() if k}) for n, row in
                    enumerate(reader, start=2)]  # fmt: skip
        except csv.Error as error:
            raise SetupFailed([f"{name}: {error}"]) from None

    def json(self, name: str):
        found = self.get(name)
        if found is None:
            return None
        try:
            return json.loads(found[1].decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SetupFailed([f"{name}: not valid JSON ({error})"]) from None


def partnership_setup(files: SetupFiles, *, user=None, recompute_now: bool = True) -> list[str]:
    """Load every registered step's files, all or none; returns what was loaded."""
    if files.get("partnership.json") is None:
        raise SetupFailed(["partnership.json is missing: it names the partnership."])
    known = {name for step in _STEPS for name in step.files}
    unknown = sorted(set(files.contents) - known)
    if unknown:
        raise SetupFailed(
            [
                f"{name} is not a set-up file (they are {', '.join(sorted(known))})"
                for name in unknown
            ]  # fmt: skip
        )
    report = []
    with transaction.atomic():
        for step in _STEPS:
            report += step.load(files, user=user, recompute_now=recompute_now)
    return report


# This app's own files -------------------------------------------------------------------------


def _partnership_load(files: SetupFiles, *, user, recompute_now) -> list[str]:
    data = files.json("partnership.json")
    if not isinstance(data, dict):
        raise SetupFailed(["partnership.json: must be an object with name, place, area_code"])
    problems = []
    values = {}
    for field in ("name", "place", "area_code", "home_intro"):
        value = data.get(field, "")
        if not isinstance(value, str):
            problems.append(f"partnership.json: {field} must be text")
            continue
        limit = Partnership._meta.get_field(field).max_length
        if limit and len(value) > limit:
            problems.append(f"partnership.json: {field} is longer than {limit} characters")
        values[field] = value.strip()
    if not values.get("name"):
        problems.append("partnership.json: name is missing")
    unknown = set(data) - {"name", "place", "area_code", "home_intro"}
    if unknown:
        problems.append(f"partnership.json: unknown fields {', '.join(sorted(unknown))}")
    if problems:
        raise SetupFailed(problems)
    if not values.get("home_intro"):
        values.pop("home_intro", None)
    partnership = Partnership.objects.current()
    for field, value in values.items():
        setattr(partnership, field, value)
    partnership._history_user = user
    partnership.save()
    return [f"Partnership: {partnership.name}"]


def _organisations_load(files: SetupFiles, *, user, recompute_now) -> list[str]:
    rows = files.csv_rows("organisations.csv", {"name"})
    problems, count = [], 0
    kinds = {value for value, _ in Organisation.Kind.choices}
    for number, row in rows:
        name = row["name"]
        where = f"organisations.csv: row {number}"
        if not name:
            problems.append(f"{where}, column name: is empty")
            continue
        kind = row.get("kind") or Organisation.Kind.OTHER
        if kind not in kinds:
            problems.append(f'{where}, column kind: "{kind}" is not one of {", ".join(kinds)}')
            continue
        responsible = (row.get("is_responsible_authority") or "").lower()
        if responsible not in ("", "yes", "no", "true", "false"):
            problems.append(f"{where}, column is_responsible_authority: write yes or no")
            continue
        slug = row.get("slug") or slugify(name)[:80]
        if Organisation.objects.filter(name=name).exclude(slug=slug).exists():
            problems.append(f'{where}, column name: "{name}" is another organisation\'s name')
            continue
        website = row.get("website") or ""
        if website and not website.startswith(("https://", "http://")):
            problems.append(f"{where}, column website: must start with https://")
            continue
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name[:200],
                "short_name": (row.get("short_name") or "")[:60],
                "kind": kind,
                "is_responsible_authority": responsible in ("yes", "true"),
                "website": website,
            },
        )
        count += 1
    if problems:
        raise SetupFailed(problems)
    return [f"Organisations: {count}"] if count else []


register_setup_step(order=10, files=("partnership.json",), load=_partnership_load)
register_setup_step(order=20, files=("organisations.csv",), load=_organisations_load)
