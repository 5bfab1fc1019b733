from tests.factories.directory import ProfilePersonFactory


def extend(world) -> None:
    world.home_person = ProfilePersonFactory(jurisdiction=world.home, name="Pat Planner")
    world.home.geoid = "4812345"
    world.home.save(update_fields=["geoid"])
