//! What a staff action did, said on the page it lands on: the handler redirects with
//! `?did=<key>` and the layout shows the GOV.UK notification banner with what was done and what
//! happens next. Only these fixed messages can be shown, so nothing typed into an address can
//! put words on the page.

/// A finished action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    AssessmentSaved,
    AssessmentSent,
    AssessmentApproved,
    AssessmentReturned,
    WithoutAdvocate,
    RefusalRecorded,
    CopyRecorded,
    PlanSaved,
    PlanSent,
    PlanApproved,
    PlanToPanel,
    PlanReturned,
    PlanAgreed,
    Allocated,
}

impl Done {
    const ALL: [Done; 14] = [
        Done::AssessmentSaved,
        Done::AssessmentSent,
        Done::AssessmentApproved,
        Done::AssessmentReturned,
        Done::WithoutAdvocate,
        Done::RefusalRecorded,
        Done::CopyRecorded,
        Done::PlanSaved,
        Done::PlanSent,
        Done::PlanApproved,
        Done::PlanToPanel,
        Done::PlanReturned,
        Done::PlanAgreed,
        Done::Allocated,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Done::AssessmentSaved => "assessment-saved",
            Done::AssessmentSent => "assessment-sent",
            Done::AssessmentApproved => "assessment-approved",
            Done::AssessmentReturned => "assessment-returned",
            Done::WithoutAdvocate => "without-advocate",
            Done::RefusalRecorded => "refusal-recorded",
            Done::CopyRecorded => "copy-recorded",
            Done::PlanSaved => "plan-saved",
            Done::PlanSent => "plan-sent",
            Done::PlanApproved => "plan-approved",
            Done::PlanToPanel => "plan-to-panel",
            Done::PlanReturned => "plan-returned",
            Done::PlanAgreed => "plan-agreed",
            Done::Allocated => "allocated",
        }
    }

    pub fn from_key(key: &str) -> Option<Done> {
        Done::ALL.into_iter().find(|d| d.key() == key)
    }

    /// What was done, and what happens next.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Done::Allocated => (
                "Allocated",
                "They are now in the worker's caseload, and off the team's waiting list. The worker sees them on their own work page.",
            ),
            Done::AssessmentSaved => (
                "The assessment is saved",
                "It stays a draft until you send it. Carry on with another section, or check your answers and send it for approval.",
            ),
            Done::AssessmentSent => (
                "The assessment is sent for approval",
                "A team manager will approve it or send it back to you with a comment. Until then it cannot be changed.",
            ),
            Done::AssessmentApproved => (
                "The assessment is approved and the eligibility decision is made",
                "Give the person their letter (Care Act 2014 section 13(2)). If they have needs the council will meet, start their plan.",
            ),
            Done::AssessmentReturned => (
                "The assessment is sent back with your comment",
                "The worker who sent it will see your comment, and can change it and send it again.",
            ),
            Done::WithoutAdvocate => (
                "Going ahead without an advocate is recorded, with your reason",
                "The assessment can now be sent for approval. Arrange an advocate if things change.",
            ),
            Done::RefusalRecorded => (
                "The refusal is recorded",
                "The assessment stops here unless the law says it must go ahead. You can record a new request at any time.",
            ),
            Done::CopyRecorded => {
                ("The copy given is recorded", "It is listed under the letter, with who had it and how.")
            }
            Done::PlanSaved => {
                ("The plan is saved", "It stays a draft, for you to carry on with, until you send it for approval.")
            }
            Done::PlanSent => (
                "The plan is sent for approval",
                "A team manager will approve it or send it back to you with a comment.",
            ),
            Done::PlanApproved => (
                "The plan is approved",
                "Agree it with the person, then it is in place and its first review is planned.",
            ),
            Done::PlanToPanel => (
                "The plan is approved and goes to the funding panel",
                "Its personal budget is over the amount the council's panel agrees. The panel approves it next.",
            ),
            Done::PlanReturned => (
                "The plan is sent back with your comment",
                "The worker who sent it will see your comment, and can change it and send it again.",
            ),
            Done::PlanAgreed => (
                "The plan is agreed and in place",
                "Give the person a copy (Care Act 2014 section 25(9)). Its first review is planned below.",
            ),
        }
    }
}

/// `path` with `?did=<key>` added before any `#fragment`, for the redirect after an action.
pub fn to(path: &str, done: Done) -> String {
    let (path, fragment) = path.split_once('#').map_or((path, None), |(p, f)| (p, Some(f)));
    let joiner = if path.contains('?') { '&' } else { '?' };
    match fragment {
        Some(f) => format!("{path}{joiner}did={}#{f}", done.key()),
        None => format!("{path}{joiner}did={}", done.key()),
    }
}

/// The action named in a request's query, if any.
pub fn from_query(query: Option<&str>) -> Option<Done> {
    url::form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == "did").and_then(|(_, v)| Done::from_key(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_key_and_unknown_words_show_nothing() {
        for d in Done::ALL {
            assert_eq!(Done::from_key(d.key()), Some(d));
            let url = to("/plans/p-1#services", d);
            let query = url.split_once('?').and_then(|(_, q)| q.split('#').next());
            assert_eq!(from_query(query), Some(d));
        }
        assert_eq!(from_query(Some("did=<script>")), None);
        assert_eq!(from_query(Some("saved=1")), None);
        assert_eq!(to("/plans/p-1#services", Done::PlanSaved), "/plans/p-1?did=plan-saved#services");
        assert_eq!(to("/x?tab=2", Done::PlanSaved), "/x?tab=2&did=plan-saved");
    }
}
