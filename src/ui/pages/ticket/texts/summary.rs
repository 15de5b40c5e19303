//! The timeline's one-line summaries in the reader's language, made from the event data.
//! `domain::timeline::describe` keeps its English ones for the CLI and tests; the English
//! here reads word for word the same.

use crate::domain::desk::{AssignmentMethod, DeskConfig, Metric};
use crate::domain::model::{EscalationCause, EventKind, Tier};
use crate::domain::sla::{SlaEvent, SlaState};
use crate::ui::format;
use crate::ui::i18n::Lang;
use crate::ui::labels;

/// A changed field's name ("root_cause" -> "root cause" / "Ursache" / "根本原因").
fn field(name: &str, l: Lang) -> String {
    let known = match name {
        "subject" => Some(l.pick("subject", "Betreff", "主题")),
        "category" => Some(l.pick("category", "Kategorie", "类别")),
        "tags" => Some(l.pick("tags", "Schlagwörter", "标签")),
        "group" => Some(l.pick("group", "Gruppe", "小组")),
        "root_cause" => Some(l.pick("root cause", "Ursache", "根本原因")),
        "watchers" => Some(l.pick("watchers", "Beobachter", "关注人")),
        "impact" => Some(l.pick("impact", "Auswirkung", "影响范围")),
        "urgency" => Some(l.pick("urgency", "Dringlichkeit", "紧急程度")),
        _ => None,
    };
    known.map_or_else(|| name.replace('_', " "), str::to_string)
}

/// What happened, after the name of who did it: "escalated from Service desk to Network
/// team — tier time limit reached".
pub fn summary(kind: &EventKind, cfg: &DeskConfig, l: Lang) -> String {
    let agent = |id: &Option<String>| id.as_deref().map(|a| cfg.agent_name(a)).unwrap_or_else(|| l.pick("nobody", "niemand", "无人").into());
    let pick3 = |en: String, de: String, zh: String| l.pick(en, de, zh);
    match kind {
        EventKind::Created { channel, .. } => {
            // English keeps the channel's machine name, as the domain writes it.
            let c = if l == Lang::En { channel.as_str() } else { labels::channel(*channel) };
            pick3(format!("opened the ticket ({c})"), format!("hat das Ticket eröffnet ({c})"), format!("创建了工单（{c}）"))
        }
        EventKind::FieldChanged { field: name, from, to } => {
            let f = field(name, l);
            match (from.is_empty(), to.is_empty()) {
                (true, false) => pick3(format!("set {f} to \"{to}\""), format!("hat {f} auf „{to}“ gesetzt"), format!("将{f}设为“{to}”")),
                (false, true) => pick3(format!("cleared {f} (was \"{from}\")"), format!("hat {f} geleert (war „{from}“)"), format!("清空了{f}（原为“{from}”）")),
                _ => pick3(
                    format!("changed {f} from \"{from}\" to \"{to}\""),
                    format!("hat {f} von „{from}“ auf „{to}“ geändert"),
                    format!("将{f}从“{from}”改为“{to}”"),
                ),
            }
        }
        EventKind::PriorityChanged { from, to, reason } => {
            let (a, b) = (labels::priority(*from), labels::priority(*to));
            match reason {
                Some(r) => pick3(
                    format!("changed priority from {a} to {b} because \"{r}\""),
                    format!("hat die Priorität von {a} auf {b} geändert, weil „{r}“"),
                    format!("将优先级从{a}改为{b}，原因：“{r}”"),
                ),
                None => pick3(format!("changed priority from {a} to {b}"), format!("hat die Priorität von {a} auf {b} geändert"), format!("将优先级从{a}改为{b}")),
            }
        }
        EventKind::Assigned { to, reason, .. } => {
            let who = agent(to);
            let reason = reason.as_deref().map(|r| assign_reason(r, l));
            match (to, reason) {
                (Some(_), Some(r)) => pick3(format!("assigned to {who} ({r})"), format!("hat {who} zugewiesen ({r})"), format!("分配给了 {who}（{r}）")),
                (Some(_), None) => pick3(format!("assigned to {who}"), format!("hat {who} zugewiesen"), format!("分配给了 {who}")),
                (None, Some(r)) => pick3(format!("unassigned ({r})"), format!("hat die Zuweisung aufgehoben ({r})"), format!("取消了分配（{r}）")),
                (None, None) => pick3("unassigned".into(), "hat die Zuweisung aufgehoben".into(), "取消了分配".into()),
            }
        }
        EventKind::TierChanged { from, to, cause, .. } => {
            let (a, b, why) = (labels::tier_name(cfg, *from), labels::tier_name(cfg, *to), labels::escalation_cause(*cause));
            if to > from {
                pick3(format!("escalated from {a} to {b} — {why}"), format!("hat von {a} nach {b} eskaliert — {why}"), format!("将工单从{a}升级到{b} — {why}"))
            } else {
                pick3(format!("moved from {a} to {b} — {why}"), format!("hat von {a} nach {b} verschoben — {why}"), format!("将工单从{a}转到{b} — {why}"))
            }
        }
        EventKind::StatusChanged { from, to } => {
            let (a, b) = (labels::status(*from), labels::status(*to));
            pick3(format!("changed status from {a} to {b}"), format!("hat den Status von {a} auf {b} geändert"), format!("将状态从{a}改为{b}"))
        }
        EventKind::PublicReply { .. } => l.pick("replied", "hat geantwortet", "回复了").into(),
        EventKind::InternalNote { .. } => l.pick("added an internal note", "hat eine interne Notiz hinzugefügt", "添加了内部备注").into(),
        EventKind::RequesterReply { .. } => l.pick("wrote", "hat geschrieben", "写道").into(),
        EventKind::Merged { into } => pick3(
            format!("merged this ticket into #{into}"),
            format!("hat dieses Ticket in #{into} zusammengeführt"),
            format!("将此工单合并到 #{into}"),
        ),
        EventKind::MergedFrom { from } => pick3(
            format!("merged #{from} into this ticket"),
            format!("hat #{from} in dieses Ticket zusammengeführt"),
            format!("将 #{from} 合并到此工单"),
        ),
        EventKind::Linked { kind, other } => {
            let k = labels::link_kind(*kind);
            pick3(format!("linked as {k} #{other}"), format!("hat verknüpft als {k} #{other}"), format!("关联为{k} #{other}"))
        }
        EventKind::Unlinked { kind, other } => {
            let k = labels::link_kind(*kind);
            pick3(format!("removed the link {k} #{other}"), format!("hat die Verknüpfung {k} #{other} entfernt"), format!("移除了关联：{k} #{other}"))
        }
        EventKind::HelperAdded { agent: a } => {
            let n = cfg.agent_name(a);
            pick3(format!("added {n} as a helper"), format!("hat {n} als Helfer hinzugefügt"), format!("添加了协助者 {n}"))
        }
        EventKind::HelperRemoved { agent: a } => {
            let n = cfg.agent_name(a);
            pick3(format!("removed helper {n}"), format!("hat den Helfer {n} entfernt"), format!("移除了协助者 {n}"))
        }
        EventKind::TimeLogged { minutes } => {
            let d = format::duration(i64::from(*minutes));
            pick3(format!("logged {d}"), format!("hat {d} erfasst"), format!("记录了 {d}"))
        }
        EventKind::ArticleLinked { article } => pick3(
            format!("linked article {article} as the answer"),
            format!("hat Artikel {article} als Antwort verknüpft"),
            format!("将文章 {article} 关联为答案"),
        ),
        EventKind::Rated { score, .. } => pick3(
            format!("rated the resolution {score} of 5"),
            format!("hat die Lösung mit {score} von 5 bewertet"),
            format!("为解决结果打了 {score} 分（满分 5 分）"),
        ),
        EventKind::Routed { rule } => pick3(
            format!("routing rule \"{rule}\" applied"),
            format!("Routing-Regel „{rule}“ angewendet"),
            format!("已应用路由规则“{rule}”"),
        ),
    }
}

/// An SLA warning or breach worked out from the history: "First response breached".
pub fn sla_summary(e: &SlaEvent, l: Lang) -> String {
    let m = labels::metric(e.metric);
    match e.state {
        SlaState::Breached => l.pick(format!("{m} breached"), format!("{m} verletzt"), format!("{m}已违约")),
        SlaState::Warning => l.pick(format!("{m} due soon"), format!("{m} bald fällig"), format!("{m}即将到期")),
        other => {
            let s = if l == Lang::En { other.as_str().to_string() } else { labels::sla_state(other).to_string() };
            l.pick(format!("{m} {s}"), format!("{m}: {s}"), format!("{m}：{s}"))
        }
    }
}

/// The reasons the engine writes when it assigns ("round robin", "moved to Tier 2", …) in the
/// reader's language; a reason a person typed stays as typed. English is always as stored.
pub fn assign_reason(r: &str, l: Lang) -> String {
    if l == Lang::En {
        return r.to_string();
    }
    match r {
        "round robin" => return labels::assignment(AssignmentMethod::RoundRobin).into(),
        "least loaded" => return labels::assignment(AssignmentMethod::LeastLoaded).into(),
        "bulk assignment" => return l.pick("", "Sammelzuweisung", "批量分配").into(),
        "picked up from the queue" => return l.pick("", "aus der Warteschlange übernommen", "从队列中领取").into(),
        _ => {}
    }
    if let Some(n) = r.strip_prefix("moved to Tier ").and_then(|n| n.parse::<u8>().ok()) {
        let t = labels::tier(Tier(n));
        return l.pick(String::new(), format!("nach {t} verschoben"), format!("转到{t}"));
    }
    if let Some(skills) = r.strip_prefix("skill-based (").and_then(|x| x.strip_suffix("), least loaded")) {
        let how = labels::assignment(AssignmentMethod::SkillBased);
        let least = labels::assignment(AssignmentMethod::LeastLoaded);
        if skills == "no skills needed" {
            return l.pick(String::new(), format!("{how} (keine Fähigkeiten nötig), {least}"), format!("{how}（无需技能），{least}"));
        }
        return l.pick(String::new(), format!("{how} ({skills}), {least}"), format!("{how}（{skills}），{least}"));
    }
    if let Some(rule) = r.strip_prefix("routing rule \"").and_then(|x| x.strip_suffix('"')) {
        return l.pick(String::new(), format!("Routing-Regel „{rule}“"), format!("路由规则“{rule}”"));
    }
    r.to_string()
}

/// The reason of an automatic escalation in the reader's language ("30 business minutes in
/// Tier 1 (Service desk) used up", "Resolution target missed"); reasons people typed, and
/// English, stay as stored.
pub fn tier_reason(cause: EscalationCause, r: &str, l: Lang) -> String {
    if l == Lang::En {
        return r.to_string();
    }
    match cause {
        EscalationCause::TierLimit => {
            let parsed = r.strip_suffix(" used up").and_then(|x| x.split_once(" business minutes in Tier ")).and_then(|(n, rest)| {
                let (tier, name) = rest.split_once(' ')?;
                let name = name.strip_prefix('(')?.strip_suffix(')')?;
                Some((n.parse::<u32>().ok()?, tier.parse::<u8>().ok()?, name))
            });
            match parsed {
                Some((n, tier, name)) => {
                    let t = labels::tier(Tier(tier));
                    let name = if name == Tier(tier).default_name() { labels::tier_default_name(Tier(tier)) } else { name };
                    l.pick(String::new(), format!("{n} Arbeitsminuten in {t} ({name}) aufgebraucht"), format!("{t}（{name}）的 {n} 个工作分钟已用完"))
                }
                None => r.to_string(),
            }
        }
        EscalationCause::SlaBreach => {
            let metric = r.strip_suffix(" target missed").and_then(|m| {
                [Metric::FirstResponse, Metric::NextResponse, Metric::Resolution, Metric::TierLimit].into_iter().find(|x| x.label() == m)
            });
            match metric {
                Some(m) => {
                    let m = labels::metric(m);
                    l.pick(String::new(), format!("Ziel „{m}“ verfehlt"), format!("“{m}”目标未达成"))
                }
                None => r.to_string(),
            }
        }
        _ => r.to_string(),
    }
}
