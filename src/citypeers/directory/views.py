"""HTML views for the directory list. Thin: parse → one selector → render.

A city's own page (profile, story, people, history) is the profiles app's.
"""

from django.shortcuts import render

from citypeers.core.pagination import paginate
from citypeers.directory.forms import DirectoryFilterForm
from citypeers.directory.selectors import LIST_FIELDS, directory_search

LIST_PAGE_SIZE = 25


def directory_list(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters()
    queryset = directory_search(filters).only(*LIST_FIELDS)
    page = paginate(request, queryset, per_page=LIST_PAGE_SIZE)
    context = {"form": form, "filters": filters, "page_result": page, "page": page.page}
    template = "directory/list.html#results" if request.htmx else "directory/list.html"
    return render(request, template, context)
