"""Built-in rule packs: YAML files read from this folder (see loader.builtin_pack_files)."""
