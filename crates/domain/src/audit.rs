//! The audit trail's hash chain.
//!
//! Every audit event carries the hash of the event before it, so altering or removing any row
//! breaks the chain from that row on. The store writes events; this module decides what their
//! hashes are and whether a chain is whole.

use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audited action: who did what, to which record, when, from where and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditFacts {
    /// Position in the chain, from 1 with no gaps.
    pub seq: i64,
    /// When it happened, in UTC to the microsecond (both databases keep microseconds).
    pub occurred_at: DateTime<Utc>,
    /// The member of staff who acted, if anyone was signed in.
    pub actor_user_id: Option<String>,
    /// `user`, `anonymous`, `system` or `command-line`.
    pub actor_kind: String,
    /// What happened, as a short kebab-case verb phrase such as `sign-in-failed`.
    pub action: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    /// The client's network address, when the action came over the web.
    pub client_addr: Option<String>,
    /// Why, when the person had to give a reason.
    pub reason: Option<String>,
    /// Anything else worth keeping, as a JSON object.
    pub details: serde_json::Value,
    /// The person whose record the event concerns, so "who has looked at my record" is one query.
    pub person_id: Option<String>,
    /// For a view of a person's record: what allowed it (`allocated`, `break-glass`, ...).
    pub basis: Option<String>,
}

/// Truncates a timestamp to what the databases keep, so hashes survive a round trip.
pub fn audit_time(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// The hash of an event, given the hash of the one before it.
pub fn chain_hash(prev_hash: &str, facts: &AuditFacts) -> String {
    #[derive(Serialize)]
    struct Canonical<'a> {
        prev_hash: &'a str,
        seq: i64,
        occurred_at: String,
        actor_user_id: &'a Option<String>,
        actor_kind: &'a str,
        action: &'a str,
        record_type: &'a Option<String>,
        record_id: &'a Option<String>,
        client_addr: &'a Option<String>,
        reason: &'a Option<String>,
        details: String,
        // Added with people's records: left out when empty, so earlier events keep their hashes.
        #[serde(skip_serializing_if = "Option::is_none")]
        person_id: &'a Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        basis: &'a Option<String>,
    }
    let canonical = Canonical {
        prev_hash,
        seq: facts.seq,
        occurred_at: audit_time(facts.occurred_at).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        actor_user_id: &facts.actor_user_id,
        actor_kind: &facts.actor_kind,
        action: &facts.action,
        record_type: &facts.record_type,
        record_id: &facts.record_id,
        client_addr: &facts.client_addr,
        reason: &facts.reason,
        // serde_json writes object keys in sorted order (no preserve_order feature), so this is stable.
        details: facts.details.to_string(),
        person_id: &facts.person_id,
        basis: &facts.basis,
    };
    let bytes = serde_json::to_vec(&canonical).expect("audit facts always serialise");
    hex::encode(Sha256::digest(bytes))
}

/// An event as stored: its facts and the two hashes.
#[derive(Clone, Debug)]
pub struct StoredAuditEvent {
    pub facts: AuditFacts,
    pub prev_hash: String,
    pub hash: String,
}

/// Where a chain first goes wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("audit event {seq} is missing (the events jump from {after} to {found})")]
    Missing { seq: i64, after: i64, found: i64 },
    #[error("audit event {seq} does not follow the event before it (its previous hash does not match)")]
    Unlinked { seq: i64 },
    #[error("audit event {seq} has been altered (its contents no longer match its hash)")]
    Altered { seq: i64 },
    #[error("the last {missing} audit event(s) after event {last_seen} are missing (the log's head says {head_seq})")]
    Truncated { last_seen: i64, head_seq: i64, missing: i64 },
    #[error("the audit log's head does not match its last event {seq}")]
    HeadMismatch { seq: i64 },
}

/// Checks events in `seq` order, as a running verifier so huge logs need not fit in memory.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { expected_seq: 1, prev_hash: GENESIS_HASH.to_owned(), checked: 0 }
    }
}

impl ChainVerifier {
    pub fn check(&mut self, event: &StoredAuditEvent) -> Result<(), ChainBreak> {
        let seq = event.facts.seq;
        if seq != self.expected_seq {
            return Err(ChainBreak::Missing { seq: self.expected_seq, after: self.expected_seq - 1, found: seq });
        }
        if event.prev_hash != self.prev_hash {
            return Err(ChainBreak::Unlinked { seq });
        }
        if chain_hash(&event.prev_hash, &event.facts) != event.hash {
            return Err(ChainBreak::Altered { seq });
        }
        self.prev_hash.clone_from(&event.hash);
        self.expected_seq += 1;
        self.checked += 1;
        Ok(())
    }

    /// Checks the end of the chain against the head the store keeps, which catches removal of
    /// the newest events.
    pub fn finish(self, head_seq: i64, head_hash: &str) -> Result<u64, ChainBreak> {
        let last_seen = self.expected_seq - 1;
        if head_seq > last_seen {
            return Err(ChainBreak::Truncated { last_seen, head_seq, missing: head_seq - last_seen });
        }
        if head_seq != last_seen || head_hash != self.prev_hash {
            return Err(ChainBreak::HeadMismatch { seq: last_seen });
        }
        Ok(self.checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn facts(seq: i64) -> AuditFacts {
        AuditFacts {
            seq,
            occurred_at: Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap(),
            actor_user_id: Some("u-1".into()),
            actor_kind: "user".into(),
            action: "sign-in".into(),
            record_type: None,
            record_id: None,
            client_addr: Some("127.0.0.1".into()),
            reason: None,
            details: serde_json::json!({"method": "password"}),
            person_id: None,
            basis: None,
        }
    }

    #[test]
    fn events_without_a_person_hash_as_they_did_before_people_were_recorded() {
        // The hash of the canonical form written out by hand (and hashed with Python's hashlib),
        // so adding the person and basis fields cannot have changed any earlier event's hash.
        assert_eq!(
            chain_hash(GENESIS_HASH, &facts(1)),
            "16fec41f5765445ae62e59b6d9af6c0fdce7dd045c7c846993ea619ba93df9a8"
        );
        let mut about_ada = facts(1);
        about_ada.person_id = Some("p-1".into());
        assert_ne!(chain_hash(GENESIS_HASH, &about_ada), chain_hash(GENESIS_HASH, &facts(1)));
        let mut with_basis = about_ada.clone();
        with_basis.basis = Some("allocated".into());
        assert_ne!(chain_hash(GENESIS_HASH, &with_basis), chain_hash(GENESIS_HASH, &about_ada));
    }

    fn chain(n: i64) -> Vec<StoredAuditEvent> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let f = facts(seq);
                let hash = chain_hash(&prev, &f);
                let event = StoredAuditEvent { facts: f, prev_hash: prev.clone(), hash: hash.clone() };
                prev = hash;
                event
            })
            .collect()
    }

    fn verify(events: &[StoredAuditEvent], head: (i64, &str)) -> Result<u64, ChainBreak> {
        let mut verifier = ChainVerifier::default();
        for e in events {
            verifier.check(e)?;
        }
        verifier.finish(head.0, head.1)
    }

    #[test]
    fn a_whole_chain_verifies() {
        let events = chain(5);
        let last = events.last().unwrap().hash.clone();
        assert_eq!(verify(&events, (5, &last)), Ok(5));
    }

    #[test]
    fn an_empty_chain_verifies_against_an_empty_head() {
        assert_eq!(verify(&[], (0, GENESIS_HASH)), Ok(0));
    }

    #[test]
    fn altering_any_field_is_caught_at_that_row() {
        let mut events = chain(5);
        let last = events.last().unwrap().hash.clone();
        events[2].facts.action = "sign-out".into();
        assert_eq!(verify(&events, (5, &last)), Err(ChainBreak::Altered { seq: 3 }));

        let mut events = chain(5);
        events[1].facts.details = serde_json::json!({"method": "sso"});
        assert_eq!(verify(&events, (5, &last)), Err(ChainBreak::Altered { seq: 2 }));
    }

    #[test]
    fn rehashing_an_altered_row_is_caught_at_the_next_row() {
        let mut events = chain(5);
        let last = events.last().unwrap().hash.clone();
        events[2].facts.reason = Some("covering tracks".into());
        events[2].hash = chain_hash(&events[2].prev_hash, &events[2].facts);
        assert_eq!(verify(&events, (5, &last)), Err(ChainBreak::Unlinked { seq: 4 }));
    }

    #[test]
    fn removing_a_row_is_caught() {
        let mut events = chain(5);
        let last = events.last().unwrap().hash.clone();
        events.remove(1);
        assert_eq!(verify(&events, (5, &last)), Err(ChainBreak::Missing { seq: 2, after: 1, found: 3 }));
    }

    #[test]
    fn removing_the_newest_rows_is_caught_by_the_head() {
        let mut events = chain(5);
        let last = events.last().unwrap().hash.clone();
        events.truncate(3);
        assert_eq!(verify(&events, (5, &last)), Err(ChainBreak::Truncated { last_seen: 3, head_seq: 5, missing: 2 }));
    }

    #[test]
    fn hashes_ignore_nanoseconds_the_database_cannot_keep() {
        let mut a = facts(1);
        let mut b = facts(1);
        a.occurred_at += chrono::Duration::nanoseconds(1_000_123);
        b.occurred_at += chrono::Duration::nanoseconds(1_000_999);
        assert_eq!(chain_hash(GENESIS_HASH, &a), chain_hash(GENESIS_HASH, &b));
    }
}
