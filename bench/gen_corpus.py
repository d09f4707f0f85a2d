#!/usr/bin/env python3
"""Generate a synthetic ismsnav corpus for benchmarking.

    gen_corpus.py N OUTDIR [--seed S]

Writes N entries (ids Q001..QN, numbered 1..N) in the corpus format: a YAML
mapping, a line "---", then a Markdown answer of 200-400 words with bold
section labels, bullet lists, a few nested lists, inline code and a
"Likely follow-ups" section whose items link to other generated ids
(sometimes as a range "(See Q10–Q14)"). Files are spread across
subfolders of 500 files each (OUTDIR/part-000/, OUTDIR/part-001/, ...).

The prose is word salad from a small fixed word list; nothing is copied
from real text. Output is fully deterministic for a given N and seed.
Python 3 standard library only.
"""

import argparse
import os
import random
import sys

FILES_PER_DIR = 500

WORDS = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
    "tempor incididunt labore dolore magna aliqua enim minim veniam quis "
    "nostrud exercitation ullamco laboris nisi aliquip commodo consequat "
    "duis aute irure reprehenderit voluptate velit esse cillum fugiat nulla "
    "pariatur excepteur sint occaecat cupidatat proident sunt culpa officia "
    "deserunt mollit anim laborum porta nibh varius morbi tristique senectus "
    "netus fames turpis egestas pretium aenean pharetra magna ac placerat "
    "vestibulum lectus mauris ultrices eros gravida cursus risus viverra "
    "tellus integer feugiat scelerisque volutpat blandit cras semper auctor "
    "neque vitae tempus quam pellentesque nec nam aliquam sem"
).split()

# Vocabulary for front matter and labels (made up, standard-shaped).
STANDARDS = ("ISO27001:2022", "ISO27002:2022", "ISO27000:2018", "ISO27005:2022",
             "ISO27701:2019")
PACKS = ("ISO27001:2022", "ISO27002:2022", "BENCH:SYNTH", "ISO27701:2019")
TAGS = ("Navigator", "Clause Index", "Register", "Evidence", "Audit Prep",
        "Risk Engine", "Policy Kit", "Checklist", "Glossary")
ACTIONS = (("open_register", "risk", "Open Risk Register"),
           ("open_register", "soa", "Open Statement of Applicability"),
           ("open_register", "assets", "Open Asset Inventory"),
           ("open_register", "isms_artifacts", "Open ISMS Artifacts"),
           ("start_workflow", "internal_audit", "Start Internal Audit"),
           ("start_workflow", "risk_assessment", "Start Risk Assessment"))
LABELS = ("Standard terms", "Plain-English answer", "Applies to",
          "Why it matters", "Do next in ismsnav", "How ismsnav helps",
          "Common pitfalls", "Evidence to keep", "Quick check")
COMMANDS = ("ismsnav list --ref {ref}", "ismsnav show {qid}",
            "ismsnav list --tag {tag}", "ismsnav check", "ismsnav list --pack {pack}")


def fmt_id(n, pad=3):
    return "Q%0*d" % (pad, n)


def words(rng, lo, hi):
    return [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]


def sentence(rng, lo=6, hi=14):
    w = words(rng, lo, hi)
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def title(rng, lo=3, hi=6):
    w = words(rng, lo, hi)
    return " ".join(x.capitalize() if i == 0 else x for i, x in enumerate(w))


def question(rng):
    w = words(rng, 5, 11)
    w[0] = w[0].capitalize()
    return " ".join(w) + "?"


def clause(rng):
    std = rng.choice(STANDARDS)
    if rng.random() < 0.4:
        return "%s/A.%d.%d" % (std, rng.randint(5, 8), rng.randint(1, 37))
    if rng.random() < 0.5:
        return "%s/%d.%d" % (std, rng.randint(4, 10), rng.randint(1, 3))
    return "%s/%d" % (std, rng.randint(4, 10))


def cite(ref):
    """"ISO27001:2022/A.5.1" -> "ISO/IEC 27001:2022 Annex A.5.1"."""
    std, _, loc = ref.partition("/")
    kind = "Annex" if loc.startswith("A.") else "Clause"
    return "ISO/IEC %s %s %s" % (std.replace("ISO", ""), kind, loc)


def q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_list(key, items, indent=""):
    if not items:
        return ["%s%s: []" % (indent, key)]
    return ["%s%s:" % (indent, key)] + ["%s  - %s" % (indent, q(i)) for i in items]


def front_matter(rng, qid, query, primary, overlap, tags):
    out = ["id: %s" % qid, "query: >-", "  " + query, "packs:"]
    packs = rng.sample(PACKS, rng.randint(1, 2))
    out += ['  - %s' % q(p) for p in packs]
    out += yaml_list("primary_ids", primary)
    out += yaml_list("overlap_ids", overlap)
    out.append("capability_tags:")
    out += ['  - %s' % q(t) for t in tags]
    out.append("flags: []" if rng.random() < 0.8 else 'flags:\n  - "draft"')
    out.append("sources:")
    for ref in primary + overlap:
        std, _, loc = ref.partition("/")
        kind = "Annex" if loc.startswith("A.") else "Clause"
        out.append("  - title: %s" % q("ISO/IEC %s — %s %s" % (
            std.replace("ISO", ""), loc, title(rng))))
        out.append("    id: %s" % q(ref))
        out.append("    locator: %s" % q("%s %s" % (kind, loc)))
    out.append("ui:")
    out.append("  cards_hint:")
    out += ['    - %s' % q(title(rng, 2, 4)) for _ in range(rng.randint(1, 3))]
    out.append("  actions:")
    for typ, target, label in rng.sample(ACTIONS, rng.randint(1, 3)):
        out.append("    - type: %s" % q(typ))
        out.append("      target: %s" % q(target))
        out.append("      label: %s" % q(label))
    out.append("output_mode: %s" % q(rng.choice(("both", "text", "cards"))))
    out.append("graph_required: %s" % rng.choice(("false", "false", "true")))
    out.append("notes: %s" % q(sentence(rng, 5, 10)))
    return "\n".join(out) + "\n"


def followups(rng, n, self_n, pad):
    """2-4 follow-up items, each '- “Question?” (See ...)'."""
    items = []
    for _ in range(rng.randint(2, 4)):
        if n < 2:
            break
        r = rng.random()
        if r < 0.15 and n >= 8:
            lo = rng.randint(1, n - 4)
            hi = min(n, lo + rng.randint(2, 5))
            dash = rng.choice(("–", "–", "—", "-"))
            # ranges are written unpadded now and then: Q10–Q14
            p = pad if rng.random() < 0.5 else 1
            ref = "(See %s%s%s)" % (fmt_id(lo, p), dash, fmt_id(hi, p))
        elif r < 0.30:
            a, b = rng.sample([i for i in _near(rng, n, self_n)], 2)
            ref = "(See %s, %s)" % (fmt_id(a, pad), fmt_id(b, pad))
        else:
            t = rng.choice(_near(rng, n, self_n))
            ref = "(See %s.)" % fmt_id(t, pad)
        items.append("- “%s” %s" % (question(rng), ref))
    return items


def _near(rng, n, self_n):
    """A few candidate targets: mostly nearby ids (chains), some far away."""
    cands = set()
    while len(cands) < 4:
        if rng.random() < 0.7:
            t = self_n + rng.randint(-30, 30)
        else:
            t = rng.randint(1, n)
        if 1 <= t <= n and t != self_n:
            cands.add(t)
    return sorted(cands)


def body(rng, num, qid, query, primary, overlap, tags, n, pad=3):
    target = rng.randint(210, 390)
    head = ["### %d) %s" % (num, query), ""]

    terms = ["**Standard terms**"]
    for _ in range(rng.randint(2, 4)):
        terms.append("- **%s (%s):** %s" % (title(rng, 1, 3), rng.choice(primary),
                                           sentence(rng, 6, 12)))
    terms.append("")

    applies = ["**Applies to**",
               "- **Primary:** " + "; ".join(cite(r) for r in primary),
               "- **Also relevant/Overlaps:** " + ("; ".join(cite(r) for r in overlap)
                                                   or "none"),
               ""]

    do_next = ["**Do next in ismsnav**"]
    for _ in range(rng.randint(2, 3)):
        cmd = rng.choice(COMMANDS).format(ref=rng.choice(primary), qid=qid,
                                          tag='"%s"' % rng.choice(tags),
                                          pack="ISO27001:2022")
        do_next.append("- Run `%s` to %s" % (cmd, sentence(rng, 4, 9).lower()))
    # a nested list in about a third of the entries
    if rng.random() < 0.35:
        do_next.append("- %s" % sentence(rng, 4, 8))
        for _ in range(rng.randint(2, 3)):
            do_next.append("  - %s" % sentence(rng, 3, 7))
            if rng.random() < 0.3:
                do_next.append("    - `%s` %s" % (rng.choice(WORDS), sentence(rng, 3, 6)))
    do_next.append("")

    helps = ["**How ismsnav helps**"]
    for t in tags:
        helps.append("- **[%s]** %s" % (t, sentence(rng, 5, 10)))
    helps.append("")

    fol = ["**Likely follow-ups**"] + followups(rng, n, num, pad) + [""]
    src = ["**Sources**"] + ["- " + cite(r) for r in primary + overlap]

    fixed = head + terms + applies + do_next + helps + fol + src
    used = sum(len(l.split()) for l in fixed) + 4  # + the two labels below

    # Fill the prose sections up to the target word count.
    budget = max(40, target - used)
    plain_budget = budget * 2 // 3
    paras = []
    while plain_budget > 0:
        para = []
        k = min(plain_budget, rng.randint(30, 70))
        while k > 0:
            s = sentence(rng, 6, 16).split()[:k]
            k -= len(s)
            plain_budget -= len(s)
            s[-1] = s[-1].rstrip(".") + "."
            if rng.random() < 0.15:
                i = rng.randrange(len(s))
                s[i] = "`%s`" % s[i].rstrip(".")
            elif rng.random() < 0.1:
                i = rng.randrange(len(s))
                s[i] = "*%s*" % s[i].rstrip(".")
            para.append(" ".join(s))
        # hard break (two trailing spaces) now and then, as in real entries
        paras.append((" " if rng.random() < 0.9 else "  \n").join(para))
    plain = ["**Plain-English answer**"]
    for p in paras:
        plain += [p, ""]
    rest = budget - budget * 2 // 3
    why = ["**Why it matters**", " ".join(words(rng, rest, rest)).capitalize() + ".", ""]

    lines = head + terms + plain + applies + why + do_next + helps + fol + src
    return "\n".join(lines) + "\n"


def slug(rng):
    return "-".join(words(rng, 2, 4))


def main(argv):
    ap = argparse.ArgumentParser(description="Generate a synthetic ismsnav corpus.")
    ap.add_argument("n", type=int, help="number of entries")
    ap.add_argument("outdir", help="output folder (created)")
    ap.add_argument("--seed", type=int, default=27001, help="random seed (default 27001)")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("N must be at least 1")
    pad = max(3, len(str(a.n)))
    rng = random.Random(a.seed)
    for num in range(1, a.n + 1):
        qid = fmt_id(num, 3)
        query = question(rng)
        primary = sorted(set(clause(rng) for _ in range(rng.randint(1, 3))))
        overlap = sorted(set(clause(rng) for _ in range(rng.randint(0, 3))) - set(primary))
        tags = rng.sample(TAGS, rng.randint(1, 3))
        text = front_matter(rng, qid, query, primary, overlap, tags) + "---\n" + \
            body(rng, num, qid, query, primary, overlap, tags, a.n)
        sub = os.path.join(a.outdir, "part-%03d" % ((num - 1) // FILES_PER_DIR))
        os.makedirs(sub, exist_ok=True)
        name = "q%0*d-%s.md" % (pad, num, slug(rng))
        with open(os.path.join(sub, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
