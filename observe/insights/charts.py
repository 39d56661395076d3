"""Server-side SVG bar charts: accessible, printable, no JavaScript.

Each chart is ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (read by screen
readers; the same numbers are always in a table beside the chart). The Content-Security-
Policy forbids inline ``style`` attributes and inline scripts, so colours come from
classes (styled in app.css) with SVG presentation attributes (``fill``) as the fallback
for print and for readers without the stylesheet. Widths are in a ``viewBox`` so the
chart scales to a tablet's width and to A4.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
LABEL_W = 260
BAR_H = 14
GAP = 4
ROW_GAP = 12
PAD = 6
FILLS = {"current": "#1f6f5c", "previous": "#a9cfc2", "observations": "#c8702a",
         "observations-previous": "#efc9a6"}


@dataclass
class Series:
    name: str
    css: str  # one of FILLS: the class is "bar bar-<css>"


def _number(value: float) -> str:
    return f"{value:g}"


def bar_chart(title: str, desc: str, labels: list[str], series: list[Series],
              values: list[list[int]], *, chart_id: str = "chart",
              empty_labels: frozenset[int] = frozenset()) -> Markup:
    """Horizontal grouped bars: ``values[s][i]`` is series ``s`` for label ``i``.

    Labels whose index is in ``empty_labels`` get the class ``empty`` (and a marker),
    so "nothing documented" stands out in colour *and* in text.
    """
    cid = escape(chart_id)
    peak = max((v for row in values for v in row), default=0) or 1
    group_h = len(series) * (BAR_H + GAP) - GAP
    legend_rows = (len(series) + 1) // 2
    height = PAD * 2 + len(labels) * (group_h + ROW_GAP) + 20 * legend_rows + 4
    plot_w = WIDTH - LABEL_W - 50
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
             f'width="100%" preserveAspectRatio="xMinYMin meet" '
             f'aria-labelledby="{cid}-t {cid}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{cid}-t">{escape(title)}</title>',
             f'<desc id="{cid}-d">{escape(desc)}</desc>']
    y = PAD
    for i, label in enumerate(labels):
        empty = i in empty_labels
        cls = "chart-label empty" if empty else "chart-label"
        text = label if len(label) <= 30 else label[:29] + "…"
        marker = " ○" if empty else ""
        parts.append(f'<text class="{cls}" x="{LABEL_W - 8}" y="{y + group_h / 2 + 5:g}" '
                     f'text-anchor="end" font-size="13" fill="#1f2a2e">'
                     f'{escape(text)}{marker}</text>')
        for s, serie in enumerate(series):
            value = values[s][i]
            w = max(plot_w * value / peak, 0)
            by = y + s * (BAR_H + GAP)
            parts.append(f'<rect class="bar bar-{serie.css}" x="{LABEL_W}" y="{by}" '
                         f'width="{w:.1f}" height="{BAR_H}" fill="{FILLS[serie.css]}">'
                         f'<title>{escape(serie.name)}: {value}</title></rect>')
            parts.append(f'<text class="chart-value" x="{LABEL_W + w + 4:.1f}" '
                         f'y="{by + BAR_H - 2}" font-size="12" fill="#1f2a2e">{value}</text>')
        y += group_h + ROW_GAP
    # Legend along the bottom, two entries per line.
    for n, serie in enumerate(series):
        lx = 10 + (n % 2) * (WIDTH // 2)
        ly = y + 4 + (n // 2) * 20
        parts.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" '
                     f'class="bar bar-{serie.css}" fill="{FILLS[serie.css]}"/>')
        parts.append(f'<text x="{lx + 18}" y="{ly + 11}" font-size="13" fill="#1f2a2e">'
                     f'{escape(serie.name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text above is escaped)
