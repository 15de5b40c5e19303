//! The domain's words in the page's language: statuses, priorities, tiers, SLA metrics and
//! states, channels, link kinds, audiences, escalation causes, assignment methods.

use crate::domain::article::Audience;
use crate::domain::desk::{AssignmentMethod, Metric, WorkMode};
use crate::domain::model::{Channel, EscalationCause, LinkKind, Priority, Status, Tier};
use crate::domain::queue::Sort;
use crate::domain::sla::SlaState;
use crate::ui::i18n::lang;

pub fn status(s: Status) -> &'static str {
    let l = lang();
    match s {
        Status::New => l.pick("New", "Neu", "新建"),
        Status::Open => l.pick("Open", "Offen", "处理中"),
        Status::Pending => l.pick("Pending", "Wartet auf Antwort", "等待回复"),
        Status::OnHold => l.pick("On hold", "Zurückgestellt", "挂起"),
        Status::Resolved => l.pick("Resolved", "Gelöst", "已解决"),
        Status::Closed => l.pick("Closed", "Geschlossen", "已关闭"),
    }
}

pub fn priority(p: Priority) -> &'static str {
    let l = lang();
    match p {
        Priority::Critical => l.pick("Critical", "Kritisch", "紧急"),
        Priority::High => l.pick("High", "Hoch", "高"),
        Priority::Medium => l.pick("Medium", "Mittel", "中"),
        Priority::Low => l.pick("Low", "Niedrig", "低"),
    }
}

/// "Tier 2" / "Stufe 2" / "二级".
pub fn tier(t: Tier) -> String {
    let l = lang();
    let zh = ["零级", "一级", "二级", "三级", "四级"];
    match l {
        crate::ui::i18n::Lang::Zh => zh.get(usize::from(t.0)).map(|s| s.to_string()).unwrap_or_else(|| format!("{}级", t.0)),
        _ => format!("{} {}", l.pick("Tier", "Stufe", ""), t.0),
    }
}

/// The tier on a small badge: "T2" / "S2" / "二级".
pub fn tier_short(t: Tier) -> String {
    match lang() {
        crate::ui::i18n::Lang::Zh => tier(t),
        l => format!("{}{}", l.pick("T", "S", ""), t.0),
    }
}

/// The name the desk gives a tier. A name still equal to the English default (as in a new
/// or demo desk) is shown as the default name in the page's language; a name an admin chose
/// is shown as written.
pub fn tier_name(cfg: &crate::domain::desk::DeskConfig, t: Tier) -> String {
    let name = cfg.tier_name(t);
    if name == t.default_name() {
        tier_default_name(t).to_string()
    } else {
        name
    }
}

/// A tier's default name (used when the desk has not named it).
pub fn tier_default_name(t: Tier) -> &'static str {
    let l = lang();
    match t.0 {
        0 => l.pick("Self-service", "Selbsthilfe", "自助服务"),
        1 => l.pick("Service desk", "Service Desk", "服务台"),
        2 => l.pick("Technical support", "Technischer Support", "技术支持"),
        3 => l.pick("Experts", "Fachexperten", "专家"),
        _ => l.pick("Vendors", "Externe Dienstleister", "外部供应商"),
    }
}

pub fn metric(m: Metric) -> &'static str {
    let l = lang();
    match m {
        Metric::FirstResponse => l.pick("First response", "Erste Antwort", "首次响应"),
        Metric::NextResponse => l.pick("Next response", "Nächste Antwort", "后续响应"),
        Metric::Resolution => l.pick("Resolution", "Lösung", "解决"),
        Metric::TierLimit => l.pick("Tier limit", "Stufenlimit", "级别时限"),
    }
}

pub fn sla_state(s: SlaState) -> &'static str {
    let l = lang();
    match s {
        SlaState::None => l.pick("No target", "Kein Ziel", "无目标"),
        SlaState::Running => l.pick("Running", "Läuft", "计时中"),
        SlaState::Paused => l.pick("Paused", "Pausiert", "已暂停"),
        SlaState::Warning => l.pick("Due soon", "Bald fällig", "即将到期"),
        SlaState::Met => l.pick("Met", "Eingehalten", "已达成"),
        SlaState::Breached => l.pick("Breached", "Verletzt", "已违约"),
    }
}

pub fn channel(c: Channel) -> &'static str {
    let l = lang();
    match c {
        Channel::Agent => l.pick("Agent", "Mitarbeiter", "坐席"),
        Channel::Portal => l.pick("Portal", "Portal", "自助门户"),
        Channel::Kiosk => l.pick("Kiosk", "Kiosk", "自助终端"),
        Channel::Email => l.pick("E-mail", "E-Mail", "电子邮件"),
        Channel::Phone => l.pick("Phone", "Telefon", "电话"),
        Channel::Chat => l.pick("Chat", "Chat", "在线聊天"),
        Channel::Import => l.pick("Import", "Import", "导入"),
    }
}

pub fn link_kind(k: LinkKind) -> &'static str {
    let l = lang();
    match k {
        LinkKind::Related => l.pick("related to", "verwandt mit", "相关"),
        LinkKind::ParentOf => l.pick("parent of", "übergeordnet zu", "父工单"),
        LinkKind::ChildOf => l.pick("child of", "untergeordnet zu", "子工单"),
        LinkKind::DuplicateOf => l.pick("duplicate of", "Duplikat von", "重复于"),
        LinkKind::ProblemOf => l.pick("problem behind", "Problem hinter", "根本问题"),
        LinkKind::IncidentOf => l.pick("incident of", "Störung zu", "关联事件"),
    }
}

pub fn audience(a: Audience) -> &'static str {
    let l = lang();
    match a {
        Audience::Public => l.pick("Public", "Öffentlich", "公开"),
        Audience::Internal => l.pick("Internal", "Intern", "内部"),
        Audience::Draft => l.pick("Draft", "Entwurf", "草稿"),
    }
}

pub fn escalation_cause(c: EscalationCause) -> &'static str {
    let l = lang();
    match c {
        EscalationCause::Manual => l.pick("by hand", "von Hand", "手动"),
        EscalationCause::Routing => l.pick("by a routing rule", "durch eine Routing-Regel", "由路由规则"),
        EscalationCause::TierLimit => l.pick("tier time limit reached", "Zeitlimit der Stufe erreicht", "已达到级别时限"),
        EscalationCause::SlaWarning => l.pick("SLA warning", "SLA-Warnung", "SLA 预警"),
        EscalationCause::SlaBreach => l.pick("SLA breached", "SLA verletzt", "SLA 违约"),
    }
}

pub fn assignment(m: AssignmentMethod) -> &'static str {
    let l = lang();
    match m {
        AssignmentMethod::Manual => l.pick("Manual", "Manuell", "手动"),
        AssignmentMethod::RoundRobin => l.pick("Round robin", "Reihum", "轮询"),
        AssignmentMethod::LeastLoaded => l.pick("Least loaded", "Geringste Auslastung", "最少负载"),
        AssignmentMethod::SkillBased => l.pick("Skill based", "Nach Fähigkeiten", "按技能"),
    }
}

pub fn work_mode(m: WorkMode) -> &'static str {
    let l = lang();
    match m {
        WorkMode::Tiered => l.pick("Tiered", "Stufenmodell", "分级支持"),
        WorkMode::Swarm => l.pick("Swarming", "Swarming", "集群协作"),
    }
}

/// Day of the week, 0 = Monday (the order of `domain::calendar::DAY_NAMES`).
pub fn weekday(d: usize) -> &'static str {
    let l = lang();
    let names = l.pick(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
    );
    names.get(d).copied().unwrap_or("")
}

/// How a queue is sorted.
pub fn sort(s: Sort) -> &'static str {
    let l = lang();
    match s {
        Sort::Updated => l.pick("Last updated", "Zuletzt geändert", "最近更新"),
        Sort::Oldest => l.pick("Oldest first", "Älteste zuerst", "最早的在前"),
        Sort::Newest => l.pick("Newest first", "Neueste zuerst", "最新的在前"),
        Sort::Priority => l.pick("Priority", "Priorität", "优先级"),
        Sort::Due => l.pick("SLA due first", "SLA-Fälligkeit zuerst", "SLA 到期时间优先"),
        Sort::Number => l.pick("Number", "Nummer", "编号"),
    }
}
