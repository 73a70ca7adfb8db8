//! Who is on the other end: the client's address (believing `X-Forwarded-For` only from the
//! configured proxies) and the per-address limit on citizens' submissions.

use std::net::IpAddr;

use actix_web::HttpRequest;

use super::AppState;
use crate::usecases::AppError;

/// The client's address: the connection's peer, or, when the peer is a trusted proxy, the
/// last address in `X-Forwarded-For` that is not one of the trusted proxies.
pub fn client_ip(req: &HttpRequest, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|part| part.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .or(Some(peer))
}

/// The client's address as text, for the limits and the audit trail of staff actions.
pub fn client_address(req: &HttpRequest) -> String {
    let trusted = req
        .app_data::<actix_web::web::Data<AppState>>()
        .map(|s| s.settings.trusted_proxies.clone())
        .unwrap_or_default();
    client_ip(req, &trusted).map_or_else(|| "unknown".into(), |ip| ip.to_string())
}

/// The key an address is limited by: an IPv6 address by its /64 (one subscriber's network,
/// whose addresses a client may rotate through at will), an IPv4 address (or one mapped into
/// IPv6) by itself.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(std::net::Ipv6Addr::from(bits))
            }
        },
        v4 => v4,
    }
}

fn check(
    limiter: &governor::DefaultKeyedRateLimiter<IpAddr>,
    ip: IpAddr,
    detail: &'static str,
) -> Result<(), AppError> {
    match limiter.check_key(&limit_key(ip)) {
        Ok(()) => Ok(()),
        Err(wait) => {
            let retry = wait.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            Err(AppError::RateLimited {
                retry_after: retry.as_secs().max(1),
                detail: crate::domain::error::Problem::new(detail),
            })
        }
    }
}

/// Applies the per-address limit on looking up tracking codes (pages and API): 429 with the
/// seconds to wait, so that codes cannot be guessed by the thousand.
pub fn limit_lookup(req: &HttpRequest, state: &AppState) -> Result<(), AppError> {
    let (Some(ip), Some(limiter)) = (
        client_ip(req, &state.settings.trusted_proxies),
        state.lookup_limiter.as_ref(),
    ) else {
        return Ok(());
    };
    check(limiter, ip, "detalle-muchas-consultas-codigos")
}

/// Applies the per-address limit on citizens' submissions (comments, subscriptions, surveys,
/// feedback): 429 with the seconds to wait once an address has sent its share.
pub fn limit_citizen(req: &HttpRequest, state: &AppState) -> Result<(), AppError> {
    let (Some(ip), Some(limiter)) = (
        client_ip(req, &state.settings.trusted_proxies),
        state.comment_limiter.as_ref(),
    ) else {
        return Ok(());
    };
    let detail = "detalle-muchos-envios";
    check(limiter, ip, detail)?;
    if let Some(shared) = &state.shared_limit {
        shared
            .check(&limit_key(ip).to_string(), state.clock.now())
            .map_err(|retry_after| AppError::RateLimited {
                retry_after,
                detail: crate::domain::error::Problem::new(detail),
            })?;
    }
    Ok(())
}

/// An idempotency key scoped to its sender: a keyed pseudonym of the client's address and the
/// key, so another client reusing the key never reads a receipt that is not theirs.
pub fn scoped_idempotency_key(state: &AppState, req: &HttpRequest, key: &str) -> String {
    state.audit_keys.pseudonym(
        "idempotency-key",
        &format!("{}\n{key}", client_address(req)),
    )
}

/// The request's `Idempotency-Key`, scoped to its sender: another client reusing it gets its
/// own record, never the first sender's receipt. Only a keyed pseudonym is stored.
pub fn idempotency_key(req: &HttpRequest, state: &AppState) -> Result<Option<String>, AppError> {
    match req.headers().get("Idempotency-Key") {
        None => Ok(None),
        Some(v) => match v.to_str().map(str::trim) {
            Ok(k) if !k.is_empty() && k.len() <= 200 => {
                Ok(Some(scoped_idempotency_key(state, req, k)))
            }
            _ => Err(AppError::field(
                "Idempotency-Key",
                "campo-debe-tener-entre-1-200",
            )),
        },
    }
}

/// Who signs: the keyed pseudonym of the client's address and the scoped Idempotency-Key.
pub fn endorsement_signer(
    req: &HttpRequest,
    state: &AppState,
) -> Result<crate::usecases::campaigns::Signer, AppError> {
    Ok(crate::usecases::campaigns::Signer {
        address: state
            .audit_keys
            .pseudonym("endorsement-address", &client_address(req)),
        idempotency_key: idempotency_key(req, state)?,
        window: chrono::Duration::hours(1),
    })
}
