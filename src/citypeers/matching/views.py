"""HTML views for matching. Thin: parse → permission → one service or selector → render.

All pages are public: they show directory facts and published knowledge only.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.directory.enums import GovernmentType, PopulationBand
from citypeers.knowledge.models import ChallengeArea
from citypeers.matching import cache, selectors
from citypeers.matching.engine import resolve_weights
from citypeers.matching.params import DEFAULT_K, LEVEL_CHOICES, MAX_K, MAX_PINNED, peer_params

PROFILE_PANEL_PEERS = 5

WEIGHT_MAX = 3


def _weights_form(request, search) -> dict:
    """Slider positions: what the request asked for, else the defaults."""
    specs = search.specs if search else cache.feature_matrix().specs
    defaults = resolve_weights(specs)
    features = []
    for spec, default in zip(specs, defaults, strict=True):
        value = request.GET.get(f"w_{spec.code}", "")
        features.append({"spec": spec, "value": value or f"{default:g}"})
    themes = []
    for theme in dict.fromkeys(s.theme for s in specs):
        themes.append(
            {
                "name": theme,
                "value": request.GET.get(f"t_{theme}", "") or "1",
                "features": [s.label.lower() for s in specs if s.theme == theme],
            }
        )
    cw = request.GET.get("challenge_weight", "")
    if not cw:
        cw = f"{search.challenge_weight:g}" if search else "0.3"
    return {"features": features, "themes": themes, "challenge_weight": cw, "max": WEIGHT_MAX}


def _form_choices() -> dict:
    areas = list(
        ChallengeArea.objects.select_related("parent").order_by("parent__order", "order", "name")
    )
    tops = [a for a in areas if a.parent_id is None]
    children = {}
    for a in areas:
        if a.parent_id:
            children.setdefault(a.parent_id, []).append(a)
    return {
        "area_groups": [(top, children.get(top.pk, [])) for top in tops],
        "coalitions": list(
            Organisation.objects.filter(kind=OrganisationKind.COALITION)
            .order_by("name")
            .only("slug", "name")
        ),
        "bands": PopulationBand.choices,
        "kinds": [c for c in GovernmentType.choices if c[0] != GovernmentType.PLACE],
        "levels": list(LEVEL_CHOICES.items()),
    }


@require_GET
def finder(request):
    """Pick a city (and a challenge); get peers with reasons; steer with weights and filters."""
    city_text = request.GET.get("city", "").strip()
    search, error = None, ""
    if city_text:
        try:
            subject = selectors.jurisdiction_by_key(city_text)
            city_text = selectors.display_key(subject, city_text)
            search = selectors.peer_search(subject, peer_params(request.GET))
        except Http404:
            error = (
                f"No city in the directory matches “{city_text}”. Pick one from the suggestions."
            )
        except ValidationError as exc:
            error = exc.messages[0]
    pins = request.GET.getlist("pinned")
    pins = [p for p in pins if p.strip()][:MAX_PINNED]
    context = {
        "search": search,
        "error": error,
        "city_text": city_text,
        "query": request.GET.urlencode(),
        "pins": pins + [""] * (MAX_PINNED - len(pins)),
        "k_value": request.GET.get("k", DEFAULT_K),
        "max_k": MAX_K,
        "weights_form": _weights_form(request, search),
    }
    if request.htmx:
        return render(request, "matching/finder.html#results", context)
    context.update(_form_choices())
    return render(request, "matching/finder.html", context)


@require_GET
def city_options(request):
    """`<option>`s for the city box's datalist (htmx): whole directory, biggest first."""
    text = request.GET.get("city") or request.GET.get("q") or ""
    if not text:
        text = next((v for k, v in request.GET.items() if k == "pinned" and v), "")
    cities = selectors.city_options(text)
    names = [(j.name, j.state) for j in cities]
    duplicates = {pair for pair in names if names.count(pair) > 1}
    options = [{"value": selectors.option_label(j, duplicates), "jurisdiction": j} for j in cities]
    return render(request, "matching/_city_options.html", {"options": options})


@require_GET
def compare(request, slug: str):
    """The city beside its peer group and the whole directory, feature by feature."""
    subject = selectors.jurisdiction_by_key(slug)
    search, rows, error = None, [], ""
    try:
        search = selectors.peer_search(subject, peer_params(request.GET), explain=False)
        rows = selectors.comparison_rows(search)
    except ValidationError as exc:
        error = exc.messages[0]
    numeric = [r for r in rows if r.spec.kind == "numeric"]
    chart = {
        "labels": [r.spec.label for r in numeric],
        "subject": [r.subject_z for r in numeric],
        "peers": [r.peer_median_z for r in numeric],
        "all": [r.all_median_z for r in numeric],
        "subjectName": str(subject),
    }
    return render(
        request,
        "matching/compare.html",
        {
            "subject": subject,
            "search": search,
            "rows": rows,
            "numeric_rows": numeric,
            "chart": chart,
            "error": error,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
def profile_panel(request, slug: str):
    """The top context peers of a city, loaded into its profile after the page itself."""
    subject = selectors.jurisdiction_by_key(slug)
    peers = selectors.peers_for(subject, k=PROFILE_PANEL_PEERS)
    return render(request, "matching/_peers_panel.html", {"jurisdiction": subject, "peers": peers})


@require_GET
def two_way(request, slug: str):
    """Partners where each side has solved something the other needs."""
    subject = selectors.jurisdiction_by_key(slug)
    page = selectors.two_way_page(subject, limit=20)

    def with_refs(exchanges):
        return [(e, [page.refs[i] for i in e.solution_ids if i in page.refs]) for e in exchanges]

    rows = [
        {
            "match": m,
            "partner": page.partners[m.partner_id],
            "partner_teaches": with_refs(m.partner_teaches),
            "subject_teaches": with_refs(m.subject_teaches),
        }
        for m in page.matches
    ]
    return render(
        request,
        "matching/two_way.html",
        {"subject": subject, "rows": rows, "needs": page.needs, "offers": page.offers},
    )
