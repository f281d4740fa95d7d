#!/usr/bin/env python3
"""Write a synthetic standard of N clauses (default 1,000) as a content directory.

Usage: gen_standard.py OUT_DIR [CLAUSES]

The text is generated from a fixed seed, so every run writes the same bytes.
"""
import random
import sys
from pathlib import Path

WORDS = (
    "the election office shall publish notice of each polling place voter ballot "
    "poll worker training schedule accessible language record seal chain custody "
    "county clerk canvass audit tabulator signature verification envelope drop box "
    "provisional precinct register report public observer days before after within "
    "must should may every each written plain review equipment test logic accuracy "
    "secure storage transport delivery receipt"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 24))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def main() -> None:
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(20261124)
    d = out / "generated"
    d.mkdir(parents=True, exist_ok=True)
    (d / "standard.toml").write_text(
        'title = "Generated Standard"\nsummary = "A large synthetic standard for benchmarks."\n'
        'time_zone = "America/Chicago"\n'
    )
    lines = [
        "+++",
        'label = "1"',
        'title = "Generated Standard, Version 1"',
        'status = "final"',
        "published = 2026-01-05",
        "+++",
        "",
        "A synthetic standard used to measure how fast a large version page is served.",
        "",
    ]
    sections = max(1, n // 50)
    written = 0
    for s in range(1, sections + 1):
        if written >= n:
            break
        lines += [f"## {s} Section {s} {{#section-{s}}}", "", sentence(rng), ""]
        written += 1
        c = 0
        while written < n and c < 49:
            c += 1
            lines += [f"### {s}.{c} Clause {s}.{c} {{#clause-{s}-{c}}}", ""]
            lines.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 4))))
            lines.append("")
            if rng.random() < 0.2:
                lines += [f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))]
                lines.append("")
            written += 1
    (d / "1.md").write_text("\n".join(lines))
    print(f"wrote {written} clauses to {d / '1.md'}")


if __name__ == "__main__":
    main()
