"""A layered tree of who led to whom, laid out left to right, and drawn as SVG.

The seeker is the root in the first column; each column further right is one more
introduction away. Every leaf gets its own row and a parent shares the row of its first child,
so the drawing reads like an outline from the top: no two boxes share a row within a column and
nothing overlaps, however many people there are. A chain that loops
back on itself (which the forms prevent, but imported data may hold) is cut and hung off the
root, so the layout always ends.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

NODE_WIDTH = 176
NODE_HEIGHT = 30
COLUMN_GAP = 44
ROW_GAP = 10
MARGIN = 8
MAX_LABEL = 22  # characters shown in a box; the full name is in its tooltip and the list


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    referred_by: int | None = None
    url: str = ""
    talked: bool = False  # a conversation with them was held


@dataclass
class Node:
    id: int | None  # None for the root, the seeker
    name: str
    depth: int
    url: str = ""
    talked: bool = False
    parent: int | None = None
    children: list[Node] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the node's box."""
        return (self.x, self.y, self.x + NODE_WIDTH, self.y + NODE_HEIGHT)


@dataclass
class Layout:
    root: Node
    nodes: list[Node]  # reading order: each person followed by the people they led to
    width: float
    height: float
    cut: list[int]  # ids whose referral chain was cut because it looped back

    def edges(self) -> list[tuple[Node, Node]]:
        return [(node, child) for node in [self.root, *self.nodes] for child in node.children]


def build(people: Iterable[Person], root_name: str = "You") -> Layout:
    """Lay out everyone: people with no (known) referrer hang off the root."""
    by_id = {person.id: person for person in people}
    children: dict[int | None, list[Person]] = {}
    for person in by_id.values():
        parent = person.referred_by if person.referred_by in by_id else None
        children.setdefault(parent, []).append(person)
    for group in children.values():
        group.sort(key=lambda p: (p.name.casefold(), p.id))

    root = Node(id=None, name=root_name, depth=0)
    placed: dict[int, Node] = {}
    cut: list[int] = []
    _attach(root, children, placed)
    # Whatever the root did not reach sits in a loop; cut each loop at its first member.
    for person in sorted(by_id.values(), key=lambda p: (p.name.casefold(), p.id)):
        if person.id not in placed:
            cut.append(person.id)
            node = _node(person, root)
            root.children.append(node)
            placed[person.id] = node
            _attach(node, children, placed)

    ordered: list[Node] = []
    rows = _place(root, 0, ordered)
    columns = max((node.depth for node in ordered), default=0) + 1
    width = 2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP
    height = 2 * MARGIN + max(rows, 1) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
    return Layout(root=root, nodes=ordered, width=width, height=height, cut=cut)


def _node(person: Person, parent: Node) -> Node:
    return Node(
        id=person.id,
        name=person.name,
        depth=parent.depth + 1,
        url=person.url,
        talked=person.talked,
        parent=parent.id,
    )


def _attach(start: Node, children: dict, placed: dict[int, Node]) -> None:
    """Hang the people each placed node led to under it, breadth first, each person once."""
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for person in children.get(node.id, []):
            if person.id in placed:
                continue
            child = _node(person, node)
            node.children.append(child)
            placed[person.id] = child
            queue.append(child)


def _place(root: Node, first_row: int, ordered: list[Node]) -> int:
    """Give every node its box; returns the number of rows used. Iterative, for deep chains."""
    row = first_row
    # Post-order walk: a node is placed after its children, in the row of the first one.
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        node.x = MARGIN + node.depth * (NODE_WIDTH + COLUMN_GAP)
        if not children_done:
            if node.id is not None:
                ordered.append(node)
            if not node.children:
                node.y = MARGIN + row * (NODE_HEIGHT + ROW_GAP)
                row += 1
                continue
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
        else:
            node.y = node.children[0].y
    return row


def _label(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"


def render_svg(layout: Layout, title: str) -> str:
    """The tree as an SVG: each person a link to their page, their name on the box.

    A group rather than an image, so assistive technology still reaches the links inside.
    """
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="referral-graph" role="group" '
        f'width="{layout.width:g}" height="{layout.height:g}" '
        f'viewBox="0 0 {layout.width:g} {layout.height:g}" aria-label="{escape(title)}" '
        f'font-size="13" font-family="system-ui, sans-serif">',
        f"<title>{escape(title)}</title>",
        '<g class="edges" fill="none" stroke="#8c959f" stroke-width="1.2">',
    ]
    for parent, child in layout.edges():
        # Elbows: siblings share one trunk half-way between the columns, so edges never cross.
        x1, y1 = parent.x + NODE_WIDTH, parent.y + NODE_HEIGHT / 2
        x2, y2 = child.x, child.y + NODE_HEIGHT / 2
        middle = x1 + COLUMN_GAP / 2
        parts.append(f'<path d="M{x1:g},{y1:g} H{middle:g} V{y2:g} H{x2:g}"/>')
    parts.append("</g>")
    parts.append(_box(layout.root, "node root"))
    for node in layout.nodes:
        box = _box(node, "node talked" if node.talked else "node")
        if node.url:
            box = f'<a href="{escape(node.url)}">{box}</a>'
        parts.append(box)
    parts.append("</svg>")
    return "".join(parts)


def _box(node: Node, css_class: str) -> str:
    highlighted = node.talked or node.id is None
    fill, stroke = ("#f5e9df", "#8a4b1f") if highlighted else ("#ffffff", "#8c959f")
    return (
        f'<g class="{css_class}"><title>{escape(node.name)}</title>'
        f'<rect x="{node.x:g}" y="{node.y:g}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" '
        f'rx="6" fill="{fill}" stroke="{stroke}"/>'
        f'<text x="{node.x + 8:g}" y="{node.y + NODE_HEIGHT / 2 + 4.5:g}" fill="#1f2328">'
        f"{escape(_label(node.name))}</text></g>"
    )
