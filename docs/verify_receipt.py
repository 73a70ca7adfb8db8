#!/usr/bin/env python3
"""An independent check of a tramites receipt, with Python's standard library only.

    python3 verify_receipt.py comprobante.json [texto.txt]

It recomputes what `tramites audit verify-receipt` does, from the documented algorithm
(README, "Checking a receipt yourself"): the entry's hash, the RFC 9162 audit path to the tree
head's root, the text's SHA-256. The tree head's Ed25519 signature is not in the standard
library: check it with OpenSSL as the README shows. Exit 0 when everything holds, 1 when not.
"""
import hashlib
import json
import sys


def sha256(data):
    return hashlib.sha256(data).digest()


def root_from_path(index, size, leaf, path):
    """RFC 9162 section 2.1.3.2: the root an audit path leads to, or None."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = sha256(b"\x01" + p + r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = sha256(b"\x01" + r + p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def entry_hash(seq, entry):
    """SHA-256(prev_hash bytes || [seq,"at","actor","action","subject_type","subject_id",data])."""
    quoted = [json.dumps(entry[k], ensure_ascii=False) for k in
              ("at", "actor", "action", "subject_type", "subject_id")]
    canonical = "[" + ",".join([str(seq)] + quoted + [entry["data"]]) + "]"
    return sha256(bytes.fromhex(entry["prev_hash"]) + canonical.encode("utf-8")).hex()


def main(argv):
    receipt = json.load(open(argv[1], encoding="utf-8"))
    head, proof, entry = receipt["tree_head"], receipt["inclusion"], receipt["entry"]
    if entry_hash(receipt["seq"], entry) != receipt["entry_hash"]:
        return "the entry's fields do not hash to entry_hash"
    if json.loads(entry["data"]).get("sha256") != receipt["text_sha256"]:
        return "text_sha256 is not what the entry recorded"
    leaf = sha256(b"\x00" + bytes.fromhex(receipt["entry_hash"]))
    path = [bytes.fromhex(h) for h in proof["audit_path"]]
    fits = proof["leaf_index"] == receipt["seq"] - 1 and proof["tree_size"] == head["tree_size"]
    root = root_from_path(proof["leaf_index"], proof["tree_size"], leaf, path)
    if not fits or root is None or root.hex() != head["root_hash"]:
        return "the audit path does not lead to the tree head's root"
    if len(argv) > 2:
        text = open(argv[2], encoding="utf-8").read().strip()
        if sha256(text.encode("utf-8")).hex() != receipt["text_sha256"]:
            return "the text is not the one the receipt is for"
    print("valid: entry %d is in the tree of %d entries with root %s"
          % (receipt["seq"], head["tree_size"], head["root_hash"]))
    return None


if __name__ == "__main__":
    problem = main(sys.argv)
    if problem:
        print("NOT valid: " + problem, file=sys.stderr)
        sys.exit(1)
