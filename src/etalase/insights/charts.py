"""Charts as server-rendered SVG: light, accessible (title + description), no script.

Every chart is also shown as a table of the same figures by the template, so the
SVG is marked as an image with a text alternative and screen readers read the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape

from etalase.insights.selectors import Row

PALETTE = ["#0b6e4f", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#577590", "#8d6cab"]
FONT = "font-family:system-ui,sans-serif;font-size:12px"


def _svg(width: int, height: int, title: str, body: str) -> str:
    title = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{title}" class="chart">'
        f"<title>{title}</title><rect width='{width}' height='{height}' fill='#fff'/>"
        f"{body}</svg>"
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def bar_chart(rows: Sequence[Row], title: str, width: int = 560) -> str:
    """Horizontal bars: labels on the left, values at the bar ends."""
    bar, gap, label_w = 18, 8, 210
    height = max(40, len(rows) * (bar + gap) + 20)
    top = max((r.value for r in rows), default=0) or 1
    span = width - label_w - 60
    parts = []
    for i, row in enumerate(rows):
        y = 10 + i * (bar + gap)
        w = max(1, round(span * row.value / top)) if row.value else 0
        color = PALETTE[i % len(PALETTE)]
        label = escape(row.label if len(row.label) <= 28 else row.label[:26] + "...")
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" style="{FONT}">{label}'
            f"</text><rect x='{label_w}' y='{y}' width='{w}' height='{bar}' fill='{color}'/>"
            f'<text x="{label_w + w + 4}" y="{y + 13}" style="{FONT}">{_number(row.value)}</text>'
        )
    if not rows:
        parts.append(f'<text x="10" y="25" style="{FONT}">–</text>')
    return _svg(width, height, title, "".join(parts))


def line_chart(rows: Sequence[Row], title: str, width: int = 560, height: int = 220) -> str:
    left, bottom, top_pad = 50, 30, 15
    if not rows:
        return _svg(width, 60, title, f'<text x="10" y="25" style="{FONT}">–</text>')
    top = max(r.value for r in rows) or 1
    step = (width - left - 15) / max(1, len(rows) - 1)
    plot_h = height - bottom - top_pad

    def point(i: int, value: float) -> tuple[float, float]:
        return left + i * step, top_pad + plot_h * (1 - value / top)

    points = " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (point(i, r.value) for i, r in enumerate(rows))
    )
    axis = (
        f"<line x1='{left}' y1='{top_pad + plot_h}' x2='{width - 10}' "
        f"y2='{top_pad + plot_h}' stroke='#888'/>"
        f'<text x="{left - 6}" y="{top_pad + 4}" text-anchor="end" style="{FONT}">'
        f"{_number(top)}</text>"
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" style="{FONT}">0</text>'
    )
    labels = "".join(
        f'<text x="{point(i, 0)[0]:.1f}" y="{height - 8}" text-anchor="middle" '
        f'style="{FONT}">{escape(r.label)}</text>'
        for i, r in enumerate(rows)
        if i % max(1, len(rows) // 6) == 0 or i == len(rows) - 1
    )
    line = f"<polyline points='{points}' fill='none' stroke='{PALETTE[0]}' stroke-width='2'/>"
    # Dots too: a single month is a point, not a line.
    line += "".join(
        f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='{PALETTE[0]}'/>"
        for x, y in (point(i, r.value) for i, r in enumerate(rows))
    )
    return _svg(width, height, title, axis + line + labels)


def tile_map(rows: Sequence[Row], title: str, columns: int = 6, width: int = 560) -> str:
    """Provinces as equal tiles, shaded by their figure: a map people read at a glance."""
    tile, gap = (width - 10) // columns - 6, 6
    rows = list(rows)
    lines = (len(rows) + columns - 1) // columns
    height = max(40, lines * (tile // 2 + gap) + 10)
    top = max((r.value for r in rows), default=0) or 1
    parts = []
    for i, row in enumerate(sorted(rows, key=lambda r: r.key)):
        x = 5 + (i % columns) * (tile + gap)
        y = 5 + (i // columns) * (tile // 2 + gap)
        shade = 0.15 + 0.85 * (row.value / top)
        text_color = "#fff" if shade > 0.55 else "#123"
        parts.append(
            f"<rect x='{x}' y='{y}' width='{tile}' height='{tile // 2}' rx='4' "
            f"fill='{PALETTE[0]}' fill-opacity='{shade:.2f}'/>"
            f'<text x="{x + tile / 2}" y="{y + tile // 4 - 2}" text-anchor="middle" '
            f'style="{FONT};fill:{text_color}">{escape(row.key)}</text>'
            f'<text x="{x + tile / 2}" y="{y + tile // 4 + 12}" text-anchor="middle" '
            f'style="{FONT};font-weight:bold;fill:{text_color}">{_number(row.value)}</text>'
        )
    return _svg(width, height, title, "".join(parts))
