//! A small, valid backup built with the real ticket commands, for the backup tests.

use chrono::{Duration, TimeZone, Utc};

use crate::domain::article::{Article, ArticleRevision, Audience};
use crate::domain::desk::*;
use crate::domain::model::*;
use crate::domain::ticket::{self, Command, Ctx, NewTicket, SeqIds};

use super::Backup;

pub fn t0() -> Time {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// The default desk plus two agents.
pub fn config() -> DeskConfig {
    let mut cfg = crate::domain::defaults::default_config();
    for (id, tier) in [("alice", 1), ("bob", 2)] {
        cfg.agents.push(Agent {
            id: id.into(),
            name: id.to_uppercase(),
            email: format!("{id}@example.org"),
            tiers: vec![Tier(tier)],
            groups: vec![],
            skills: vec![],
            capacity: 10,
            away: false,
            calendar: None,
            admin: false,
        });
    }
    cfg
}

/// One ticket story: created by the requester, answered by `agent`, optionally resolved.
pub fn story(
    id: TicketId,
    subject: &str,
    at: Time,
    ids: &mut SeqIds,
    resolve: bool,
) -> (Ticket, Vec<Event>) {
    let new = NewTicket {
        subject: subject.into(),
        description: "It does not work.".into(),
        requester: Requester {
            name: "Dana".into(),
            email: "dana@example.org".into(),
            org: None,
        },
        tier: Tier(1),
        ..Default::default()
    };
    let (mut t, mut h) = ticket::create(id, new, &Ctx::new(at, Actor::Requester), ids).unwrap();
    let ctx = Ctx::new(at + Duration::minutes(20), Actor::Agent("alice".into()));
    for cmd in [
        Command::Assign {
            to: Some("alice".into()),
            reason: None,
        },
        Command::Reply("Restarting it should help.".into()),
    ] {
        let ev = ticket::apply(&mut t, &h, cmd, &ctx, ids).unwrap();
        h.extend(ev);
    }
    if resolve {
        let ctx = Ctx::new(at + Duration::hours(2), Actor::Agent("alice".into()));
        let ev =
            ticket::apply(&mut t, &h, Command::SetStatus(Status::Resolved), &ctx, ids).unwrap();
        h.extend(ev);
    }
    (t, h)
}

pub fn article(id: &str, updated: Time) -> Article {
    Article {
        id: id.into(),
        rev: 2,
        title: format!("How to {id}"),
        summary: "Steps".into(),
        body: "1. Do this\n2. Then that".into(),
        category: "Accounts/Passwords".into(),
        tags: vec!["howto".into()],
        audience: Audience::Public,
        language: "en".into(),
        author: "alice".into(),
        created_at: t0() - Duration::days(30),
        updated_at: updated,
        views: 3,
        helpful_yes: 1,
        helpful_no: 0,
    }
}

/// Three tickets (one resolved), two articles, one revision. Event ids are `{prefix}1`, ...
pub fn backup(prefix: &str) -> Backup {
    let mut ids = SeqIds::new(prefix);
    let mut tickets = vec![];
    let mut events = vec![];
    for (id, subject, resolve) in [
        (1, "Printer jams", true),
        (2, "VPN drops", false),
        (3, "New laptop", false),
    ] {
        let (t, h) = story(
            id,
            subject,
            t0() + Duration::hours(id as i64),
            &mut ids,
            resolve,
        );
        tickets.push(t);
        events.extend(h);
    }
    let revision = ArticleRevision {
        article: "reset-password".into(),
        rev: 1,
        title: "Reset a password".into(),
        summary: String::new(),
        body: "Old text".into(),
        author: "alice".into(),
        at: t0() - Duration::days(20),
    };
    Backup::new(
        t0() + Duration::days(1),
        config(),
        tickets,
        events,
        vec![article("reset-password", t0()), article("vpn", t0())],
        vec![revision],
        4,
    )
}
