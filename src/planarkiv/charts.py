"""Bar charts of the money queries, drawn as SVG on the server, in Danish.

A query named under ``plugins: planarkiv: charts:`` in metadata.yml is drawn above its table: one bar per
year, stacked by the colour column, every year of the range on the axis (a year without money shows as
an empty place, not as a missing one), the axes titled in Danish and the numbers written the Danish way.
Drawn here rather than in the browser, so the chart needs no JavaScript and no English chart controls.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from planarkiv.formats import number

WIDTH, HEIGHT = 960, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 250, 20, 60  # margins: the y axis, the legend, the x axis
# Colours that stay apart for people with the common colour blindnesses (Okabe and Ito), the last (grey)
# for the groups beyond them together.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#999999")
OTHERS = "Øvrige"


def _nice_step(top: float, ticks: int = 6) -> float:
    """A round step (1, 2 or 5 times a power of ten) that divides ``top`` into about ``ticks`` parts."""
    raw = top / ticks if top > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _title(name: str) -> str:
    return name[:1].upper() + name[1:]


def bar_chart(rows: Sequence[Mapping[str, Any]], x: str, y: str, colour: str | None = None,
              y_title: str | None = None, x_title: str | None = None) -> Markup:
    """An SVG of ``y`` summed per ``x`` (whole numbers, the years), stacked by ``colour``."""
    rows = [row for row in rows if row[x] is not None and row[y] is not None]
    if not rows:
        return Markup("")
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        totals[str(row[colour]) if colour else ""] += float(row[y])
    groups = sorted(totals, key=lambda group: -totals[group])
    if len(groups) > len(COLOURS):  # the largest have a colour each, the rest one together
        groups = [*groups[:len(COLOURS) - 1], OTHERS]
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        group = str(row[colour]) if colour else ""
        sums[int(row[x])][group if group in groups else OTHERS] += float(row[y])
    years = list(range(min(sums), max(sums) + 1))
    colours = dict(zip(groups, COLOURS, strict=False))
    top = max(sum(v for v in by.values() if v > 0) for by in sums.values()) or 1
    step = _nice_step(top)
    top = math.ceil(top / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    band = plot_w / len(years)

    def y_at(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="planarkiv-chart" width="{WIDTH}" '
             f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" font-family="sans-serif" '
             'font-size="13">']
    tick = 0.0
    while tick <= top + step / 2:
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y_at(tick):.1f}" y2="{y_at(tick):.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y_at(tick) + 4:.1f}" text-anchor="end">'
                     f'{escape(number(tick, 1))}</text>')
        tick += step
    for i, year in enumerate(years):
        left = LEFT + i * band
        base = 0.0
        for group in groups:
            value = sums.get(year, {}).get(group, 0.0)
            if value <= 0:
                continue
            label = f"{year}{': ' + group if group else ''}: {number(value, 1)}"
            parts.append(f'<rect x="{left + band * 0.12:.1f}" y="{y_at(base + value):.1f}" '
                         f'width="{band * 0.76:.1f}" height="{y_at(base) - y_at(base + value):.1f}" '
                         f'fill="{colours[group]}"><title>{escape(label)}</title></rect>')
            base += value
        parts.append(f'<text x="{left + band / 2:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">'
                     f'{year}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
                 'stroke="#333"/>')
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                 f'font-weight="bold">{escape(_title(x_title or x))}</text>')
    parts.append(f'<text transform="translate(16 {TOP + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" '
                 f'font-weight="bold">{escape(_title(y_title or y))}</text>')
    if colour:
        legend_x = LEFT + plot_w + 20
        parts.append(f'<text x="{legend_x}" y="{TOP + 10}" font-weight="bold">'
                     f'{escape(_title(colour))}</text>')
        for i, group in enumerate(groups):
            row_y = TOP + 30 + i * 20
            parts.append(f'<rect x="{legend_x}" y="{row_y - 11}" width="12" height="12" '
                         f'fill="{colours[group]}"/>')
            name = group if len(group) <= 30 else group[:30] + "…"
            parts.append(f'<text x="{legend_x + 18}" y="{row_y}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
