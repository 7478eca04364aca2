//! Slowing password guessing without locking anyone out.
//!
//! An МФЦ office signs in from one address, so a limit per address that refuses even
//! the right password lets one colleague's typos, or anyone behind the same address,
//! lock the whole office out. Instead, failed attempts are counted per login *and*
//! address together, and past a few of them every further attempt of that pair waits
//! longer (doubling, up to a cap) before its password is even checked, one at a time,
//! so guessing from one address is slow however many requests are sent at once. The
//! right password still signs in after the wait. Failures of one login from all
//! addresses add a short wait of their own (capped low, never queued), so that many
//! addresses guessing one account are slowed too, but no one else can keep its owner
//! out. Failures fade with time; a success clears its pair. Keys are keyed hashes in
//! memory only (152-ФЗ: no address is stored).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A fading count of failures per key, and the wait it asks for.
pub struct Throttle {
    free: f64,
    step: Duration,
    cap: Duration,
    half_life: Duration,
    key: std::collections::hash_map::RandomState,
    failures: Mutex<HashMap<u64, (f64, Instant)>>,
}

impl Throttle {
    /// `free` failures cost nothing; then the wait is `step`, doubling up to `cap`.
    pub fn new(free: u32, step: Duration, cap: Duration, half_life: Duration) -> Throttle {
        Throttle {
            free: free as f64,
            step,
            cap,
            half_life,
            key: std::collections::hash_map::RandomState::new(),
            failures: Mutex::new(HashMap::new()),
        }
    }

    pub fn id(&self, parts: &[&[u8]]) -> u64 {
        let mut h = self.key.build_hasher();
        for p in parts {
            h.write_usize(p.len());
            h.write(p);
        }
        h.finish()
    }

    fn faded(&self, count: f64, since: Instant, now: Instant) -> f64 {
        let halves = now.duration_since(since).as_secs_f64() / self.half_life.as_secs_f64().max(f64::MIN_POSITIVE);
        count * 0.5f64.powf(halves)
    }

    /// How long an attempt of `id` waits now.
    pub fn wait(&self, id: u64) -> Duration {
        let now = Instant::now();
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let count = failures.get(&id).map_or(0.0, |(n, at)| self.faded(*n, *at, now));
        // Rounded, so that the fading during a wait does not lose a step.
        let over = (count - self.free).round();
        if over < 1.0 {
            return Duration::ZERO;
        }
        let factor = 2f64.powf((over - 1.0).min(30.0));
        self.step.mul_f64(factor).min(self.cap)
    }

    pub fn failed(&self, id: u64) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > 100_000 {
            failures.retain(|_, (n, at)| self.faded(*n, *at, now) >= 0.5);
        }
        let entry = failures.entry(id).or_insert((0.0, now));
        *entry = (self.faded(entry.0, entry.1, now) + 1.0, now);
    }

    pub fn succeeded(&self, id: u64) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
    }
}

/// The sign-in's throttles, and a gate per login and address so that its attempts are
/// checked one after another.
pub struct SignInLimits {
    pub pairs: Throttle,
    pub logins: Throttle,
    gates: Mutex<HashMap<u64, Arc<tokio::sync::Mutex<()>>>>,
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits {
            // 3 free failures, then 0.5 s, 1 s, 2 s … up to 30 s for one login from one address.
            pairs: Throttle::new(3, Duration::from_millis(500), Duration::from_secs(30), Duration::from_secs(600)),
            // One login from everywhere: 10 free failures, then up to 2 s, never queued.
            logins: Throttle::new(10, Duration::from_millis(250), Duration::from_secs(2), Duration::from_secs(600)),
            gates: Mutex::new(HashMap::new()),
        }
    }
}

/// An attempt's place in the gate of its login and address, held while it is checked.
pub struct Attempt {
    pub pair: u64,
    pub login: u64,
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

impl SignInLimits {
    /// Waits for this attempt's turn and for the wait its failures ask for.
    pub async fn attempt(&self, login: &str, address: IpAddr) -> Attempt {
        let address = match address {
            IpAddr::V4(a) => a.octets().to_vec(),
            IpAddr::V6(a) => a.octets()[..8].to_vec(),
        };
        let pair = self.pairs.id(&[login.as_bytes(), &address]);
        let login_id = self.logins.id(&[login.as_bytes()]);
        let gate = {
            let mut gates = self.gates.lock().unwrap_or_else(|e| e.into_inner());
            if gates.len() > 100_000 {
                gates.retain(|_, g| Arc::strong_count(g) > 1);
            }
            gates.entry(pair).or_default().clone()
        };
        let turn = gate.lock_owned().await;
        let wait = self.pairs.wait(pair).max(self.logins.wait(login_id));
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Attempt { pair, login: login_id, _turn: turn }
    }

    pub fn failed(&self, a: &Attempt) {
        self.pairs.failed(a.pair);
        self.logins.failed(a.login);
    }

    pub fn succeeded(&self, a: &Attempt) {
        self.pairs.succeeded(a.pair);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> Throttle {
        Throttle::new(3, Duration::from_millis(500), Duration::from_secs(30), Duration::from_secs(600))
    }

    #[test]
    fn a_few_failures_are_free_then_the_wait_doubles_up_to_the_cap() {
        let t = throttle();
        let id = t.id(&[b"elena", b"10.0.0.1"]);
        let mut waits = Vec::new();
        for _ in 0..10 {
            waits.push(t.wait(id).as_millis());
            t.failed(id);
        }
        assert_eq!(waits[..4], [0, 0, 0, 0]);
        assert!((450..=550).contains(&waits[4]), "{waits:?}");
        assert!(waits[5] > waits[4] && waits[6] > waits[5], "{waits:?}");
        assert!(waits.iter().all(|w| *w <= 30_000));
    }

    #[test]
    fn other_logins_at_the_same_address_are_not_slowed() {
        // The defect this guards: five typos of one colleague locked the whole office out.
        let t = throttle();
        let office: &[u8] = b"10.0.0.1";
        let elena = t.id(&[b"elena", office]);
        for _ in 0..20 {
            t.failed(elena);
        }
        assert!(t.wait(elena) > Duration::ZERO);
        assert_eq!(t.wait(t.id(&[b"petr", office])), Duration::ZERO);
        assert_eq!(t.wait(t.id(&[b"elena", b"10.0.0.2"])), Duration::ZERO);
    }

    #[test]
    fn a_success_clears_its_pair_and_failures_fade() {
        let t = Throttle::new(0, Duration::from_millis(500), Duration::from_secs(30), Duration::from_millis(1));
        let id = t.id(&[b"elena"]);
        t.failed(id);
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(t.wait(id), Duration::ZERO, "faded after many half-lives");
        let t = throttle();
        for _ in 0..6 {
            t.failed(id);
        }
        t.succeeded(id);
        assert_eq!(t.wait(id), Duration::ZERO);
    }

    #[test]
    fn keys_of_parts_do_not_run_together() {
        let t = throttle();
        assert_ne!(t.id(&[b"ab", b"c"]), t.id(&[b"a", b"bc"]));
    }
}
