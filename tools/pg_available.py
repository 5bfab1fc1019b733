"""Exit 0 if the PostgreSQL server in argv[1] accepts connections, else 1."""

import sys

import psycopg

try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not available: {exc}", file=sys.stderr)
    sys.exit(1)
