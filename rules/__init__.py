"""Built-in rule packs (YAML files read with importlib.resources)."""
