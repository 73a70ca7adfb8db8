//! RFC 3161 time stamps from an outside authority (setting `tsa_url`): the request for a tree
//! head's signed bytes, sent over HTTP, and the reply checked before it is kept.
//!
//! The request carries the SHA-256 of the bytes the head's signature covers, a random nonce
//! and `certReq` true (so the reply holds the authority's certificate and
//! `openssl ts -verify -data FILE -in REPLY -CAfile CA` checks it alone). A reply is kept
//! only when granted and when its token stamps that very imprint and nonce.

use std::time::Duration;

use cmpv2::status::PkiStatus;
use der::asn1::{Int, OctetString};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

/// The part of a token's CMS `SignedData` that holds the TSTInfo, read without checking the
/// sets after it: OpenSSL (and other authorities) may list the signer's certificate twice,
/// which the strict DER decoder of `cms` refuses ("SET OF contains duplicate"). Whoever
/// relies on the stamp checks the signature with `openssl ts -verify`; here only what was
/// stamped is compared.
#[derive(der::Sequence)]
#[allow(dead_code)] // Decoded to reach `encap_content_info`; the rest is skipped.
struct SignedDataHead {
    version: der::Any,
    digest_algorithms: der::Any,
    encap_content_info: cms::signed_data::EncapsulatedContentInfo,
    next: der::Any,
    #[asn1(optional = "true")]
    then: Option<der::Any>,
    #[asn1(optional = "true")]
    last: Option<der::Any>,
}

/// The SHA-256 algorithm identifier (2.16.840.1.101.3.4.2.1), parameters absent.
fn sha256_algorithm() -> cms::cert::x509::spki::AlgorithmIdentifier<der::Any> {
    cms::cert::x509::spki::AlgorithmIdentifier {
        oid: der::oid::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1"),
        parameters: None,
    }
}

/// A DER `TimeStampReq` for `message` with `nonce` (8 bytes, high bit clear so it stays a
/// positive INTEGER).
pub fn request(message: &[u8], nonce: [u8; 8]) -> Result<Vec<u8>, String> {
    let digest: [u8; 32] = Sha256::digest(message).into();
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: sha256_algorithm(),
            hashed_message: OctetString::new(digest.to_vec()).map_err(|e| e.to_string())?,
        },
        req_policy: None,
        nonce: Some(Int::new(&nonce).map_err(|e| e.to_string())?),
        cert_req: true,
        extensions: None,
    };
    req.to_der().map_err(|e| e.to_string())
}

/// Checks a DER `TimeStampResp`: granted, and its token stamps `message` with `nonce`.
pub fn check_reply(reply: &[u8], message: &[u8], nonce: [u8; 8]) -> Result<(), String> {
    let resp = TimeStampResp::from_der(reply).map_err(|e| format!("not a TimeStampResp: {e}"))?;
    if !matches!(
        resp.status.status,
        PkiStatus::Accepted | PkiStatus::GrantedWithMods
    ) {
        return Err(format!("the authority refused: {:?}", resp.status.status));
    }
    let token = resp.time_stamp_token.ok_or("the reply has no token")?;
    let content = token.content.to_der().map_err(|e| e.to_string())?;
    let signed = SignedDataHead::from_der(&content)
        .map_err(|e| format!("the token is not SignedData: {e}"))?;
    let info = signed
        .encap_content_info
        .econtent
        .ok_or("the token has no TSTInfo")?;
    let info = TstInfo::from_der(info.value()).map_err(|e| format!("bad TSTInfo: {e}"))?;
    let digest: [u8; 32] = Sha256::digest(message).into();
    if info.message_imprint.hashed_message.as_bytes() != digest {
        return Err("the token stamps another message".into());
    }
    let wanted = Int::new(&nonce).map_err(|e| e.to_string())?;
    if info.nonce.as_ref() != Some(&wanted) {
        return Err("the token's nonce is not the request's".into());
    }
    Ok(())
}

/// Asks the authority at `url` to stamp `message`; the checked reply (DER) on success.
pub fn stamp(url: &str, message: &[u8], timeout: Duration) -> Result<Vec<u8>, String> {
    let mut nonce: [u8; 8] = rand::random();
    nonce[0] &= 0x7f;
    nonce[0] |= 0x01;
    let body = request(message, nonce)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/timestamp-query")
        .send(&body[..])
        .map_err(|e| format!("cannot reach the authority: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the authority answered HTTP {}", status.as_u16()));
    }
    let reply = response
        .body_mut()
        .with_config()
        .limit(1 << 20)
        .read_to_vec()
        .map_err(|e| format!("cannot read the reply: {e}"))?;
    check_reply(&reply, message, nonce)?;
    Ok(reply)
}
