//! What each KPI counts and how, for tooltips and the help page. Keys are the field names of
//! `Kpis` and `KpiReport` (JSON keys of `tierdesk kpi`).

const HELP: &[(&str, &str, &str)] = &[
    (
        "period",
        "Period",
        "The report covers [from, to): from included, to excluded. Only history entries at or before \
         min(to, now) count, so a report on a past period does not change later. Backlog, SLA clocks and \
         the fields tickets are grouped by are taken at that instant.",
    ),
    (
        "created",
        "Tickets in",
        "Tickets created in the period.",
    ),
    (
        "resolved",
        "Tickets out",
        "Tickets resolved in the period (a status change to Resolved, or straight to Closed). A ticket \
         resolved twice in the period counts once; one resolved again after a reopen in a later period \
         counts in both periods.",
    ),
    (
        "backlog",
        "Backlog",
        "Tickets open at the end of the period: status New, Open, Pending or On hold, and not merged \
         into another ticket.",
    ),
    (
        "backlog_age",
        "Backlog age",
        "The backlog split by time since creation (not since a reopen): under 1 hour, 1-4 hours, \
         4-24 hours, 1-3 days, 3-7 days, over 7 days.",
    ),
    (
        "time_to_acknowledge",
        "Mean time to acknowledge",
        "Calendar minutes from creation to the first thing an agent did on the ticket: any history entry \
         made by an agent - an assignment, a public reply, an internal note, a status change, a tier \
         move, logged time. Entries made by the system (automatic assignment, routing rules, automatic \
         escalations) or by the requester do not count, since they say nothing about the desk noticing \
         the ticket. Counted for tickets whose first agent action falls in the period; n is how many.",
    ),
    (
        "first_response",
        "First response time",
        "Calendar minutes from creation to the first public reply by an agent. Unlike acknowledgement, \
         assignments, notes and status changes do not count: the requester must have heard from the \
         desk. Counted for tickets whose first agent reply falls in the period.",
    ),
    (
        "first_response_business",
        "First response time (SLA clock)",
        "The same first responses as counted by the SLA clock: business minutes of the ticket's SLA \
         policy calendar (or calendar minutes if the policy says so), leaving out time spent Pending or \
         On hold.",
    ),
    (
        "time_to_resolve",
        "Mean time to resolve",
        "Mean and median calendar minutes from creation to the FIRST resolution, whatever happened after \
         (a later reopen does not change it). Counted for tickets resolved for the first time in the \
         period.",
    ),
    (
        "resolution_time",
        "Average resolution time",
        "Calendar minutes from creation to the FINAL resolution: a ticket that was reopened counts all the \
         time until it was resolved again, including the time it sat resolved before the reopen. Counted \
         for tickets whose last resolution falls in the period and that are still resolved or closed at \
         its end (a reopened ticket waits until it is resolved again).",
    ),
    (
        "resolution_business",
        "Resolution time (SLA clock)",
        "The tickets of 'Average resolution time' as counted by the SLA resolution clock: business \
         minutes of the policy calendar while the ticket was New or Open, over all its reopen cycles; \
         time resolved, Pending or On hold is left out.",
    ),
    (
        "first_contact_resolution",
        "First-contact resolution",
        "Share of the resolved tickets that were solved at the first contact: at most one public reply by \
         an agent, never moved to another tier (moves by routing rules do not count), never reopened.",
    ),
    (
        "reopen",
        "Reopen rate",
        "Share of the resolved tickets that have been reopened (from Resolved or Closed back to an open \
         status) at least once. A ticket reopened several times counts once.",
    ),
    (
        "escalation_steps",
        "Escalation rate per tier",
        "For each tier N: of the tickets that entered tier N in the period (created in it or moved into \
         it), the share later moved up out of it (to any higher tier), by hand or automatically. Moves by \
         routing rules sort tickets into tiers and are not escalations.",
    ),
    (
        "escalation",
        "Escalation rate",
        "Tickets that entered a tier 0-3 in the period and were moved up out of such a tier, over all \
         tickets that entered a tier 0-3 in the period.",
    ),
    (
        "sla",
        "SLA compliance",
        "Per metric (first response, next response, resolution, tier limit): met / (met + breached). \
         Counted: clocks that stopped in the period (met or breached), plus clocks still running or \
         paused at the end of the period that are already breached. Next response counts the latest \
         cycle of each ticket only. Tickets without a target are not counted.",
    ),
    (
        "sla_breaches",
        "SLA breaches",
        "The breached clocks counted in SLA compliance, all metrics together.",
    ),
    (
        "deflection",
        "Tier 0 deflection rate",
        "deflections / (deflections + tickets created through the portal or a kiosk in the period). \
         The portal does not record deflections (visits that ended with 'this solved my problem' \
         instead of a ticket) yet, so the number is supplied with the report request; searches or \
         article views are shown alongside for context. Only for the whole desk, and only when at least \
         one of the two counts was supplied (not zero).",
    ),
    (
        "portal_created",
        "Portal tickets",
        "Tickets created in the period through the portal or a kiosk.",
    ),
    (
        "csat",
        "Customer satisfaction",
        "Average of the ratings (1-5) on the tickets resolved in the period (the latest rating of each \
         ticket), and the response rate: rated tickets / resolved tickets.",
    ),
    (
        "time_spent_minutes",
        "Time spent",
        "Minutes logged on tickets in the period, in total, per agent who logged them and per tier the \
         ticket was in at the time.",
    ),
    (
        "cost_per_ticket",
        "Cost per ticket",
        "(minutes logged per tier / 60 x that tier's cost per hour + the desk's cost per ticket x \
         resolved tickets) / resolved tickets. Time logged on tickets still open counts too: the work \
         was paid for in the period.",
    ),
    (
        "funnel",
        "Tier funnel",
        "Tickets that reached each tier 0-4 in the period: created in it or moved into it (by any \
         cause, routing included).",
    ),
    (
        "breakdowns",
        "Breakdowns",
        "by_tier, by_group, by_agent, by_category and by_priority group every ticket by its value at the \
         end of the period: for a resolved ticket, the tier, group, assignee, category and priority it \
         had when resolved; for an open ticket, its current ones. Tickets without a group, assignee or \
         category are under \"(none)\".",
    ),
    (
        "daily",
        "Per day",
        "For each day (in the default calendar's time zone) up to the end of the period or now: tickets \
         created, tickets resolved, backlog at the end of the day, SLA clocks met and breached that day \
         (by the day the clock stopped, or breached if it still runs; breaches older than the period \
         are left out of the chart but counted in SLA compliance).",
    ),
];

/// Every KPI as (key, label, help).
pub fn kpi_help() -> &'static [(&'static str, &'static str, &'static str)] {
    HELP
}
