#!/usr/bin/env python3
"""Write a large synthetic standard and a revision of it, for the redline benchmark.

Usage: gen.py OUT_DIR [CLAUSES]

Writes OUT_DIR/1.md (about 1 MB, CLAUSES clauses, default 1,500) and OUT_DIR/2.md,
a revision in which about 15% of the clauses are reworded, 3% added, 3% removed and
2% moved, and every clause is renumbered (a new first section shifts all the
others). Half the clauses carry an explicit {#key}; the others inherit their key
from their heading, as on import. Some reworded paragraphs are also re-wrapped.
The text comes from a fixed seed, so every run writes the same bytes.
"""
import random
import sys
import textwrap
from pathlib import Path

WORDS = (
    "the election office shall publish notice of each polling place voter ballot "
    "poll worker training schedule accessible language record seal chain custody "
    "county clerk canvass audit tabulator signature verification envelope drop box "
    "provisional precinct register report public observer days before after within "
    "must should may every each written plain review equipment test logic accuracy "
    "secure storage transport delivery receipt staff volunteer location hours notice "
    "translation interpreter curbside assistance disability complaint procedure log"
).split()
TOPICS = (
    "recruitment training oaths eligibility staffing pay breaks safety ballots seals "
    "custody storage transport reconciliation canvass audits observers accessibility "
    "languages signage lines complaints records retention equipment testing security "
    "notices deadlines envelopes signatures provisional curbside interpreters reports"
).split()


COMMON = "the of and to a in shall each every or for by with be is that at on".split()
# A vocabulary large enough that unrelated clauses do not look alike (keys
# are inherited by body similarity): the words above and pseudo-words.
SYLLABLES = "ba ce di fo gu ka le mi no pu ra se ti vo zu bri cla dre".split()
VOCABULARY = WORDS + sorted(
    {a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "st", "l")}
)


def word(rng):
    return rng.choice(COMMON) if rng.random() < 0.35 else rng.choice(VOCABULARY)


def sentence(rng):
    words = [word(rng) for _ in range(rng.randint(12, 24))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def new_body(rng):
    """A clause body: paragraphs, sometimes a list, now and then a table."""
    blocks = [("p", paragraph(rng)) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.25:
        blocks.insert(1, ("list", [sentence(rng) for _ in range(rng.randint(2, 5))]))
    if rng.random() < 0.05:
        rows = [[rng.choice(TOPICS), str(rng.randint(1, 500)), rng.choice(WORDS)] for _ in range(rng.randint(2, 5))]
        blocks.append(("table", rows))
    return blocks


def render_body(blocks, width):
    out = []
    for kind, value in blocks:
        if kind == "p":
            out.append(textwrap.fill(value, width=width))
        elif kind == "list":
            out.append("\n".join(textwrap.fill(item, width=width, initial_indent="- ", subsequent_indent="  ") for item in value))
        else:
            lines = ["| Topic | Number | Note |", "|---|---|---|"]
            lines += ["| " + " | ".join(row) + " |" for row in value]
            out.append("\n".join(lines))
    return "\n\n".join(out)


def reword(rng, blocks):
    """Change about one word in ten of one paragraph, and maybe add or drop a sentence."""
    blocks = [(k, list(v) if isinstance(v, list) else v) for k, v in blocks]
    paras = [i for i, (k, _) in enumerate(blocks) if k == "p"]
    i = rng.choice(paras)
    words = blocks[i][1].split(" ")
    for _ in range(max(1, len(words) // 10)):
        j = rng.randrange(len(words))
        words[j] = word(rng) + ("." if words[j].endswith(".") else "")
    text = " ".join(words)
    roll = rng.random()
    if roll < 0.3:
        text += " " + sentence(rng)
    elif roll < 0.5 and text.count(". ") > 1:
        text = text.split(". ", 1)[1]
    blocks[i] = ("p", text)
    for k, (kind, value) in enumerate(blocks):
        if kind == "list" and rng.random() < 0.5:
            value[rng.randrange(len(value))] = sentence(rng)
    return blocks


def clause(rng, serial):
    topic = rng.choice(TOPICS)
    heading = f"{topic.capitalize()} {rng.choice(WORDS)} {serial}"
    key = f"c{serial}" if serial % 2 == 0 else None
    return {"heading": heading, "key": key, "body": new_body(rng), "width": 80}


def render(label, title, sections):
    lines = [
        "+++",
        f'label = "{label}"',
        f'title = "{title}"',
        'status = "final"',
        "published = 2026-01-05",
        "+++",
        "",
        "A synthetic standard for measuring the redline.",
        "",
    ]
    for s, (section, clauses) in enumerate(sections, start=1):
        lines += [f"## {s} {section['heading']} {{#{section['key']}}}", "", render_body(section["body"], 80), ""]
        for c, cl in enumerate(clauses, start=1):
            key = f" {{#{cl['key']}}}" if cl["key"] else ""
            lines += [f"### {s}.{c} {cl['heading']}{key}", "", render_body(cl["body"], cl["width"]), ""]
    return "\n".join(lines)


def main():
    out = Path(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    rng = random.Random(20261125)
    out.mkdir(parents=True, exist_ok=True)

    per_section = 30
    n_sections = max(1, total // (per_section + 1))
    serial = 0
    sections = []
    for s in range(n_sections):
        section = {"heading": f"Part {rng.choice(TOPICS)} {s}", "key": f"part-{s}", "body": [("p", paragraph(rng))]}
        clauses = []
        for _ in range(per_section):
            serial += 1
            clauses.append(clause(rng, serial))
        sections.append((section, clauses))
    while sum(1 + len(c) for _, c in sections) < total:
        serial += 1
        sections[-1][1].append(clause(rng, serial))
    (out / "1.md").write_text(render("1", "Generated standard, version 1", sections))

    # The revision.
    everything = [cl for _, cs in sections for cl in cs]
    n = len(everything) + len(sections)
    revised = [(dict(sec), [dict(cl) for cl in cs]) for sec, cs in sections]
    pool = [(si, ci) for si, (_, cs) in enumerate(revised) for ci in range(len(cs))]
    rng.shuffle(pool)
    k_reword, k_remove, k_move, k_add = (round(n * f) for f in (0.15, 0.03, 0.02, 0.03))
    reworded, pool = pool[:k_reword], pool[k_reword:]
    removed, pool = pool[:k_remove], pool[k_remove:]
    moved = pool[:k_move]
    for si, ci in reworded:
        cl = revised[si][1][ci]
        cl["body"] = reword(rng, cl["body"])
        if rng.random() < 0.3:
            cl["width"] = 64  # re-wrapped as well
    removed_set = set(removed)
    moved_set = set(moved)
    moving = [revised[si][1][ci] for si, ci in moved]
    revised = [
        (sec, [cl for ci, cl in enumerate(cs) if (si, ci) not in removed_set and (si, ci) not in moved_set])
        for si, (sec, cs) in enumerate(revised)
    ]
    for cl in moving:
        _, cs = revised[rng.randrange(len(revised))]
        cs.insert(rng.randrange(len(cs) + 1), cl)
    for _ in range(k_add):
        serial += 1
        _, cs = revised[rng.randrange(len(revised))]
        cs.insert(rng.randrange(len(cs) + 1), clause(rng, serial))
    # A new first part renumbers everything after it.
    first = ({"heading": "Part definitions", "key": "part-definitions", "body": [("p", paragraph(rng))]}, [])
    (out / "2.md").write_text(render("2", "Generated standard, version 2", [first] + revised))

    sizes = {name: (out / name).stat().st_size for name in ("1.md", "2.md")}
    print(
        f"wrote {out / '1.md'} ({sizes['1.md']:,} bytes, {n} clauses) and {out / '2.md'} "
        f"({sizes['2.md']:,} bytes): {k_reword} reworded, {k_add} added, {k_remove} removed, {k_move} moved, all renumbered"
    )


if __name__ == "__main__":
    main()
