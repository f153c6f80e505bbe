//! The rules for sessions, lockout and rate limiting at sign-in.
//!
//! ASVS 5.0 chapter 7 (session management) and chapter 6 (authentication): an idle timeout, an
//! absolute timeout, and throttling of failed attempts per account and per client address.

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Signed out after this long without a request.
    pub idle_timeout: Duration,
    /// Signed out this long after signing in, however busy.
    pub absolute_timeout: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self { idle_timeout: Duration::minutes(30), absolute_timeout: Duration::hours(12) }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    Active,
    IdleExpired,
    AbsoluteExpired,
}

impl SessionPolicy {
    pub fn state(&self, created_at: DateTime<Utc>, last_seen_at: DateTime<Utc>, now: DateTime<Utc>) -> SessionState {
        if now - created_at >= self.absolute_timeout {
            SessionState::AbsoluteExpired
        } else if now - last_seen_at >= self.idle_timeout {
            SessionState::IdleExpired
        } else {
            SessionState::Active
        }
    }

    /// The last moment the session could still be used, if it stays idle from `last_seen_at`.
    pub fn expires_at(&self, created_at: DateTime<Utc>, last_seen_at: DateTime<Utc>) -> DateTime<Utc> {
        (last_seen_at + self.idle_timeout).min(created_at + self.absolute_timeout)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failed attempts in a row that lock an account.
    pub max_failures: u32,
    /// How long the account stays locked.
    pub lock_for: Duration,
    /// Attempts one client address may make in `address_window` before being told to wait.
    pub max_attempts_per_address: u32,
    pub address_window: Duration,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_for: Duration::minutes(15),
            max_attempts_per_address: 30,
            address_window: Duration::minutes(5),
        }
    }
}

/// An account's sign-in counters as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct AccountLock {
    pub failed_attempts: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl AccountLock {
    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }

    /// The counters after a wrong password. The account locks on the `max_failures`th failure.
    /// A lock that has run out starts the count again.
    pub fn after_failure(self, now: DateTime<Utc>, policy: &LockoutPolicy) -> (AccountLock, bool) {
        let previous = if self.locked_until.is_some_and(|until| until <= now) { 0 } else { self.failed_attempts };
        let failed_attempts = previous + 1;
        if failed_attempts >= policy.max_failures {
            (AccountLock { failed_attempts, locked_until: Some(now + policy.lock_for) }, true)
        } else {
            (AccountLock { failed_attempts, locked_until: None }, false)
        }
    }

    /// The counters after a successful sign-in.
    pub fn after_success() -> AccountLock {
        AccountLock::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(min: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap() + Duration::minutes(min)
    }

    #[test]
    fn sessions_expire_when_idle_or_old() {
        let p = SessionPolicy::default();
        assert_eq!(p.state(t(0), t(0), t(29)), SessionState::Active);
        assert_eq!(p.state(t(0), t(0), t(30)), SessionState::IdleExpired);
        assert_eq!(p.state(t(0), t(715), t(719)), SessionState::Active);
        assert_eq!(p.state(t(0), t(719), t(720)), SessionState::AbsoluteExpired);
        assert_eq!(p.expires_at(t(0), t(10)), t(40));
        assert_eq!(p.expires_at(t(0), t(700)), t(720));
    }

    #[test]
    fn the_fifth_failure_locks_for_fifteen_minutes() {
        let p = LockoutPolicy::default();
        let mut lock = AccountLock::default();
        for attempt in 1..=4 {
            let (next, locked) = lock.after_failure(t(0), &p);
            assert!(!locked, "attempt {attempt}");
            assert!(!next.is_locked(t(0)));
            lock = next;
        }
        let (lock, locked) = lock.after_failure(t(1), &p);
        assert!(locked);
        assert!(lock.is_locked(t(15)));
        assert!(!lock.is_locked(t(16)));
    }

    #[test]
    fn an_expired_lock_starts_the_count_again() {
        let p = LockoutPolicy::default();
        let expired = AccountLock { failed_attempts: 5, locked_until: Some(t(15)) };
        let (next, locked) = expired.after_failure(t(20), &p);
        assert!(!locked);
        assert_eq!(next.failed_attempts, 1);
    }
}
