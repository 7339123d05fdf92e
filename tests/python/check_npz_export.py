"""Reads a topolearn .npz export with NumPy alone, as a Python user would, and checks it.

usage: python3 check_npz_export.py NAME.npz NAME.manifest.json

Checks every array against the manifest (key, dtype, shape), the labels (integer windings that
agree with the rounded real-space winding wherever a sample is not ambiguous; ambiguity flags 0
or 1), and recomputes the dataset's content hash from the exported bytes: SHA-256 over the
canonical spec, a newline, the generator version, a newline, and the hex SHA-256 of each array
(zero-padded to 8 bytes) in manifest order, one per line. Prints one JSON line of what it saw.
"""
import hashlib
import json
import sys

import numpy as np

npz_path, manifest_path = sys.argv[1], sys.argv[2]
manifest = json.load(open(manifest_path))
assert manifest["format"] == "topolearn-npz", manifest["format"]
assert json.loads(manifest["canonicalSpec"]) == manifest["spec"], "canonicalSpec is not the spec"

data = np.load(npz_path)
keys = [entry["key"] for entry in manifest["arrays"]]
assert sorted(data.files) == sorted(keys), (data.files, keys)

digests = []
for entry in manifest["arrays"]:
    array = data[entry["key"]]
    assert array.dtype == np.dtype(entry["dtype"]), (entry["key"], array.dtype, entry["dtype"])
    assert list(array.shape) == entry["shape"], (entry["key"], array.shape, entry["shape"])
    raw = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
    raw += b"\0" * (-len(raw) % 8)
    digests.append(hashlib.sha256(raw).hexdigest())

text = manifest["canonicalSpec"] + "\n" + manifest["generatorVersion"] + "\n" + "\n".join(digests)
recomputed = hashlib.sha256(text.encode()).hexdigest()
assert recomputed == manifest["hash"], (recomputed, manifest["hash"])

counts = {}
for split in ("train", "validation", "test"):
    if f"{split}_winding" not in data.files:
        continue
    winding = data[f"{split}_winding"]
    ambiguous = data[f"{split}_ambiguous"]
    nu = data[f"{split}_realSpaceWinding"]
    assert set(np.unique(ambiguous)) <= {0, 1}
    clear = ambiguous == 0
    assert np.array_equal(winding[clear], np.rint(nu[clear]).astype(np.int8)), split
    assert data[f"{split}_parameters"].shape == (len(winding), len(manifest["parameterNames"]))
    counts[split] = {str(k): int((winding == k).sum()) for k in np.unique(winding)}

print(json.dumps({"hash": recomputed, "arrays": len(keys), "classCounts": counts}))
