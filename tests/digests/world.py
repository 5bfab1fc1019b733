from citypeers.digests.services import unsubscribe_token


def extend(world):
    """`digest_token`: the member persona's unsubscribe link for `home`."""
    world.digest_token = unsubscribe_token(
        user_id=world.users["member"].pk, jurisdiction_id=world.home.pk
    )
