"""Positions for a large neighbourhood view, computed before the page opens: vis-network's own
physics took 41 s to stabilise 7,300 nodes in headless Chromium."""
from __future__ import annotations

from collections import Counter, defaultdict

from .catalog import Catalog

__all__ = ["layout"]


#: The distance between the rings of a sunflower spiral of satellites.
_STEP = 16.0


def layout(catalog: Catalog, view) -> dict[str, tuple[float, float]]:
    """Positions for a large view. Sections fold into their document and instruments cited
    from one place only hang off it; what is left (documents and the instruments several of
    them share) gets a Fruchterman-Reingold layout; each node's satellites then sit on a
    sunflower spiral around it. Deterministic, and seconds where the browser took a minute."""
    core, satellites, neighbours = _clusters(catalog, view)
    placed = _place_core(core, satellites, neighbours)
    _place_satellites(placed, catalog, core, satellites)
    _place_the_rest(placed, view.nodes)
    return placed


def _clusters(catalog: Catalog, view) -> tuple[list[str], dict[str, list[str]], dict[str, Counter]]:
    """The nodes laid out on their own (the core), what hangs off each, and how often two core
    nodes are linked: a section hangs off its document, an instrument linked to one node only off it."""
    members = set(view.nodes)
    anchor = {}
    for iri in view.nodes:
        document = catalog.nodes[iri].document
        anchor[iri] = document if document in members else iri
    neighbours: dict[str, Counter] = defaultdict(Counter)
    for source, target, _ in view.edges:
        a, b = anchor[source], anchor[target]
        if a != b:
            neighbours[a][b] += 1
            neighbours[b][a] += 1
    heads = sorted({a for a in anchor.values()})
    satellites: dict[str, list[str]] = defaultdict(list)
    for iri in view.nodes:
        if anchor[iri] != iri:
            satellites[anchor[iri]].append(iri)
    core = []
    for head in heads:
        if len(neighbours[head]) == 1 and catalog.nodes[head].kind == "instrument":
            satellites[next(iter(neighbours[head]))].append(head)
        else:
            core.append(head)
    return core, satellites, neighbours


def _place_core(core: list[str], satellites: dict[str, list[str]],
                neighbours: dict[str, Counter]) -> dict[str, tuple[float, float]]:
    """Each connected part of the core gets its own layout, sized by the room its clusters need (a
    spiral's radius grows with the square root of its satellites), then the parts go in rows,
    largest first: repulsion alone would fling small parts far off the screen."""
    import numpy as np

    placed: dict[str, tuple[float, float]] = {}
    shelf_x = shelf_y = shelf_height = 0.0
    width = None
    for part in _components(core, neighbours):
        index = {iri: i for i, iri in enumerate(part)}
        adjacency = np.zeros((len(part), len(part)))
        for head in part:
            for other, count in neighbours[head].items():
                if other in index:
                    adjacency[index[head], index[other]] = 1.0 + np.log(count)
        position = _spring(adjacency)
        radii = np.array([_STEP * np.sqrt(len(satellites[head]) + 1) + 30.0 for head in part])
        side = float(np.sqrt((np.pi * radii ** 2).sum() * 3.0))
        span = float(np.ptp(position, axis=0).max()) if len(part) > 1 else 1.0
        position = (position - position.min(axis=0)) * (side / (span or 1.0))
        if width is None:
            width = max(side, 2000.0)
        elif shelf_x + side > width:
            shelf_x, shelf_y, shelf_height = 0.0, shelf_y + shelf_height + 300.0, 0.0
        for head, (x, y) in zip(part, position):
            placed[head] = (float(x) + shelf_x, float(y) + shelf_y)
        shelf_x += side + 300.0
        shelf_height = max(shelf_height, side)
    return placed


def _place_satellites(placed: dict[str, tuple[float, float]], catalog: Catalog, core: list[str],
                      satellites: dict[str, list[str]]) -> None:
    """Each core node's satellites on a sunflower spiral around it (tasks first, then in text
    order), and theirs around them."""
    import numpy as np

    golden = np.pi * (3.0 - np.sqrt(5.0))

    def spiral(centre, children, start=1):
        for offset, child in enumerate(children, start):
            radius, angle = _STEP * np.sqrt(offset) + 20.0, offset * golden
            placed[child] = (centre[0] + float(radius * np.cos(angle)), centre[1] + float(radius * np.sin(angle)))
            grandchildren = [g for g in satellites.get(child, ()) if g not in placed]
            if grandchildren:
                spiral(placed[child], grandchildren)

    for head in core:
        spiral(placed[head], sorted(satellites[head], key=lambda iri: (catalog.nodes[iri].kind != "task",
                                                                        catalog.nodes[iri].start or 0, iri)))


def _place_the_rest(placed: dict[str, tuple[float, float]], nodes) -> None:
    """Whatever is still unplaced (a satellite of a satellite's loop) goes in a row below."""
    bottom = max((y for _, y in placed.values()), default=0.0) + 200.0
    for number, iri in enumerate(i for i in nodes if i not in placed):
        placed[iri] = (number % 60 * 40.0, bottom + number // 60 * 40.0)


def _components(nodes: list[str], neighbours: dict[str, Counter]) -> list[list[str]]:
    """Connected parts among ``nodes``, largest first, each in a stable order."""
    inside, seen, parts = set(nodes), set(), []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        part, stack = [], [start]
        while stack:
            current = stack.pop()
            part.append(current)
            for other in neighbours[current]:
                if other in inside and other not in seen:
                    seen.add(other)
                    stack.append(other)
        parts.append(sorted(part))
    return sorted(parts, key=lambda part: (-len(part), part[0]))


def _spring(adjacency, iterations: int = 80, seed: int = 7):
    """Fruchterman-Reingold over a dense weighted adjacency matrix: numpy in float32 with
    x and y apart (no scipy here, and 3-D difference arrays were three times slower)."""
    import numpy as np

    size = len(adjacency)
    rng = np.random.default_rng(seed)
    position = rng.random((size, 2))
    if size < 2:
        return position
    x, y = position[:, 0].astype(np.float32), position[:, 1].astype(np.float32)
    weights = adjacency.astype(np.float32)
    k = np.float32(1.0 / np.sqrt(size))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        distance = np.sqrt(dx * dx + dy * dy)
        np.maximum(distance, np.float32(0.01), out=distance)
        force = k * k / (distance * distance) - weights * distance / k
        move_x = (dx * force).sum(axis=1)
        move_y = (dy * force).sum(axis=1)
        length = np.maximum(np.sqrt(move_x * move_x + move_y * move_y), np.float32(0.01))
        x += move_x * (temperature / length)
        y += move_y * (temperature / length)
        temperature -= cooling
    return np.stack([x, y], axis=1).astype(float)
