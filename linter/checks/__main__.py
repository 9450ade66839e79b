"""`python -m medlint.checks`: rewrite the parts of the rule schema generated from the kinds'
parameter classes (see params.py)."""

from __future__ import annotations

import json

from . import declared_params
from .params import SCHEMA_FILE, generated_schema


def write_schema() -> bool:
    """Rewrite the generated parts of the committed schema; True when it changed."""
    current = json.loads(SCHEMA_FILE.read_text("utf-8"))
    updated = generated_schema(current, declared_params())
    if updated == current:
        return False
    SCHEMA_FILE.write_text(json.dumps(updated, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return True


if __name__ == "__main__":
    print(f"{SCHEMA_FILE.name} " + ("updated" if write_schema() else "up to date"))
