//! What the simulated requesters do later: answer a question, reopen, rate; and the
//! closing of resolved tickets after the reopen window.

use chrono::Duration;

use super::kinds::{self, pick};
use super::{FollowUp, State, World};
use crate::domain::model::*;
use crate::domain::ticket::{self, Command};

impl State {
    pub(super) fn follow_up(&mut self, w: &World, id: TicketId, step: FollowUp, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let t = &l.ticket;
        if t.merged_into.is_some() {
            return;
        }
        match step {
            FollowUp::Answer if t.status == Status::Pending => {
                let body = pick(kinds::ANSWERS, id).to_string();
                if self.apply(w, id, now, Actor::Requester, Command::RequesterReply(body)) {
                    self.plan_next(w, id, now);
                }
            }
            FollowUp::Reopen if t.status == Status::Resolved && !l.reopened => {
                let body = pick(kinds::STILL_BROKEN, id).to_string();
                if let Some(l) = self.live.get_mut(&id) {
                    l.reopened = true;
                }
                self.cancel_follow_ups(id);
                if self.apply(w, id, now, Actor::Requester, Command::RequesterReply(body)) {
                    self.plan_next(w, id, now);
                }
            }
            FollowUp::Rate
                if matches!(t.status, Status::Resolved | Status::Closed) && t.csat.is_none() =>
            {
                let Some(r) = l.plan.requester.rating else {
                    return;
                };
                let took = now - t.created_at;
                let mut score = i16::from(r.mood);
                score -= i16::from(l.reopened);
                score -= i16::from(took > Duration::hours(8));
                score -= i16::from(took > Duration::hours(48));
                let score = score.clamp(1, 5) as u8;
                let comment = kinds::COMMENTS[usize::from(score - 1)].to_string();
                self.apply(
                    w,
                    id,
                    now,
                    Actor::Requester,
                    Command::Rate { score, comment },
                );
            }
            FollowUp::Close if t.status == Status::Resolved => {
                let window = Duration::hours(i64::from(w.cfg.general.reopen_window_hours));
                let due = ticket::last_resolved_at(&l.events).is_none_or(|r| r + window <= now);
                if due {
                    self.apply(
                        w,
                        id,
                        now,
                        Actor::System,
                        Command::SetStatus(Status::Closed),
                    );
                }
            }
            _ => {}
        }
    }
}
