//! A token bucket per client, so one client cannot flood the service. Clients are
//! told apart by a keyed hash of their address (an IPv6 client by its /64, which one
//! household or phone gets whole), kept in memory only and with a key drawn at start:
//! no address is ever stored (Federal Law 152-ФЗ). The same buckets, keyed by a login,
//! slow down guessing one account's password from many addresses. Limits are per
//! instance: behind a load balancer with N instances a client may get N times as much.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

pub struct RateLimiter {
    per_minute: f64,
    burst: f64,
    key: std::collections::hash_map::RandomState,
    buckets: Mutex<HashMap<u64, (f64, Instant)>>,
}

impl RateLimiter {
    /// `per_minute` requests a minute on average, bursts of up to `burst`.
    pub fn new(per_minute: u32, burst: u32) -> RateLimiter {
        RateLimiter {
            per_minute: per_minute as f64,
            burst: burst.max(1) as f64,
            key: std::collections::hash_map::RandomState::new(),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// `Ok` to go on, or the seconds to wait.
    pub fn check(&self, client: IpAddr) -> Result<(), u64> {
        match client {
            IpAddr::V4(a) => self.check_key(&a.octets()),
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(v4) => self.check_key(&v4.octets()),
                None => self.check_key(&a.octets()[..8]),
            },
        }
    }

    /// Gives back what a request took, for attempts that should not count (a sign-in
    /// that succeeded).
    pub fn refund_key(&self, key: &[u8]) {
        let id = self.id(key);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((tokens, _)) = buckets.get_mut(&id) {
            *tokens = (*tokens + 1.0).min(self.burst);
        }
    }

    fn id(&self, key: &[u8]) -> u64 {
        let mut h = self.key.build_hasher();
        h.write(key);
        h.finish()
    }

    /// The bucket of any key: an address, a login.
    pub fn check_key(&self, key: &[u8]) -> Result<(), u64> {
        let id = self.id(key);
        let now = Instant::now();
        let rate = self.per_minute / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 100_000 {
            // Forget clients whose bucket is full again: they lose nothing.
            buckets.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * rate < self.burst);
        }
        let (tokens, at) = buckets.entry(id).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / rate.max(f64::MIN_POSITIVE)).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_refusals_then_other_clients_unaffected() {
        let limiter = RateLimiter::new(60, 3);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(a).is_err());
        assert!(limiter.check(b).is_ok());
    }

    #[test]
    fn one_ipv6_network_is_one_client() {
        let limiter = RateLimiter::new(60, 1);
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_64: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other_64: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(same_64).is_err());
        assert!(limiter.check(other_64).is_ok());
    }

    #[test]
    fn a_refund_gives_the_attempt_back() {
        let limiter = RateLimiter::new(1, 1);
        assert!(limiter.check_key(b"editor").is_ok());
        limiter.refund_key(b"editor");
        assert!(limiter.check_key(b"editor").is_ok());
        assert!(limiter.check_key(b"editor").is_err());
    }
}
