"""Walk every path of a running CityPeers API with ids that name nothing, with every method.

Usage: python tools/api_walk.py BASE_URL [TOKEN_LABEL=TOKEN ...]
(an empty token means anonymous). Prints one line per persona with the number of requests, the
statuses seen, and every 5xx or non-JSON answer; exits 1 if there was any. Standard library only,
so it runs with any Python 3.11 against any server.
"""

import json
import re
import sys
import urllib.error
import urllib.request
from collections import Counter

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
PARAMETER = re.compile(r"\{[^}]+\}")
BAD_IDS = ["no-such-id", "0", "-1", "%0D%0A", "9" * 30]
UNKNOWN = ["/nope", "/assessments/abc/nope", "/jurisdictions/x/y/z", "/"]
# Successful answers that are meant to be something else than JSON.
NOT_JSON_OK = ("/docs", "/export/jurisdictions.csv", "/export/solutions.csv")


def call(base: str, method: str, path: str, token: str) -> tuple[int, str]:
    request = urllib.request.Request(base + path, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if method in ("POST", "PUT", "PATCH"):
        request.data = b"{}"
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", "")


def paths(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/openapi.json", timeout=60) as response:
        document = json.load(response)
    walked = set(UNKNOWN)
    for path in document["paths"]:
        relative = path.removeprefix("/api/v1")
        if PARAMETER.search(relative):
            walked.update(PARAMETER.sub(bad, relative) for bad in BAD_IDS)
        else:
            walked.add(relative)
    return sorted(walked)


def walk(base: str, label: str, token: str, walked: list[str]) -> list[str]:
    problems, statuses = [], Counter()
    for path in walked:
        for method in METHODS:
            status, content_type = call(base, method, path, token)
            statuses[status] += 1
            json_answer = content_type.startswith("application/json")
            if status >= 500:
                problems.append(f"{method} {path}: {status}")
            elif not json_answer and (status >= 400 or not path.endswith(NOT_JSON_OK)):
                problems.append(f"{method} {path}: {status} {content_type or 'no content type'}")
    total = sum(statuses.values())
    summary = ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
    print(f"{label}: {total} requests ({summary}); {len(problems)} 5xx or non-JSON")
    for problem in problems:
        print(f"  {problem}")
    return problems


def main(argv: list[str]) -> int:
    base = argv[1].rstrip("/")
    personas = [arg.split("=", 1) for arg in argv[2:]] or [["anonymous", ""]]
    walked = paths(base)
    problems = [p for label, token in personas for p in walk(base, label, token, walked)]
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
