//! The app's automation, run for one ticket at the instant its SLA clocks call for it.

use super::flow::group_for;
use super::kinds::kind;
use super::{State, World};
use crate::domain::escalation::{apply_escalation, due_escalations};
use crate::domain::model::*;
use crate::domain::ticket::Command;

/// Most escalations one check carries out (one tier step each).
const MAX_STEPS: usize = 6;

impl State {
    /// The app's automation pass for one ticket at `now`: escalations that fell due (each
    /// stamped when it fell due), then automatic assignment.
    pub(super) fn check(&mut self, w: &World, id: TicketId, now: Time) {
        let mut moved = false;
        for _ in 0..MAX_STEPS {
            let Some(l) = self.live.get_mut(&id) else {
                return;
            };
            let Some(esc) = due_escalations(&l.ticket, &l.events, w.cfg, now) else {
                break;
            };
            let before = l.ticket.clone();
            let res = apply_escalation(
                &mut l.ticket,
                &l.events,
                &esc,
                w.cfg,
                &self.workload,
                &mut self.ids,
            );
            let changed = matches!(&res, Ok(ev) if !ev.is_empty());
            if !self.took(id, &before, res, now) || !changed {
                break;
            }
            moved |= self
                .live
                .get(&id)
                .is_some_and(|l| l.ticket.tier != before.tier);
        }
        let Some(l) = self.live.get(&id) else {
            return;
        };
        if moved {
            // A group of the old tier would keep anyone in the new tier from getting it.
            let t = &l.ticket;
            let stale = t
                .group
                .as_ref()
                .is_some_and(|g| !w.cfg.groups.iter().any(|x| x.id == *g && x.tier == t.tier));
            if stale {
                let g = group_for(w.cfg, kind(l.plan.kind).group, t.tier);
                self.apply(w, id, now, Actor::System, Command::SetGroup(g));
            }
            self.moved_tier(w, id, now);
        } else if l.ticket.assignee.is_none() && l.ticket.status.is_open() {
            self.assign_auto(w, id, now);
            // Nobody was going to act (no one in the tier was free): the new owner starts.
            if self
                .live
                .get(&id)
                .is_some_and(|l| l.ticket.assignee.is_some() && l.agent_keys.is_empty())
            {
                self.plan_next(w, id, now);
            }
        }
    }
}
