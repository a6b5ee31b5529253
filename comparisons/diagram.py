"""Geometry of the request-path diagram on a comparison page: client, CDN, proxy or load balancer,
origin, and a marker for each of the two codes at every hop that produces it.

Two layouts are drawn: a wide one for desktops and a tall one for phones (the stylesheet shows one).
Coordinates are mirrored for right-to-left languages, so the request still flows in reading order.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext, pgettext

from codes.models import StatusCode

Emitter = StatusCode.Emitter

# Which box of the diagram each emitter value lights up.
NODE_OF_EMITTER = {
    Emitter.CDN: "cdn",
    Emitter.PROXY: "proxy",
    Emitter.LOAD_BALANCER: "proxy",
    Emitter.ORIGIN: "origin",
}
NODE_ORDER = ("client", "cdn", "proxy", "origin")


def node_labels() -> dict[str, list[str]]:
    # Translators: a box of the request-path diagram. "\n" breaks the label onto a second line;
    # keep each line under about 18 characters.
    return {
        "client": pgettext("request-path diagram", "Client\nbrowser or app").split("\n"),
        "cdn": pgettext("request-path diagram", "CDN\nedge server").split("\n"),
        "proxy": pgettext("request-path diagram", "Load balancer\nor proxy").split("\n"),
        "origin": pgettext("request-path diagram", "Origin\napplication").split("\n"),
    }


@dataclass
class Box:
    key: str
    x: float
    y: float
    width: float
    height: float
    lines: list[tuple[float, float, str]]
    marked_by: list[str] = field(default_factory=list)

    @property
    def css_class(self) -> str:
        return " ".join(["node", *[f"is-{mark}" for mark in self.marked_by]])


@dataclass
class Marker:
    which: str  # "a" or "b"
    label: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    line: tuple[float, float, float, float]


@dataclass
class Layout:
    width: int
    height: int
    boxes: list[Box]
    arrows: list[tuple[float, float, float, float]]
    returns: list[tuple[float, float, float, float]]
    markers: list[Marker]

    @property
    def drawing_key(self) -> str:
        """What the drawing around the markers depends on besides the language: which boxes each code
        marks. Many pairs share it, so the drawing is kept per language and key (includes/_diagram.html)."""
        return ";".join(f"{box.key}:{''.join(box.marked_by)}" for box in self.boxes)


@dataclass
class Diagram:
    title: str
    wide: Layout
    tall: Layout
    produced: list[tuple[StatusCode, list[str]]]


def nodes_of(code: StatusCode) -> set[str]:
    return {NODE_OF_EMITTER[value] for value in code.emitted_by if value in NODE_OF_EMITTER}


def _marker_label(code: StatusCode, other: StatusCode) -> str:
    return code.slug if code.number == other.number else str(code.number)


def _wide(labels, marks, names, rtl: bool) -> Layout:
    box_w, box_h, gap, top, margin = 188, 66, 42, 92, 12
    width = 2 * margin + len(NODE_ORDER) * box_w + (len(NODE_ORDER) - 1) * gap
    mirror = (lambda x, w=0: width - x - w) if rtl else (lambda x, w=0: x)
    boxes, arrows, returns, markers = [], [], [], []
    for index, key in enumerate(NODE_ORDER):
        x = margin + index * (box_w + gap)
        centre = mirror(x + box_w / 2)
        lines = _text_lines(labels[key], centre, top + box_h / 2)
        boxes.append(Box(key, mirror(x, box_w), top, box_w, box_h, lines, marks[key]))
        if index:
            start, end = x - gap + 5, x - 6
            arrows.append((mirror(start), top + 24, mirror(end), top + 24))
            returns.append((mirror(end - 1), top + box_h - 24, mirror(start + 1), top + box_h - 24))
        for which in marks[key]:
            pill_w = max(58, 11 * len(names[which]) + 22)
            above = which == "a"
            pill_y = 18 if above else top + box_h + 48
            line = (
                (centre, pill_y + 32, centre, top - 4) if above else (centre, top + box_h + 4, centre, pill_y)
            )
            markers.append(
                Marker(
                    which, names[which], centre - pill_w / 2, pill_y, pill_w, 32, centre, pill_y + 21, line
                )
            )
    return Layout(width, top + box_h + 48 + 32 + 12, boxes, arrows, returns, markers)


def _tall(labels, marks, names, rtl: bool) -> Layout:
    width, box_w, box_h, gap, left = 360, 196, 62, 40, 82
    mirror = (lambda x, w=0: width - x - w) if rtl else (lambda x, w=0: x)
    boxes, arrows, returns, markers = [], [], [], []
    for index, key in enumerate(NODE_ORDER):
        y = 10 + index * (box_h + gap)
        middle = y + box_h / 2
        lines = _text_lines(labels[key], mirror(left + box_w / 2), middle)
        boxes.append(Box(key, mirror(left, box_w), y, box_w, box_h, lines, marks[key]))
        if index:
            down, up = left + box_w / 2 - 14, left + box_w / 2 + 14
            arrows.append((mirror(down), y - gap + 5, mirror(down), y - 6))
            returns.append((mirror(up), y - 7, mirror(up), y - gap + 4))
        for which in marks[key]:
            pill_w = max(56, 10 * len(names[which]) + 16)
            pill_w = min(pill_w, 72)
            if which == "a":
                x, line = 4, (4 + pill_w, middle, left - 4, middle)
            else:
                x = width - 4 - pill_w
                line = (left + box_w + 4, middle, x, middle)
            markers.append(
                Marker(
                    which,
                    names[which],
                    mirror(x, pill_w),
                    middle - 15,
                    pill_w,
                    30,
                    mirror(x + pill_w / 2),
                    middle + 5,
                    (mirror(line[0]), line[1], mirror(line[2]), line[3]),
                )
            )
    return Layout(width, 10 + len(NODE_ORDER) * (box_h + gap) - gap + 10, boxes, arrows, returns, markers)


def _text_lines(lines: list[str], centre_x: float, middle_y: float) -> list[tuple[float, float, str]]:
    lines = [line.strip() for line in lines if line.strip()][:2]
    if len(lines) == 1:
        return [(centre_x, middle_y + 5, lines[0])]
    return [(centre_x, middle_y - 4, lines[0]), (centre_x, middle_y + 15, lines[1])]


def build_diagram(first: StatusCode, second: StatusCode, *, rtl: bool = False) -> Diagram:
    labels = node_labels()
    names = {"a": _marker_label(first, second), "b": _marker_label(second, first)}
    produced_by = {"a": nodes_of(first), "b": nodes_of(second)}
    marks = {key: [which for which in ("a", "b") if key in produced_by[which]] for key in NODE_ORDER}
    emitter_labels = dict(Emitter.choices)
    produced = [
        (code, [str(emitter_labels[value]) for value in code.emitted_by if value in emitter_labels])
        for code in (first, second)
    ]
    return Diagram(
        title=gettext("Where along the request path each code is produced"),
        wide=_wide(labels, marks, names, rtl),
        tall=_tall(labels, marks, names, rtl),
        produced=produced,
    )
