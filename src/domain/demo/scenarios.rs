//! What people write to the demo desk about, and how each kind of request usually goes.

/// One kind of request. Probabilities are per ticket of this kind.
pub struct Scenario {
    /// Relative frequency among all tickets.
    pub weight: u32,
    pub category: &'static str,
    pub subjects: &'static [&'static str],
    pub descriptions: &'static [&'static str],
    pub tags: &'static [&'static str],
    /// Impact 1 (whole company) to 3 (one person), urgency 1 (now) to 3 (can wait).
    pub impact: u8,
    pub urgency: u8,
    /// Chance Tier 1 solves it with one answer on first contact (no question, no hand-over).
    pub one_touch: f64,
    /// Someone outside the desk (a manager, a folder owner) must approve it first: the ticket
    /// usually waits on hold for that after the first answer.
    pub approval: bool,
    /// Whether whoever solves it sometimes has to wait for something first (a part, a visit,
    /// a change window), with the ticket on hold.
    pub hold: Option<Hold>,
    /// What Tier 1 answers first.
    pub first_reply: &'static str,
    /// The answer that solves it.
    pub resolution: &'static str,
    pub article: Option<&'static str>,
    /// Chance Tier 1 hands it to Tier 2, and the Tier 2 group that takes it.
    pub to_tier2: f64,
    pub group: &'static str,
    /// Chance Tier 2 hands it on to Tier 3 (experts).
    pub to_tier3: f64,
    /// Chance the last tier needs the vendor (Tier 4).
    pub to_vendor: f64,
    pub root_cause: &'static str,
}

/// A wait on something the desk ordered or booked.
pub struct Hold {
    pub chance: f64,
    /// The internal note when the wait starts, and when it is over.
    pub waiting: &'static str,
    pub done: &'static str,
}

pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        weight: 14,
        category: "Accounts",
        subjects: &["Forgot my password", "Password expired, cannot log in", "Need a password reset for the ERP", "Password reset link does not arrive"],
        descriptions: &["I changed my password last week and now nothing accepts it.", "My password expired over the weekend and I cannot log in to my laptop.", "The reset page says the link has expired."],
        tags: &["password"],
        impact: 3, urgency: 2,
        one_touch: 0.8, approval: false,
        hold: None,
        first_reply: "Hello, I can help with that. I have sent a reset link to your backup e-mail address; please follow the steps in the article linked below.",
        resolution: "Your password has been reset and you confirmed you can sign in again. Remember to update the password on your phone as well.",
        article: Some("reset-password"),
        to_tier2: 0.03, group: "applications", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "Password sync between the directory and the ERP was delayed.",
    },
    Scenario {
        weight: 8,
        category: "Accounts",
        subjects: &["Locked out of my account", "Account keeps getting locked every morning"],
        descriptions: &["After a few tries my account says it is locked.", "Every morning at 9 my account locks again, even though I type the right password."],
        tags: &["lockout"],
        impact: 3, urgency: 1,
        one_touch: 0.55, approval: false,
        hold: None,
        first_reply: "Thanks for reaching out. I have unlocked the account; it usually locks again because an old password is saved on a phone. Could you check your mail app?",
        resolution: "We found an old password saved in the mail app on your tablet. After updating it the lockouts stopped.",
        article: Some("account-locked"),
        to_tier2: 0.12, group: "applications", to_tier3: 0.1, to_vendor: 0.0,
        root_cause: "A service on an old tablet kept signing in with the previous password.",
    },
    Scenario {
        weight: 5,
        category: "Accounts",
        subjects: &["Authenticator not working on my new phone", "MFA prompt never arrives"],
        descriptions: &["I got a new phone and wiped the old one. Now I cannot approve sign-ins.", "The push notification for sign-in never shows up."],
        tags: &["mfa"],
        impact: 3, urgency: 1,
        one_touch: 0.3, approval: false,
        hold: None,
        first_reply: "I will issue a one-time code after a quick identity check. Please call me back on the number in the directory.",
        resolution: "Identity checked and the new phone is registered. The old phone has been removed from your sign-in methods.",
        article: Some("mfa-new-phone"),
        to_tier2: 0.05, group: "applications", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "",
    },
    Scenario {
        weight: 10,
        category: "Network",
        subjects: &["VPN keeps disconnecting", "Cannot connect to VPN from home", "VPN connected but intranet not reachable"],
        descriptions: &["The VPN drops every 10 minutes, which kills my calls.", "SecureConnect says gateway unreachable. My home internet works fine.", "VPN shows connected but the intranet pages time out."],
        tags: &["vpn", "remote"],
        impact: 3, urgency: 2,
        one_touch: 0.25, approval: false,
        hold: Some(Hold { chance: 0.15, waiting: "Waiting for the network change window on Thursday night to roll out the new VPN profile.", done: "The change window is done; checking with the requester." }),
        first_reply: "Sorry about that. Could you try the steps in the article below and send me the SecureConnect log if it still drops?",
        resolution: "The VPN profile on your laptop was outdated. I pushed the current profile and the connection has been stable since.",
        article: Some("vpn-drops"),
        to_tier2: 0.35, group: "network", to_tier3: 0.2, to_vendor: 0.1,
        root_cause: "An outdated VPN profile pointed to the retired gateway.",
    },
    Scenario {
        weight: 5,
        category: "Network",
        subjects: &["Wi-Fi on the 3rd floor is very slow", "New laptop does not join the Corp Wi-Fi"],
        descriptions: &["Since Monday the Wi-Fi near the kitchen is barely usable.", "The laptop sees Corp but says it cannot connect to this network."],
        tags: &["wifi"],
        impact: 2, urgency: 2,
        one_touch: 0.05, approval: false,
        hold: Some(Hold { chance: 0.6, waiting: "Replacement access point ordered; waiting for the delivery.", done: "The access point arrived and is mounted." }),
        first_reply: "Thanks. Which room or desk number are you at? I will ask the network team to look at the access point there.",
        resolution: "An access point on your floor was replaced. Speed tests look normal again.",
        article: Some("wifi-office"),
        to_tier2: 0.4, group: "network", to_tier3: 0.15, to_vendor: 0.2,
        root_cause: "A faulty access point on the 3rd floor.",
    },
    Scenario {
        weight: 2,
        category: "Network",
        subjects: &["Internet down in the Hamburg office", "Network outage in building B", "Shared drive down for the whole team"],
        descriptions: &["Nobody on our floor can reach anything outside the building.", "All of building B lost the network ten minutes ago.", "Nobody in Finance can open the shared drive."],
        tags: &["major-incident"],
        impact: 1, urgency: 1,
        one_touch: 0.0, approval: false,
        hold: None,
        first_reply: "We are aware and the network team is working on it. We will post updates here every 30 minutes.",
        resolution: "Service is restored. A core switch failed and traffic now runs over the standby unit. We will send a short report.",
        article: Some("vpn-gateway-runbook"),
        to_tier2: 0.9, group: "network", to_tier3: 0.6, to_vendor: 0.35,
        root_cause: "Power supply failure in a core switch; the standby did not take over automatically.",
    },
    Scenario {
        weight: 7,
        category: "Hardware",
        subjects: &["Printer on the 2nd floor jams all the time", "Printer shows a paper jam but there is no paper", "Cannot add the FollowMe printer"],
        descriptions: &["Every second page jams in the printer next to the lifts.", "The display says jam in tray 2, but the tray is empty.", "The FollowMe queue does not show up when I add a printer."],
        tags: &["printer"],
        impact: 2, urgency: 3,
        one_touch: 0.2, approval: false,
        hold: Some(Hold { chance: 0.6, waiting: "Replacement feed roller ordered; waiting for the delivery.", done: "The part arrived today; fitting it now." }),
        first_reply: "Thanks for letting us know. Could you tell me the printer name from the label on top?",
        resolution: "A technician replaced the worn feed roller. The printer has printed 200 pages without a jam.",
        article: Some("printer-jam"),
        to_tier2: 0.2, group: "workplace", to_tier3: 0.0, to_vendor: 0.3,
        root_cause: "Worn feed roller in tray 2.",
    },
    Scenario {
        weight: 8,
        category: "Hardware",
        subjects: &["Laptop extremely slow since the update", "Computer freezes several times a day", "Laptop fan is loud and everything is slow"],
        descriptions: &["Opening Outlook takes two minutes since Tuesday's update.", "The screen freezes for about a minute, several times a day.", "The fan runs at full speed even when I only have e-mail open."],
        tags: &["laptop", "performance"],
        impact: 3, urgency: 3,
        one_touch: 0.25, approval: false,
        hold: Some(Hold { chance: 0.15, waiting: "The requester can only hand the laptop in next week; on hold until then.", done: "Laptop handed in at the service desk." }),
        first_reply: "Let's start with the quick checks in the article below; a full restart fixes this surprisingly often.",
        resolution: "The disk was almost full because of a stuck update cache. After clearing it the laptop is back to normal speed.",
        article: Some("laptop-slow"),
        to_tier2: 0.3, group: "workplace", to_tier3: 0.1, to_vendor: 0.0,
        root_cause: "A failed update left 40 GB of cache files on the disk.",
    },
    Scenario {
        weight: 4,
        category: "Hardware",
        subjects: &["Laptop does not start anymore", "Spilled coffee on my keyboard", "Laptop battery is swollen"],
        descriptions: &["The power light comes on but the screen stays black.", "Some keys no longer work after a coffee accident.", "The touchpad is pushed up and the laptop wobbles on the desk."],
        tags: &["laptop", "hardware"],
        impact: 3, urgency: 2,
        one_touch: 0.0, approval: false,
        hold: Some(Hold { chance: 0.75, waiting: "Waiting for the warranty service to send the replacement part.", done: "The replacement part arrived." }),
        first_reply: "Please stop using the laptop for now. I will book a loan laptop for you today.",
        resolution: "The laptop came back from warranty repair and your data is intact. The loan laptop can be returned at the service desk.",
        article: Some("laptop-replacement"),
        to_tier2: 0.7, group: "workplace", to_tier3: 0.05, to_vendor: 0.45,
        root_cause: "Hardware fault covered by warranty.",
    },
    Scenario {
        weight: 4,
        category: "Hardware",
        subjects: &["Second monitor stays black on the docking station", "Docking station not detected"],
        descriptions: &["At the hot desks on floor 4 my second screen does not come on.", "Windows does not see the dock at all."],
        tags: &["monitor", "docking-station"],
        impact: 3, urgency: 3,
        one_touch: 0.45, approval: false,
        hold: Some(Hold { chance: 0.45, waiting: "Replacement dock ordered; waiting for the delivery.", done: "The new dock arrived." }),
        first_reply: "Could you try the steps in the article below? If the dock still does not work, tell me the desk number.",
        resolution: "The dock at that desk had old firmware. It has been updated and both screens work.",
        article: Some("monitor-docking"),
        to_tier2: 0.15, group: "workplace", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "Outdated dock firmware.",
    },
    Scenario {
        weight: 7,
        category: "Email",
        subjects: &["Set up e-mail on my new iPhone", "Outlook on Android asks for a PIN", "Not receiving e-mails on my phone"],
        descriptions: &["I have a new iPhone and would like my work mail on it.", "Outlook keeps asking for a PIN and then closes.", "Mail on the phone stopped updating yesterday."],
        tags: &["email", "mobile"],
        impact: 3, urgency: 3,
        one_touch: 0.55, approval: false,
        hold: None,
        first_reply: "Happy to help. The article below walks through it; the Company Portal step is the one people usually miss.",
        resolution: "Company Portal is set up and Outlook syncs your mail and calendar now.",
        article: Some("email-phone"),
        to_tier2: 0.05, group: "applications", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "",
    },
    Scenario {
        weight: 4,
        category: "Email",
        subjects: &["Need access to the sales@ shared mailbox", "Shared mailbox disappeared from Outlook"],
        descriptions: &["I joined the sales team and need the team mailbox.", "The Support mailbox is gone from my folder list since this morning."],
        tags: &["shared-mailbox"],
        impact: 3, urgency: 3,
        one_touch: 0.0, approval: true,
        hold: None,
        first_reply: "The mailbox owner needs to approve access. I have sent them the request.",
        resolution: "Access approved by the owner and the mailbox appears in Outlook.",
        article: Some("shared-mailbox"),
        to_tier2: 0.1, group: "applications", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "",
    },
    Scenario {
        weight: 5,
        category: "Software",
        subjects: &["No sound in Teams meetings", "Colleagues cannot hear me in Teams"],
        descriptions: &["I can see everyone but hear nothing.", "My headset works in other apps but not in Teams."],
        tags: &["teams", "audio"],
        impact: 3, urgency: 2,
        one_touch: 0.6, approval: false,
        hold: None,
        first_reply: "Could you check the device settings in the meeting as described in the article below?",
        resolution: "Teams was using the laptop speakers. With the headset selected in the device settings it works.",
        article: Some("teams-audio"),
        to_tier2: 0.08, group: "applications", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "",
    },
    Scenario {
        weight: 6,
        category: "Software",
        subjects: &["Please install Visio", "Need Python on my laptop", "License for Adobe Acrobat Pro"],
        descriptions: &["I need Visio for the process maps in the new project.", "Our team starts using Python for reports.", "I need to edit PDF forms from customers."],
        tags: &["software", "license"],
        impact: 3, urgency: 3,
        one_touch: 0.0, approval: true,
        hold: Some(Hold { chance: 0.3, waiting: "Waiting for purchasing to buy the licence.", done: "The licence has been bought." }),
        first_reply: "Thanks. This needs your manager's approval for the licence; I have sent the request.",
        resolution: "Approved and installed through the Software Center. You will find it in the start menu.",
        article: Some("software-request"),
        to_tier2: 0.2, group: "applications", to_tier3: 0.0, to_vendor: 0.1,
        root_cause: "",
    },
    Scenario {
        weight: 4,
        category: "Software",
        subjects: &["ERP invoice run fails with error 500", "Cannot post goods receipt in the ERP", "ERP report takes 20 minutes"],
        descriptions: &["The monthly invoice run stops at 40% with error 500.", "Posting a goods receipt gives 'document locked' every time.", "The open-items report used to take seconds."],
        tags: &["erp"],
        impact: 2, urgency: 1,
        one_touch: 0.0, approval: false,
        hold: Some(Hold { chance: 0.3, waiting: "The fix can only go in during the next maintenance window.", done: "Maintenance window reached; applying the fix." }),
        first_reply: "Thanks, I have passed this to the applications team with your screenshots.",
        resolution: "The vendor delivered a patch for the invoice job; the run completed and invoices went out.",
        article: Some("erp-vendor-escalation"),
        to_tier2: 0.9, group: "applications", to_tier3: 0.6, to_vendor: 0.5,
        root_cause: "A defect in the ERP batch job after the last upgrade, fixed by a vendor patch.",
    },
    Scenario {
        weight: 4,
        category: "Security",
        subjects: &["Suspicious e-mail asking me to confirm my account", "I clicked a link in a strange e-mail"],
        descriptions: &["An e-mail claiming to be from IT asks me to confirm my account within 24 hours.", "I clicked the link before I noticed the sender. I did not type anything."],
        tags: &["phishing", "security"],
        impact: 2, urgency: 1,
        one_touch: 0.35, approval: false,
        hold: None,
        first_reply: "Thank you for reporting this. Please do not click anything else; I am checking the message now.",
        resolution: "The message was phishing and has been removed from all mailboxes. Your account shows no unusual sign-ins.",
        article: Some("phishing-report"),
        to_tier2: 0.1, group: "applications", to_tier3: 0.5, to_vendor: 0.0,
        root_cause: "Phishing campaign; the sender domain is now blocked.",
    },
    Scenario {
        weight: 3,
        category: "Onboarding",
        subjects: &["New employee starting on Monday", "Accounts and laptop for a new intern"],
        descriptions: &["A new colleague joins Sales on Monday and needs an account, laptop and phone.", "Our intern starts next week and needs an account and a laptop."],
        tags: &["onboarding"],
        impact: 3, urgency: 3,
        one_touch: 0.0, approval: true,
        hold: Some(Hold { chance: 0.45, waiting: "Laptop ordered for the new starter; waiting for the delivery.", done: "The laptop arrived and is being set up." }),
        first_reply: "Thanks for the early notice. I have started the new starter checklist.",
        resolution: "Account, laptop and phone are ready. The welcome e-mail with the first sign-in steps went to the manager.",
        article: Some("new-starter"),
        to_tier2: 0.05, group: "applications", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "",
    },
    Scenario {
        weight: 4,
        category: "Accounts",
        subjects: &["Access to the finance reports folder", "Need write access to the marketing share"],
        descriptions: &["My manager asked me to update the monthly reports in the finance share.", "I can open the marketing share but cannot save anything."],
        tags: &["access"],
        impact: 3, urgency: 3,
        one_touch: 0.0, approval: true,
        hold: None,
        first_reply: "Every shared folder has an owner who approves access. I have sent the request to them.",
        resolution: "The owner approved the access. Please sign out and in again for it to work.",
        article: Some("file-share-access"),
        to_tier2: 0.08, group: "applications", to_tier3: 0.0, to_vendor: 0.0,
        root_cause: "",
    },
];

/// A requester's follow-up when asked for details.
pub const REQUESTER_ANSWERS: &[&str] = &[
    "Here is the screenshot you asked for.",
    "It started yesterday after lunch. I am at desk 4.12.",
    "I tried that, no change unfortunately.",
    "The device name is LT-20417.",
    "Yes, that is the one. Thanks for looking into it.",
];

/// A requester who finds the problem is back.
pub const STILL_BROKEN: &[&str] = &[
    "Sorry, it is happening again since this morning.",
    "It worked for a day, now the same problem is back.",
];

pub const ASK_FOR_DETAILS: &[&str] = &[
    "Could you send a screenshot of the error and tell me when it started?",
    "To narrow it down: does it happen on other devices too?",
    "Could you tell me the device name from the sticker on the bottom?",
];

pub const NOTES: &[&str] = &[
    "Checked the logs; nothing obvious on our side yet.",
    "Same symptom as two other tickets this week, keeping an eye on it.",
    "Called the requester, no answer; will try again after lunch.",
    "Remote session done, collected diagnostics.",
];

/// What the agent notes when the approval an on-hold ticket waited for arrives.
pub const APPROVALS: &[&str] = &[
    "Approval received from the manager; carrying on.",
    "The owner approved the request by e-mail.",
    "Approved in the request portal this morning.",
];

/// A requester confirming that the fix works.
pub const CONFIRMATIONS: &[&str] = &[
    "Works now, thank you!",
    "Confirmed, all good on my side.",
    "Yes, that fixed it.",
];

/// Sent when a fix has waited a week for the requester's confirmation.
pub const NO_ANSWER: &str =
    "We have not heard back, so we assume the fix works and resolve the ticket. Just reply within a week if the problem is still there.";

/// Sent when a requester has not answered a question for two days.
pub const REMINDER: &str =
    "Just checking in: could you send us the details we asked for? The ticket stays open until then.";

/// Rating comments by mood; the empty ones stand for "no comment".
const CSAT_GOOD: &[&str] = &[
    "Quick and friendly, thank you!",
    "Great help, explained everything.",
    "Solved in minutes, thanks.",
    "",
    "",
];
const CSAT_MIXED: &[&str] = &[
    "Solved, but it took a few days.",
    "Fine in the end, though I had to explain it twice.",
    "",
];
const CSAT_BAD: &[&str] = &[
    "Had to ask twice before anything happened.",
    "Took far too long and the problem came back.",
    "Nobody told me what was going on.",
];

/// A comment that fits a rating from 1 to 5.
pub fn csat_comment(score: u8, r: &mut crate::domain::rng::Rng) -> &'static str {
    let pool = match score {
        4.. => CSAT_GOOD,
        3 => CSAT_MIXED,
        _ => CSAT_BAD,
    };
    r.pick(pool).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::articles::ARTICLES;
    use super::*;

    #[test]
    fn every_linked_article_exists() {
        for s in SCENARIOS {
            if let Some(a) = s.article {
                assert!(ARTICLES.iter().any(|x| x.id == a), "missing article {a}");
            }
            assert!(!s.subjects.is_empty() && !s.descriptions.is_empty());
            assert!((1..=3).contains(&s.impact) && (1..=3).contains(&s.urgency));
            // Requests that need an approval cannot be solved by one answer.
            assert!((0.0..=1.0).contains(&s.one_touch) && !(s.approval && s.one_touch > 0.0));
        }
    }
}
