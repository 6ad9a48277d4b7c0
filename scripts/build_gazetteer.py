#!/usr/bin/env python3
"""Build archive/extraction/data/gazetteer.tsv from the vietnamadminunits package.

Source: vietnamadminunits 1.0.4 by Tran Ngoc Minh Hieu (MIT licence),
https://github.com/tranngocminhhieu/vietnamadminunits - its data/dataset.db
(tables admin_units_legacy and admin_units) and data/converter_2025.json.

The runtime reads only the committed TSV, so it needs neither the package nor
its dependencies. Rebuild with:

    .venv/bin/pip install vietnamadminunits==1.0.4
    .venv/bin/python scripts/build_gazetteer.py

Rows (tab-separated, one unit a row):
    level   P province, D district, W ward (pre-2025 units, as articles use them);
            NP / NW the provinces and wards after the 2025 reorganisation
    code    GSO code
    kind    tỉnh, thành phố, quận, huyện, thị xã, phường, xã, thị trấn
    name    bare name ("Cờ Đỏ")
    parent  code of the containing unit (district of a ward, province of a district)
    new     code of the post-2025 unit it became (NP code for P and D, NW code for W)
    aliases former names merged into it, folded without spaces ("kyson")
"""
from __future__ import annotations

import json
import sqlite3
import sys
from importlib import util
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "archive" / "extraction" / "data" / "gazetteer.tsv"
KIND_PREFIXES = ("thanhpho", "thixa", "thitran", "phuong", "huyen", "quan", "tinh", "tp", "tx", "tt", "xa")
# Names articles use that the dataset does not list as aliases.
EXTRA_ALIASES = {("P", "46"): ["thuathienhue"]}


def _aliases(raw: str | None, *, own_key: str) -> list[str]:
    """Former names; the dataset lists each with and without its kind ("huyenkyson", "kyson")."""
    listed = json.loads(raw) if raw else []
    bare = set(listed) | {own_key}
    keys = []
    for key in listed:
        # Drop the kind-prefixed spelling when the bare one is listed too; a prefix
        # cannot be stripped blindly ("quanguyen" is Quảng Uyên, not quận "Guyen").
        if any(key.startswith(p) and key[len(p):] in bare for p in KIND_PREFIXES):
            continue
        if key != own_key and key not in keys:
            keys.append(key)
    return keys


def main() -> int:
    spec = util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        print("install vietnamadminunits==1.0.4 first", file=sys.stderr)
        return 1
    data = Path(list(spec.submodule_search_locations)[0]) / "data"
    db = sqlite3.connect(data / "dataset.db")
    db.row_factory = sqlite3.Row
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))

    # Post-2025 units, by their keys in the converter.
    new_province_code, new_ward_code = {}, {}
    new_rows = []
    for r in db.execute("SELECT * FROM admin_units ORDER BY provinceCode, wardCode"):
        if r["provinceKey"] not in new_province_code:
            new_province_code[r["provinceKey"]] = r["provinceCode"]
            kind = "thành phố" if r["province"].startswith("Thành phố") else "tỉnh"
            new_rows.append(("NP", r["provinceCode"], kind, r["provinceShort"], "", "", ""))
        new_ward_code[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
        new_rows.append(("NW", r["wardCode"], r["wardType"].lower(), r["wardShort"], r["provinceCode"], "", ""))

    legacy_to_new_province = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
    legacy_to_new_ward = {}
    for new_prov, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old in olds:
                legacy_to_new_ward[old] = new_ward_code.get((new_prov, new_ward), "")
    for new_prov, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            default = next((t for t in targets if t.get("isDefaultNewWard")), targets[0] if targets else None)
            if default:
                legacy_to_new_ward[old] = new_ward_code.get((new_prov, default["newWardKey"]), "")

    rows, seen = [], set()
    for r in db.execute("SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"):
        new_prov = new_province_code.get(legacy_to_new_province.get(r["provinceKey"], ""), "")
        if ("P", r["provinceCode"]) not in seen:
            seen.add(("P", r["provinceCode"]))
            kind = "thành phố" if r["province"].startswith("Thành phố") else "tỉnh"
            aliases = _aliases(r["provinceAlias"], own_key=r["provinceShortKey"]) + EXTRA_ALIASES.get(("P", r["provinceCode"]), [])
            rows.append(("P", r["provinceCode"], kind, r["provinceShort"], "", new_prov, ",".join(aliases)))
        if ("D", r["districtCode"]) not in seen:
            seen.add(("D", r["districtCode"]))
            rows.append(("D", r["districtCode"], r["districtType"].lower(), r["districtShort"], r["provinceCode"],
                          new_prov, ",".join(_aliases(r["districtAlias"], own_key=r["districtShortKey"]))))
        if r["wardCode"] and ("W", r["wardCode"]) not in seen:
            seen.add(("W", r["wardCode"]))
            full_key = f'{r["provinceKey"]}_{r["districtKey"]}_{r["wardKey"]}'
            rows.append(("W", r["wardCode"], r["wardType"].lower(), r["wardShort"], r["districtCode"],
                          legacy_to_new_ward.get(full_key, ""), ",".join(_aliases(r["wardAlias"], own_key=r["wardShortKey"]))))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Vietnamese administrative units, pre-2025 (63 provinces) and post-2025 (34 provinces).\n")
        f.write("# Source: vietnamadminunits 1.0.4 (c) 2025 Tran Ngoc Minh Hieu, MIT licence; "
                "built by scripts/build_gazetteer.py\n")
        f.write("level\tcode\tkind\tname\tparent\tnew\taliases\n")
        for row in rows + new_rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} legacy and {len(new_rows)} post-2025 units to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
