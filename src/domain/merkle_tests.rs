use super::*;
use sha2::Digest;

fn hx(s: &str) -> Hash {
    hex::decode(s).unwrap().try_into().unwrap()
}

/// The leaf inputs of the RFC 6962 test vectors (as Certificate Transparency's tests use).
fn vector_leaves() -> Vec<Hash> {
    [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
    .iter()
    .map(|l| leaf_hash(&hex::decode(l).unwrap()))
    .collect()
}

/// A stored tree in memory: every perfect subtree made while pushing.
fn build(leaves: &[Hash]) -> (Frontier, std::collections::HashMap<NodeId, Hash>) {
    let mut frontier = Frontier::default();
    let mut nodes = std::collections::HashMap::new();
    for leaf in leaves {
        nodes.extend(frontier.push(*leaf));
    }
    (frontier, nodes)
}

/// The root by the RFC's recursive definition, for comparison.
fn reference_root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n as u64) as usize;
            node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
        }
    }
}

#[test]
fn roots_match_the_rfc_6962_vectors() {
    let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];
    let leaves = vector_leaves();
    let mut frontier = Frontier::default();
    assert_eq!(
        hex::encode(frontier.root()),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    for (leaf, root) in leaves.iter().zip(roots) {
        frontier.push(*leaf);
        assert_eq!(hex::encode(frontier.root()), root);
    }
}

#[test]
fn proofs_match_the_rfc_6962_vectors() {
    let (_, nodes) = build(&vector_leaves());
    let get = |n: NodeId| nodes.get(&n).copied();
    let inclusion = |i: u64, n: u64| Plan::inclusion(i, n).unwrap().hashes(get).unwrap();
    let consistency = |a: u64, b: u64| Plan::consistency(a, b).unwrap().hashes(get).unwrap();
    let h = |list: &[&str]| list.iter().map(|s| hx(s)).collect::<Vec<_>>();
    assert_eq!(inclusion(0, 1), Vec::<Hash>::new());
    assert_eq!(
        inclusion(0, 8),
        h(&[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ])
    );
    assert_eq!(
        inclusion(5, 8),
        h(&[
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
    );
    assert_eq!(
        inclusion(2, 3),
        h(&["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"])
    );
    assert_eq!(
        inclusion(1, 5),
        h(&[
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ])
    );
    assert_eq!(consistency(1, 1), Vec::<Hash>::new());
    assert_eq!(
        consistency(1, 8),
        h(&[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ])
    );
    assert_eq!(
        consistency(6, 8),
        h(&[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
    );
    assert_eq!(
        consistency(2, 5),
        h(&[
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ])
    );
}

fn leaves(n: usize) -> Vec<Hash> {
    (0..n as u64).map(|i| leaf_hash(&i.to_be_bytes())).collect()
}

#[test]
fn every_inclusion_proof_of_every_tree_up_to_300_verifies_and_a_wrong_one_fails() {
    let all = leaves(300);
    let (_, nodes) = build(&all);
    let get = |n: NodeId| nodes.get(&n).copied();
    for size in 1..=300u64 {
        let root = reference_root(&all[..size as usize]);
        for index in 0..size {
            let path = Plan::inclusion(index, size).unwrap().hashes(get).unwrap();
            let leaf = &all[index as usize];
            assert!(verify_inclusion(index, size, leaf, &path, &root));
            let other = &all[((index + 1) % 300) as usize];
            assert!(!verify_inclusion(index, size, other, &path, &root));
            if size > 1 {
                assert!(!verify_inclusion(
                    (index + 1) % size,
                    size,
                    leaf,
                    &path,
                    &root
                ));
                if !path.is_empty() {
                    let cut = &path[..path.len() - 1];
                    assert!(!verify_inclusion(index, size, leaf, cut, &root));
                }
            }
        }
        assert!(Plan::inclusion(size, size).is_none());
    }
}

#[test]
fn consistency_proofs_verify_between_every_pair_up_to_130_and_fail_when_altered() {
    let all = leaves(130);
    let (_, nodes) = build(&all);
    let get = |n: NodeId| nodes.get(&n).copied();
    let roots: Vec<Hash> = (0..=130).map(|n| reference_root(&all[..n])).collect();
    for second in 1..=130u64 {
        for first in 1..=second {
            let proof = Plan::consistency(first, second)
                .unwrap()
                .hashes(get)
                .unwrap();
            let (r1, r2) = (&roots[first as usize], &roots[second as usize]);
            assert!(verify_consistency(first, second, r1, r2, &proof));
            if first < second {
                assert!(!verify_consistency(first, second, r2, r2, &proof));
                let mut bad = proof.clone();
                bad[0][0] ^= 1;
                assert!(!verify_consistency(first, second, r1, r2, &bad));
            }
        }
    }
}

#[test]
fn a_resumed_frontier_continues_as_if_never_stopped() {
    let all = leaves(77);
    let (whole, nodes) = build(&all);
    for cut in 0..77u64 {
        let ids = Frontier::nodes_of(cut);
        let hashes: Vec<Hash> = ids.iter().map(|n| nodes[n]).collect();
        let mut resumed = Frontier::resume(cut, &hashes).unwrap();
        for leaf in &all[cut as usize..] {
            for (id, hash) in resumed.push(*leaf) {
                assert_eq!(nodes[&id], hash);
            }
        }
        assert_eq!(resumed, whole);
        assert_eq!(resumed.root(), reference_root(&all));
    }
}

#[test]
fn the_readme_worked_example_holds() {
    // Entry hashes SHA-256("1"), SHA-256("2"), SHA-256("3"), as in the README.
    let entries: Vec<Hash> = ["1", "2", "3"]
        .iter()
        .map(|t| sha2::Sha256::digest(t.as_bytes()).into())
        .collect();
    let (frontier, nodes) = build(&entries.iter().map(|h| leaf_hash(h)).collect::<Vec<_>>());
    assert_eq!(
        hex::encode(frontier.root()),
        "0073e5dfb5d3c6f71fb0dc1db2f096e02a2d6fd6d7a59d23c100b15a8488dac4"
    );
    let path = Plan::inclusion(2, 3)
        .unwrap()
        .hashes(|n| nodes.get(&n).copied())
        .unwrap();
    assert_eq!(
        path.iter().map(hex::encode).collect::<Vec<_>>(),
        ["6e8393d7b8c8c1d492cbd897fa417689fe9a5b73cb6188a3b62af0bf8d4ddce6"]
    );
}
