//! Routing rules: ordered "if these conditions, then these changes" rules run when a ticket is
//! created or updated.
//!
//! Semantics, chosen so that a desk admin can predict the outcome:
//! - Rules run in list order, in one pass. Conditions are tested against the ticket as it was
//!   when routing started, so a rule never fires because of what an earlier rule changed, and
//!   nothing can loop. Later rules' changes win over earlier ones (tags accumulate).
//! - A matching rule with `stop` ends the pass after its own changes. Disabled rules and rules
//!   whose trigger does not fit are skipped without stopping anything.
//! - `mode: all` needs every condition, `any` at least one. A rule without conditions matches
//!   every ticket (a catch-all, typically last with `stop`).
//! - Keywords are case-insensitive and match whole words; a keyword ending in `*` matches any
//!   word that starts with it (`reset*` matches "resetting", `down` does not match
//!   "download"). A keyword may hold several words ("out of office").
//! - Within a rule the tier change is applied first, because moving tier unassigns the
//!   ticket and would undo an assignment made by the same rule.

use super::desk::{Condition, DeskConfig, MatchMode, RoutingRule, RuleAction, RuleTrigger};
use super::model::{Actor, EscalationCause, Event, EventKind, Ticket};
use super::ticket::{self, normalize_tags, Command, Ctx, DomainError, IdGen};

/// The changes one matching rule asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMatch {
    pub rule_id: String,
    pub rule_name: String,
    pub commands: Vec<Command>,
}

/// Whether a rule with trigger `rule` runs for an occasion `now`.
pub fn trigger_fits(rule: RuleTrigger, now: RuleTrigger) -> bool {
    rule == RuleTrigger::Both || now == RuleTrigger::Both || rule == now
}

/// Whether `keyword` occurs in `text` as a whole word (or as a word prefix when it ends in `*`).
pub fn keyword_in(text: &str, keyword: &str) -> bool {
    let kw = keyword.trim().to_lowercase();
    let (kw, prefix) = match kw.strip_suffix('*') {
        Some(k) => (k.trim_end().to_string(), true),
        None => (kw, false),
    };
    if kw.is_empty() {
        return false;
    }
    let text = text.to_lowercase();
    let mut from = 0;
    while let Some(pos) = text[from..].find(&kw) {
        let start = from + pos;
        let end = start + kw.len();
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ends_word = prefix
            || text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        if starts_word && ends_word {
            return true;
        }
        // Step one character, not one byte, to stay on a char boundary.
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether one condition holds for the ticket. Blank condition values never match: an
/// unfinished rule must not route every ticket.
pub fn condition_holds(ticket: &Ticket, cond: &Condition) -> bool {
    match cond {
        Condition::Category { is } => {
            let is = is.trim().to_lowercase();
            !is.is_empty()
                && ticket
                    .category
                    .as_deref()
                    .is_some_and(|c| c.trim().to_lowercase() == is)
        }
        Condition::Keywords { any } => any
            .iter()
            .any(|k| keyword_in(&ticket.subject, k) || keyword_in(&ticket.description, k)),
        Condition::Priority { is } => is.contains(&ticket.priority),
        Condition::Requester { contains } => {
            let needle = contains.trim().to_lowercase();
            let r = &ticket.requester;
            !needle.is_empty()
                && [Some(&r.email), Some(&r.name), r.org.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|s| s.to_lowercase().contains(&needle))
        }
        Condition::Channel { is } => ticket.channel == *is,
        Condition::Tag { is } => normalize_tags(std::slice::from_ref(is))
            .first()
            .is_some_and(|tag| ticket.tags.contains(tag)),
    }
}

/// Whether a rule's conditions hold (ignores `enabled` and the trigger).
pub fn rule_matches(ticket: &Ticket, rule: &RoutingRule) -> bool {
    if rule.conditions.is_empty() {
        return true;
    }
    match rule.mode {
        MatchMode::All => rule.conditions.iter().all(|c| condition_holds(ticket, c)),
        MatchMode::Any => rule.conditions.iter().any(|c| condition_holds(ticket, c)),
    }
}

/// The reason written on changes a rule makes.
fn rule_reason(rule: &RoutingRule) -> String {
    format!("routing rule \"{}\"", rule_label(rule))
}

fn rule_label(rule: &RoutingRule) -> &str {
    if rule.name.trim().is_empty() {
        &rule.id
    } else {
        rule.name.trim()
    }
}

/// The rules that fire for `ticket` on occasion `trigger`, in order, with the commands each
/// one asks for. Pure: nothing is applied.
pub fn route(ticket: &Ticket, rules: &[RoutingRule], trigger: RuleTrigger) -> Vec<RuleMatch> {
    let mut out = Vec::new();
    // Tags accumulate across rules, so each AddTags command carries the running list.
    let mut tags = ticket.tags.clone();
    for rule in rules {
        if !rule.enabled || !trigger_fits(rule.trigger, trigger) || !rule_matches(ticket, rule) {
            continue;
        }
        let mut actions: Vec<&RuleAction> = rule.actions.iter().collect();
        actions.sort_by_key(|a| !matches!(a, RuleAction::SetTier { .. }));
        let commands = actions
            .into_iter()
            .map(|a| match a {
                RuleAction::SetTier { tier } => Command::ChangeTier {
                    to: *tier,
                    cause: EscalationCause::Routing,
                    reason: rule_label(rule).to_string(),
                },
                RuleAction::SetGroup { group } => Command::SetGroup(Some(group.clone())),
                RuleAction::SetPriority { priority } => Command::SetPriority {
                    to: *priority,
                    reason: Some(rule_reason(rule)),
                },
                RuleAction::SetCategory { category } => {
                    Command::SetCategory(Some(category.clone()))
                }
                RuleAction::AddTags { tags: add } => {
                    let mut all = tags.clone();
                    all.extend(add.iter().cloned());
                    tags = normalize_tags(&all);
                    Command::SetTags(tags.clone())
                }
                RuleAction::Assign { agent } => Command::Assign {
                    to: Some(agent.clone()),
                    reason: Some(rule_reason(rule)),
                },
            })
            .collect();
        out.push(RuleMatch {
            rule_id: rule.id.clone(),
            rule_name: rule_label(rule).to_string(),
            commands,
        });
        if rule.stop {
            break;
        }
    }
    out
}

/// A command that names a group or agent the desk does not have is skipped: the rule is out
/// of date (settings validation reports it), and routing must not make creating a ticket fail.
fn refers_to_known(cmd: &Command, cfg: &DeskConfig) -> bool {
    match cmd {
        Command::SetGroup(Some(g)) => cfg.groups.iter().any(|x| x.id == *g),
        Command::Assign { to: Some(a), .. } => cfg.agent(a).is_some(),
        _ => true,
    }
}

/// Runs the rules on the ticket and applies their changes through `ticket::apply`. Before
/// the changes of each rule that changed something, a `Routed { rule }` event names the rule.
/// The events are recorded as `Actor::System` (a rule acted, not the person in `ctx`).
/// Tickets that are merged, resolved or closed are not routed. On error nothing changes.
pub fn apply_routing(
    ticket: &mut Ticket,
    history: &[Event],
    cfg: &DeskConfig,
    trigger: RuleTrigger,
    ctx: &Ctx,
    ids: &mut dyn IdGen,
) -> Result<Vec<Event>, DomainError> {
    if ticket.merged_into.is_some() || !ticket.status.is_open() {
        return Ok(vec![]);
    }
    let ctx = Ctx {
        actor: Actor::System,
        ..ctx.clone()
    };
    let mut next = ticket.clone();
    let mut all: Vec<Event> = history.to_vec();
    for m in route(ticket, &cfg.rules, trigger) {
        let start = all.len();
        for cmd in m.commands {
            if refers_to_known(&cmd, cfg) {
                let made = ticket::apply(&mut next, &all, cmd, &ctx, ids)?;
                all.extend(made);
            }
        }
        let Some(first) = all.get(start) else {
            continue;
        };
        // The Routed entry goes first: it takes the first number and the changes shift by one.
        let routed = Event {
            id: ids.event_id(),
            ticket: ticket.id,
            seq: first.seq,
            at: ctx.now,
            actor: Actor::System,
            kind: EventKind::Routed { rule: m.rule_name },
        };
        for e in &mut all[start..] {
            e.seq += 1;
        }
        all.insert(start, routed);
    }
    let out = all.split_off(history.len());
    *ticket = next;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::desk::{General, Group, PriorityMatrix};
    use crate::domain::model::*;
    use crate::domain::ticket::{create, NewTicket, SeqIds};
    use chrono::{TimeZone, Utc};

    fn t0() -> Time {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn ticket(subject: &str, description: &str) -> (Ticket, Vec<Event>) {
        let new = NewTicket {
            subject: subject.into(),
            description: description.into(),
            requester: Requester {
                name: "Dana Reyes".into(),
                email: "dana@acme.example".into(),
                org: Some("ACME Corp".into()),
            },
            tier: Tier(1),
            tags: vec!["vip".into()],
            channel: Channel::Email,
            ..Default::default()
        };
        create(
            7,
            new,
            &Ctx::new(t0(), Actor::Requester),
            &mut SeqIds::new("c"),
        )
        .unwrap()
    }

    fn rule(id: &str, conditions: Vec<Condition>, actions: Vec<RuleAction>) -> RoutingRule {
        RoutingRule {
            id: id.into(),
            name: format!("Rule {id}"),
            enabled: true,
            trigger: RuleTrigger::OnCreate,
            mode: MatchMode::All,
            conditions,
            actions,
            stop: false,
        }
    }

    fn kw(words: &[&str]) -> Condition {
        Condition::Keywords {
            any: words.iter().map(|w| w.to_string()).collect(),
        }
    }

    fn cfg(rules: Vec<RoutingRule>) -> DeskConfig {
        DeskConfig {
            general: General {
                desk_name: "Test".into(),
                mode: Default::default(),
                reopen_window_hours: 168,
                warning_percent: 75,
                escalate_on_breach: false,
                default_calendar: "24x7".into(),
                cost_per_ticket: 0.0,
            },
            agents: vec![],
            groups: vec![Group {
                id: "network".into(),
                name: "Network".into(),
                tier: Tier(2),
                assignment: Default::default(),
            }],
            tiers: vec![],
            calendars: vec![],
            policies: vec![],
            rules,
            matrix: PriorityMatrix::itil_3x3(),
            canned: vec![],
            catalog: vec![],
        }
    }

    #[test]
    fn keywords_match_whole_words_and_star_prefixes() {
        assert!(keyword_in("Please RESET my password", "reset"));
        assert!(keyword_in("password, reset.", "Password"));
        assert!(!keyword_in("preset values", "reset"));
        assert!(!keyword_in("resetting it", "reset"));
        assert!(keyword_in("resetting it", "reset*"));
        assert!(!keyword_in("download failed", "down"));
        assert!(keyword_in("the server is down!", "down"));
        assert!(keyword_in(
            "I am Out of  office? no: out of office",
            "out of office"
        ));
        assert!(keyword_in("Grüße aus München", "münchen"));
        assert!(!keyword_in("anything", "  "));
        assert!(!keyword_in("anything", "*"));
        // A later occurrence counts when the first is inside a word.
        assert!(keyword_in("preset and reset", "reset"));
    }

    #[test]
    fn each_condition_kind() {
        let (mut t, _) = ticket("VPN down", "since 9");
        t.category = Some("Network".into());
        t.priority = Priority::High;
        let holds = |c: Condition| condition_holds(&t, &c);
        assert!(holds(Condition::Category {
            is: " network ".into()
        }));
        assert!(!holds(Condition::Category {
            is: "Accounts".into()
        }));
        assert!(!holds(Condition::Category { is: "".into() }));
        assert!(holds(kw(&["vpn"])));
        assert!(holds(kw(&["nope", "since"])), "description is searched too");
        assert!(holds(Condition::Priority {
            is: vec![Priority::Critical, Priority::High]
        }));
        assert!(!holds(Condition::Priority {
            is: vec![Priority::Low]
        }));
        assert!(holds(Condition::Requester {
            contains: "ACME.example".into()
        }));
        assert!(holds(Condition::Requester {
            contains: "reyes".into()
        }));
        assert!(holds(Condition::Requester {
            contains: "corp".into()
        }));
        assert!(!holds(Condition::Requester {
            contains: " ".into()
        }));
        assert!(holds(Condition::Channel { is: Channel::Email }));
        assert!(!holds(Condition::Channel { is: Channel::Phone }));
        assert!(holds(Condition::Tag { is: "VIP".into() }));
        assert!(!holds(Condition::Tag {
            is: "printer".into()
        }));
    }

    #[test]
    fn all_and_any_modes_and_catch_all() {
        let (t, _) = ticket("VPN down", "");
        let mut r = rule(
            "a",
            vec![kw(&["vpn"]), Condition::Channel { is: Channel::Phone }],
            vec![],
        );
        assert!(!rule_matches(&t, &r));
        r.mode = MatchMode::Any;
        assert!(rule_matches(&t, &r));
        let catch_all = rule("z", vec![], vec![]);
        assert!(rule_matches(&t, &catch_all));
    }

    #[test]
    fn route_skips_disabled_and_wrong_trigger_and_honours_stop() {
        let (t, _) = ticket("Password reset", "");
        let set_cat = |c: &str| RuleAction::SetCategory { category: c.into() };
        let mut disabled = rule("off", vec![], vec![set_cat("X")]);
        disabled.enabled = false;
        let mut on_update = rule("upd", vec![], vec![set_cat("Y")]);
        on_update.trigger = RuleTrigger::OnUpdate;
        let mut both = rule("both", vec![kw(&["password"])], vec![set_cat("Accounts")]);
        both.trigger = RuleTrigger::Both;
        both.stop = true;
        let after_stop = rule("late", vec![], vec![set_cat("Z")]);
        let rules = vec![disabled, on_update, both, after_stop];
        let m = route(&t, &rules, RuleTrigger::OnCreate);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].rule_id, "both");
        assert_eq!(
            m[0].commands,
            vec![Command::SetCategory(Some("Accounts".into()))]
        );
        let m = route(&t, &rules, RuleTrigger::OnUpdate);
        let ids: Vec<&str> = m.iter().map(|x| x.rule_id.as_str()).collect();
        assert_eq!(ids, vec!["upd", "both"]);
    }

    #[test]
    fn conditions_see_the_ticket_before_routing() {
        // Rule b matches on the category rule a sets: in one pass it must not fire.
        let (t, _) = ticket("Password reset", "");
        let a = rule(
            "a",
            vec![kw(&["password"])],
            vec![RuleAction::SetCategory {
                category: "Accounts".into(),
            }],
        );
        let b = rule(
            "b",
            vec![Condition::Category {
                is: "Accounts".into(),
            }],
            vec![RuleAction::SetPriority {
                priority: Priority::Low,
            }],
        );
        let m = route(&t, &[a, b], RuleTrigger::OnCreate);
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn tags_accumulate_and_tier_change_comes_first() {
        let (t, _) = ticket("Printer jam", "");
        let a = rule(
            "a",
            vec![],
            vec![RuleAction::AddTags {
                tags: vec!["Printer".into()],
            }],
        );
        let b = rule(
            "b",
            vec![],
            vec![
                RuleAction::Assign {
                    agent: "bob".into(),
                },
                RuleAction::AddTags {
                    tags: vec!["hardware".into(), "vip".into()],
                },
                RuleAction::SetTier { tier: Tier(2) },
            ],
        );
        let m = route(&t, &[a, b], RuleTrigger::OnCreate);
        assert_eq!(
            m[0].commands,
            vec![Command::SetTags(vec!["vip".into(), "printer".into()])]
        );
        assert_eq!(
            m[1].commands[0],
            Command::ChangeTier {
                to: Tier(2),
                cause: EscalationCause::Routing,
                reason: "Rule b".into()
            }
        );
        assert!(matches!(m[1].commands[1], Command::Assign { .. }));
        assert_eq!(
            m[1].commands[2],
            Command::SetTags(vec!["vip".into(), "printer".into(), "hardware".into()])
        );
    }

    #[test]
    fn apply_routing_records_the_rule_before_its_changes() {
        let (mut t, hist) = ticket("Password reset please", "");
        let a = rule(
            "pw",
            vec![kw(&["password"])],
            vec![
                RuleAction::SetCategory {
                    category: "Accounts".into(),
                },
                RuleAction::SetTier { tier: Tier(2) },
                RuleAction::SetGroup {
                    group: "network".into(),
                },
            ],
        );
        // Matches, but changes nothing: no Routed entry for it.
        let noop = rule("noop", vec![], vec![RuleAction::SetTier { tier: Tier(2) }]);
        let cfg = cfg(vec![a, noop]);
        let ctx = Ctx::new(t0(), Actor::Requester);
        let mut ids = SeqIds::new("r");
        let ev = apply_routing(&mut t, &hist, &cfg, RuleTrigger::OnCreate, &ctx, &mut ids).unwrap();
        let kinds: Vec<&str> = ev.iter().map(|e| e.kind.name()).collect();
        assert_eq!(
            kinds,
            vec!["routed", "tier_changed", "field_changed", "field_changed"]
        );
        assert_eq!(
            ev[0].kind,
            EventKind::Routed {
                rule: "Rule pw".into()
            }
        );
        assert_eq!(
            ev[1].kind,
            EventKind::TierChanged {
                from: Tier(1),
                to: Tier(2),
                cause: EscalationCause::Routing,
                reason: "Rule pw".into()
            }
        );
        let seqs: Vec<u32> = ev.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3, 4]);
        assert!(ev.iter().all(|e| e.actor == Actor::System));
        assert_eq!(t.tier, Tier(2));
        assert_eq!(t.category.as_deref(), Some("Accounts"));
        assert_eq!(t.group.as_deref(), Some("network"));
    }

    #[test]
    fn unknown_group_or_agent_is_skipped() {
        let (mut t, hist) = ticket("Printer", "");
        let a = rule(
            "a",
            vec![],
            vec![
                RuleAction::SetGroup {
                    group: "ghosts".into(),
                },
                RuleAction::Assign {
                    agent: "nobody".into(),
                },
            ],
        );
        let cfg = cfg(vec![a]);
        let ev = apply_routing(
            &mut t,
            &hist,
            &cfg,
            RuleTrigger::OnCreate,
            &Ctx::new(t0(), Actor::System),
            &mut SeqIds::new("r"),
        )
        .unwrap();
        assert!(ev.is_empty());
        assert_eq!(t.group, None);
        assert_eq!(t.assignee, None);
    }

    #[test]
    fn resolved_tickets_are_not_routed_and_errors_change_nothing() {
        let (mut t, hist) = ticket("Printer", "");
        let cfg1 = cfg(vec![rule(
            "a",
            vec![],
            vec![RuleAction::SetCategory {
                category: "X".into(),
            }],
        )]);
        let ctx = Ctx::new(t0(), Actor::System);
        let mut resolved = t.clone();
        resolved.status = Status::Resolved;
        let ev = apply_routing(
            &mut resolved,
            &hist,
            &cfg1,
            RuleTrigger::Both,
            &ctx,
            &mut SeqIds::new("r"),
        )
        .unwrap();
        assert!(ev.is_empty());
        // A second rule fails (tier 9 does not exist): the first rule's change is rolled back.
        let cfg2 = cfg(vec![
            rule(
                "a",
                vec![],
                vec![RuleAction::SetCategory {
                    category: "X".into(),
                }],
            ),
            rule("b", vec![], vec![RuleAction::SetTier { tier: Tier(9) }]),
        ]);
        let before = t.clone();
        let err = apply_routing(
            &mut t,
            &hist,
            &cfg2,
            RuleTrigger::OnCreate,
            &ctx,
            &mut SeqIds::new("r"),
        )
        .unwrap_err();
        assert_eq!(err.field, "tier");
        assert_eq!(t, before);
    }
}
