//! The audit key: one Ed25519 secret, kept in a file outside the database.
//!
//! - It signs checkpoints `{seq, head_hash, at}` that anyone can check with the public key,
//!   so a history rewritten later — even with every hash recomputed — no longer matches a
//!   checkpoint saved earlier.
//! - A MAC key derived from it seals each entry (`seal = HMAC-SHA256(k, hash)`), so whoever holds
//!   the key can name the exact first entry of a recomputed chain.
//!
//! Several instances on one database must share the same key file.

use std::io::Write;
use std::path::Path;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The service's audit key.
#[derive(Clone)]
pub struct AuditKeys {
    signing: SigningKey,
    mac: Hmac<Sha256>,
    /// The key file's secret, from which other keys are derived by purpose.
    derive_from: [u8; 32],
    /// [`Self::pseudonym`]'s keyed hash for the purpose `form-token`, keyed once: a page
    /// served again issues its tokens at every answer (`crate::web::page_cache`).
    form_tokens: Hmac<Sha256>,
}

impl std::fmt::Debug for AuditKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditKeys")
            .field("public_key", &self.public_key_hex())
            .finish_non_exhaustive()
    }
}

impl AuditKeys {
    /// Keys from a 32-byte secret.
    pub fn from_secret(secret: [u8; 32]) -> Self {
        let mut derive = Sha256::new();
        derive.update(b"tramites audit seal v1");
        derive.update(secret);
        let mac = Hmac::<Sha256>::new_from_slice(&derive.finalize()).unwrap_or_else(|_| {
            // HMAC accepts keys of any length; this branch cannot be taken.
            unreachable!("HMAC key of 32 bytes")
        });
        let mut keys = Self {
            signing: SigningKey::from_bytes(&secret),
            mac: mac.clone(),
            derive_from: secret,
            form_tokens: mac,
        };
        keys.form_tokens = keys.keyed("form-token");
        keys
    }

    /// Reads the key file, creating it (mode 0600) with a new random key when absent.
    /// Safe when several processes start at once: the file appears whole, and only once.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        if !path.exists() {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", parent.display()))?;
            }
            let mut secret = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut secret);
            let tmp = path.with_extension(format!("tmp{}", std::process::id()));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&tmp).map_err(|e| {
                anyhow::anyhow!("cannot write the audit key {}: {e}", tmp.display())
            })?;
            file.write_all(format!("{}\n", hex::encode(secret)).as_bytes())?;
            file.sync_all()?;
            // A hard link never replaces an existing file: the first process to link wins.
            let linked = std::fs::hard_link(&tmp, path);
            let _ = std::fs::remove_file(&tmp);
            match linked {
                Ok(()) => tracing::info!(path = %path.display(), "audit key created"),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => anyhow::bail!("cannot store the audit key at {}: {e}", path.display()),
            }
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read the audit key {}: {e}", path.display()))?;
        let mut secret = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut secret).map_err(|_| {
            anyhow::anyhow!(
                "the audit key {} is not 64 hexadecimal digits",
                path.display()
            )
        })?;
        Ok(Self::from_secret(secret))
    }

    /// The public key, hex.
    pub fn public_key_hex(&self) -> String {
        hex::encode(self.signing.verifying_key().as_bytes())
    }

    /// A 32-byte key for `purpose`, derived from the key file's secret: it lives outside the
    /// database like the audit key, and every instance sharing the file derives the same one.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut derive = Sha256::new();
        derive.update(b"tramites derived key v1\0");
        derive.update(purpose.as_bytes());
        derive.update(b"\0");
        derive.update(self.derive_from);
        derive.finalize().into()
    }

    /// A keyed pseudonym of `text` for `purpose` (hex, 32 characters): stable for one service,
    /// so repeats can be linked, but not computable from a guess without the key.
    pub fn pseudonym(&self, purpose: &str, text: &str) -> String {
        let mut mac = if purpose == "form-token" {
            self.form_tokens.clone()
        } else {
            self.keyed(purpose)
        };
        mac.update(text.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// The keyed hash of [`Self::pseudonym`] for `purpose`.
    fn keyed(&self, purpose: &str) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(&self.derive(purpose)).unwrap_or_else(|_| {
            // HMAC accepts keys of any length; this branch cannot be taken.
            unreachable!("HMAC key of 32 bytes")
        })
    }

    /// The seal of an entry hash (hex): `HMAC-SHA256(k, raw 32-byte hash)`, hex.
    pub fn seal(&self, hash: &str) -> String {
        let mut raw = [0u8; 32];
        let _ = hex::decode_to_slice(hash, &mut raw);
        let mut mac = self.mac.clone();
        mac.update(&raw);
        hex::encode(mac.finalize().into_bytes())
    }

    /// True when `seal` (hex) is the seal of `hash` (hex); compares in constant time.
    pub fn seal_matches(&self, hash: &str, seal: &str) -> bool {
        let mut raw = [0u8; 32];
        hex::decode_to_slice(hash, &mut raw).is_ok() && self.seal_matches_raw(&raw, seal)
    }

    /// [`Self::seal_matches`] for a hash already in raw bytes.
    pub fn seal_matches_raw(&self, hash: &[u8; 32], seal: &str) -> bool {
        let mut expected = [0u8; 32];
        if hex::decode_to_slice(seal, &mut expected).is_err() {
            return false;
        }
        let mut mac = self.mac.clone();
        mac.update(hash);
        mac.verify_slice(&expected).is_ok()
    }

    /// Signs `message` with the Ed25519 key; the signature in hex.
    pub fn sign_hex(&self, message: &[u8]) -> String {
        hex::encode(self.signing.sign(message).to_bytes())
    }

    /// Signs a checkpoint of the chain.
    pub fn checkpoint(&self, seq: i64, head_hash: &str, at: &str) -> Checkpoint {
        let message = Checkpoint::message(seq, head_hash, at);
        Checkpoint {
            seq,
            head_hash: head_hash.to_string(),
            at: at.to_string(),
            public_key: self.public_key_hex(),
            signature: self.sign_hex(message.as_bytes()),
        }
    }
}

/// A signed statement that the chain had `head_hash` at `seq`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Checkpoint {
    /// Last entry covered.
    pub seq: i64,
    /// Hash of that entry.
    pub head_hash: String,
    /// When it was signed (RFC 3339, UTC).
    pub at: String,
    /// Ed25519 public key, hex.
    pub public_key: String,
    /// Ed25519 signature of `tramites audit checkpoint v1\nseq=…\nhead_hash=…\nat=…`, hex.
    pub signature: String,
}

impl Checkpoint {
    /// The exact bytes signed.
    pub fn message(seq: i64, head_hash: &str, at: &str) -> String {
        format!("tramites audit checkpoint v1\nseq={seq}\nhead_hash={head_hash}\nat={at}")
    }

    /// True when the signature is valid under the checkpoint's own public key.
    pub fn signature_is_valid(&self) -> bool {
        let message = Self::message(self.seq, &self.head_hash, &self.at);
        signature_is_valid(&self.public_key, message.as_bytes(), &self.signature)
    }
}

/// True when `signature` (hex) is a valid Ed25519 signature of `message` under `public_key`
/// (hex); false for anything malformed.
pub fn signature_is_valid(public_key: &str, message: &[u8], signature: &str) -> bool {
    let key = hex::decode(public_key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok());
    let sig = hex::decode(signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok());
    let (Some(key), Some(sig)) = (key, sig) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&key) else {
        return false;
    };
    key.verify(message, &Signature::from_bytes(&sig)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_verify_and_any_change_breaks_them() {
        let keys = AuditKeys::from_secret([7u8; 32]);
        let cp = keys.checkpoint(42, "ab".repeat(32).as_str(), "2026-11-21T00:00:00Z");
        assert!(cp.signature_is_valid());
        assert!(!Checkpoint {
            seq: 41,
            ..cp.clone()
        }
        .signature_is_valid());
        assert!(!Checkpoint {
            head_hash: "cd".repeat(32),
            ..cp.clone()
        }
        .signature_is_valid());
        let other = AuditKeys::from_secret([8u8; 32]);
        assert!(!Checkpoint {
            public_key: other.public_key_hex(),
            ..cp
        }
        .signature_is_valid());
    }

    #[test]
    fn the_form_tokens_key_kept_once_is_the_one_derived_for_its_purpose() {
        let keys = AuditKeys::from_secret([3u8; 32]);
        let mut mac = Hmac::<Sha256>::new_from_slice(&keys.derive("form-token")).unwrap();
        mac.update(b"nonce");
        let expected = hex::encode(&mac.finalize().into_bytes()[..16]);
        assert_eq!(keys.pseudonym("form-token", "nonce"), expected);
        assert_ne!(keys.pseudonym("other", "nonce"), expected);
        let other = AuditKeys::from_secret([4u8; 32]);
        assert_ne!(other.pseudonym("form-token", "nonce"), expected);
    }

    #[test]
    fn seals_depend_on_key_and_hash() {
        let a = AuditKeys::from_secret([1u8; 32]);
        let b = AuditKeys::from_secret([2u8; 32]);
        let (x, y) = ("11".repeat(32), "22".repeat(32));
        assert_eq!(a.seal(&x), a.seal(&x));
        assert_ne!(a.seal(&x), a.seal(&y));
        assert_ne!(a.seal(&x), b.seal(&x));
        assert!(a.seal_matches(&x, &a.seal(&x)));
        assert!(!a.seal_matches(&x, &b.seal(&x)));
        assert!(!a.seal_matches(&x, "not hex"));
        assert!(!a.seal_matches("not hex", &a.seal(&x)));
    }

    #[test]
    fn the_key_file_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k/audit.key");
        let first = AuditKeys::load_or_create(&path).unwrap();
        let again = AuditKeys::load_or_create(&path).unwrap();
        assert_eq!(first.public_key_hex(), again.public_key_hex());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
