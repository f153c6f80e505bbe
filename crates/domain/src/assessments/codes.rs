//! The national codes an assessment, a service and a review carry, so that the Client Level
//! Data (CLD) return is read off the record. Labels are the CLD Release 2 values where DHSC's
//! published code confirms them (`../shared/reference/reporting.md` §a.3 and §a.4); the others
//! are marked VERIFY and must be checked against the specification before the first return.

use crate::people::codes::code_list;

code_list! {
    /// CLD Service Type (Release 2, 9 values, confirmed).
    ServiceType {
        LongTermNursing => ("lt-nursing", "Long term support: Nursing care"),
        LongTermResidential => ("lt-residential", "Long term support: Residential care"),
        LongTermCommunity => ("lt-community", "Long term support: Community"),
        LongTermPrison => ("lt-prison", "Long term support: Prison"),
        ShortTermMaximise => ("st-max", "Short term support: ST-Max"),
        ShortTermLowLevel => ("st-low-level", "Short term support: Ongoing low level"),
        ShortTermOther => ("st-other", "Short term support: Other short term"),
        CarerDirect => ("carer-direct", "Unpaid carer support: Direct to unpaid carer"),
        CarerWithCaredFor => ("carer-with-cared-for", "Unpaid carer support: Support involving the person cared-for"),
    }
}

code_list! {
    /// CLD Service Component (Release 2; the full list is a third-party transcription, VERIFY;
    /// the values DHSC's code tests for are confirmed).
    ServiceComponent {
        Reablement => ("reablement", "Reablement"),
        ShortTermNursing => ("st-nursing", "Short term nursing care"),
        ShortTermResidential => ("st-residential", "Short term residential care"),
        LongTermNursing => ("lt-nursing", "Long term nursing care"),
        LongTermResidential => ("lt-residential", "Long term residential care"),
        HomeSupport => ("home-support", "Home support or domiciliary care"),
        DaySupport => ("day-support", "Day support"),
        Meals => ("meals", "Meals"),
        Transport => ("transport", "Transport"),
        Equipment => ("equipment", "Equipment"),
        DirectPayment => ("direct-payment", "Direct payment"),
        SharedLives => ("shared-lives", "Shared Lives"),
        SupportedLiving => ("supported-living", "Community supported living"),
        ExtraCare => ("extra-care", "Extra care housing"),
        SocialWorker => ("social-worker", "Professional support: Social worker"),
        ProfessionalOther => ("professional-other", "Professional support: Other"),
        LearningWork => ("learning-work", "Learning, education or employment support"),
        EndOfLife => ("end-of-life", "End of life care"),
        Emergency => ("emergency", "Emergency support"),
        OtherShortTerm => ("other-short-term", "Other short term support"),
        OtherLongTerm => ("other-long-term", "Other long term support"),
        CarerRespite => ("carer-respite", "Unpaid carer respite"),
        CarerSitting => ("carer-sitting", "Unpaid carer sitting service"),
        CarerUniversal => ("carer-universal", "Unpaid carer universal services"),
        CarerOther => ("carer-other", "Other unpaid carer support"),
    }
}

impl ServiceComponent {
    fn for_carers(self) -> bool {
        matches!(
            self,
            ServiceComponent::CarerRespite
                | ServiceComponent::CarerSitting
                | ServiceComponent::CarerUniversal
                | ServiceComponent::CarerOther
        )
    }
}

impl ServiceType {
    /// Whether a component fits this type. Only the pairings DHSC's derivations depend on are
    /// enforced: long-term residential and nursing services carry their own component (a
    /// missing one silently drops admissions from measures 2B and 2C), short-term care-home
    /// stays and reablement sit under short-term types, and carers' components under carers'
    /// types.
    pub fn allows(self, component: ServiceComponent) -> bool {
        use ServiceComponent as C;
        match self {
            ServiceType::LongTermNursing => component == C::LongTermNursing,
            ServiceType::LongTermResidential => component == C::LongTermResidential,
            ServiceType::ShortTermMaximise => component == C::Reablement,
            ServiceType::CarerDirect | ServiceType::CarerWithCaredFor => {
                component.for_carers() || component == C::DirectPayment
            }
            ServiceType::ShortTermOther | ServiceType::ShortTermLowLevel => {
                !matches!(component, C::LongTermNursing | C::LongTermResidential | C::OtherLongTerm | C::Reablement)
                    && !component.for_carers()
            }
            ServiceType::LongTermCommunity | ServiceType::LongTermPrison => {
                !matches!(
                    component,
                    C::LongTermNursing
                        | C::LongTermResidential
                        | C::ShortTermNursing
                        | C::ShortTermResidential
                        | C::Reablement
                        | C::OtherShortTerm
                ) && !component.for_carers()
            }
        }
    }

    pub fn for_carers(self) -> bool {
        matches!(self, ServiceType::CarerDirect | ServiceType::CarerWithCaredFor)
    }
}

code_list! {
    /// CLD Delivery Mechanism (Release 2, confirmed).
    DeliveryMechanism {
        DirectPayment => ("direct-payment", "Direct payment"),
        ManagedBudget => ("managed-budget", "CASSR managed personal budget"),
        Commissioned => ("commissioned", "CASSR commissioned support"),
    }
}

code_list! {
    /// CLD Assessment Type. "Short term assessment" and "Long term assessment" are confirmed;
    /// the carer's value is unconfirmed (VERIFY).
    AssessmentType {
        LongTerm => ("long-term", "Long term assessment"),
        ShortTerm => ("short-term", "Short term assessment"),
        Carer => ("carer", "Unpaid carer assessment"),
    }
}

code_list! {
    /// How the assessment was carried out (the Care and Support (Assessment) Regulations 2014
    /// and statutory guidance chapter 6). The CLD Method of Assessment list is unconfirmed, so
    /// these are Hearth's own (VERIFY the mapping).
    AssessmentMethod {
        FaceToFace => ("face-to-face", "Face to face"),
        SupportedSelf => ("supported-self", "Supported self-assessment"),
        Phone => ("phone", "By phone or video"),
        Joint => ("joint", "Joint, with health or another agency"),
        Combined => ("combined", "Combined with the carer's assessment"),
    }
}

code_list! {
    /// Why a review happens. CLD Release 2 values begin "Planned" or "Unplanned"; the wording
    /// after that is unconfirmed (VERIFY).
    ReviewReason {
        Initial => ("initial", "Planned: first review of new support"),
        Annual => ("annual", "Planned: annual review"),
        OnRequest => ("on-request", "Unplanned: requested by the person or someone for them"),
        ChangeInNeeds => ("change-in-needs", "Unplanned: change in needs or circumstances"),
        Hospital => ("hospital", "Unplanned: after a hospital stay"),
        Safeguarding => ("safeguarding", "Unplanned: safeguarding"),
        CarerRelated => ("carer-related", "Unplanned: change for the carer"),
        DirectPayment => ("direct-payment", "Planned: direct payment review"),
        ShortTerm => ("short-term", "Review of short term support"),
    }
}

impl ReviewReason {
    pub fn planned(self) -> bool {
        matches!(self, ReviewReason::Initial | ReviewReason::Annual | ReviewReason::DirectPayment)
    }
}

code_list! {
    /// What a review decides about the plan (the Interweave and SALT review outcomes, grouped
    /// as keep, revise or end).
    ReviewDecision {
        NoChange => ("no-change", "Keep the plan: no change"),
        Increased => ("increased", "Revise the plan: more support"),
        Decreased => ("decreased", "Revise the plan: less support"),
        MoveResidential => ("move-residential", "Revise the plan: move to a care home"),
        MoveNursing => ("move-nursing", "Revise the plan: move to a nursing home"),
        MoveCommunity => ("move-community", "Revise the plan: move back to the community"),
        Reassess => ("reassess", "Needs have changed: reassess"),
        Suspended => ("suspended", "Pause all support for now"),
        Ended => ("ended", "End the plan"),
    }
}

impl ReviewDecision {
    /// The CLD event outcome a review with this decision reports.
    pub fn event_outcome(self) -> crate::people::codes::EventOutcome {
        use crate::people::codes::EventOutcome;
        match self {
            ReviewDecision::NoChange | ReviewDecision::Suspended => EventOutcome::Continuation,
            ReviewDecision::Reassess => EventOutcome::Assessment,
            ReviewDecision::Ended => EventOutcome::EndedAsPlanned,
            _ => EventOutcome::SupportPlanning,
        }
    }

    pub fn revises(self) -> bool {
        matches!(
            self,
            ReviewDecision::Increased
                | ReviewDecision::Decreased
                | ReviewDecision::MoveResidential
                | ReviewDecision::MoveNursing
                | ReviewDecision::MoveCommunity
        )
    }

    pub fn ends(self) -> bool {
        self == ReviewDecision::Ended
    }
}

code_list! {
    /// CLD Event Type.
    EventType {
        Request => ("request", "Request"),
        Assessment => ("assessment", "Assessment"),
        Service => ("service", "Service"),
        Review => ("review", "Review"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_return_lists_have_their_sizes() {
        assert_eq!(ServiceType::ALL.len(), 9);
        assert_eq!(ServiceComponent::ALL.len(), 25);
        assert_eq!(DeliveryMechanism::ALL.len(), 3);
        assert_eq!(ServiceType::LongTermNursing.label(), "Long term support: Nursing care");
    }

    #[test]
    fn long_term_care_homes_carry_their_own_component() {
        // DHSC's 2B and 2C measures drop a long-term admission whose component is missing or wrong.
        assert!(ServiceType::LongTermResidential.allows(ServiceComponent::LongTermResidential));
        assert!(!ServiceType::LongTermResidential.allows(ServiceComponent::HomeSupport));
        assert!(!ServiceType::LongTermCommunity.allows(ServiceComponent::LongTermNursing));
        assert!(ServiceType::LongTermCommunity.allows(ServiceComponent::HomeSupport));
        assert!(ServiceType::ShortTermMaximise.allows(ServiceComponent::Reablement));
        assert!(ServiceType::CarerDirect.allows(ServiceComponent::CarerRespite));
        assert!(!ServiceType::LongTermCommunity.allows(ServiceComponent::CarerRespite));
        // Every type allows at least one component.
        for t in ServiceType::ALL {
            assert!(ServiceComponent::ALL.iter().any(|c| t.allows(*c)), "{t:?}");
        }
    }
}
