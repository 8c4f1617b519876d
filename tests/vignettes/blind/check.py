#!/usr/bin/env python3
"""Validate vignettes.jsonl and print counts (split x gold x age group)."""
import json, sys, re
from collections import Counter
GOLDS = ["call-911","ed-now","ed-or-office-now","seen-within-4-hours","seen-today",
         "seen-today-or-tomorrow","seen-within-3-days","seen-within-2-weeks","home-care",
         "poison-control","crisis-line","dentist","pharmacist"]
AGEG = ["newborn","infant","toddler","child","teen","adult","older"]
CALLERS = {"self","parent","spouse","adult child","caregiver","friend"}
KEYS = ["id","split","age","ageMonths","sex","pregnant","postpartumWeeks","caller","words","gold","category","why","source"]
def age_group(v):
    m = v["ageMonths"]
    if m is not None: return "newborn" if m < 1 else "infant" if m < 12 else "toddler"
    a = v["age"]; return "child" if a < 13 else "teen" if a < 18 else "adult" if a < 65 else "older"
path = sys.argv[1] if len(sys.argv) > 1 else "vignettes.jsonl"
rows, errs, ids = [], [], set()
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    try: v = json.loads(line)
    except Exception as e: errs.append(f"line {n}: invalid JSON ({e})"); continue
    if list(v.keys()) != KEYS: errs.append(f"line {n}: keys {list(v.keys())}")
    if not re.fullmatch(r"bv-\d{4}", v.get("id","")): errs.append(f"line {n}: bad id")
    if v.get("id") in ids: errs.append(f"line {n}: duplicate id {v['id']}")
    ids.add(v.get("id"))
    if v.get("gold") not in GOLDS: errs.append(f"line {n}: gold {v.get('gold')!r} not allowed")
    if v.get("split") not in ("dev","heldout"): errs.append(f"line {n}: bad split")
    if v.get("sex") not in ("female","male"): errs.append(f"line {n}: bad sex")
    if v.get("caller") not in CALLERS: errs.append(f"line {n}: bad caller")
    am = v.get("ageMonths")
    if v["age"] < 3 and am is None: errs.append(f"line {n}: age<3 needs ageMonths")
    if am is not None and (v["age"] not in (0,1,2) or am // 12 != v["age"]): errs.append(f"line {n}: age/ageMonths mismatch")
    if v.get("pregnant") and not re.search(r"weeks?", v["words"]): errs.append(f"line {n}: pregnant without weeks in words")
    if v.get("pregnant") and v.get("postpartumWeeks") is not None: errs.append(f"line {n}: pregnant and postpartum")
    if not v.get("source","").startswith("http"): errs.append(f"line {n}: source not a URL")
    for k in ("words","category","why"):
        if not isinstance(v.get(k), str) or not v[k].strip(): errs.append(f"line {n}: empty {k}")
    rows.append(v)
if len(set(r["words"] for r in rows)) != len(rows): errs.append("duplicate words text")
print(f"{len(rows)} rows, {len(errs)} errors")
for e in errs[:50]: print("  ", e)
sp = Counter(r["split"] for r in rows); print("split:", dict(sp))
print("\nsplit x gold x age group")
hdr = f"{'gold':24}" + "".join(f"{a[:7]:>8}" for a in AGEG) + f"{'total':>8}"
for s in ("dev","heldout"):
    print(f"\n[{s}]\n" + hdr)
    for g in GOLDS:
        c = Counter(age_group(r) for r in rows if r["split"]==s and r["gold"]==g)
        print(f"{g:24}" + "".join(f"{c[a]:>8}" for a in AGEG) + f"{sum(c.values()):>8}")
    c = Counter(age_group(r) for r in rows if r["split"]==s)
    print(f"{'total':24}" + "".join(f"{c[a]:>8}" for a in AGEG) + f"{sum(c.values()):>8}")
print("\nall splits, gold:", dict(Counter(r["gold"] for r in rows)))
print("pregnant:", sum(r["pregnant"] for r in rows), " postpartum:", sum(r["postpartumWeeks"] is not None for r in rows))
print("callers:", dict(Counter(r["caller"] for r in rows)))
sys.exit(1 if errs else 0)
