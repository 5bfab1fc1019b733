"""Run every benchmark in bench/ (each in its own process) and summarise.

    .venv/bin/python bench/run_all.py [--quick] [name-fragment ...]

With fragments, only benchmarks whose file name contains one of them run. Benchmarks print
their own figures (ratios against baselines measured in the same run); this script only
collects exit codes and timings. `--quick` passes `--quick` to each: tiny sizes and no
verdicts, seconds per benchmark, to check that they all still run (the test suite does the
same in tests/test_benchmarks.py).
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def benchmark_scripts(fragments: list[str] | None = None) -> list[Path]:
    """Every benchmark script in bench/ (not this one, not `_helpers`), or those matching."""
    return sorted(
        path
        for path in BENCH_DIR.glob("*.py")
        if path.name != Path(__file__).name
        and not path.name.startswith("_")
        and (not fragments or any(f in path.name for f in fragments))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: check they all run")
    parser.add_argument("fragments", nargs="*", help="run only benchmarks whose name has one")
    args = parser.parse_args()
    summary = []
    for script in benchmark_scripts(args.fragments):
        print(f"=== {script.name} ===", flush=True)
        started = time.monotonic()
        command = [sys.executable, str(script), *(["--quick"] if args.quick else [])]
        result = subprocess.run(command, check=False)
        summary.append((script.name, result.returncode, time.monotonic() - started))
        print(flush=True)
    print("=== summary ===")
    for name, code, seconds in summary:
        print(f"  {name:<32} {'ok' if code == 0 else f'FAILED ({code})':<12} {seconds:7.1f} s")
    return 0 if all(code == 0 for _, code, _ in summary) else 1


if __name__ == "__main__":
    sys.exit(main())
