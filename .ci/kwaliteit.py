"""Count ruff and mypy findings on the package and fail when a count went up.

    python .ci/kwaliteit.py            # check against .ci/kwaliteit_grens.toml
    python .ci/kwaliteit.py --bijwerken  # after lowering a count: write the new limits

The limits may only go down: a change that adds a finding fails CI, a change that removes some
lowers the limit with ``--bijwerken`` (commit the file). Rules and options live in pyproject.toml.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRENS = ROOT / ".ci" / "kwaliteit_grens.toml"


def tel_ruff() -> int:
    """Number of ruff findings on the package (rules from pyproject.toml)."""
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "verduurzaming", "--output-format", "concise",
                        "--no-fix", "--exit-zero"], cwd=ROOT, capture_output=True, text=True, check=True)
    return sum(1 for regel in r.stdout.splitlines() if re.match(r"^verduurzaming/.+:\d+:\d+: ", regel))


def tel_mypy() -> int:
    """Number of mypy errors on the package (options from pyproject.toml)."""
    r = subprocess.run([sys.executable, "-m", "mypy", "verduurzaming"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"mypy stopped without a count (exit {r.returncode}):\n{r.stdout}{r.stderr}")
    return sum(1 for regel in r.stdout.splitlines() if ": error: " in regel)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bijwerken", action="store_true", help="write the current counts as the new limits")
    args = ap.parse_args()
    tellingen = {"ruff": tel_ruff(), "mypy": tel_mypy()}
    grens = tomllib.loads(GRENS.read_text(encoding="utf-8")) if GRENS.exists() else {}
    if args.bijwerken:
        omhoog = [k for k, v in tellingen.items() if k in grens and v > grens[k]]
        if omhoog:
            print(f"not raising a limit ({', '.join(omhoog)}): fix the new findings instead")
            return 1
        GRENS.write_text("".join(f"{k} = {v}\n" for k, v in tellingen.items()), encoding="utf-8")
    fout = False
    for k, v in tellingen.items():
        g = grens.get(k)
        print(f"{k}: {v} findings (limit {g})")
        if g is not None and v > g:
            fout = True
            print(f"  {k} went up by {v - g}: run `python -m {k} ... verduurzaming` and fix what is new")
        elif g is not None and v < g and not args.bijwerken:
            print(f"  {k} went down by {g - v}: lower the limit with `python .ci/kwaliteit.py --bijwerken`")
    return 1 if fout else 0


if __name__ == "__main__":
    sys.exit(main())
