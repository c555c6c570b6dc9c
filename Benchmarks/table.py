#!/usr/bin/env python3
"""Turns Benchmarks/run's results.tsv into the one table it prints (Markdown, so BENCHMARKS.md can quote it)."""
import math
import re
import sys

rows, refresh, apply, decode = {}, None, None, None
for line in open(sys.argv[1]):
    fields = line.rstrip("\n").split("\t")
    if fields[0] == "refresh calls":
        refresh = (int(fields[1]), fields[2])
    elif fields[0] == "decode state":
        decode = fields[1]
    elif fields[0] == "apply emulator":
        apply = fields[1:]
    else:
        rows[fields[0]] = (float(fields[1]), int(fields[2]), int(fields[3]))

def seconds(value):
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"

def megabytes(kb):
    return f"{kb / 1024:.0f} MiB"

targets = {
    "validate 10k": ("≤ 2× floor; growth ≤ 11×", lambda r, g, m: r <= 2 and g <= 11),
    "plan no changes 10k": ("≤ 4× floor; < 300 MiB; growth ≤ 11×", lambda r, g, m: r <= 4 and m < 300 * 1024 and g <= 11),
    "plan from empty 10k": ("growth ≤ 11×", lambda r, g, m: g <= 11),
    "floor 10k": ("growth ≤ 11×", lambda r, g, m: g <= 11),
}

print("| case | wall time (median) | peak memory | ratio to floor | growth 1k→10k | target | met? |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for name, (wall, rss, count) in rows.items():
    size = name.split()[-1]
    floor = rows.get(f"floor {size}")
    ratio = wall / floor[0] if floor and not name.startswith("floor") else None
    small = rows.get(name[: -len(size)] + "1k") if size == "10k" else None
    growth = wall / small[0] if small else None
    target, check = targets.get(name, ("", None))
    met = "" if check is None else ("yes" if check(ratio or 0, growth or 0, rss) else "**no**")
    warm = rows.get(name.replace(", cold cache,", "")) if ", cold cache," in name else None
    if warm:
        # A fresh clone (no verification cache) against the same plan with the cache.
        target = f"≤ 1.5× warm ({wall / warm[0]:.2f}×)"
        met = "yes" if wall / warm[0] <= 1.5 else "**no**"
    runs = "" if count > 1 else " (1 run)"
    print(f"| {name} | {seconds(wall)}{runs} | {megabytes(rss)} | {f'{ratio:.1f}×' if ratio else ''} "
          f"| {f'{growth:.1f}×' if growth else ''} | {target} | {met} |")

if refresh:
    n, line = refresh
    match = re.search(r"observe (\d+) \(([^)]*)\)", line)
    per_region = [int(x.rsplit(" ", 1)[1]) for x in match.group(2).split(", ")] if match else []
    regions = len(per_region) or 1
    bound = 1 + math.ceil(n / regions) / 50
    worst = max(per_region) if per_region else 0
    print(f"| refresh of {n:,} connections | {worst} call(s) per region, all kinds in one (simulated provider) "
          f"| | | | ≤ 1 + N/50 = {bound:.1f} per region and kind | {'yes' if per_region and worst <= bound else '**no**'} |")
if apply == ["skipped"]:
    print("| apply 200 connections, emulator (20 ms, 50 req/s) | skipped (no emulator) | | | | ≤ 1.2× rate-limit/dependency bound | |")
elif apply:
    wall, bound, rss = float(apply[0]), float(apply[1]), int(apply[2])
    print(f"| apply 200 connections, emulator (20 ms, 50 req/s) | {seconds(wall)} (1 run) | {megabytes(rss)} | {wall / bound:.2f}× the bound of {bound:.0f} s "
          f"| | ≤ 1.2× rate-limit/dependency bound | {'yes' if wall / bound <= 1.2 else '**no**'} |")
if decode:
    print(f"\n{decode}")
