"""`citypeers peers "Boston, MA" --challenge housing-affordability [--json]`."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from citypeers.matching import selectors
from citypeers.matching.params import DEFAULT_K, peer_params
from citypeers.matching.schemas import peers_out


class Command(BaseCommand):
    help = "List a city's peers with the reasons (the same engine as the peer finder and the API)."

    def add_arguments(self, parser):
        parser.add_argument("city", help='"Name, ST", a slug or a GEOID')
        parser.add_argument("--challenge", help="challenge area slug, e.g. housing-affordability")
        parser.add_argument("-k", type=int, default=DEFAULT_K, help="how many peers (1-50)")
        parser.add_argument(
            "--weights", default="", help="feature:weight,theme.economy:0.5,challenge:0.4"
        )
        parser.add_argument("--same-state", choices=["any", "same", "other"], default="any")
        parser.add_argument("--band", help="population band, e.g. 100k-500k")
        parser.add_argument("--type", help="government types, comma-separated")
        parser.add_argument(
            "--level",
            choices=["same", "place", "county_subdivision", "county", "all"],
            default="same",
            help="geographies to compare with (default: the city's own level)",
        )
        parser.add_argument("--coalition", help="only members of this coalition (slug)")
        parser.add_argument(
            "--has-solution",
            action="store_true",
            help="only cities with a solution for --challenge",
        )
        parser.add_argument(
            "--pin", action="append", default=[], help="pin a city (repeat up to 5 times)"
        )
        parser.add_argument("--json", action="store_true", help="print JSON (as the API returns)")

    def handle(self, *args, **options):
        data = {
            "k": str(options["k"]),
            "challenge": options["challenge"] or "",
            "weights": options["weights"],
            "same_state": options["same_state"],
            "band": options["band"] or "",
            "type": options["type"] or "",
            "level": options["level"],
            "coalition": options["coalition"] or "",
            "has_solution": "1" if options["has_solution"] else "",
            "pinned": options["pin"],
        }
        try:
            subject = selectors.jurisdiction_by_key(options["city"])
            search = selectors.peer_search(subject, peer_params(data))
        except Http404 as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        if options["json"]:
            self.stdout.write(json.dumps(peers_out(search), indent=2, ensure_ascii=False))
            return
        heading = f"Peers of {subject.name}, {subject.state}"
        if search.area:
            heading += f" for {search.area.name}"
        self.stdout.write(self.style.MIGRATE_HEADING(heading))
        for m in search.matches:
            r = m.result
            mark = f"{r.rank:>2}." if r.rank else " *"
            self.stdout.write(
                f"{mark} {m.jurisdiction.name}, {m.jurisdiction.state}  score {r.score:.1f}"
                f" (context {r.similarity:.1f}, challenge {r.challenge:.2f})"
                + ("  [pinned]" if r.pinned else "")
            )
            self.stdout.write(f"    {m.context_text}")
            if m.challenge_text:
                self.stdout.write(f"    {m.challenge_text}")
