"""Find areas and indicators by code, name or alias, ignoring case and punctuation."""

import difflib
from collections.abc import Iterable

from indicators.models import normalise_name


class NameIndex:
    """A lookup from every normalised code, name and alias to one object."""

    def __init__(self, objects: Iterable, names_of):
        self._by_key: dict[str, object] = {}
        self._display: dict[str, str] = {}
        for obj in objects:
            for name in names_of(obj):
                key = normalise_name(name)
                if key:
                    self._by_key.setdefault(key, obj)
                    self._display.setdefault(key, str(name))

    def get(self, text: str):
        return self._by_key.get(normalise_name(text))

    def nearest(self, text: str, limit: int = 3) -> list[str]:
        """The closest valid names, for "did you mean" messages."""
        keys = difflib.get_close_matches(normalise_name(text), self._by_key, n=limit, cutoff=0.5)
        names = []
        for key in keys:
            name = str(self._by_key[key])
            if name not in names:
                names.append(name)
        return names


def area_index(areas) -> NameIndex:
    return NameIndex(areas, lambda a: [a.code, a.name, a.short_name, *a.aliases])


def indicator_index(indicators) -> NameIndex:
    return NameIndex(indicators, lambda i: [i.code, i.name, *i.aliases])
