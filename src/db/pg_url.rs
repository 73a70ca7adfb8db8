//! The connection string handed to libpq for a `postgres://` URL.
//!
//! libpq's own default is `sslmode=prefer`: TLS whenever the server offers it (Debian's and most
//! packaged servers do, with a self-signed certificate), without checking the server's
//! certificate. Over the loopback interface that protects nothing: the traffic never leaves the
//! machine, only a privileged user of the machine could read it (and could read the server's
//! memory as well), and an unchecked certificate proves nobody's identity. It costs the service
//! OpenSSL's handshake for every connection the pool opens and the encryption of every batch, and
//! about 3 MB of memory at rest (OpenSSL's code and tables; measured in `docs/PERFORMANCE.md`,
//! "Memory at rest"). So a URL whose host is the loopback interface gets `sslmode=disable`, unless
//! it says something about TLS itself (`sslmode` or any other `ssl…` parameter) or the environment
//! does (`PGSSLMODE`, which libpq reads). Every other URL is handed over as it is written: a
//! database on another machine keeps libpq's default, or whatever the URL asks for.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `url` as libpq should receive it; `env_sslmode` is `PGSSLMODE` from the environment.
pub(super) fn for_libpq(url: &str, env_sslmode: Option<&str>) -> String {
    if env_sslmode.is_some_and(|m| !m.is_empty()) || says_how_to_connect(url) || !loopback(url) {
        return url.to_string();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}sslmode=disable")
}

/// Whether the URL's parameters settle TLS (`sslmode`, `sslrootcert`, `requiressl`…) or name
/// another host than its authority (`host`, `hostaddr`: a Unix socket's folder or a list).
fn says_how_to_connect(url: &str) -> bool {
    let Some((_, query)) = url.split_once('?') else {
        return false;
    };
    form_urlencoded::parse(query.as_bytes()).any(|(key, _)| {
        key.starts_with("ssl") || key == "requiressl" || key == "host" || key == "hostaddr"
    })
}

/// Whether the URL's one host is the loopback interface: `localhost`, 127.0.0.0/8 or `[::1]`. A
/// URL with no host (a Unix socket: no TLS anyway), several hosts or one that does not parse is
/// not. (`http`'s URI parser, which actix-web brings: a dependency of its own would change the
/// names of this crate's functions, which `bench/startup-symbols.txt` lists.)
fn loopback(url: &str) -> bool {
    let Ok(uri) = url.parse::<actix_web::http::Uri>() else {
        return false;
    };
    match uri.host() {
        Some(host) => {
            host.eq_ignore_ascii_case("localhost")
                || host.parse::<Ipv4Addr>().is_ok_and(|a| a.is_loopback())
                || host
                    .strip_prefix('[')
                    .and_then(|h| h.strip_suffix(']'))
                    .and_then(|h| h.parse::<Ipv6Addr>().ok())
                    .is_some_and(|a| a == Ipv6Addr::LOCALHOST)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::for_libpq;

    #[test]
    fn a_database_on_this_machine_is_reached_without_tls_unless_the_url_or_environment_asks() {
        for (url, expected) in [
            (
                "postgres://postgres@127.0.0.1:5432/tramites",
                "postgres://postgres@127.0.0.1:5432/tramites?sslmode=disable",
            ),
            (
                "postgresql://u:p%40ss@localhost/t?application_name=x",
                "postgresql://u:p%40ss@localhost/t?application_name=x&sslmode=disable",
            ),
            (
                "postgres://[::1]:5432/t",
                "postgres://[::1]:5432/t?sslmode=disable",
            ),
            (
                "postgres://127.8.0.1/t",
                "postgres://127.8.0.1/t?sslmode=disable",
            ),
        ] {
            assert_eq!(for_libpq(url, None), expected, "{url}");
        }
        for url in [
            "postgres://db.ministerio.gob.gt:5432/tramites",
            "postgres://10.0.0.5/tramites",
            "postgres://[2001:db8::1]/tramites",
            "postgres://127.0.0.1/t?sslmode=require",
            "postgres://localhost/t?sslrootcert=/etc/ca.pem",
            "postgres:///tramites",
            "postgres:///tramites?host=/var/run/postgresql",
            "postgres://h1:5432,h2:5432/tramites",
        ] {
            assert_eq!(for_libpq(url, None), url, "{url}");
        }
        assert_eq!(
            for_libpq("postgres://127.0.0.1/t", Some("require")),
            "postgres://127.0.0.1/t"
        );
    }
}
