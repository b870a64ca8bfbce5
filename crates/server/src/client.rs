//! Who a request comes from, as far as the network tells: the shopper's address behind the
//! shop's own proxies and CDN (`RK_TRUSTED_PROXIES`), and the network it belongs to (an IPv4
//! address, or an IPv6 /64 — one household or phone gets a whole /64).
//!
//! Limits and per-network bounds (helpful votes, photo uploads) key on the network. Stored
//! with a row, it is a salted hash, never the address.

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// An address range written `10.0.0.0/8`, `2001:db8::/32` or a single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Cidr> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, Some(p.parse::<u8>().ok()?)),
            None => (s.trim().parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Cidr { addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                mask(u32::from(net) as u128, 32, self.prefix) == mask(u32::from(ip) as u128, 32, self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => mask(u128::from(net), 128, self.prefix) == mask(u128::from(ip), 128, self.prefix),
            _ => false,
        }
    }
}

fn mask(bits: u128, width: u8, prefix: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        bits >> (width - prefix)
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, what a dual-stack socket reports) as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// One `for=` node of a `Forwarded` header or one `X-Forwarded-For` entry, without port,
/// brackets or quotes; `None` for `unknown` and obfuscated names.
fn node_ip(node: &str) -> Option<IpAddr> {
    let n = node.trim().trim_matches('"');
    if let Ok(ip) = n.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = n.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    n.rsplit_once(':').and_then(|(a, _port)| a.parse::<Ipv4Addr>().ok()).map(IpAddr::V4)
}

/// The addresses a request passed through, nearest last: from `Forwarded` (RFC 7239) when
/// present, else from `X-Forwarded-For`.
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<&str> = headers.get_all("forwarded").iter().filter_map(|v| v.to_str().ok()).collect();
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    k.trim().eq_ignore_ascii_case("for").then(|| node_ip(v)).flatten()
                })
            })
            .collect();
    }
    headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).map(node_ip).collect()
}

/// The client's address: the peer, unless the peer is a trusted proxy; then the nearest
/// address in the forwarding chain that is not a trusted proxy. (The left end of the chain
/// is whatever the client wrote, so it is only used when every hop is trusted.)
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let peer = canonical(peer);
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut candidate = peer;
    for hop in forwarded_chain(headers).into_iter().rev() {
        match hop.map(canonical) {
            Some(ip) if is_trusted(ip) => candidate = ip,
            Some(ip) => return ip,
            // An unknown hop: nothing beyond it can be believed.
            None => return candidate,
        }
    }
    candidate
}

/// The network an address stands for: the address itself for IPv4, its /64 for IPv6.
pub fn network_of(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", Ipv6Addr::from(bits))
        }
    }
}

/// A request's client, resolved through the trusted proxies.
#[derive(Debug, Clone)]
pub struct Client {
    pub ip: IpAddr,
    /// [`network_of`] the address.
    pub network: String,
}

impl Client {
    pub fn from_parts(parts: &Parts, trusted: &[Cidr]) -> Client {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let ip = resolve(peer, &parts.headers, trusted);
        Client { ip, network: network_of(ip) }
    }

    /// The network, hashed with the deployment's salt: what a row may keep.
    pub fn network_hash(&self, salt: &str) -> String {
        let mut h = Sha256::new();
        h.update(salt.as_bytes());
        h.update([0]);
        h.update(self.network.as_bytes());
        h.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect()
    }
}

impl axum::extract::FromRequestParts<crate::AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &crate::AppState) -> Result<Self, Self::Rejection> {
        Ok(Client::from_parts(parts, &state.config.trusted_proxies))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn cidrs() {
        let lan = Cidr::parse("10.0.0.0/8").unwrap();
        assert!(lan.contains(ip("10.1.2.3")) && !lan.contains(ip("11.0.0.1")));
        assert!(lan.contains(ip("::ffff:10.9.9.9")), "IPv4-mapped");
        let v6 = Cidr::parse("2001:db8::/32").unwrap();
        assert!(v6.contains(ip("2001:db8:ffff::1")) && !v6.contains(ip("2001:db9::1")));
        assert!(Cidr::parse("127.0.0.1").unwrap().contains(ip("127.0.0.1")));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert_eq!(Cidr::parse("10.0.0.0/33"), None);
        assert_eq!(Cidr::parse("nope"), None);
    }

    #[test]
    fn the_client_is_the_nearest_untrusted_hop() {
        let trusted = [Cidr::parse("10.0.0.0/8").unwrap(), Cidr::parse("2001:db8:cd::/48").unwrap()];
        // Not from a proxy: forwarding headers are the client's own words, ignored.
        assert_eq!(resolve(ip("203.0.113.9"), &headers(&[("x-forwarded-for", "1.2.3.4")]), &trusted), ip("203.0.113.9"));
        // Through the load balancer: the address it saw.
        assert_eq!(resolve(ip("10.0.0.2"), &headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7")]), &trusted), ip("198.51.100.7"));
        // Through a CDN and the load balancer, in two header lines.
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7"), ("x-forwarded-for", "2001:db8:cd::5")]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &trusted), ip("198.51.100.7"));
        // RFC 7239 wins over X-Forwarded-For; quoted IPv6 with a port.
        let h = headers(&[("forwarded", r#"for=192.0.2.60;proto=https, for="[2001:db8:1::17]:4711""#), ("x-forwarded-for", "9.9.9.9")]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &trusted), ip("2001:db8:1::17"));
        assert_eq!(resolve(ip("10.0.0.2"), &headers(&[("forwarded", "for=unknown")]), &trusted), ip("10.0.0.2"));
        assert_eq!(resolve(ip("10.0.0.2"), &headers(&[("x-forwarded-for", "192.0.2.1:8080")]), &trusted), ip("192.0.2.1"));
    }

    #[test]
    fn ipv6_counts_by_64() {
        assert_eq!(network_of(ip("2001:db8:1:2:aaaa::1")), network_of(ip("2001:db8:1:2:bbbb::9")));
        assert_ne!(network_of(ip("2001:db8:1:2::1")), network_of(ip("2001:db8:1:3::1")));
        assert_eq!(network_of(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(network_of(ip("::ffff:192.0.2.1")), "192.0.2.1");
    }
}
