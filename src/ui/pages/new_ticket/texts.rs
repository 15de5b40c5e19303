//! Texts of the new-ticket page in each language (a missing one does not build).

pub struct Texts {
    pub title: &'static str,
    pub subject: &'static str,
    pub description: &'static str,
    pub requester: &'static str,
    pub email: &'static str,
    pub priority: &'static str,
    pub create: &'static str,
    pub created: fn(&str) -> String,
}

pub const EN: Texts = Texts {
    title: "New ticket",
    subject: "Subject",
    description: "Description",
    requester: "Requester",
    email: "E-mail",
    priority: "Priority",
    create: "Create ticket",
    created: |r| format!("Ticket {r} created."),
};

pub const DE: Texts = Texts {
    title: "Neues Ticket",
    subject: "Betreff",
    description: "Beschreibung",
    requester: "Anfragende Person",
    email: "E-Mail",
    priority: "Priorität",
    create: "Ticket anlegen",
    created: |r| format!("Ticket {r} wurde angelegt."),
};

pub const ZH: Texts = Texts {
    title: "新建工单",
    subject: "主题",
    description: "描述",
    requester: "请求人",
    email: "电子邮件",
    priority: "优先级",
    create: "创建工单",
    created: |r| format!("工单 {r} 已创建。"),
};

pub fn t() -> &'static Texts {
    crate::ui::i18n::lang().pick(&EN, &DE, &ZH)
}
