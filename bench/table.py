"""Turns one run of bench/run.sh (hyperfine's JSON, GNU time's peak RSS) into the Markdown
table of docs/PERFORMANCE.md.

    python3 bench/table.py RAW_DIR > bench/results/latest.md
    python3 bench/table.py --update-doc docs/PERFORMANCE.md bench/results/latest.md

The second form replaces what lies between the markers BEGIN and END (below) in the document.
"""

import json
import sys
from pathlib import Path

BEGIN = "<!-- bench/run.sh results: begin -->"
END = "<!-- bench/run.sh results: end -->"


def load(raw: Path):
    meta = dict(
        line.split("=", 1) for line in (raw / "meta.txt").read_text().splitlines() if "=" in line
    )
    corpora = {}
    for line in (raw / "corpora.txt").read_text().splitlines():
        name, path, files, size = line.split()
        corpora[name] = {"path": path, "files": int(files), "bytes": int(size)}
    groups = {}
    for f in raw.glob("*.json"):
        groups[f.stem] = {r["command"]: r for r in json.loads(f.read_text())["results"]}
    rss = {}
    for f in raw.glob("rss-*"):
        values = [int(v) for v in f.read_text().split() if v.isdigit()]
        if values:
            rss[f.name[4:]] = max(values)
    return meta, corpora, groups, rss


def seconds(t: float) -> str:
    if t < 1:
        return f"{t * 1000:.1f} ms"
    return f"{t:.2f} s"


def wall(r) -> str:
    return f"{seconds(r['mean'])} ± {seconds(r['stddev'] or 0.0)}"


def count(n: int) -> str:
    return f"{n:,}"


def render(raw: Path) -> str:
    meta, corpora, groups, rss = load(raw)
    out = []
    quick = meta.get("quick") == "1"
    title = "Smoke run (--quick)" if quick else "Run"
    out.append(
        f"{title} of {meta['date']}, commit {meta['commit']}, on {meta['cpus']} cores "
        f"({meta['cpu']}); load average {meta['load']}."
    )
    out.append("")

    def corpus_label(name):
        c = corpora[name]
        if name == "single":
            return f"one plan ({c['bytes'] / 1000:.1f} KB)"
        return f"{count(c['files'])} files"

    rows = [
        # (group, command in hyperfine, corpus, rss file, label)
        ("large-ol", "outcome-lint", "large", "large-ol", "outcome-lint (default threads)"),
        ("large-ol", "outcome-lint --threads 1", "large", "large-ol1", "outcome-lint --threads 1"),
        ("large-floor", "rg", "large", "large-rg", "rg -c -i -f patterns.txt"),
        ("large-floor", "cat", "large", "large-cat", "cat (I/O floor)"),
        ("small", "outcome-lint", "small", "small-ol", "outcome-lint (default threads)"),
        ("small", "rg", "small", "small-rg", "rg -c -i -f patterns.txt"),
        ("small", "cat", "small", "small-cat", "cat (I/O floor)"),
        ("peers", "outcome-lint", "peers", "peer-ol", "outcome-lint (default threads)"),
        ("peers", "proselint", "peers", "peer-proselint", "proselint check"),
        ("peers", "harper-cli", "peers", "peer-harper", "harper-cli lint"),
        ("single", "outcome-lint", "single", "single-ol", "outcome-lint, one plan, no shell"),
        ("single", "rg", "single", "single-rg", "rg, one plan, no shell"),
    ]
    out.append("| command | corpus | wall (mean ± σ) | CPU (user + sys) | MB/s | files/s | peak RSS |")
    out.append("|---|---|--:|--:|--:|--:|--:|")
    for group, command, corpus, rss_name, label in rows:
        r = groups.get(group, {}).get(command)
        if r is None:
            continue
        c = corpora[corpus]
        mean = r["mean"]
        mbps = c["bytes"] / 1e6 / mean
        fps = c["files"] / mean
        peak = f"{rss[rss_name] / 1024:.1f} MB" if rss_name in rss else "–"
        cpu = seconds(r["user"] + r["system"])
        out.append(
            f"| {label} | {corpus_label(corpus)} | {wall(r)} | {cpu} | {mbps:,.1f} | {fps:,.0f} "
            f"| {peak} |"
        )
    out.append("")

    def mean(group, command):
        r = groups.get(group, {}).get(command)
        return r["mean"] if r else None

    large, small, peers = (corpora[k] for k in ("large", "small", "peers"))
    ratios = []  # (what, value, target, met)

    def ratio(what, a, b, target, met, fmt="{:.2f}×"):
        if a is None or b is None:
            return
        v = a / b
        ratios.append((what, fmt.format(v), target, "yes" if met(v) else "**no**"))

    ol_large = mean("large-ol", "outcome-lint")
    ratio(
        f"outcome-lint / rg, {count(large['files'])} files",
        ol_large,
        mean("large-floor", "rg"),
        "≤ 3×",
        lambda v: v <= 3,
    )
    ratio(
        f"outcome-lint / rg, {count(small['files'])} files",
        mean("small", "outcome-lint"),
        mean("small", "rg"),
        "(≤ 3×)",
        lambda v: v <= 3,
    )
    ratio(
        f"--threads 1 / default ({meta['cpus']} threads), {count(large['files'])} files",
        mean("large-ol", "outcome-lint --threads 1"),
        ol_large,
        "≥ 1.7×",
        lambda v: v >= 1.7,
    )
    t_small = mean("small", "outcome-lint")
    scale = large["files"] / small["files"]
    if ol_large and t_small:
        ratio(
            f"linearity: t({count(large['files'])}) / ({scale:g} × t({count(small['files'])}))",
            ol_large,
            scale * t_small,
            "within 1 ± 0.15",
            lambda v: 0.85 <= v <= 1.15,
        )
    ol_peers = mean("peers", "outcome-lint")
    for peer, target, floor in (("proselint", "≥ 100×", 100), ("harper-cli", "≥ 10×", 10)):
        ratio(
            f"{peer} / outcome-lint, the same {count(peers['files'])} files",
            mean("peers", peer),
            ol_peers,
            target,
            lambda v, floor=floor: v >= floor,
            fmt="{:.1f}×",
        )
    # Start-up weighs on outcome-lint over a few files; per file over the large corpus is
    # its throughput on an archive. Labelled as the cross-corpus comparison it is.
    if ol_large:
        per_file_ol = ol_large / large["files"]
        for peer, target, floor in (("proselint", "(≥ 100×)", 100), ("harper-cli", "(≥ 10×)", 10)):
            t = mean("peers", peer)
            if t is not None:
                ratio(
                    f"{peer} per file ({count(peers['files'])} files) / "
                    f"outcome-lint per file ({count(large['files'])} files)",
                    t / peers["files"],
                    per_file_ol,
                    target,
                    lambda v, floor=floor: v >= floor,
                    fmt="{:.1f}×",
                )
    single = mean("single", "outcome-lint")
    if single is not None:
        ratios.append(
            (
                "one 5 KB plan end to end (process start included)",
                seconds(single),
                "< 10 ms",
                "yes" if single < 0.010 else "**no**",
            )
        )
    ol_rss = [rss[k] for k in ("large-ol", "large-ol1", "single-ol") if k in rss]
    if ol_rss:
        peak = max(ol_rss) / 1024
        ratios.append(
            (
                f"outcome-lint peak RSS (largest of {count(large['files'])} files and one plan)",
                f"{peak:.1f} MB",
                "< 64 MB",
                "yes" if peak < 64 else "**no**",
            )
        )
    out.append("| measure | value | target | met |")
    out.append("|---|--:|---|---|")
    for what, value, target, met in ratios:
        out.append(f"| {what} | {value} | {target} | {met} |")
    out.append("")
    out.append(
        f"Corpora from `gen-corpus` (seed 2026; the {count(large['files'])}-file corpus's "
        f"sha256 starts {meta['corpus_sha256']}): {count(large['files'])} files "
        f"({large['bytes'] / 1e6:.1f} MB), {count(small['files'])} files "
        f"({small['bytes'] / 1e6:.1f} MB), and the peers' subset, the first "
        f"{count(peers['files'])} of them ({peers['bytes'] / 1e6:.2f} MB). Targets in "
        "brackets are the large-corpus target applied to another corpus, for reference. CPU is "
        "the mean user + system time of a run, which moves less than wall time with the "
        "machine's load. "
        f"Versions: {meta['versions']}."
    )
    return "\n".join(out) + "\n"


def update_doc(doc: Path, table: Path) -> None:
    text = doc.read_text()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        sys.exit(f"{doc}: the markers {BEGIN!r} and {END!r} are missing")
    body = table.read_text()
    doc.write_text(text[: start + len(BEGIN)] + "\n" + body + text[end:])


def main() -> None:
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "--update-doc":
        update_doc(Path(args[1]), Path(args[2]))
    elif len(args) == 1:
        sys.stdout.write(render(Path(args[0])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
