"""The referral tree layout: layered from the seeker, nothing overlaps, loops are cut."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from itertools import combinations

from coffeechat.lib.referral_layout import (
    COLUMN_GAP,
    NODE_HEIGHT,
    NODE_WIDTH,
    Person,
    build,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def _overlaps(a, b) -> bool:
    left_a, top_a, right_a, bottom_a = a.box
    left_b, top_b, right_b, bottom_b = b.box
    return left_a < right_b and left_b < right_a and top_a < bottom_b and top_b < bottom_a


def _by_id(layout):
    return {node.id: node for node in layout.nodes}


def _random_people(count: int, seed: int) -> list[Person]:
    rng = random.Random(seed)
    people = []
    for pk in range(1, count + 1):
        # About a third reached on their own, the rest introduced by someone earlier.
        referrer = rng.randrange(1, pk) if pk > 1 and rng.random() > 0.33 else None
        people.append(Person(id=pk, name=f"Person {pk}", referred_by=referrer, url=f"/p/{pk}/"))
    return people


def test_the_seeker_is_the_root_and_each_introduction_is_one_layer_further():
    layout = build(
        [Person(1, "Ann"), Person(2, "Bob", referred_by=1), Person(3, "Cy", referred_by=2)]
    )
    nodes = _by_id(layout)
    assert layout.root.name == "You" and layout.root.depth == 0
    assert [nodes[pk].depth for pk in (1, 2, 3)] == [1, 2, 3]
    assert nodes[2].parent == 1 and nodes[3].parent == 2
    assert nodes[1].x < nodes[2].x < nodes[3].x
    assert nodes[2].x - nodes[1].x == NODE_WIDTH + COLUMN_GAP


def test_reading_order_follows_each_person_with_the_people_they_led_to():
    layout = build(
        [
            Person(1, "Zoe"),
            Person(2, "Adam"),
            Person(3, "Mia", referred_by=1),
            Person(4, "Bea", referred_by=1),
        ]
    )
    assert [node.name for node in layout.nodes] == ["Adam", "Zoe", "Bea", "Mia"]


def test_a_parent_shares_the_row_of_its_first_child_and_the_seeker_starts_at_the_top():
    layout = build(
        [Person(1, "Ann"), *[Person(pk, f"Kid {pk}", referred_by=1) for pk in (2, 3, 4)]]
    )
    nodes = _by_id(layout)
    assert nodes[1].y == nodes[2].y == layout.root.y == 8
    assert nodes[2].y < nodes[3].y < nodes[4].y


def test_two_hundred_people_never_overlap_and_fit_the_drawing():
    layout = build(_random_people(200, seed=7))
    everyone = [layout.root, *layout.nodes]
    assert len(layout.nodes) == 200
    for a, b in combinations(everyone, 2):
        assert not _overlaps(a, b), (a.name, b.name)
    for node in everyone:
        left, top, right, bottom = node.box
        assert left >= 0 and top >= 0 and right <= layout.width and bottom <= layout.height


def test_a_chain_of_three_hundred_introductions_lays_out_without_recursion():
    people = [Person(1, "First")] + [
        Person(pk, f"P{pk}", referred_by=pk - 1) for pk in range(2, 301)
    ]
    layout = build(people)
    assert max(node.depth for node in layout.nodes) == 300
    assert layout.width > 300 * NODE_WIDTH


def test_a_loop_is_cut_and_hung_off_the_seeker():
    layout = build(
        [
            Person(1, "Ann", referred_by=2),
            Person(2, "Bob", referred_by=1),
            Person(3, "Cy", referred_by=2),
            Person(4, "Self", referred_by=4),
        ]
    )
    nodes = _by_id(layout)
    assert sorted(nodes) == [1, 2, 3, 4]
    assert layout.cut == [1, 4]  # the first of each loop by name
    assert nodes[1].depth == 1 and nodes[2].parent == 1 and nodes[3].parent == 2
    assert nodes[4].depth == 1


def test_a_referrer_outside_the_drawing_leaves_the_person_at_the_first_layer():
    layout = build([Person(5, "Orphan", referred_by=99)])
    assert layout.nodes[0].depth == 1 and layout.cut == []


def test_nobody_gives_just_the_seeker():
    layout = build([])
    assert layout.nodes == [] and layout.root.box == (8, 8, 8 + NODE_WIDTH, 8 + NODE_HEIGHT)


def test_the_drawing_links_every_person_with_the_name_visible_and_escaped():
    layout = build(
        [
            Person(1, "Ann <b>Lee</b>", url="/people/contacts/1/"),
            Person(2, "Bartholomew Featherstonehaugh-Smythe", referred_by=1, url="/p/2/?a=1&b=2"),
        ]
    )
    svg = render_svg(layout, "Who led to whom")
    assert "<b>" not in svg
    root = ET.fromstring(svg)
    assert root.get("aria-label") == "Who led to whom"
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["/people/contacts/1/", "/p/2/?a=1&b=2"]
    names = [a.find(f".//{SVG}text").text for a in links]
    assert names[0] == "Ann <b>Lee</b>"
    assert names[1].endswith("…") and len(names[1]) <= 22  # shortened to fit its box
    titles = [a.find(f".//{SVG}title").text for a in links]
    assert titles[1] == "Bartholomew Featherstonehaugh-Smythe"  # the full name on hover
    assert len(list(root.iter(f"{SVG}path"))) == 2  # you → Ann, Ann → Bartholomew
