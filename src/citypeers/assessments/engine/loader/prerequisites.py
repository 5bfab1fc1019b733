"""Prerequisites must name criteria of the same version and must not form a cycle."""

from citypeers.assessments.engine.loader.fields import Problems
from citypeers.assessments.engine.spec import Area


def check_prerequisites(problems: Problems, areas: list[Area]) -> None:
    known = {c.key: c for area in areas for c in area.criteria}
    graph: dict[str, list[str]] = {}
    for criterion in known.values():
        edges = []
        for prerequisite in criterion.prerequisites:
            if prerequisite.criterion == criterion.key:
                problems.add(f"criterion '{criterion.key}'", "lists itself as a prerequisite")
            elif prerequisite.criterion not in known:
                problems.add(
                    f"criterion '{criterion.key}'",
                    f"prerequisite '{prerequisite.criterion}' is not a criterion of this version",
                )
            else:
                edges.append(prerequisite.criterion)
        graph[criterion.key] = edges
    cycle = find_cycle(graph)
    if cycle:
        problems.add(f"criterion '{cycle[0]}'", f"prerequisites form a cycle: {' → '.join(cycle)}")


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """The first cycle found as a closed path [a, b, …, a], or None. Iterative DFS."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    for start in graph:
        if colour[start] != white:
            continue
        stack = [(start, iter(graph[start]))]
        path = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = black
                stack.pop()
                path.pop()
            elif colour.get(child, black) == grey:
                return [*path[path.index(child) :], child]
            elif colour.get(child) == white:
                colour[child] = grey
                path.append(child)
                stack.append((child, iter(graph[child])))
    return None
