#!/usr/bin/env python3
"""The rules that hold the tree's shape (docs/ARCHITECTURE.md, "Rules"), checked in CI.

1. sqlx only in repositories: `repo.rs`, files under a `repo/` folder, and `db.rs` (and `error.rs`, which
   turns sqlx's errors into the app's).
2. A repository imports only `db`, `error`, `i18n` and its own feature's model.
3. A feature uses another feature only through that feature's `service` or `model` (or its `api` types).
4. No source file over 300 lines.
5. No function or `view!` over 80 lines.

Known violations that later work removes are listed in `.ci/structure-baseline`, one per line; any other
violation fails, and a baseline line that no longer happens must be deleted (the list only shrinks).
Run from the repository root: `python3 .ci/structure.py` (or `--write-baseline` to record today's).
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "app" / "src"
BASELINE = ROOT / ".ci" / "structure-baseline"
# Modules every feature may use: shared kernel, not features.
SHARED = {"db", "error", "i18n", "validate", "ui", "forms", "auth", "state", "prefs", "shell", "lib", "spreadsheet"}
SERVICE_LAYERS = {"service", "model", "api", "listing", "state", "flags", "rubric", "assign", "scores",
                  "equipment", "eligibility", "fees", "history", "page", "pages", "client", "store", "push"}


def rel(p):
    return p.relative_to(ROOT).as_posix()


def feature_of(p):
    parts = p.relative_to(SRC).parts
    return parts[0].removesuffix(".rs") if parts else ""


def is_repo(p):
    parts = p.relative_to(SRC).parts
    return p.name == "repo.rs" or "repo" in parts[:-1] or p.name == "db.rs"


def without_tests(text):
    cut = text.find("#[cfg(test)]\nmod tests")
    return text if cut < 0 else text[:cut]


def violations():
    found = []
    for p in sorted(SRC.rglob("*.rs")):
        text = p.read_text()
        code = without_tests(text)
        lines = text.count("\n")
        if lines > 300:
            found.append(f"long-file {rel(p)}")
        if "sqlx::" in code and not is_repo(p) and p.name != "error.rs":
            found.append(f"sql-outside-repo {rel(p)}")
        feature = feature_of(p)
        for other, layer in imported_modules(code):
            if other == feature or other in SHARED:
                continue
            # An item of the feature's facade (its mod.rs), not one of its modules.
            if not (SRC / other / f"{layer}.rs").exists() and not (SRC / other / layer).is_dir():
                continue
            if is_repo(p) and p.name != "db.rs" and layer != "model":
                found.append(f"repo-imports {rel(p)} -> {other}::{layer}")
            elif layer not in SERVICE_LAYERS:
                found.append(f"reaches-into {rel(p)} -> {other}::{layer}")
        found.extend(long_functions(p, code))
    return sorted(set(found))


def imported_modules(code):
    """(feature, module) of every `crate::feature::module` path, grouped imports (`crate::f::{a, b::c}`) too."""
    for m in re.finditer(r"crate::([a-z_]+)::(?:([a-z_]+)|\{([^}]*)\})", code):
        if m.group(2):
            yield m.group(1), m.group(2)
        else:
            for item in m.group(3).split(","):
                first = re.match(r"\s*([a-z_]+)", item)
                if first:
                    yield m.group(1), first.group(1)


FN = re.compile(r"^\s*(pub(\([a-z]+\))? )?(async )?fn ([A-Za-z_0-9]+)|view! \{")


def long_functions(p, code):
    """Functions and view! blocks over 80 lines, measured by brace matching from their first line."""
    out = []
    lines = code.split("\n")
    for i, line in enumerate(lines):
        m = FN.search(line)
        if not m:
            continue
        depth, started = 0, False
        for j in range(i, len(lines)):
            depth += lines[j].count("{") - lines[j].count("}")
            started = started or "{" in lines[j]
            if started and depth <= 0:
                break
            if not started and lines[j].rstrip().endswith(";"):
                break
        if started and j - i + 1 > 80:
            name = m.group(4) or "view!"
            out.append(f"long-function {rel(p)}:{name}")
    return out


def main():
    now = violations()
    if "--write-baseline" in sys.argv:
        BASELINE.write_text("".join(v + "\n" for v in now))
        print(f"baseline: {len(now)} known violations")
        return 0
    known = set(BASELINE.read_text().split("\n")) - {""} if BASELINE.exists() else set()
    new = [v for v in now if v not in known]
    gone = sorted(known - set(now))
    for v in new:
        print(f"new violation: {v}")
    for v in gone:
        print(f"fixed, delete from .ci/structure-baseline: {v}")
    print(f"structure: {len(now)} known violations left, {len(new)} new, {len(gone)} fixed")
    return 1 if new or gone else 0


if __name__ == "__main__":
    sys.exit(main())
