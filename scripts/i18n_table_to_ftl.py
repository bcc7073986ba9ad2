#!/usr/bin/env python3
"""One-off migration (kept for the record): turns the Rust message table that
`src/gui/i18n.rs` held before the .ftl files into `resources/i18n/<lang>/tessera.ftl`.

Usage: scripts/i18n_table_to_ftl.py OLD_I18N_RS OUT_DIR

Each `Key::CamelCase` becomes the message id `camel-case`, each `{name}`
placeholder becomes `{ $name }`; the wording is copied unchanged.
"""
import re
import sys
from pathlib import Path

TABLES = {"en": "EN", "pt-BR": "PT_BR"}


def kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def entries(source: str, table: str):
    start = source.index(f"const {table}: &[(Key, &str)] = &[")
    end = source.index("\n];", start)
    body = source[start:end]
    for match in re.finditer(r'\(\s*([A-Za-z0-9]+)\s*,\s*"((?:[^"\\]|\\.)*)"\s*,?\s*\)', body):
        yield match.group(1), match.group(2)


def ftl_value(text: str) -> str:
    if "\\" in text:
        raise SystemExit(f"escape in {text!r}: convert by hand")
    # `{name}` placeholders become Fluent variables; no other brace may remain.
    value = re.sub(r"\{([a-z_]+)\}", r"{ $\1 }", text)
    leftover = re.sub(r"\{ \$[a-z_]+ \}", "", value)
    if "{" in leftover or "}" in leftover:
        raise SystemExit(f"stray brace in {text!r}")
    return value


def main() -> None:
    source = Path(sys.argv[1]).read_text(encoding="utf-8")
    out = Path(sys.argv[2])
    for lang, table in TABLES.items():
        lines = []
        for key, text in entries(source, table):
            lines.append(f"{kebab(key)} = {ftl_value(text)}")
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "tessera.ftl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{lang}: {len(lines)} messages")


if __name__ == "__main__":
    main()
