//! Texts every settings section shares: the tabs, saving and its problems, the admin note,
//! the parsers' complaints and the assignment methods.

use crate::domain::desk::AssignmentMethod;

pub struct Texts {
    pub title: &'static str,
    pub sections_label: &'static str,
    /// Tab names: who, agents, groups, tiers, calendars, sla, rules, general, data.
    pub sections: [&'static str; 9],
    /// (problems) -> "Nothing was saved: 2 problems to fix (listed on the page)."
    pub refused: fn(usize) -> String,
    /// (what) -> "Saved the tiers."
    pub saved: fn(&str) -> String,
    pub nothing_saved: &'static str,
    pub fix_these: &'static str,
    pub discard: &'static str,
    /// (agent) -> why the section is read only.
    pub read_only: fn(&str) -> String,
    pub read_only_nobody: &'static str,
    /// What was typed, for fields that take whole numbers.
    pub not_hours: fn(&str) -> String,
    pub not_minutes_limit: fn(&str) -> String,
    pub not_minutes_target: fn(&str) -> String,
    pub not_amount: fn(&str) -> String,
    pub not_range: fn(&str) -> String,
    pub not_range_times: fn(&str) -> String,
    /// The word for a day without hours, also accepted when typed.
    pub closed: &'static str,
    /// What each assignment method does, in `AssignmentMethod` order (manual, round robin,
    /// least loaded, skill based).
    pub methods: [&'static str; 4],
    /// (noun, entry) -> "Remove skill vpn".
    pub remove_chip: fn(&str, &str) -> String,
    /// (kind, name) -> `Agent "Lena"`; (kind, number) -> "Agent 3".
    pub named: fn(&str, &str) -> String,
    pub numbered: fn(&str, usize) -> String,
}

pub const EN: Texts = Texts {
    title: "Settings",
    sections_label: "Settings sections",
    sections: ["Who am I", "Agents", "Groups", "Tiers", "Calendars", "SLA policies", "Routing rules", "General", "This browser's data"],
    refused: |n| if n == 1 { "Nothing was saved: 1 problem to fix (listed on the page).".into() } else { format!("Nothing was saved: {n} problems to fix (listed on the page).") },
    saved: |w| format!("Saved {w}."),
    nothing_saved: "Nothing was saved.",
    fix_these: " Fix these and save again:",
    discard: "Discard changes",
    read_only: |name| format!("Read only: {name} is not an admin. An admin changes these settings; pick one under “Who am I” to make changes."),
    read_only_nobody: "Read only: nobody is picked under “Who am I”. Pick an admin there to make changes.",
    not_hours: |v| format!("\"{v}\" is not a whole number of hours"),
    not_minutes_limit: |v| format!("\"{v}\" is not a whole number of minutes; leave it empty for no limit"),
    not_minutes_target: |v| format!("\"{v}\" is not a whole number of minutes; leave it empty for no target"),
    not_amount: |v| format!("\"{v}\" is not an amount like 30 or 12.50"),
    not_range: |v| format!("\"{v}\" is not a range like 09:00-17:00"),
    not_range_times: |v| format!("\"{v}\" is not a range like 09:00-17:00 (24-hour times, 24:00 ends the day)"),
    closed: "closed",
    methods: [
        "nobody is picked automatically; agents take tickets or a lead assigns them",
        "the agent who has waited longest since their last ticket",
        "the agent with the fewest open tickets, below their capacity",
        "only agents with every skill the ticket needs, then the least loaded",
    ],
    remove_chip: |noun, v| format!("Remove {noun} {v}"),
    named: |kind, name| format!("{kind} \"{name}\""),
    numbered: |kind, n| format!("{kind} {n}"),
};

pub const DE: Texts = Texts {
    title: "Einstellungen",
    sections_label: "Bereiche der Einstellungen",
    sections: ["Wer bin ich", "Agenten", "Gruppen", "Stufen", "Kalender", "SLA-Richtlinien", "Routing-Regeln", "Allgemein", "Daten dieses Browsers"],
    refused: |n| if n == 1 { "Es wurde nichts gespeichert: 1 Problem ist zu beheben (auf der Seite aufgeführt).".into() } else { format!("Es wurde nichts gespeichert: {n} Probleme sind zu beheben (auf der Seite aufgeführt).") },
    saved: |w| format!("Gespeichert: {w}."),
    nothing_saved: "Es wurde nichts gespeichert.",
    fix_these: " Beheben Sie Folgendes und speichern Sie erneut:",
    discard: "Änderungen verwerfen",
    read_only: |name| format!("Nur lesen: {name} ist kein Admin. Einstellungen ändert ein Admin; wählen Sie unter „Wer bin ich“ einen Admin aus, um Änderungen vorzunehmen."),
    read_only_nobody: "Nur lesen: Unter „Wer bin ich“ ist niemand ausgewählt. Wählen Sie dort einen Admin aus, um Änderungen vorzunehmen.",
    not_hours: |v| format!("„{v}“ ist keine ganze Zahl von Stunden"),
    not_minutes_limit: |v| format!("„{v}“ ist keine ganze Zahl von Minuten; für kein Limit leer lassen"),
    not_minutes_target: |v| format!("„{v}“ ist keine ganze Zahl von Minuten; für kein Ziel leer lassen"),
    not_amount: |v| format!("„{v}“ ist kein Betrag wie 30 oder 12,50"),
    not_range: |v| format!("„{v}“ ist kein Zeitraum wie 09:00-17:00"),
    not_range_times: |v| format!("„{v}“ ist kein Zeitraum wie 09:00-17:00 (24-Stunden-Zeiten, 24:00 beendet den Tag)"),
    closed: "geschlossen",
    methods: [
        "niemand wird automatisch ausgewählt; Agenten übernehmen Tickets selbst oder eine Leitung weist sie zu",
        "der Agent, der seit seinem letzten Ticket am längsten gewartet hat",
        "der Agent mit den wenigsten offenen Tickets, unterhalb seiner Kapazität",
        "nur Agenten mit allen Fähigkeiten, die das Ticket braucht, dann der am wenigsten ausgelastete",
    ],
    remove_chip: |noun, v| format!("{noun} {v} entfernen"),
    named: |kind, name| format!("{kind} „{name}“"),
    numbered: |kind, n| format!("{kind} {n}"),
};

pub const ZH: Texts = Texts {
    title: "设置",
    sections_label: "设置分区",
    sections: ["我是谁", "坐席", "小组", "级别", "日历", "SLA 策略", "路由规则", "常规", "本浏览器的数据"],
    refused: |n| format!("未保存任何内容：有 {n} 个问题需要修正（列在页面上）。"),
    saved: |w| format!("已保存{w}。"),
    nothing_saved: "未保存任何内容。",
    fix_these: "请修正以下问题后再次保存：",
    discard: "放弃更改",
    read_only: |name| format!("只读：{name} 不是管理员。设置由管理员更改；请在“我是谁”中选择一位管理员后再进行更改。"),
    read_only_nobody: "只读：“我是谁”中未选择任何人。请在那里选择一位管理员后再进行更改。",
    not_hours: |v| format!("“{v}”不是整数小时数"),
    not_minutes_limit: |v| format!("“{v}”不是整数分钟数；不设时限请留空"),
    not_minutes_target: |v| format!("“{v}”不是整数分钟数；不设目标请留空"),
    not_amount: |v| format!("“{v}”不是金额，例如 30 或 12.50"),
    not_range: |v| format!("“{v}”不是时间段，例如 09:00-17:00"),
    not_range_times: |v| format!("“{v}”不是时间段，例如 09:00-17:00（24 小时制，24:00 表示一天结束）"),
    closed: "休息",
    methods: [
        "不自动指定任何人；由坐席自行领取工单或由组长分配",
        "距上一个工单等待时间最长的坐席",
        "未结工单最少且未超出容量的坐席",
        "只考虑具备工单所需全部技能的坐席，再选负载最少的",
    ],
    remove_chip: |noun, v| format!("删除{noun} {v}"),
    named: |kind, name| format!("{kind}“{name}”"),
    numbered: |kind, n| format!("{kind} {n}"),
};

pub fn t() -> &'static Texts {
    crate::ui::i18n::lang().pick(&EN, &DE, &ZH)
}

/// What an assignment method does.
pub fn method_help(m: AssignmentMethod) -> &'static str {
    let i = match m {
        AssignmentMethod::Manual => 0,
        AssignmentMethod::RoundRobin => 1,
        AssignmentMethod::LeastLoaded => 2,
        AssignmentMethod::SkillBased => 3,
    };
    t().methods[i]
}
