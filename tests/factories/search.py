import factory

from citypeers.search.models import SearchDocument


class SearchDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchDocument

    kind = "solution"
    object_id = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Document {n}")
    body = "Street trees cool the neighbourhood in summer."
    url = factory.Sequence(lambda n: f"/documents/{n}/")
    is_public = True
    state = "TX"
