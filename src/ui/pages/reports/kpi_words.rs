//! Names and explanations of the KPIs in the page's language. English comes straight from the
//! KPI engine (`kpi::kpi_help`, the same words as `tierdesk kpi --help`); German and Chinese
//! are translated here, key by key. A key the engine adds later falls back to English until it
//! is translated here.

use crate::domain::kpi::kpi_help;
use crate::ui::i18n::{lang, Lang};

/// English words that differ from the engine's: its deflection text predates the portal's
/// activity log, from which the dashboard now takes the counts.
const EN: &[(&str, &str, &str)] = &[
    ("deflection", "Tier 0 deflection rate", "deflections / (deflections + tickets created through the portal or a kiosk in the period). A deflection is a portal visit that ended with 'this solved my problem' instead of a ticket; the count comes from the portal's activity log. Searches and article views are shown alongside for context. Only for the whole desk, and only when the portal recorded anything in the period."),
];

const DE: &[(&str, &str, &str)] = &[
    ("period", "Zeitraum", "Der Bericht umfasst [von, bis): „von“ eingeschlossen, „bis“ ausgeschlossen. Es zählen nur Verlaufseinträge bis min(bis, jetzt), daher ändert sich ein Bericht über einen vergangenen Zeitraum später nicht mehr. Rückstand, SLA-Uhren und die Felder, nach denen Tickets gruppiert werden, gelten zu diesem Zeitpunkt."),
    ("created", "Eingang", "Im Zeitraum angelegte Tickets."),
    ("resolved", "Erledigt", "Im Zeitraum gelöste Tickets (Statuswechsel zu „Gelöst“ oder direkt zu „Geschlossen“). Ein Ticket, das im Zeitraum zweimal gelöst wurde, zählt einmal; eines, das nach einer Wiedereröffnung in einem späteren Zeitraum erneut gelöst wird, zählt in beiden Zeiträumen."),
    ("backlog", "Rückstand", "Am Ende des Zeitraums offene Tickets: Status Neu, Offen, Wartet auf Antwort oder Zurückgestellt und nicht mit einem anderen Ticket zusammengeführt."),
    ("backlog_age", "Alter des Rückstands", "Der Rückstand nach Zeit seit dem Anlegen (nicht seit einer Wiedereröffnung): unter 1 Stunde, 1–4 Stunden, 4–24 Stunden, 1–3 Tage, 3–7 Tage, über 7 Tage."),
    ("time_to_acknowledge", "Mittlere Zeit bis zur Bestätigung", "Kalenderminuten vom Anlegen bis zur ersten Handlung eines Mitarbeiters am Ticket: jeder Verlaufseintrag eines Mitarbeiters – Zuweisung, öffentliche Antwort, interne Notiz, Statuswechsel, Stufenwechsel, erfasste Zeit. Einträge des Systems (automatische Zuweisung, Routing-Regeln, automatisches Eskalieren) oder der anfragenden Person zählen nicht, denn sie zeigen nicht, dass der Service Desk das Ticket bemerkt hat. Gezählt werden Tickets, deren erste Mitarbeiterhandlung im Zeitraum liegt; n gibt an, wie viele."),
    ("first_response", "Erste Antwortzeit", "Kalenderminuten vom Anlegen bis zur ersten öffentlichen Antwort eines Mitarbeiters. Anders als bei der Bestätigung zählen Zuweisungen, Notizen und Statuswechsel nicht: Die anfragende Person muss vom Service Desk gehört haben. Gezählt werden Tickets, deren erste Mitarbeiterantwort im Zeitraum liegt."),
    ("first_response_business", "Erste Antwortzeit (SLA-Uhr)", "Dieselben ersten Antworten, gemessen mit der SLA-Uhr: Arbeitsminuten des Kalenders der SLA-Richtlinie des Tickets (oder Kalenderminuten, wenn die Richtlinie das vorsieht), ohne die Zeit in „Wartet auf Antwort“ oder „Zurückgestellt“."),
    ("time_to_resolve", "Mittlere Lösungszeit", "Mittelwert und Median der Kalenderminuten vom Anlegen bis zur ERSTEN Lösung, egal was danach geschah (eine spätere Wiedereröffnung ändert sie nicht). Gezählt werden Tickets, die im Zeitraum zum ersten Mal gelöst wurden."),
    ("resolution_time", "Durchschnittliche Bearbeitungsdauer", "Kalenderminuten vom Anlegen bis zur ENDGÜLTIGEN Lösung: Bei einem wiedereröffneten Ticket zählt die ganze Zeit bis zur erneuten Lösung, auch die Zeit, in der es vor der Wiedereröffnung gelöst war. Gezählt werden Tickets, deren letzte Lösung im Zeitraum liegt und die an dessen Ende noch gelöst oder geschlossen sind (ein wiedereröffnetes Ticket wartet, bis es erneut gelöst ist)."),
    ("resolution_business", "Bearbeitungsdauer (SLA-Uhr)", "Die Tickets der „Durchschnittlichen Bearbeitungsdauer“, gemessen mit der SLA-Lösungsuhr: Arbeitsminuten des Richtlinienkalenders, solange das Ticket Neu oder Offen war, über alle Wiedereröffnungen; Zeiten als Gelöst, Wartet auf Antwort oder Zurückgestellt zählen nicht."),
    ("first_contact_resolution", "Lösung beim Erstkontakt", "Anteil der gelösten Tickets, die beim ersten Kontakt gelöst wurden: höchstens eine öffentliche Mitarbeiterantwort, nie in eine andere Stufe verschoben (Verschiebungen durch Routing-Regeln zählen nicht), nie wiedereröffnet."),
    ("reopen", "Wiedereröffnungsquote", "Anteil der gelösten Tickets, die mindestens einmal wiedereröffnet wurden (von Gelöst oder Geschlossen zurück in einen offenen Status). Mehrfach wiedereröffnete Tickets zählen einmal."),
    ("escalation_steps", "Eskalationsquote je Stufe", "Für jede Stufe N: von den Tickets, die im Zeitraum in Stufe N kamen (dort angelegt oder dorthin verschoben), der Anteil, der später aus ihr nach oben verschoben wurde (in eine beliebige höhere Stufe), von Hand oder automatisch. Verschiebungen durch Routing-Regeln ordnen Tickets einer Stufe zu und sind keine Eskalationen."),
    ("escalation", "Eskalationsquote", "Tickets, die im Zeitraum in eine der Stufen 0–3 kamen und aus einer solchen Stufe nach oben verschoben wurden, geteilt durch alle Tickets, die im Zeitraum in eine der Stufen 0–3 kamen."),
    ("sla", "SLA-Einhaltung", "Je Kennzahl (erste Antwort, nächste Antwort, Lösung, Stufenlimit): eingehalten / (eingehalten + verletzt). Gezählt werden Uhren, die im Zeitraum angehalten wurden (eingehalten oder verletzt), sowie Uhren, die am Ende des Zeitraums noch laufen oder pausieren und bereits verletzt sind. Bei „Nächste Antwort“ zählt nur der letzte Zyklus jedes Tickets. Tickets ohne Ziel zählen nicht."),
    ("sla_breaches", "SLA-Verletzungen", "Die verletzten Uhren aus der SLA-Einhaltung, alle Kennzahlen zusammen."),
    ("deflection", "Vermeidungsquote Stufe 0", "Vermeidungen / (Vermeidungen + im Zeitraum über das Portal oder einen Kiosk angelegte Tickets). Eine Vermeidung ist ein Portalbesuch, der mit „Das hat mein Problem gelöst“ statt mit einem Ticket endete; die Zahl stammt aus dem Aktivitätsprotokoll des Portals. Suchen und Artikelaufrufe werden zum Vergleich daneben gezeigt. Nur für den ganzen Service Desk und nur, wenn das Portal im Zeitraum etwas aufgezeichnet hat."),
    ("portal_created", "Portal-Tickets", "Im Zeitraum über das Portal oder einen Kiosk angelegte Tickets."),
    ("csat", "Kundenzufriedenheit", "Durchschnitt der Bewertungen (1–5) der im Zeitraum gelösten Tickets (je Ticket die letzte Bewertung) und die Rücklaufquote: bewertete Tickets / gelöste Tickets."),
    ("time_spent_minutes", "Aufgewendete Zeit", "Im Zeitraum auf Tickets erfasste Minuten: insgesamt, je Mitarbeiter, der sie erfasst hat, und je Stufe, in der das Ticket damals war."),
    ("cost_per_ticket", "Kosten pro Ticket", "(erfasste Minuten je Stufe / 60 × Stundensatz der Stufe + Kosten pro Ticket des Service Desks × gelöste Tickets) / gelöste Tickets. Zeit auf noch offenen Tickets zählt mit: Die Arbeit wurde im Zeitraum bezahlt."),
    ("funnel", "Stufen-Trichter", "Tickets, die im Zeitraum die Stufen 0–4 erreicht haben: dort angelegt oder dorthin verschoben (aus jedem Grund, auch durch Routing)."),
    ("breakdowns", "Aufschlüsselungen", "Je Stufe, Gruppe, Mitarbeiter, Kategorie und Priorität wird jedes Ticket nach seinem Wert am Ende des Zeitraums gruppiert: ein gelöstes Ticket nach Stufe, Gruppe, Bearbeiter, Kategorie und Priorität bei der Lösung; ein offenes nach den aktuellen. Tickets ohne Gruppe, Bearbeiter oder Kategorie stehen unter „(keine)“."),
    ("daily", "Pro Tag", "Für jeden Tag (in der Zeitzone des Standardkalenders) bis zum Ende des Zeitraums oder bis jetzt: angelegte Tickets, gelöste Tickets, Rückstand am Ende des Tages, an dem Tag eingehaltene und verletzte SLA-Uhren (nach dem Tag, an dem die Uhr anhielt, oder an dem sie verletzt wurde, wenn sie noch läuft; Verletzungen vor dem Zeitraum fehlen im Diagramm, zählen aber in der SLA-Einhaltung)."),
];

const ZH: &[(&str, &str, &str)] = &[
    ("period", "期间", "报表覆盖 [开始, 结束)：包含开始，不包含结束。只统计不晚于 min(结束, 现在) 的历史记录，因此过去期间的报表以后不会改变。积压、SLA 计时和工单分组所依据的字段均取该时刻的值。"),
    ("created", "新建工单", "期间内创建的工单。"),
    ("resolved", "已解决工单", "期间内解决的工单（状态变为“已解决”，或直接变为“已关闭”）。期间内解决两次的工单只计一次；重新打开后在之后的期间再次解决的工单在两个期间都计入。"),
    ("backlog", "积压", "期间结束时仍未关闭的工单：状态为新建、处理中、等待回复或挂起，且未合并到其他工单。"),
    ("backlog_age", "积压时长分布", "按创建以来的时间（不是重新打开以来）划分的积压：1 小时以内、1–4 小时、4–24 小时、1–3 天、3–7 天、7 天以上。"),
    ("time_to_acknowledge", "平均确认时间", "从创建到坐席首次处理工单的日历分钟数：坐席的任何历史记录都算——分配、公开回复、内部备注、状态变更、级别变更、记录工时。系统（自动分配、路由规则、自动升级）或请求人的记录不算，因为它们不能说明服务台已注意到该工单。统计首次坐席操作落在期间内的工单；n 为工单数。"),
    ("first_response", "首次响应时间", "从创建到坐席首次公开回复的日历分钟数。与确认不同，分配、备注和状态变更都不算：请求人必须收到服务台的回复。统计首次坐席回复落在期间内的工单。"),
    ("first_response_business", "首次响应时间（SLA 计时）", "同样的首次响应，按 SLA 计时统计：工单所适用 SLA 策略日历的工作分钟数（若策略规定则为日历分钟），不含“等待回复”或“挂起”的时间。"),
    ("time_to_resolve", "平均解决时间", "从创建到首次解决的日历分钟数的平均值和中位数，无论之后发生什么（之后重新打开不影响）。统计在期间内首次解决的工单。"),
    ("resolution_time", "平均处理时长", "从创建到最终解决的日历分钟数：重新打开过的工单计算到再次解决为止的全部时间，包括重新打开前处于已解决状态的时间。统计最后一次解决落在期间内、且期间结束时仍为已解决或已关闭的工单（重新打开的工单要等到再次解决）。"),
    ("resolution_business", "处理时长（SLA 计时）", "“平均处理时长”中的工单按 SLA 解决计时统计：工单处于新建或处理中时策略日历的工作分钟数，跨所有重新打开周期；已解决、等待回复或挂起的时间不计。"),
    ("first_contact_resolution", "首次接触解决率", "已解决工单中在首次接触时解决的比例：坐席公开回复至多一次、从未转到其他级别（路由规则的转移不算）、从未重新打开。"),
    ("reopen", "重新打开率", "已解决工单中至少重新打开过一次（从已解决或已关闭回到未关闭状态）的比例。多次重新打开的工单只计一次。"),
    ("escalation_steps", "各级别升级率", "对每个级别 N：期间内进入级别 N 的工单（在该级别创建或转入）中，之后被向上转出（转到任何更高级别）的比例，无论手动还是自动。路由规则的转移是把工单分到级别，不算升级。"),
    ("escalation", "升级率", "期间内进入 0–3 级并从这些级别向上转出的工单数，除以期间内进入 0–3 级的全部工单数。"),
    ("sla", "SLA 达成率", "按指标（首次响应、后续响应、解决、级别时限）计算：达成 / (达成 + 违约)。统计期间内停止的计时（达成或违约），以及期间结束时仍在计时或暂停但已违约的计时。后续响应只统计每个工单的最后一个周期。没有目标的工单不计入。"),
    ("sla_breaches", "SLA 违约次数", "SLA 达成率中统计的违约计时，所有指标合计。"),
    ("deflection", "零级分流率", "分流次数 / (分流次数 + 期间内通过自助门户或自助终端创建的工单)。分流是指门户访问以“这解决了我的问题”结束而没有创建工单；数字来自门户的活动记录。搜索和文章浏览次数一并显示以供参考。只针对整个服务台，并且只在门户于期间内有记录时显示。"),
    ("portal_created", "门户工单", "期间内通过自助门户或自助终端创建的工单。"),
    ("csat", "客户满意度", "期间内解决的工单的评分（1–5）平均值（每个工单取最近一次评分），以及回复率：有评分的工单 / 已解决工单。"),
    ("time_spent_minutes", "投入时间", "期间内在工单上记录的分钟数：合计、按记录的坐席、按工单当时所在的级别。"),
    ("cost_per_ticket", "单张工单成本", "(各级别记录的分钟数 / 60 × 该级别每小时成本 + 服务台每张工单成本 × 已解决工单数) / 已解决工单数。仍未关闭的工单上记录的时间也计入：这些工作是在期间内付费的。"),
    ("funnel", "级别漏斗", "期间内到达 0–4 各级别的工单：在该级别创建或转入（任何原因，包括路由）。"),
    ("breakdowns", "细分", "按级别、组、坐席、类别和优先级细分时，每个工单按其在期间结束时的值分组：已解决的工单按解决时的级别、组、处理人、类别和优先级；未关闭的工单按当前值。没有组、处理人或类别的工单归入“（无）”。"),
    ("daily", "按天", "截至期间结束或现在的每一天（按默认日历的时区）：创建的工单、解决的工单、当天结束时的积压、当天达成和违约的 SLA 计时（按计时停止的日期；若仍在计时则按违约的日期；期间之前的违约不在图表中显示，但计入 SLA 达成率）。"),
];

fn find(table: &'static [(&'static str, &'static str, &'static str)], key: &str) -> Option<(&'static str, &'static str)> {
    table.iter().find(|(k, _, _)| *k == key).map(|(_, l, h)| (*l, *h))
}

/// The KPI's name and explanation in the page's language (English if not translated; the key
/// itself if the engine does not know it).
pub fn kpi(key: &str) -> (&'static str, &'static str) {
    let translated = match lang() {
        Lang::En => find(EN, key),
        Lang::De => find(DE, key),
        Lang::Zh => find(ZH, key),
    };
    translated.or_else(|| find(kpi_help(), key)).unwrap_or(("", ""))
}
