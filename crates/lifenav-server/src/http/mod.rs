//! What every route shares: one error type ([`error`]), who is asking ([`auth`]), the
//! guards of the staff's routes ([`guard`]: same-origin requests only, security
//! headers), and serving with limits on slow clients ([`serve`]).

pub mod auth;
pub mod error;
pub mod guard;
pub mod serve;

use crate::Settings;
use axum::http::HeaderMap;
use std::net::{IpAddr, SocketAddr};

/// The client's address. Behind the city's proxies (`--trusted-proxy`), the right-most
/// `X-Forwarded-For` entry that none of them added: the entries to its left were written
/// by the client and can say anything.
pub fn client_address(settings: &Settings, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let peer = peer.ip();
    if !settings.trusted_proxies.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    forwarded.into_iter().rev().find(|a| !settings.trusted_proxies.contains(a)).unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_what_the_trusted_proxies_saw_counts() {
        let proxy: IpAddr = "10.0.0.5".parse().unwrap();
        let settings = Settings { trusted_proxies: vec![proxy], ..Settings::default() };
        let mut headers = HeaderMap::new();
        // The client forged the first entry; the proxy appended the address it saw.
        headers.insert("x-forwarded-for", HeaderValue::from_static("1.2.3.4, 203.0.113.7"));
        let via_proxy = SocketAddr::new(proxy, 5000);
        assert_eq!(client_address(&settings, via_proxy, &headers), "203.0.113.7".parse::<IpAddr>().unwrap());
        // Straight from a client, the header is ignored.
        let direct: SocketAddr = "198.51.100.1:5000".parse().unwrap();
        assert_eq!(client_address(&settings, direct, &headers), direct.ip());
    }
}
