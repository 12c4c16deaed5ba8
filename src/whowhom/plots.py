"""Report figures with matplotlib (Agg backend, no screen): a dyad's timeline and the
network of states and organisations. The data come from the same queries as the API's
``/api/dyads`` and ``/api/network``."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import colormaps
from matplotlib.colors import Normalize

COOPERATION = "#2e8b57"
CONFLICT = "#c0392b"
GOLDSTEIN = "#0969da"


def _coop_conflict(side: dict[str, Any]) -> tuple[int, int]:
    q = side["quad_class"]
    return q["1"] + q["2"], q["3"] + q["4"]


def plot_dyad(data: dict[str, Any], out: Path) -> None:
    """Cooperation above and conflict below the axis, per direction (a→b solid, b→a
    hatched), with the mean Goldstein score per period on a second axis."""
    a, b, periods = data["a"], data["b"], data["periods"]
    fig, ax = plt.subplots(figsize=(11, 5), dpi=120)
    if not periods:
        ax.text(0.5, 0.5, f"No dated events between {a} and {b}", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
    else:
        days = [dt.date.fromisoformat(p["period"]) for p in periods]
        width = {"week": 5, "month": 24, "year": 300}[data["interval"]]
        ab = [_coop_conflict(p["a_to_b"]) for p in periods]
        ba = [_coop_conflict(p["b_to_a"]) for p in periods]
        ax.bar(days, [c for c, _ in ab], width, color=COOPERATION, label=f"{a}→{b} cooperation")
        ax.bar(days, [c for c, _ in ba], width, bottom=[c for c, _ in ab], color=COOPERATION,
               alpha=0.5, hatch="//", label=f"{b}→{a} cooperation")
        ax.bar(days, [-k for _, k in ab], width, color=CONFLICT, label=f"{a}→{b} conflict")
        ax.bar(days, [-k for _, k in ba], width, bottom=[-k for _, k in ab], color=CONFLICT,
               alpha=0.5, hatch="//", label=f"{b}→{a} conflict")
        ax.axhline(0, color="#555", linewidth=0.8)
        ax.set_ylabel("events (cooperation up, conflict down)")
        top = max(1, *(max(c1 + c2, k1 + k2) for (c1, k1), (c2, k2) in zip(ab, ba, strict=True)))
        ax.set_ylim(-top * 1.15, top * 1.15)
        g_days, g_mean = [], []
        for day, p in zip(days, periods, strict=True):
            n = p["a_to_b"]["events"] + p["b_to_a"]["events"]
            if n:
                g_days.append(day)
                g_mean.append((p["a_to_b"]["goldstein_sum"] + p["b_to_a"]["goldstein_sum"]) / n)
        g_ax = ax.twinx()
        g_ax.plot(g_days, g_mean, color=GOLDSTEIN, marker="o", linewidth=1.8,
                  label="mean Goldstein")
        g_ax.set_ylim(-10.5, 10.5)
        g_ax.set_ylabel("mean Goldstein score (−10 conflict … +10 cooperation)")
        handles, labels = ax.get_legend_handles_labels()
        g_handles, g_labels = g_ax.get_legend_handles_labels()
        ax.legend(handles + g_handles, labels + g_labels, loc="upper left", fontsize=8)
        fig.autofmt_xdate()
    t = data["totals"]
    ax.set_title(f"{a} – {b} per {data['interval']}: {t['a_to_b']['events']} event(s) "
                 f"{a}→{b}, {t['b_to_a']['events']} {b}→{a}")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def plot_network(data: dict[str, Any], out: Path, *, title: str = "") -> None:
    """Nodes on a circle (size: events), edges coloured from conflict (red) to
    cooperation (green) by mean Goldstein score, width by event count."""
    nodes, edges = data["nodes"], data["edges"]
    fig, ax = plt.subplots(figsize=(10, 10), dpi=120)
    ax.set_axis_off()
    ax.set_aspect("equal")
    if not nodes:
        ax.text(0.5, 0.5, "No events between states or organisations", ha="center",
                transform=ax.transAxes)
    pos = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) + math.pi / 2
        pos[node["id"]] = (math.cos(angle), math.sin(angle), angle)
    cmap, norm = colormaps["RdYlGn"], Normalize(-10, 10)
    max_w = max((e["weight"] for e in edges), default=1)
    for e in sorted(edges, key=lambda e: e["weight"]):
        (x1, y1, _), (x2, y2, _) = pos[e["source"]], pos[e["target"]]
        g = e["goldstein_mean"]
        ax.plot([x1, x2], [y1, y2], color=cmap(norm(g)) if g is not None else "#999",
                linewidth=0.8 + 6 * e["weight"] / max_w, alpha=0.85, zorder=1)
    max_n = max((n["events"] for n in nodes), default=1)
    for node in nodes:
        x, y, angle = pos[node["id"]]
        colour = "#8250df" if node["kind"] == "organisation" else "#0969da"
        ax.scatter([x], [y], s=60 + 600 * node["events"] / max_n, color=colour,
                   edgecolors="white", zorder=2)
        ax.text(1.12 * math.cos(angle), 1.12 * math.sin(angle), node["id"], ha="center",
                va="center", fontsize=9)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    bar = fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6,
                       pad=0.02)
    bar.set_label("mean Goldstein score of the dyad")
    ax.set_title(title or f"{len(nodes)} states and organisations, {len(edges)} dyads")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
