//! Refusals in the reader's language: a `DomainError` from its field and kind, a
//! `StorageError` from its variant. English keeps the domain's own sentences word for word;
//! an `ErrorKind::Other` falls back to the English message in every language.

use crate::domain::ticket::{DomainError, ErrorKind};
use crate::storage::StorageError;
use crate::ui::i18n::{lang, Lang};
use crate::ui::labels;

/// A field's name as the start of a sentence: "Subject" / "Betreff" / "主题".
pub fn field(name: &str) -> String {
    let l = lang();
    let known = match name {
        "subject" => Some(l.pick("Subject", "Betreff", "主题")),
        "description" => Some(l.pick("Description", "Beschreibung", "描述")),
        "requester" => Some(l.pick("Requester", "Anfragende Person", "请求人")),
        "email" => Some(l.pick("Email", "E-Mail", "电子邮件")),
        "tier" => Some(l.pick("Tier", "Stufe", "级别")),
        "category" => Some(l.pick("Category", "Kategorie", "类别")),
        "tags" => Some(l.pick("Tags", "Schlagwörter", "标签")),
        "ticket" => Some(l.pick("Ticket", "Ticket", "工单")),
        "status" => Some(l.pick("Status", "Status", "状态")),
        "reply" => Some(l.pick("Reply", "Antwort", "回复")),
        "note" => Some(l.pick("Note", "Notiz", "备注")),
        "reason" => Some(l.pick("Reason", "Grund", "原因")),
        "impact" => Some(l.pick("Impact", "Auswirkung", "影响范围")),
        "urgency" => Some(l.pick("Urgency", "Dringlichkeit", "紧急程度")),
        "root cause" => Some(l.pick("Root cause", "Ursache", "根本原因")),
        "link" => Some(l.pick("Link", "Verknüpfung", "关联")),
        "time spent" => Some(l.pick("Time spent", "Aufgewendete Zeit", "耗时")),
        "article" => Some(l.pick("Article", "Artikel", "文章")),
        "rating" => Some(l.pick("Rating", "Bewertung", "评分")),
        "comment" => Some(l.pick("Comment", "Kommentar", "评论")),
        "merge" => Some(l.pick("Merge", "Zusammenführen", "合并")),
        "ticket number" => Some(l.pick("Ticket number", "Ticketnummer", "工单编号")),
        _ => None,
    };
    match known {
        Some(k) => k.to_string(),
        None => {
            let mut c = name.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

/// "Reason is required when a ticket changes tier." — one sentence for the place it concerns.
pub fn sentence(e: &DomainError) -> String {
    let f = field(e.field);
    let l = lang();
    if l == Lang::En {
        return format!("{f} {}.", e.message.trim_end_matches('.'));
    }
    let de = l == Lang::De;
    let pick = |de_text: String, zh_text: String| if de { de_text } else { zh_text };
    match &e.kind {
        ErrorKind::Required => pick(format!("{f} ist ein Pflichtfeld."), format!("{f}为必填项。")),
        ErrorKind::TooLong { len, max } => pick(
            format!("{f} ist {len} Zeichen lang; erlaubt sind höchstens {max}."),
            format!("{f}长度为 {len} 个字符，上限为 {max} 个。"),
        ),
        ErrorKind::NotEmail { value } => pick(format!("„{value}“ ist keine E-Mail-Adresse."), format!("“{value}”不是有效的电子邮件地址。")),
        ErrorKind::NoSuchTier { tier } => pick(
            format!("Stufe {tier} gibt es nicht; die Stufen gehen von 0 bis 4."),
            format!("级别 {tier} 不存在；级别范围为 0 至 4。"),
        ),
        ErrorKind::BadTransition { from, to } => pick(
            format!("Der Status kann nicht von „{}“ zu „{}“ wechseln.", labels::status(*from), labels::status(*to)),
            format!("状态不能从“{}”变为“{}”。", labels::status(*from), labels::status(*to)),
        ),
        ErrorKind::ReasonRequired => pick(
            "Wenn ein Ticket die Stufe wechselt, ist ein Grund erforderlich.".into(),
            "工单更换级别时必须填写原因。".into(),
        ),
        ErrorKind::NotOpen { status } => pick(
            format!("Ein Ticket mit dem Status „{}“ kann die Stufe nicht wechseln.", labels::status(*status)),
            format!("状态为“{}”的工单不能更换级别。", labels::status(*status)),
        ),
        ErrorKind::ReopenWindow { hours } => pick(
            format!("Das Ticket kann nicht mehr wiedereröffnet werden: Es wurde vor mehr als {hours} Stunden gelöst. Bitte ein neues Ticket anlegen."),
            format!("该工单已无法重新打开：它已解决超过 {hours} 小时。请新建工单。"),
        ),
        ErrorKind::Closed => pick("Das Ticket ist geschlossen.".into(), "工单已关闭。".into()),
        ErrorKind::Merged { into } => pick(
            format!("Dieses Ticket wurde in #{into} zusammengeführt; bitte dort weiterarbeiten."),
            format!("此工单已合并到 #{into}；请在该工单上继续处理。"),
        ),
        ErrorKind::BadLevel { level } => pick(
            format!("{f}: {level} ist keine gültige Stufe; erlaubt sind 1 (höchste) bis 4."),
            format!("{f}：{level} 不是有效等级；等级范围为 1（最高）至 4。"),
        ),
        ErrorKind::SelfLink => pick("Ein Ticket kann nicht mit sich selbst verknüpft werden.".into(), "工单不能与自身关联。".into()),
        ErrorKind::BadMinutes => pick(
            "Die erfasste Zeit muss zwischen 1 Minute und 24 Stunden liegen.".into(),
            "记录的时间必须在 1 分钟到 24 小时之间。".into(),
        ),
        ErrorKind::BadScore => pick("Die Bewertung muss zwischen 1 und 5 liegen.".into(), "评分必须在 1 到 5 之间。".into()),
        ErrorKind::NotResolved => pick(
            "Eine Bewertung ist erst möglich, wenn das Ticket gelöst ist.".into(),
            "工单解决后才能评分。".into(),
        ),
        ErrorKind::NoSuchTicket { id } => pick(format!("Ticket #{id} gibt es in diesem Desk nicht."), format!("此服务台中不存在工单 #{id}。")),
        ErrorKind::LinkToMerged { other, into } => pick(
            format!("#{other} wurde in #{into} zusammengeführt; bitte stattdessen mit jenem Ticket verknüpfen."),
            format!("#{other} 已合并到 #{into}；请改为关联该工单。"),
        ),
        ErrorKind::Other => format!("{f}: {}.", e.message.trim_end_matches('.')),
    }
}

/// A storage failure in the reader's language (English: the storage layer's own words).
pub fn storage(e: &StorageError) -> String {
    let l = lang();
    if l == Lang::En {
        return e.to_string();
    }
    match e {
        StorageError::Open(m) => l.pick(String::new(), format!("Die lokale Datenbank konnte nicht geöffnet werden: {m}"), format!("无法打开本地数据库：{m}")),
        StorageError::Blocked => l
            .pick("", "Tierdesk wurde aktualisiert. Schließen Sie die anderen Tierdesk-Tabs, damit die Datenbank aktualisiert werden kann.", "Tierdesk 已更新。请关闭其他 Tierdesk 标签页，以便升级数据库。")
            .to_string(),
        StorageError::Conflict { current } => l.pick(
            String::new(),
            format!(
                "Ticket {} wurde in einem anderen Tab oder Fenster geändert (jetzt Revision {}). Ihre Änderung wurde nicht gespeichert; prüfen Sie die neue Fassung und wiederholen Sie die Änderung.",
                current.reference(),
                current.rev
            ),
            format!("工单 {} 已在其他标签页或窗口中被修改（当前版本 {}）。您的更改未保存；请查看新版本后重新操作。", current.reference(), current.rev),
        ),
        StorageError::Quota => l
            .pick("", "Der Speicher des Browsers für diese Seite ist voll, daher wurde nichts gespeichert. Exportieren Sie eine Sicherung und löschen Sie dann alte Tickets oder Artikel.", "浏览器为本网站提供的存储空间已满，因此未保存任何内容。请先导出备份，再删除旧工单或文章以腾出空间。")
            .to_string(),
        StorageError::Corrupt { what, message } => l.pick(String::new(), format!("Der gespeicherte Datensatz {what} ist beschädigt: {message}"), format!("已存储的记录 {what} 已损坏：{message}")),
        StorageError::Invalid(d) => sentence(d),
        StorageError::NotFound(what) => l.pick(String::new(), format!("Nicht gefunden: {what}"), format!("未找到：{what}")),
        StorageError::Browser(m) => l.pick(String::new(), format!("Die Datenbank des Browsers meldete: {m}"), format!("浏览器数据库报告：{m}")),
    }
}

/// Why one ticket of many was refused, after its number: the domain's words in English (as
/// they always read), a whole sentence otherwise.
pub fn reason(e: &DomainError) -> String {
    if lang() == Lang::En {
        e.message.clone()
    } else {
        sentence(e)
    }
}
