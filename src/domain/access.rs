//! Who may do what: the one table of which roles may do which act, outside the workflow's
//! transitions (whose proposers and approvers the workflow file names). Both faces ask it
//! (the API's extractors, the workspace's sections, menus and buttons), so a rule changes here
//! once.

use super::Role;

/// An act a person does in the system (besides proposing and approving transitions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Anything any signed-in member of staff may do: see the board, the procedures, the
    /// requests, the documents; propose a transition (the workflow then says who may).
    Work,
    /// The Committee's work on procedures: register, edit, import the inventory, tick
    /// checklists, attach documents, record usage, freeze reports, open consultations.
    Simplify,
    /// Moderate and answer comments, opinions and survey comments (the Committee).
    Moderate,
    /// Follow consultations and their comments in the workspace (the Committee and directors).
    FollowConsultations,
    /// Extend a consultation's window (a director).
    ExtendConsultation,
    /// Read and verify the audit trail.
    ReadAudit,
    /// Create accounts, change roles, block accounts.
    ManageUsers,
    /// Publish a tree head of the transparency log now (an auditor or an administrator).
    PublishTreeHead,
}

impl Act {
    /// The roles that may do it (any one suffices); empty means any staff member.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Act::Work => &[],
            Act::Simplify | Act::Moderate => &[Role::Committee],
            Act::FollowConsultations => &[Role::Committee, Role::Director],
            Act::ExtendConsultation => &[Role::Director],
            Act::ReadAudit => &[Role::Auditor, Role::Director, Role::Admin],
            Act::ManageUsers => &[Role::Admin],
            Act::PublishTreeHead => &[Role::Auditor, Role::Admin],
        }
    }

    /// Whether a holder of `held` may do it.
    pub fn allowed(self, held: &[Role]) -> bool {
        let needed = self.roles();
        needed.is_empty() || needed.iter().any(|r| held.contains(r))
    }

    /// The roles it needs, as the API's 403 names them.
    pub fn needs(self) -> super::error::Problem {
        let names: Vec<&str> = self.roles().iter().map(|r| r.as_str()).collect();
        super::error::Problem::new("detalle-necesita-rol").with("roles", names.join(", "))
    }
}

/// An act named as a type, for the faces' extractors (`Authed<Simplify>`, `Staff<Moderate>`).
pub trait Acting {
    /// The act.
    const ACT: Act;
}

macro_rules! acting {
    ($($(#[$m:meta])* $name:ident => $act:ident;)+) => {$(
        $(#[$m])*
        #[derive(Debug)]
        pub struct $name;
        impl Acting for $name {
            const ACT: Act = Act::$act;
        }
    )+};
}

/// The acts as types.
pub mod can {
    use super::{Act, Acting};

    acting! {
        /// Any signed-in staff member.
        Work => Work;
        /// The Committee's work on procedures.
        Simplify => Simplify;
        /// Moderating and answering citizens' texts.
        Moderate => Moderate;
        /// Following consultations.
        FollowConsultations => FollowConsultations;
        /// Extending a consultation.
        ExtendConsultation => ExtendConsultation;
        /// Reading the audit trail.
        ReadAudit => ReadAudit;
        /// Managing accounts.
        ManageUsers => ManageUsers;
        /// Publishing a tree head now.
        PublishTreeHead => PublishTreeHead;
    }
}

/// Who is acting: a signed-in staff member's id and roles (later a tenant), authenticated by a
/// face and passed to what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The user's id (the audit trail's actor).
    pub id: String,
    /// The roles held now.
    pub roles: Vec<Role>,
}

impl Actor {
    /// A citizen on the public pages or the API without a token: no role.
    pub fn public() -> Actor {
        Actor {
            id: "public".into(),
            roles: Vec::new(),
        }
    }

    /// The service's own work (reports frozen on first view, timers): every role.
    pub fn system() -> Actor {
        Actor {
            id: "system".into(),
            roles: Role::ALL.to_vec(),
        }
    }

    /// Whether they may do `act`.
    pub fn may(&self, act: Act) -> bool {
        act.allowed(&self.roles)
    }

    /// Whether they hold one of `roles` (a workflow transition's proposers or approvers).
    pub fn holds_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.roles.contains(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role]) -> Actor {
        Actor {
            id: "u".into(),
            roles: roles.to_vec(),
        }
    }

    #[test]
    fn each_act_admits_its_roles_and_refuses_the_others() {
        assert!(actor(&[]).may(Act::Work));
        assert!(!actor(&[]).may(Act::Simplify));
        assert!(actor(&[Role::Committee]).may(Act::Moderate));
        assert!(!actor(&[Role::Director]).may(Act::Moderate));
        assert!(actor(&[Role::Director]).may(Act::FollowConsultations));
        assert!(!actor(&[Role::Committee]).may(Act::ExtendConsultation));
        assert!(actor(&[Role::Auditor]).may(Act::ReadAudit));
        assert!(!actor(&[Role::Minister]).may(Act::ReadAudit));
        assert!(actor(&[Role::Admin]).may(Act::ManageUsers));
        assert!(!actor(&[Role::Committee, Role::Director]).may(Act::ManageUsers));
        assert_eq!(
            Act::ReadAudit.needs().param("roles"),
            Some(&crate::domain::error::Value::Text(
                "auditor, director, admin".into()
            ))
        );
    }
}
