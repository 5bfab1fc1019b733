"""`citypeers assessments-reviewer EMAIL [--remove]`: grant or withdraw the reviewer role."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from citypeers.assessments.services import add_reviewer, remove_reviewer


class Command(BaseCommand):
    help = "Make a user an assessment reviewer (organisers and site admins already are)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--remove", action="store_true")
        parser.add_argument("--note", default="")

    def handle(self, *args, email, remove, note, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the email {email}.")
        if remove:
            remove_reviewer(user=user)
            self.stdout.write(f"{user.email} is no longer a reviewer.")
        else:
            add_reviewer(user=user, note=note)
            self.stdout.write(f"{user.email} is now an assessment reviewer.")
