//! Turns the (path, message) pairs of `validate_config` into words a person can act on:
//! `tiers[1].limit_minutes` becomes "Tier 1 › Time limit".

use crate::domain::calendar::DAY_NAMES;
use crate::domain::desk::DeskConfig;
use crate::ui::i18n::lang;
use crate::ui::labels;

use super::texts::shell::t;

/// One problem with a configuration that was not saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The JSON path, e.g. `agents[2].tiers[0]`; fields match their errors by it.
    pub path: String,
    /// The path in words, e.g. `Agent "Lena Fischer" › Tiers`.
    pub place: String,
    pub message: String,
}

/// Splits `a[1].b.c[2]` into `[("a", Some(1)), ("b", None), ("c", Some(2))]`.
fn segments(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
            None => (s, None),
        })
        .collect()
}

fn field_label(name: &str) -> String {
    let l = lang();
    let known = match name {
        "name" => l.pick("Name", "Name", "名称"),
        "id" => l.pick("Id", "ID", "ID"),
        "email" => l.pick("E-mail", "E-Mail", "电子邮件"),
        "tiers" => l.pick("Tiers", "Stufen", "级别"),
        "groups" => l.pick("Groups", "Gruppen", "小组"),
        "skills" => l.pick("Skills", "Fähigkeiten", "技能"),
        "capacity" => l.pick("Capacity", "Kapazität", "容量"),
        "admin" => l.pick("Admin", "Admin", "管理员"),
        "calendar" => l.pick("Calendar", "Kalender", "日历"),
        "tier" => l.pick("Tier", "Stufe", "级别"),
        "assignment" => l.pick("Assignment method", "Zuweisungsmethode", "分配方式"),
        "description" => l.pick("Description", "Beschreibung", "描述"),
        "limit_minutes" => l.pick("Time limit", "Zeitlimit", "时限"),
        "cost_per_hour" => l.pick("Cost per agent hour", "Kosten pro Agentenstunde", "坐席每小时成本"),
        "tz" => l.pick("Time zone", "Zeitzone", "时区"),
        "week" => l.pick("Weekly hours", "Wochenzeiten", "每周工作时间"),
        "holidays" => l.pick("Holidays", "Feiertage", "节假日"),
        "date" => l.pick("Date", "Datum", "日期"),
        "desk_name" => l.pick("Desk name", "Name des Desks", "服务台名称"),
        "mode" => l.pick("Work mode", "Arbeitsweise", "工作模式"),
        "warning_percent" => l.pick("Warning percentage", "Warnschwelle in Prozent", "预警百分比"),
        "reopen_window_hours" => l.pick("Reopen window", "Frist zum Wiedereröffnen", "重新打开期限"),
        "default_calendar" => l.pick("Default calendar", "Standardkalender", "默认日历"),
        "cost_per_ticket" => l.pick("Cost per ticket", "Kosten pro Ticket", "每个工单成本"),
        "targets" => l.pick("Targets", "Ziele", "目标"),
        "first_response" => l.pick("First response", "Erste Antwort", "首次响应"),
        "next_response" => l.pick("Next response", "Nächste Antwort", "后续响应"),
        "resolution" => l.pick("Resolution", "Lösung", "解决"),
        "priority" => l.pick("Priority", "Priorität", "优先级"),
        "priorities" => l.pick("Priorities", "Prioritäten", "优先级"),
        "categories" => l.pick("Categories", "Kategorien", "类别"),
        "orgs" => l.pick("Organisations", "Organisationen", "组织"),
        "tags" => l.pick("Tags", "Schlagwörter", "标签"),
        "conditions" => l.pick("Conditions", "Bedingungen", "条件"),
        "actions" => l.pick("Actions", "Aktionen", "动作"),
        "any" => l.pick("Keywords", "Stichwörter", "关键词"),
        "is" => l.pick("Value", "Wert", "值"),
        "contains" => l.pick("Text", "Text", "文本"),
        "agent" => l.pick("Agent", "Agent", "坐席"),
        "group" => l.pick("Group", "Gruppe", "小组"),
        "category" => l.pick("Category", "Kategorie", "类别"),
        "key" => l.pick("Field key", "Feldschlüssel", "字段键"),
        "fields" => l.pick("Fields", "Felder", "字段"),
        other => return other.replace('_', " "),
    };
    known.to_string()
}

fn named(kind: &str, name: Option<&str>, i: usize) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => (t().named)(kind, n),
        None => (t().numbered)(kind, i + 1),
    }
}

/// The first segment of a path in words, using the configuration that was checked.
fn top(cfg: &DeskConfig, name: &str, i: Option<usize>) -> String {
    let l = lang();
    let Some(i) = i else {
        return match name {
            "general" => l.pick("General", "Allgemein", "常规").into(),
            "matrix" => l.pick("Priority matrix", "Prioritätsmatrix", "优先级矩阵").into(),
            other => field_label(other),
        };
    };
    match name {
        "agents" => named(l.pick("Agent", "Agent", "坐席"), cfg.agents.get(i).map(|a| a.name.as_str()), i),
        "groups" => named(l.pick("Group", "Gruppe", "小组"), cfg.groups.get(i).map(|g| g.name.as_str()), i),
        "tiers" => match cfg.tiers.get(i) {
            Some(t) => labels::tier(t.tier),
            None => (t().numbered)(l.pick("Tier settings", "Stufeneinstellungen", "级别设置"), i + 1),
        },
        "calendars" => named(l.pick("Calendar", "Kalender", "日历"), cfg.calendars.get(i).map(|c| c.name.as_str()), i),
        "policies" => named(l.pick("SLA policy", "SLA-Richtlinie", "SLA 策略"), cfg.policies.get(i).map(|p| p.name.as_str()), i),
        "rules" => named(l.pick("Routing rule", "Routing-Regel", "路由规则"), cfg.rules.get(i).map(|r| r.name.as_str()), i),
        "canned" => named(l.pick("Canned response", "Textbaustein", "预设回复"), cfg.canned.get(i).map(|c| c.name.as_str()), i),
        "catalog" => named(l.pick("Catalog item", "Katalogeintrag", "目录项"), cfg.catalog.get(i).map(|c| c.name.as_str()), i),
        other => (t().numbered)(&field_label(other), i + 1),
    }
}

/// `path` in words, e.g. `SLA policy "Standard" › High target › First response`.
pub fn place(cfg: &DeskConfig, path: &str) -> String {
    let segs = segments(path);
    let l = lang();
    let Some(&(first, first_i)) = segs.first() else {
        return l.pick("Settings", "Einstellungen", "设置").into();
    };
    let mut parts = vec![top(cfg, first, first_i)];
    for &(name, i) in segs.iter().skip(1) {
        let part = match (name, i) {
            ("targets", Some(j)) => {
                let policy = first_i.and_then(|p| cfg.policies.get(p));
                match policy.and_then(|p| p.targets.get(j)) {
                    Some(t) => {
                        let p = labels::priority(t.priority);
                        l.pick(format!("{p} target"), format!("Ziel für {p}"), format!("{p}目标"))
                    }
                    None => (t().numbered)(l.pick("Target", "Ziel", "目标"), j + 1),
                }
            }
            ("week", Some(d)) => if d < 7 { labels::weekday(d).to_string() } else { field_label("week") },
            ("conditions", Some(j)) => (t().numbered)(l.pick("Condition", "Bedingung", "条件"), j + 1),
            ("actions", Some(j)) => (t().numbered)(l.pick("Action", "Aktion", "动作"), j + 1),
            ("holidays", Some(j)) => (t().numbered)(l.pick("Holiday", "Feiertag", "节假日"), j + 1),
            (list, Some(j)) => l.pick(
                format!("{} (entry {})", field_label(list), j + 1),
                format!("{} (Eintrag {})", field_label(list), j + 1),
                format!("{}（第 {} 项）", field_label(list), j + 1),
            ),
            (field, None) => field_label(field),
        };
        parts.push(part);
    }
    parts.join(" › ")
}

/// Calendar checks come back as one sentence for the whole calendar ("Calendar "x": on
/// Monday, …"); this points them at the field they concern so they show beside it.
fn refine_calendar(path: &str, message: &str) -> (String, String) {
    let is_calendar = path.starts_with("calendars[") && path.ends_with(']') && !path.contains('.');
    if !is_calendar {
        return (path.to_string(), message.to_string());
    }
    let rest = match message.strip_prefix("Calendar \"").and_then(|m| m.split_once("\": ")) {
        Some((_, rest)) => rest.to_string(),
        None => message.to_string(),
    };
    if rest.contains("time zone") {
        return (format!("{path}.tz"), rest);
    }
    for (d, day) in DAY_NAMES.iter().enumerate() {
        if let Some(tail) = rest.strip_prefix(&format!("on {day}, ")) {
            return (format!("{path}.week[{d}]"), tail.to_string());
        }
    }
    (path.to_string(), rest)
}

/// Problems in words, for the configuration `cfg` that was checked.
pub fn describe(cfg: &DeskConfig, problems: Vec<(String, String)>) -> Vec<Problem> {
    let mut out: Vec<Problem> = vec![];
    for (path, message) in problems {
        let (path, message) = refine_calendar(&path, &message);
        let p = Problem { place: place(cfg, &path), path, message };
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Whether a problem at `path` belongs to the field at `field` (itself or inside it).
pub fn belongs(path: &str, field: &str) -> bool {
    match path.strip_prefix(field) {
        Some(rest) => rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}
