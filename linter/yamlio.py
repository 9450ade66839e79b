"""Safe YAML loading that remembers where each mapping starts, for error messages."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .models import MedlintError


class LocatedDict(dict):  # type: ignore[type-arg]
    """A mapping from YAML that knows its 1-based line."""

    line: int = 0


@lru_cache(maxsize=1)
def _line_loader() -> type:
    """A safe loader (never runs code) that tags mappings with their line. Built on first
    use: a warm start reads its rule packs from the compiled store and needs no YAML."""
    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

    class LineLoader(base):  # type: ignore[misc,valid-type]
        pass

    def construct_mapping(loader: Any, node: yaml.MappingNode) -> LocatedDict:
        loader.flatten_mapping(node)
        mapping = LocatedDict(loader.construct_pairs(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                               construct_mapping)
    # YAML 1.1 reads on/off/yes/no as booleans; rule files use `off` as a severity, so only
    # true/false are booleans here (as in YAML 1.2).
    LineLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    LineLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return LineLoader


def to_plain(value: Any) -> Any:
    """The same data with every LocatedDict a plain dict, for storing with pickle."""
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    return value


def load_yaml(text: str, path: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise MedlintError(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise MedlintError(f"{path}: invalid YAML: {exc}") from None
