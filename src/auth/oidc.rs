//! Staff sign-in through an OpenID Connect provider (issue 40): the authorization code flow
//! with PKCE, by the `openidconnect` crate. The provider's metadata and keys are discovered at
//! each step (so a rotated key is picked up). The ID token is held to the issuer, the
//! audience (our client id), its signature, its expiry at `now` (passed in), and the nonce of
//! the sign-in it answers; the `state` is checked by the caller, once.

use std::time::Duration;

use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, HttpRequest, HttpResponse, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

/// A client made from discovered metadata: authorization endpoint set, token and userinfo
/// endpoints as the provider gave them.
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The provider and this service's client there.
#[derive(Debug, Clone)]
pub struct Provider {
    /// The issuer URL (`oidc_issuer`).
    pub issuer: String,
    /// `oidc_client_id`.
    pub client_id: String,
    /// `oidc_client_secret` (empty: a public client).
    pub client_secret: String,
    /// `<public_url>/gestion/oidc/callback`.
    pub redirect: String,
}

/// A sign-in sent to the provider.
#[derive(Debug)]
pub struct Started {
    /// Where to send the browser.
    pub url: String,
    /// The `state` (check it at the callback).
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier.
    pub verifier: String,
}

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The provider's subject.
    pub subject: String,
    /// The address, when the provider says it verified it.
    pub verified_email: Option<String>,
}

/// An HTTP client for the provider: no redirects followed (a redirect to an inner address is
/// how such clients are abused), ten seconds at most, answers of any status returned.
fn http() -> impl Fn(HttpRequest) -> Result<HttpResponse, ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    move |request: HttpRequest| {
        let (parts, body) = request.into_parts();
        let mut response = if body.is_empty() {
            agent.run(openidconnect::http::Request::from_parts(parts, ()))?
        } else {
            agent.run(openidconnect::http::Request::from_parts(parts, body))?
        };
        let bytes = response
            .body_mut()
            .with_config()
            .limit(1 << 20)
            .read_to_vec()?;
        let (parts, _) = response.into_parts();
        Ok(HttpResponse::from_parts(parts, bytes))
    }
}

impl Provider {
    fn metadata(&self) -> Result<CoreProviderMetadata, String> {
        let issuer = IssuerUrl::new(self.issuer.clone()).map_err(|e| e.to_string())?;
        CoreProviderMetadata::discover(&issuer, &http()).map_err(|e| format!("discovery: {e}"))
    }

    fn secret(&self) -> Option<ClientSecret> {
        (!self.client_secret.is_empty()).then(|| ClientSecret::new(self.client_secret.clone()))
    }

    /// The client, from the provider's metadata discovered now.
    fn client(&self) -> Result<Client, String> {
        let redirect = RedirectUrl::new(self.redirect.clone()).map_err(|e| e.to_string())?;
        Ok(CoreClient::from_provider_metadata(
            self.metadata()?,
            ClientId::new(self.client_id.clone()),
            self.secret(),
        )
        .set_redirect_uri(redirect))
    }

    /// Starts a sign-in: where to send the browser, and what to keep for the callback.
    pub fn start(&self) -> Result<Started, String> {
        let client = self.client()?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the callback's code and verifies the ID token it brings at `now`.
    pub fn finish(
        &self,
        code: &str,
        nonce: &str,
        verifier: &str,
        now: DateTime<Utc>,
    ) -> Result<Identity, String> {
        let client = self.client()?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| e.to_string())?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_string()))
            .request(&http())
            .map_err(|e| format!("token: {e}"))?;
        let id_token = tokens.id_token().ok_or("the provider sent no ID token")?;
        let checker = client.id_token_verifier().set_time_fn(move || now);
        let claims = id_token
            .claims(&checker, &Nonce::new(nonce.to_string()))
            .map_err(|e| format!("ID token: {e}"))?;
        let mut verified_email = claims
            .email()
            .filter(|_| claims.email_verified() == Some(true))
            .map(|e| e.as_str().to_string());
        let subject = claims.subject().clone();
        if verified_email.is_none() {
            // Providers that keep scope claims out of the ID token give them at the userinfo
            // endpoint, for the same subject (checked by the crate).
            let info: CoreUserInfoClaims = client
                .user_info(tokens.access_token().to_owned(), Some(subject.clone()))
                .map_err(|e| format!("userinfo: {e}"))?
                .request(&http())
                .map_err(|e| format!("userinfo: {e}"))?;
            verified_email = info
                .email()
                .filter(|_| info.email_verified() == Some(true))
                .map(|e| e.as_str().to_string());
        }
        Ok(Identity {
            subject: subject.as_str().to_string(),
            verified_email,
        })
    }
}
