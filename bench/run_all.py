"""Run every benchmark in bench/ (each in its own process) and summarise.

    .venv/bin/python bench/run_all.py [name-fragment ...]

With fragments, only benchmarks whose file name contains one of them run. Benchmarks print
their own figures (ratios against baselines measured in the same run); this script only
collects exit codes and timings.
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    fragments = sys.argv[1:]
    scripts = sorted(
        path
        for path in BENCH_DIR.glob("*.py")
        if path.name != Path(__file__).name
        and not path.name.startswith("_")
        and (not fragments or any(f in path.name for f in fragments))
    )
    summary = []
    for script in scripts:
        print(f"=== {script.name} ===", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], check=False)
        summary.append((script.name, result.returncode, time.monotonic() - started))
        print(flush=True)
    print("=== summary ===")
    for name, code, seconds in summary:
        print(f"  {name:<32} {'ok' if code == 0 else f'FAILED ({code})':<12} {seconds:7.1f} s")
    return 0 if all(code == 0 for _, code, _ in summary) else 1


if __name__ == "__main__":
    sys.exit(main())
