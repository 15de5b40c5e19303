//! A service-catalog request form: the item's own fields plus subject, description, name and
//! e-mail, checked all at once (so the form can mark every problem), then turned into the
//! [`NewTicket`] the desk opens with the item's category, priority and tier.

use std::collections::BTreeMap;

use crate::domain::desk::CatalogItem;
use crate::domain::model::{Channel, Priority, Requester, Tier};
use crate::domain::ticket::{looks_like_email, validate_new, NewTicket};

/// Longest answer to one catalog field, in characters.
pub const MAX_FIELD: usize = 2_000;

/// What a requester typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    pub subject: String,
    pub description: String,
    pub name: String,
    pub email: String,
    /// Answers to the item's fields, by field key.
    pub values: BTreeMap<String, String>,
}

/// Which input a problem belongs to. Catalog keys are kept apart from the standard inputs
/// because an item may well have a field called "name" or "subject".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// "subject", "description", "requester" (the name) or "email", as in `DomainError`.
    Standard(&'static str),
    /// A catalog field, by key.
    Field(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    /// A select's answer that is not one of its options.
    NotAChoice,
    NotAnEmail,
    TooLong { limit: usize },
    /// Anything else the ticket rules refuse, in the domain's words.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub target: Target,
    pub problem: Problem,
}

fn problem(target: Target, problem: Problem) -> FieldProblem {
    FieldProblem { target, problem }
}

/// Checks a request for `item` (`None`: a general request without extra fields) and builds
/// the ticket to open. Every problem found is returned, in form order.
pub fn build(item: Option<&CatalogItem>, req: &Request, channel: Channel) -> Result<NewTicket, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut fields = BTreeMap::new();
    for f in item.map(|i| i.fields.as_slice()).unwrap_or_default() {
        let value = req.values.get(&f.key).map(|v| v.trim()).unwrap_or("");
        let target = || Target::Field(f.key.clone());
        if value.is_empty() {
            if f.required {
                problems.push(problem(target(), Problem::Missing));
            }
            continue;
        }
        if !f.options.is_empty() && !f.options.iter().any(|o| o == value) {
            problems.push(problem(target(), Problem::NotAChoice));
        } else if value.chars().count() > MAX_FIELD {
            problems.push(problem(target(), Problem::TooLong { limit: MAX_FIELD }));
        } else {
            fields.insert(f.key.clone(), value.to_string());
        }
    }
    if req.subject.trim().is_empty() {
        problems.push(problem(Target::Standard("subject"), Problem::Missing));
    }
    if req.name.trim().is_empty() {
        problems.push(problem(Target::Standard("requester"), Problem::Missing));
    }
    let email = req.email.trim();
    if !email.is_empty() && !looks_like_email(email) {
        problems.push(problem(Target::Standard("email"), Problem::NotAnEmail));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let new = NewTicket {
        subject: req.subject.trim().to_string(),
        description: req.description.trim_end().to_string(),
        requester: Requester { name: req.name.trim().to_string(), email: email.to_string(), org: None },
        priority: item.map(|i| i.priority).unwrap_or(Priority::Medium),
        tier: item.map(|i| i.tier).unwrap_or(Tier(1)),
        category: item.and_then(|i| i.category.clone()),
        channel,
        fields,
        ..Default::default()
    };
    // Lengths and the rest of the ticket rules, in the domain's words.
    validate_new(&new).map_err(|e| vec![problem(Target::Standard(e.field), Problem::Other(e.message))])?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::defaults::default_config;

    fn item(id: &str) -> CatalogItem {
        default_config().catalog.into_iter().find(|c| c.id == id).unwrap()
    }

    fn request() -> Request {
        Request {
            subject: "  New laptop  ".into(),
            description: "Mine is 6 years old\n\n".into(),
            name: " Kim Lee ".into(),
            email: " kim@example.org ".into(),
            values: BTreeMap::new(),
        }
    }

    #[test]
    fn every_missing_required_input_is_reported_in_form_order() {
        let hw = item("new-hardware");
        let req = Request { subject: " ".into(), name: String::new(), email: "kim at example".into(), ..Default::default() };
        let p = build(Some(&hw), &req, Channel::Portal).unwrap_err();
        let targets: Vec<(Target, Problem)> = p.into_iter().map(|p| (p.target, p.problem)).collect();
        assert_eq!(
            targets,
            vec![
                (Target::Field("item".into()), Problem::Missing),
                (Target::Field("reason".into()), Problem::Missing),
                (Target::Standard("subject"), Problem::Missing),
                (Target::Standard("requester"), Problem::Missing),
                (Target::Standard("email"), Problem::NotAnEmail),
            ]
        );
    }

    #[test]
    fn a_select_answer_must_be_one_of_its_options() {
        let hw = item("new-hardware");
        let mut req = request();
        req.values.insert("item".into(), "Spaceship".into());
        req.values.insert("reason".into(), "old".into());
        let p = build(Some(&hw), &req, Channel::Portal).unwrap_err();
        assert_eq!(p, vec![FieldProblem { target: Target::Field("item".into()), problem: Problem::NotAChoice }]);
    }

    #[test]
    fn the_ticket_takes_the_items_defaults_and_trimmed_answers() {
        let mut sw = item("software");
        sw.priority = Priority::High;
        sw.tier = Tier(2);
        let mut req = request();
        req.values.insert("software".into(), "  Inkscape ".into());
        req.values.insert("license".into(), String::new());
        req.values.insert("unknown".into(), "ignored".into());
        let new = build(Some(&sw), &req, Channel::Kiosk).unwrap();
        assert_eq!(new.subject, "New laptop");
        assert_eq!(new.description, "Mine is 6 years old");
        assert_eq!(new.requester.name, "Kim Lee");
        assert_eq!(new.requester.email, "kim@example.org");
        assert_eq!(new.priority, Priority::High);
        assert_eq!(new.tier, Tier(2));
        assert_eq!(new.category.as_deref(), Some("Software"));
        assert_eq!(new.channel, Channel::Kiosk);
        assert_eq!(new.fields.len(), 1);
        assert_eq!(new.fields.get("software").map(String::as_str), Some("Inkscape"));
    }

    #[test]
    fn a_general_request_has_no_extra_fields_and_tier_one() {
        let new = build(None, &request(), Channel::Portal).unwrap();
        assert_eq!(new.tier, Tier(1));
        assert_eq!(new.priority, Priority::Medium);
        assert_eq!(new.category, None);
        assert!(new.fields.is_empty());
    }

    #[test]
    fn domain_limits_come_back_on_their_input() {
        let mut req = request();
        req.subject = "x".repeat(201);
        let p = build(None, &req, Channel::Portal).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].target, Target::Standard("subject"));
        assert!(matches!(&p[0].problem, Problem::Other(m) if m.contains("200")));
        let mut long = request();
        let sw = item("software");
        long.values.insert("software".into(), "y".repeat(MAX_FIELD + 1));
        let p = build(Some(&sw), &long, Channel::Portal).unwrap_err();
        assert_eq!(p[0].problem, Problem::TooLong { limit: MAX_FIELD });
    }
}
