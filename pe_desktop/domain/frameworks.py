"""Assessment frameworks (PCF and others) loaded from versioned JSON files.

Each file in ``resources/frameworks/`` describes one framework version: its
domains and its levels. Adding a framework is adding a file; nothing in code
names a domain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pe_desktop.domain.errors import ValidationError

SUPPORTED_SCHEMA = 1


@dataclass(frozen=True)
class Domain:
    number: int
    key: str
    title: str
    summary: str
    #: Related domains in other frameworks: ((framework ref, (domain keys…)), …).
    maps_to: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Level:
    key: str
    title: str
    stage: str
    default_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    name: str
    publisher: str
    domains: tuple[Domain, ...]
    levels: tuple[Level, ...]

    @property
    def ref(self) -> str:
        """Stable reference stored on placements: ``id@version``."""
        return f"{self.id}@{self.version}"

    def domain(self, key: str) -> Domain:
        for d in self.domains:
            if d.key == key:
                return d
        raise KeyError(key)

    def level(self, key: str) -> Level:
        for lv in self.levels:
            if lv.key == key:
                return lv
        raise KeyError(key)

    def default_level_for(self, placement_kind: str) -> Level:
        for lv in self.levels:
            if placement_kind in lv.default_for:
                return lv
        return self.levels[0]


def _require(obj: dict, key: str, kind: type, where: str) -> object:
    if key not in obj:
        raise ValidationError({key: "is missing"}, record=where)
    value = obj[key]
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        raise ValidationError({key: f"must be a non-empty {kind.__name__}"}, record=where)
    return value


def _maps_to(data: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(data, dict) or not all(
            isinstance(v, list) and all(isinstance(k, str) for k in v) for v in data.values()):
        raise ValidationError({"maps_to": "must map framework refs to lists of domain keys"},
                              record=where)
    return tuple((str(ref), tuple(keys)) for ref, keys in data.items())


def parse_framework(data: object, source: str = "framework") -> Framework:
    """Validate and build a :class:`Framework` from decoded JSON."""
    if not isinstance(data, dict):
        raise ValidationError({"file": "must hold a JSON object"}, record=source)
    schema = data.get("schema")
    if schema != SUPPORTED_SCHEMA:
        raise ValidationError({"schema": f"unsupported schema {schema!r}"}, record=source)
    fid = str(_require(data, "id", str, source))
    version = str(_require(data, "version", str, source))
    name = str(_require(data, "name", str, source))
    publisher = str(data.get("publisher", ""))
    raw_domains = _require(data, "domains", list, source)
    raw_levels = _require(data, "levels", list, source)
    domains: list[Domain] = []
    for i, d in enumerate(raw_domains):  # type: ignore[union-attr]
        where = f"{source} domain {i + 1}"
        if not isinstance(d, dict):
            raise ValidationError({"domain": "must be an object"}, record=where)
        number = _require(d, "number", int, where)
        domains.append(
            Domain(
                number=int(number),  # type: ignore[arg-type]
                key=str(_require(d, "key", str, where)),
                title=str(_require(d, "title", str, where)),
                summary=str(d.get("summary", "")),
                maps_to=_maps_to(d.get("maps_to", {}), where),
            )
        )
    if not domains:
        raise ValidationError({"domains": "at least one domain is needed"}, record=source)
    if len({d.key for d in domains}) != len(domains):
        raise ValidationError({"domains": "domain keys must be unique"}, record=source)
    levels: list[Level] = []
    for i, lv in enumerate(raw_levels):  # type: ignore[union-attr]
        where = f"{source} level {i + 1}"
        if not isinstance(lv, dict):
            raise ValidationError({"level": "must be an object"}, record=where)
        default_for = lv.get("default_for", [])
        if not isinstance(default_for, list):
            raise ValidationError({"default_for": "must be a list"}, record=where)
        levels.append(
            Level(
                key=str(_require(lv, "key", str, where)),
                title=str(_require(lv, "title", str, where)),
                stage=str(lv.get("stage", "")),
                default_for=tuple(str(x) for x in default_for),
            )
        )
    if not levels:
        raise ValidationError({"levels": "at least one level is needed"}, record=source)
    if len({lv.key for lv in levels}) != len(levels):
        raise ValidationError({"levels": "level keys must be unique"}, record=source)
    return Framework(fid, version, name, publisher, tuple(domains), tuple(levels))


def load_framework_file(path: Path) -> Framework:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError({"file": f"cannot be read as JSON ({exc})"}, record=path.name) from exc
    return parse_framework(data, source=path.name)


class FrameworkRegistry:
    """All frameworks found in a directory, keyed by ``id@version``."""

    DEFAULT_REF = "pcf@2018"

    def __init__(self, frameworks: list[Framework]) -> None:
        self._by_ref = {f.ref: f for f in frameworks}

    @classmethod
    def from_directory(cls, directory: Path) -> FrameworkRegistry:
        return cls([load_framework_file(p) for p in sorted(directory.glob("*.json"))])

    def get(self, ref: str) -> Framework:
        try:
            return self._by_ref[ref]
        except KeyError:
            raise KeyError(f"unknown framework {ref!r}") from None

    def __contains__(self, ref: str) -> bool:
        return ref in self._by_ref

    def all(self) -> list[Framework]:
        return list(self._by_ref.values())

    @property
    def default(self) -> Framework:
        return self.get(self.DEFAULT_REF)


def crosswalk(source: Framework, target: Framework) -> dict[str, frozenset[str]]:
    """Source domain key → the target domains it relates to.

    Read from either file's ``maps_to`` (the target's entries reversed, or the
    source's own). Raises ``KeyError`` when neither file relates the two.
    """
    if source.ref == target.ref:
        return {d.key: frozenset({d.key}) for d in source.domains}
    out: dict[str, set[str]] = {d.key: set() for d in source.domains}
    found = False
    for d in target.domains:
        for ref, keys in d.maps_to:
            if ref == source.ref:
                found = True
                for k in keys:
                    out.setdefault(k, set()).add(d.key)
    for d in source.domains:
        for ref, keys in d.maps_to:
            if ref == target.ref:
                found = True
                out[d.key].update(keys)
    if not found:
        raise KeyError(f"{target.name} is not mapped to {source.name}")
    return {k: frozenset(v) for k, v in out.items()}


@cache
def default_registry() -> FrameworkRegistry:
    from pe_desktop.paths import resources_dir

    return FrameworkRegistry.from_directory(resources_dir() / "frameworks")
