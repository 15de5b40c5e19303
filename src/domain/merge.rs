//! Merging duplicates: the merged ticket keeps its whole history, is closed, and points to the
//! survivor; the survivor records where the other went and takes over its tags and watchers.

use super::model::{Event, EventKind, Status, Ticket};
use super::ticket::{normalize_tags, Ctx, DomainError, IdGen};

fn next_seq(history: &[Event]) -> u32 {
    history.iter().map(|e| e.seq + 1).max().unwrap_or(0)
}

fn push(t: &Ticket, seq: &mut u32, ctx: &Ctx, ids: &mut dyn IdGen, out: &mut Vec<Event>, kind: EventKind) {
    out.push(Event { id: ids.event_id(), ticket: t.id, seq: *seq, at: ctx.now, actor: ctx.actor.clone(), kind });
    *seq += 1;
}

/// Merges `merged` into `survivor`. Returns the events appended to each (survivor, merged).
/// On error neither ticket changes.
pub fn merge(
    survivor: &mut Ticket,
    survivor_history: &[Event],
    merged: &mut Ticket,
    merged_history: &[Event],
    ctx: &Ctx,
    ids: &mut dyn IdGen,
) -> Result<(Vec<Event>, Vec<Event>), DomainError> {
    if survivor.id == merged.id {
        return Err(DomainError::new("merge", "a ticket cannot be merged into itself"));
    }
    if let Some(into) = merged.merged_into {
        return Err(DomainError::new("merge", format!("#{} was already merged into #{into}", merged.id)));
    }
    if let Some(into) = survivor.merged_into {
        return Err(DomainError::new("merge", format!("#{} was merged into #{into}; merge into that ticket instead", survivor.id)));
    }
    if survivor.status == Status::Closed {
        return Err(DomainError::new("merge", format!("#{} is closed; merge into an open ticket", survivor.id)));
    }
    let mut s = survivor.clone();
    let mut m = merged.clone();
    let (mut s_ev, mut m_ev) = (vec![], vec![]);
    let (mut s_seq, mut m_seq) = (next_seq(survivor_history), next_seq(merged_history));

    push(&m, &mut m_seq, ctx, ids, &mut m_ev, EventKind::Merged { into: s.id });
    if m.status != Status::Closed {
        // Merging closes the duplicate whatever its status: its work continues on the survivor.
        let from = m.status;
        m.status = Status::Closed;
        push(&m, &mut m_seq, ctx, ids, &mut m_ev, EventKind::StatusChanged { from, to: Status::Closed });
    }
    m.merged_into = Some(s.id);

    push(&s, &mut s_seq, ctx, ids, &mut s_ev, EventKind::MergedFrom { from: m.id });
    let mut tags = s.tags.clone();
    tags.extend(m.tags.iter().cloned());
    s.tags = normalize_tags(&tags);
    for w in m.watchers.iter().chain(m.assignee.iter()) {
        if !s.watchers.contains(w) && s.assignee.as_ref() != Some(w) {
            s.watchers.push(w.clone());
        }
    }
    for a in &m.articles {
        if !s.articles.contains(a) {
            s.articles.push(a.clone());
        }
    }
    for t in [&mut s, &mut m] {
        t.rev = t.rev.wrapping_add(1);
        t.updated_at = ctx.now;
    }
    *survivor = s;
    *merged = m;
    Ok((s_ev, m_ev))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use crate::domain::ticket::{self, NewTicket, SeqIds};
    use chrono::{TimeZone, Utc};

    fn make(id: u64, tags: &[&str], ids: &mut SeqIds) -> (Ticket, Vec<Event>) {
        let ctx = Ctx::new(Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap(), Actor::Requester);
        let new = NewTicket {
            subject: format!("Printer {id}"),
            requester: Requester { name: "Lee".into(), ..Default::default() },
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        };
        ticket::create(id, new, &ctx, ids).unwrap()
    }

    #[test]
    fn merge_closes_the_duplicate_and_keeps_both_histories() {
        let mut ids = SeqIds::new("m");
        let (mut a, ha) = make(1, &["printer"], &mut ids);
        let (mut b, hb) = make(2, &["floor-2"], &mut ids);
        b.assignee = Some("amy".into());
        let ctx = Ctx::new(Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap(), Actor::Agent("amy".into()));
        let (ea, eb) = merge(&mut a, &ha, &mut b, &hb, &ctx, &mut ids).unwrap();
        assert_eq!(b.merged_into, Some(1));
        assert_eq!(b.status, Status::Closed);
        assert_eq!(eb.iter().map(|e| e.kind.name()).collect::<Vec<_>>(), ["merged", "status_changed"]);
        assert_eq!(eb[0].seq, 1, "continues the merged ticket's own numbering");
        assert_eq!(ea[0].kind, EventKind::MergedFrom { from: 2 });
        assert_eq!(a.tags, ["printer", "floor-2"]);
        assert_eq!(a.watchers, ["amy"], "the duplicate's owner keeps watching");
        assert_eq!((a.rev, b.rev), (2, 2));
    }

    #[test]
    fn refuses_self_double_and_closed_survivor() {
        let mut ids = SeqIds::new("m");
        let (mut a, ha) = make(1, &[], &mut ids);
        let (mut b, hb) = make(2, &[], &mut ids);
        let ctx = Ctx::new(Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap(), Actor::System);
        let mut a2 = a.clone();
        assert!(merge(&mut a, &ha, &mut a2, &ha, &ctx, &mut ids).is_err());
        merge(&mut a, &ha, &mut b, &hb, &ctx, &mut ids).unwrap();
        let before = (a.clone(), b.clone());
        let err = merge(&mut a, &ha, &mut b, &hb, &ctx, &mut ids).unwrap_err();
        assert!(err.message.contains("already merged"));
        assert_eq!((a.clone(), b.clone()), before, "a refused merge changes nothing");
        let err = merge(&mut b, &hb, &mut a, &ha, &ctx, &mut ids).unwrap_err();
        assert!(err.message.contains("merge into that ticket instead"));
    }
}
