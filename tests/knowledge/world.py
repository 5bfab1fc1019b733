from tests.factories.knowledge import SolutionAttachmentFactory


def extend(world):
    world.attachment = SolutionAttachmentFactory(solution=world.solution)
    world.draft_attachment = SolutionAttachmentFactory(solution=world.draft_solution)
