#!/usr/bin/env python3
"""Build schemas/feature-gates.json: the Kubernetes feature-gate table kubegate compiles in.

Inputs
  --docs FILE   the per-gate stage history read from the Kubernetes documentation
                (kubernetes/website feature-gate front matter), in the format of
                shared/data/k8s-feature-gates.json (see schemas/README.md for how that is made)
  --code FILE   (repeatable) kubernetes/kubernetes
                test/compatibility_lifecycle/reference/versioned_feature_list.yaml, either the
                upstream file itself given as FILE=COMMIT (a YAML list of features), or an excerpt
                of it wrapped as {source: {repo, path, commit, horizon}, features: [...]}
                (schemas/feature-gates-code/*.yaml)

What it does
  The documentation gives every gate's stages (alpha, beta, stable, deprecated), defaults and
  removal, but marks few stages `locked`. The code lists give `lockToDefault` per version. Each
  gate is expanded to one view per minor version (stage, default, locked), the code's lock is
  applied where the code's stage and default at that minor agree with the documentation's, and
  the views are folded back into stages. `locked` in the output is true (locked), false (not
  locked: alpha or beta, or a GA/deprecated stage the code shows unlocked) or null (a GA or
  deprecated stage neither source decides). A code spec also holds after the file's horizon as
  long as the documentation keeps the same stage and default. Disagreements are listed under
  `warnings` and leave the documentation's view in place.

Only the Python standard library and PyYAML are needed.
"""
import argparse
import json
import re
import sys

import yaml

STAGE_OF_CODE = {"GA": "stable", "Deprecated": "deprecated", "Beta": "beta", "Alpha": "alpha"}


def ver(text):
    """'1.31' or '1.31.1' -> (1, 31, patch or None); None when absent."""
    if text is None:
        return None
    m = re.fullmatch(r"v?(\d+)\.(\d+)(?:\.(\d+))?", str(text).strip())
    if not m:
        raise ValueError("bad version %r" % text)
    return (int(m.group(1)), int(m.group(2)), None if m.group(3) is None else int(m.group(3)))


def minor_str(mm):
    return None if mm is None else "%d.%d" % mm


def load_code(arg):
    path, _, commit = arg.partition("=")
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if isinstance(doc, dict):
        src, features = doc["source"], doc["features"]
    else:
        if not commit:
            sys.exit("%s: an upstream list needs FILE=COMMIT" % path)
        src, features = {"repo": "kubernetes/kubernetes",
                         "path": "test/compatibility_lifecycle/reference/versioned_feature_list.yaml",
                         "commit": commit}, doc
    specs = {}
    newest = (0, 0)
    for feat in features:
        rows = []
        for s in feat.get("versionedSpecs") or []:
            v = ver(s["version"])
            newest = max(newest, v[:2])
            rows.append(((v[0], v[1]), STAGE_OF_CODE.get(s["preRelease"], s["preRelease"]),
                         bool(s["default"]), bool(s.get("lockToDefault", False))))
        rows.sort(key=lambda r: r[0])
        specs[feat["name"]] = rows
    horizon = ver(src["horizon"])[:2] if src.get("horizon") else newest
    return {"source": {k: src[k] for k in ("repo", "path", "commit")} | {"horizon": minor_str(horizon)},
            "horizon": horizon, "specs": specs}


def docs_view(stages, mm):
    """The documented stage in effect at minor mm (at its newest patch), or None."""
    best = None
    for s in stages:
        f = ver(s["fromVersion"])
        if (f[0], f[1]) <= mm:
            best = s
    return best


def code_view(codes, name, mm):
    """(spec, snapshot) of the newest snapshot listing the gate with a spec at or below mm."""
    for snap in codes:
        rows = snap["specs"].get(name)
        if not rows:
            continue
        hit = None
        for r in rows:
            if r[0] <= mm:
                hit = r
        if hit:
            return hit, snap
    return None, None


def build(docs, codes):
    horizon = ver(docs["source"].get("docsLatestVersion") or docs["versionsCovered"]["max"])[:2]
    warnings, out = [], {}
    before = sum(1 for g in docs["gates"].values() for s in g["stages"] if s.get("locked"))
    for name in sorted(docs["gates"]):
        g = docs["gates"][name]
        stages = sorted(g["stages"], key=lambda s: ver(s["fromVersion"]))
        if not stages:
            warnings.append("%s: no stages, left out" % name)
            continue
        first = ver(g["firstVersion"])[:2]
        removed = bool(g["removed"])
        last = ver(g["lastVersion"])[:2] if g.get("lastVersion") else None
        if removed and last is None:
            last = ver(stages[-1]["fromVersion"])[:2]
            warnings.append("%s: removed without an end version; last usable taken as %s" % (name, minor_str(last)))
        end = last if removed else horizon
        views = []
        seen = set()
        for m in range(first[1], end[1] + 1):
            mm = (first[0], m)
            d = docs_view(stages, mm)
            if d is None:
                continue
            stage, default = d["stage"], d["defaultValue"]
            if stage in ("alpha", "beta"):
                locked = bool(d.get("locked"))
            else:
                locked = True if d.get("locked") else None
            spec, snap = code_view(codes, name, mm)
            if spec is not None and stage in ("stable", "deprecated"):
                _, cstage, cdefault, clock = spec
                if cstage == stage and (default is None or cdefault == default):
                    if locked is True and not clock:
                        key = ("unlock", spec)
                        if key not in seen:
                            warnings.append("%s: docs mark %s from %s locked, code at %s says unlocked from %s; code kept"
                                            % (name, stage, d["fromVersion"], snap["source"]["commit"][:12],
                                               minor_str(spec[0])))
                            seen.add(key)
                    locked = clock
                    if default is None:
                        default = cdefault
                else:
                    key = ("stage", spec, d["fromVersion"])
                    if key not in seen:
                        warnings.append("%s: at %s docs say %s (default %s), code at %s says %s (default %s) from %s; docs kept"
                                        % (name, minor_str(mm), stage, default, snap["source"]["commit"][:12], cstage,
                                           cdefault, minor_str(spec[0])))
                        seen.add(key)
            views.append((mm, stage, default, locked))
        folded = []
        for mm, stage, default, locked in views:
            if folded and folded[-1][:3] == [stage, default, locked]:
                folded[-1][4] = minor_str(mm)
            else:
                folded.append([stage, default, locked, minor_str(mm), minor_str(mm)])
        if not removed and folded:
            folded[-1][4] = None
        out[name] = {
            "first": minor_str(first),
            "last": minor_str(last) if removed else None,
            "removedIn": minor_str((last[0], last[1] + 1)) if removed else None,
            "stages": folded,
        }
    after = sum(1 for g in out.values() for s in g["stages"] if s[2] is True)
    unlocked = sum(1 for g in out.values() for s in g["stages"] if s[0] in ("stable", "deprecated") and s[2] is False)
    unknown = sum(1 for g in out.values() for s in g["stages"] if s[0] in ("stable", "deprecated") and s[2] is None)
    return {
        "source": {
            "docs": {k: docs["source"][k] for k in ("repo", "commit", "commitDate", "path") if k in docs["source"]},
            "code": [c["source"] for c in codes],
        },
        "generatedBy": "schemas/gen_feature_gates.py",
        "horizon": minor_str(horizon),
        "semantics": {
            "stages": "[stage, default, locked, from, to]: alpha|beta|stable|deprecated; default null when "
                      "undocumented; locked true|false|null (null: a GA or deprecated stage no source decides); "
                      "from/to are minor versions, to null = still current",
            "first": "first minor that knows the gate",
            "last": "removed gates: last minor that still recognises the gate",
            "removedIn": "removed gates: first minor that rejects it as unrecognized (last + 1)",
            "horizon": "newest minor the table describes",
        },
        "special": {"AllAlpha": "alpha", "AllBeta": "beta"},
        "merge": {"docsLockedStages": before, "lockedStages": after, "unlockedGaOrDeprecatedStages": unlocked,
                  "undecidedGaOrDeprecatedStages": unknown},
        "warnings": warnings,
        "gates": out,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", required=True)
    ap.add_argument("--code", action="append", default=[])
    ap.add_argument("--out", default="-")
    a = ap.parse_args()
    with open(a.docs, encoding="utf-8") as f:
        docs = json.load(f)
    codes = sorted((load_code(c) for c in a.code), key=lambda c: c["horizon"], reverse=True)
    table = build(docs, codes)
    text = json.dumps(table, indent=1, sort_keys=False) + "\n"
    # One gate per line keeps diffs readable.
    text = re.sub(r'\[\n\s+("(?:alpha|beta|stable|deprecated)"),\n\s+(\w+),\n\s+(\w+),\n\s+("[\d.]+"),\n\s+("[\d.]+"|null)\n\s+\]',
                  r"[\1, \2, \3, \4, \5]", text)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    m = table["merge"]
    print("gates %d; locked stages %d (docs) -> %d; GA/deprecated stages unlocked %d, undecided %d; warnings %d"
          % (len(table["gates"]), m["docsLockedStages"], m["lockedStages"], m["unlockedGaOrDeprecatedStages"],
             m["undecidedGaOrDeprecatedStages"], len(table["warnings"])), file=sys.stderr)


if __name__ == "__main__":
    main()
