//! Signed access tokens (JWT, HS256) with expiry, issuer and audience set and checked.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// What a token says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Not valid before (seconds since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// The user's token version when issued: a password change or a block moves it on.
    #[serde(default)]
    pub ver: i32,
}

/// Issues and checks tokens with one HMAC secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    audience: String,
    ttl_seconds: i64,
}

impl TokenKeys {
    /// Keys from a secret and the claims to set and require.
    pub fn new(secret: &str, issuer: &str, audience: &str, ttl_seconds: i64) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            issuer: issuer.to_string(),
            audience: audience.to_string(),
            ttl_seconds,
        }
    }

    /// Seconds a new token lives.
    pub fn ttl_seconds(&self) -> i64 {
        self.ttl_seconds
    }

    /// Issues a token for a user at `now`.
    pub fn issue(
        &self,
        user_id: &str,
        version: i32,
        now: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<String> {
        let claims = Claims {
            sub: user_id.to_string(),
            iat: now.timestamp(),
            exp: now.timestamp() + self.ttl_seconds,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            nbf: Some(now.timestamp()),
            ver: version,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| anyhow::anyhow!("cannot sign token: {e}"))
    }

    /// Checks signature, algorithm (HS256 only; `none` and every other is refused), expiry,
    /// issuer and audience. Returns the claims of a valid token.
    pub fn check(&self, token: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        // Times are checked below against the service's clock, not the library's.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub", "iat"]);
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .ok()?
            .claims;
        let now = now.timestamp();
        let fresh = claims.exp > now - LEEWAY_SECONDS;
        let started = claims.nbf.is_none_or(|nbf| nbf <= now + LEEWAY_SECONDS);
        let issued_in_the_past = claims.iat <= now + LEEWAY_SECONDS;
        (fresh && started && issued_in_the_past).then_some(claims)
    }
}

/// Seconds of tolerance for clocks that differ a little between instances.
const LEEWAY_SECONDS: i64 = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn keys() -> TokenKeys {
        TokenKeys::new(
            "s3cret-s3cret-s3cret-s3cret",
            "tramites",
            "tramites-api",
            3600,
        )
    }

    #[test]
    fn a_fresh_token_checks() {
        let k = keys();
        let t = k.issue("u1", 0, chrono::Utc::now()).unwrap();
        assert_eq!(k.check(&t, chrono::Utc::now()).unwrap().sub, "u1");
    }

    #[test]
    fn expired_tampered_unsigned_and_foreign_tokens_fail() {
        let k = keys();
        let old = k
            .issue("u1", 0, chrono::Utc::now() - chrono::Duration::hours(2))
            .unwrap();
        assert!(k.check(&old, chrono::Utc::now()).is_none());
        let t = k.issue("u1", 0, chrono::Utc::now()).unwrap();
        let mut tampered = t.clone();
        tampered.pop();
        tampered.push(if t.ends_with('A') { 'B' } else { 'A' });
        assert!(k.check(&tampered, chrono::Utc::now()).is_none());
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let payload = t.split('.').nth(1).unwrap();
        let none = format!("{}.{payload}.", b64.encode(r#"{"alg":"none","typ":"JWT"}"#));
        assert!(k.check(&none, chrono::Utc::now()).is_none());
        let other_aud = TokenKeys::new("s3cret-s3cret-s3cret-s3cret", "tramites", "other", 3600);
        assert!(k
            .check(
                &other_aud.issue("u1", 0, chrono::Utc::now()).unwrap(),
                chrono::Utc::now()
            )
            .is_none());
    }

    #[test]
    fn a_token_from_the_future_or_not_yet_valid_fails() {
        let k = keys();
        let now = chrono::Utc::now();
        let future = k.issue("u1", 0, now + chrono::Duration::hours(1)).unwrap();
        assert!(k.check(&future, now).is_none());
        assert!(k.check(&future, now + chrono::Duration::hours(1)).is_some());
    }
}
