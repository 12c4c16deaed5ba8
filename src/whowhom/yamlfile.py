"""YAML for data files, read the way people write them.

YAML 1.1 reads bare ``on``, ``off``, ``yes``, ``no``, ``y`` and ``n`` as booleans, which
turns the preposition in ``prep: on`` or Norway's code ``NO`` into ``True``/``False``.
Data files here use plain words, so only ``true`` and ``false`` are booleans.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the knowledge base is megabytes of YAML
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_Base):  # type: ignore[misc,valid-type]
    pass


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml_text(text: str) -> Any:
    return yaml.load(text, Loader=_PlainLoader)


def load_yaml(path: Path) -> Any:
    return load_yaml_text(path.read_text(encoding="utf-8"))
