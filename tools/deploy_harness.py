"""What tools/multiserver_check.py and tools/kill_check.py share: a throwaway PostgreSQL
database, the production-style processes of docs/deploy.md on loopback ports, a small HTTP
client with its own cookie jar, and seeding through the project's factories.

Not part of the test suite: these scripts start real servers and workers, so they run by hand
(or in a nightly job) on a machine with PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and
Redis on 6379.
"""

import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG = "postgres://postgres@127.0.0.1:5432"
STATIC_CACHE = ROOT / "var" / "deploy-check-static"


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


class Deployment:
    """One throwaway deployment: database, shared data folder, Redis db, environment."""

    def __init__(self, name: str, *, redis_db: int, api_rates: tuple[str, str] | None = None):
        self.name = name
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        self.mail_dir = self.data_dir / "mail"
        self.redis_url = f"redis://127.0.0.1:6379/{redis_db}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}
        anonymous, authenticated = api_rates or ("1200/min", "100000/min")
        self.env = {
            **os.environ,
            "CITYPEERS_DEBUG": "0",
            "CITYPEERS_SECRET_KEY": "deploy-check-" + uuid.uuid4().hex + uuid.uuid4().hex,
            "CITYPEERS_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CITYPEERS_SSL_REDIRECT": "0",
            "CITYPEERS_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": f"{PG}/{name}",
            "CITYPEERS_REDIS_URL": self.redis_url,
            "CITYPEERS_TASK_BACKEND": "django_tasks_db.backend.DatabaseBackend",
            "CITYPEERS_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "CITYPEERS_EMAIL_FILE_PATH": str(self.mail_dir),
            "CITYPEERS_API_RATE_ANONYMOUS": anonymous,
            "CITYPEERS_API_RATE_AUTHENTICATED": authenticated,
            "CITYPEERS_LOG_LEVEL": "ERROR",
            "OPENBLAS_NUM_THREADS": "1",
            "PYTHONPATH": str(ROOT),
        }

    # -- database, cache, files --------------------------------------------------------------
    def create(self) -> None:
        psql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{self.name}"')
        subprocess.run(
            ["redis-cli", "-u", self.redis_url, "FLUSHDB"], check=True, capture_output=True
        )
        self.manage("migrate", "--no-input", "-v0")
        self._static_files()

    def _static_files(self) -> None:
        """Collected once and kept in var/deploy-check-static (hashing node_modules takes minutes);
        delete that folder after a front-end change."""
        STATIC_CACHE.mkdir(parents=True, exist_ok=True)
        if not (STATIC_CACHE / "staticfiles.json").exists():
            env = {**self.env, "CITYPEERS_DATA_DIR": str(STATIC_CACHE.parent / "deploy-check-data")}
            subprocess.run(
                [str(BIN / "citypeers"), "collectstatic", "--no-input", "-v0"],
                env=env,
                cwd=ROOT,
                check=True,
            )
            shutil.rmtree(STATIC_CACHE)
            shutil.move(STATIC_CACHE.parent / "deploy-check-data" / "static", STATIC_CACHE)
            shutil.rmtree(STATIC_CACHE.parent / "deploy-check-data", ignore_errors=True)
        static = self.data_dir / "static"
        if static.exists():
            shutil.rmtree(static)
        static.symlink_to(STATIC_CACHE)

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [str(BIN / "citypeers"), *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def django(self, code: str) -> object:
        """Run `code` in a Django process on this deployment; it sets `result` (JSON-able)."""
        program = (
            "import django, json, os\n"
            "os.environ['DJANGO_SETTINGS_MODULE'] = 'citypeers.settings'\n"
            "django.setup()\n" + code + "\nprint('@@' + json.dumps(result))\n"
        )
        out = subprocess.run(
            [str(BIN / "python"), "-c", program],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out.rsplit("@@", 1)[1])

    def redis_keys(self) -> int:
        out = subprocess.run(
            ["redis-cli", "-u", self.redis_url, "DBSIZE"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return int(out.strip())

    def drop(self) -> None:
        self.stop_all()
        try:
            psql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        except subprocess.CalledProcessError as error:
            print(f"could not drop {self.name}: {error.stderr}", file=sys.stderr)
        subprocess.run(["redis-cli", "-u", self.redis_url, "FLUSHDB"], capture_output=True)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    # -- processes ---------------------------------------------------------------------------
    def _start(self, label: str, argv: list[str]) -> subprocess.Popen:
        log = self.data_dir / f"{label}.log"
        self.logs[label] = log
        process = subprocess.Popen(
            argv,
            env=self.env,
            cwd=ROOT,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes the workers too
        )
        self.processes[label] = process
        return process

    def start_web(self, label: str, port: int, workers: int = 2) -> subprocess.Popen:
        process = self._start(
            label,
            [
                str(BIN / "gunicorn"),
                "citypeers.wsgi",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--preload",
                "-c",
                "python:citypeers.matching.gunicorn_hooks",
                "--graceful-timeout",
                "5",
            ],
        )
        wait_for_port(port, process, self.logs[label])
        return process

    def start_worker(self, label: str) -> subprocess.Popen:
        return self._start(
            label,
            [str(BIN / "citypeers"), "db_worker", "--interval", "0.2", "--worker-id", label],
        )

    def start_scheduler(self, label: str = "scheduler", interval: int = 2) -> subprocess.Popen:
        return self._start(
            label, [str(BIN / "citypeers"), "scheduler", "--interval", str(interval)]
        )

    def kill(self, label: str) -> None:
        """SIGKILL the process and everything in its group (a machine or container dying)."""
        process = self.processes.pop(label)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for label in list(self.processes):
            process = self.processes.pop(label)
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def mail_messages(self) -> list[dict[str, str]]:
        """Every message the file-based backend wrote: its To and Subject headers."""
        messages = []
        if not self.mail_dir.exists():
            return messages
        for path in sorted(self.mail_dir.glob("*.log")):
            for raw in path.read_text(errors="replace").split("-" * 79):
                headers = {}
                for line in raw.strip().splitlines():
                    if not line.strip():
                        break
                    name, _, value = line.partition(": ")
                    headers[name] = value
                if "To" in headers:
                    messages.append(headers)
        return messages


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")  # not the API: the probe must not be counted
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on {port} did not answer within {timeout}s")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Client:
    """HTTP to one of several loopback servers. Cookies are kept by hand because production
    cookies are `Secure` and these servers speak plain HTTP on loopback."""

    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""
    timeout: float = 30

    def request(
        self, port: int, method: str, path: str, *, body=None, headers=None, form=None, files=None
    ) -> Answer:
        sent = dict(headers or {})
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        elif files is not None:
            body, sent["Content-Type"] = _multipart(form or {}, files)
        elif form is not None:
            body = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if "csrftoken" in self.cookies and method != "GET":
            sent["X-CSRFToken"] = self.cookies["csrftoken"]
            sent.setdefault("Referer", f"http://127.0.0.1:{port}/")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                self.cookies[key.strip()] = cookie.strip()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)


def _multipart(form: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in form.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


SEED = """
from datetime import timedelta
from django.utils import timezone
from citypeers.accounts import services as accounts
from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import User
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory
from tests.factories.workshops import RegistrationFactory, WebinarFactory

area = ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
home = JurisdictionFactory(name="Loadville", slug="loadville-tx")
JurisdictionFactory(name="Otherton", slug="otherton-tx")
org = CityOrganisationFactory(jurisdiction=home)
editors = [
    MembershipFactory(
        organisation=org, role=MembershipRole.EDITOR,
        user=UserFactory(email=f"editor{n}@example.org"),
    ).user
    for n in range(CLIENTS)
]
tokens = [accounts.create_api_token(user=user, name="load")[1] for user in editors]
webinars = []
for w in range(WEBINARS):
    webinar = WebinarFactory(
        title=f"Load webinar {w}", starts_at=timezone.now() + timedelta(hours=2), capacity=1000
    )
    for r in range(REGISTRANTS):
        # No password: hashing hundreds with the production hasher would take minutes.
        person = User(email=f"w{w}-r{r}@example.org", full_name=f"Registrant {w}-{r}")
        person.set_unusable_password()
        person.save()
        RegistrationFactory(webinar=webinar, user=person)
    webinars.append(webinar.pk)
result = {
    "area": area.slug, "home": home.slug, "tokens": tokens, "webinars": webinars,
    "password": "correct horse battery", "editor_email": editors[0].email,
}
"""


def seed(deployment: Deployment, *, clients: int, webinars: int, registrants: int) -> dict:
    code = f"CLIENTS, WEBINARS, REGISTRANTS = {clients}, {webinars}, {registrants}\n" + SEED
    return deployment.django(code)  # type: ignore[return-value]


def solution_body(owner: str, area: str, title: str) -> dict:
    return {
        "owner": owner,
        "title": title,
        "challenges": [area],
        "problem": "Rents rose faster than wages.",
        "approach": "A community land trust.",
    }


def titles_in_database(deployment: Deployment, prefix: str) -> set[str]:
    code = (
        "from citypeers.knowledge.models import Solution\n"
        f"result = list(Solution.objects.filter(title__startswith={prefix!r})"
        ".values_list('title', flat=True))"
    )
    return set(deployment.django(code))  # type: ignore[arg-type]
