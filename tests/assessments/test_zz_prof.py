import cProfile, pstats, pytest
from tests.assessments.helpers import finished_assessment
from tests.factories.directory import JurisdictionFactory
from tests.factories.assessments import default_version

@pytest.mark.django_db
def test_prof():
    default_version()
    pr = cProfile.Profile(); pr.enable()
    for _ in range(5):
        finished_assessment(JurisdictionFactory())
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(25)
