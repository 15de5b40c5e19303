//! What a small IT desk hears about, and the words the simulated people use.
//!
//! The demo data generator has its own (private) tables; these are shorter and tuned for
//! watching tickets move through tiers, not for six weeks of history.

/// One kind of request.
pub(super) struct Kind {
    pub id: &'static str,
    /// Relative frequency among arrivals.
    pub weight: u32,
    pub category: &'static str,
    pub subjects: &'static [&'static str],
    pub descriptions: &'static [&'static str],
    /// Tags also name the skills the desk's agents may have (vpn, printers, erp, ...).
    pub tags: &'static [&'static str],
    /// Impact and urgency, 1 (highest) to 3.
    pub impact: u8,
    pub urgency: u8,
    /// How hard it is: a tier's chance to solve it is the tier's base chance to this power
    /// (below 1 easier than typical, above 1 harder).
    pub complexity: f64,
    /// The Tier 2 group that takes it, if the desk has that group.
    pub group: &'static str,
    pub first_reply: &'static str,
    pub resolution: &'static str,
}

pub(super) const KINDS: &[Kind] = &[
    Kind {
        id: "password",
        weight: 16,
        category: "Accounts",
        subjects: &["Password reset needed", "Forgot my password", "Password expired, cannot sign in"],
        descriptions: &["I changed my password on Friday and now nothing accepts it.", "My password expired over the weekend."],
        tags: &["password"],
        impact: 3,
        urgency: 2,
        complexity: 0.2,
        group: "applications",
        first_reply: "Hello, I can help with that. I am sending a reset link to your backup address now.",
        resolution: "Your password has been reset and you confirmed you can sign in again.",
    },
    Kind {
        id: "lockout",
        weight: 6,
        category: "Accounts",
        subjects: &["Locked out of my account", "Account locks every morning"],
        descriptions: &["After a few tries my account says it is locked.", "Every morning at nine my account locks again."],
        tags: &["lockout"],
        impact: 3,
        urgency: 1,
        complexity: 0.6,
        group: "applications",
        first_reply: "I have unlocked the account. It often locks again because an old password is saved on a phone.",
        resolution: "An old password saved on your tablet caused the lockouts; after updating it they stopped.",
    },
    Kind {
        id: "printer",
        weight: 8,
        category: "Hardware",
        subjects: &["Printer on the 2nd floor jams", "Cannot add the FollowMe printer", "Printer shows an error"],
        descriptions: &["Every second page jams in the printer next to the lifts.", "The printer queue does not show up on my laptop."],
        tags: &["printers"],
        impact: 2,
        urgency: 3,
        complexity: 1.0,
        group: "workplace",
        first_reply: "Thanks for letting us know. Could you tell me the printer name from the label on top?",
        resolution: "The printer has been repaired and printed a test run without a jam.",
    },
    Kind {
        id: "vpn",
        weight: 10,
        category: "Network",
        subjects: &["VPN keeps disconnecting", "Cannot connect to the VPN from home"],
        descriptions: &["The VPN drops every ten minutes, which kills my calls.", "The client says the gateway is unreachable."],
        tags: &["vpn"],
        impact: 3,
        urgency: 2,
        complexity: 1.3,
        group: "network",
        first_reply: "Sorry about that. Please try the steps in the VPN article while I check the gateway logs.",
        resolution: "Your VPN profile was outdated; the current one is installed and the connection is stable.",
    },
    Kind {
        id: "wifi",
        weight: 4,
        category: "Network",
        subjects: &["Wi-Fi on the 3rd floor is very slow", "Laptop does not join the office Wi-Fi"],
        descriptions: &["Since Monday the Wi-Fi near the kitchen is barely usable.", "The laptop sees the network but cannot connect."],
        tags: &["wifi"],
        impact: 2,
        urgency: 2,
        complexity: 1.4,
        group: "network",
        first_reply: "Thanks. Which room are you in? I will have the access point there checked.",
        resolution: "A faulty access point on your floor was replaced; speed tests look normal again.",
    },
    Kind {
        id: "outage",
        weight: 2,
        category: "Network",
        subjects: &["Internet down in building B", "Outage: shared drive unreachable for the whole team"],
        descriptions: &["Nobody on our floor can reach anything outside the building.", "Nobody in Finance can open the shared drive."],
        tags: &["network"],
        impact: 1,
        urgency: 1,
        complexity: 2.5,
        group: "network",
        first_reply: "We are aware and working on it. We will post updates here every 30 minutes.",
        resolution: "Service is restored. A core switch failed and traffic now runs over the standby unit.",
    },
    Kind {
        id: "access",
        weight: 9,
        category: "Accounts",
        subjects: &["Access to the finance reports folder", "Need write access to the marketing share"],
        descriptions: &["My manager asked me to update the monthly reports.", "I can open the share but cannot save anything."],
        tags: &["access"],
        impact: 3,
        urgency: 3,
        complexity: 0.7,
        group: "applications",
        first_reply: "Every shared folder has an owner who approves access; I have sent them the request.",
        resolution: "The owner approved the access. Please sign out and in again for it to work.",
    },
    Kind {
        id: "vendor",
        weight: 4,
        category: "Software",
        subjects: &["ERP invoice run fails with error 500", "Cannot post goods receipt in the ERP"],
        descriptions: &["The monthly invoice run stops at 40% with error 500.", "Posting a goods receipt says the document is locked."],
        tags: &["erp"],
        impact: 2,
        urgency: 1,
        complexity: 3.0,
        group: "applications",
        first_reply: "Thanks, I have passed this on with your screenshots and will keep you posted.",
        resolution: "The vendor's patch is installed; the run completed and the invoices went out.",
    },
    Kind {
        id: "laptop",
        weight: 8,
        category: "Hardware",
        subjects: &["Laptop extremely slow since the update", "Laptop does not start anymore"],
        descriptions: &["Opening the mail program takes two minutes since Tuesday.", "The power light comes on but the screen stays black."],
        tags: &["hardware"],
        impact: 3,
        urgency: 2,
        complexity: 1.0,
        group: "workplace",
        first_reply: "Let us start with a full restart and the quick checks in the article below.",
        resolution: "The laptop is working normally again; the fix is described in the ticket.",
    },
    Kind {
        id: "email",
        weight: 7,
        category: "Email",
        subjects: &["Set up e-mail on my new phone", "Not receiving e-mails on my phone"],
        descriptions: &["I have a new phone and would like my work mail on it.", "Mail on the phone stopped updating yesterday."],
        tags: &["email"],
        impact: 3,
        urgency: 3,
        complexity: 0.5,
        group: "applications",
        first_reply: "Happy to help. The article below walks through it; the company portal step is the one people miss.",
        resolution: "The company portal is set up and your phone syncs mail and calendar now.",
    },
    Kind {
        id: "software",
        weight: 6,
        category: "Software",
        subjects: &["Please install Visio", "Licence for a PDF editor"],
        descriptions: &["I need Visio for the process maps in the new project.", "I need to edit PDF forms from customers."],
        tags: &["office"],
        impact: 3,
        urgency: 3,
        complexity: 0.8,
        group: "applications",
        first_reply: "Thanks. This needs your manager's approval for the licence; I have sent the request.",
        resolution: "Approved and installed; you will find it in the start menu.",
    },
    Kind {
        id: "phishing",
        weight: 3,
        category: "Security",
        subjects: &["Suspicious e-mail asking me to confirm my account", "I clicked a link in a strange e-mail"],
        descriptions: &["An e-mail claiming to be from IT asks me to confirm my account.", "I clicked the link before I noticed the sender."],
        tags: &["security"],
        impact: 2,
        urgency: 1,
        complexity: 1.6,
        group: "applications",
        first_reply: "Thank you for reporting this. Please do not click anything else; I am checking the message.",
        resolution: "The message was phishing and has been removed from all mailboxes; your account is safe.",
    },
];

/// For tickets the simulation did not create (opened by hand during a demo).
pub(super) const OTHER: Kind = Kind {
    id: "other",
    weight: 0,
    category: "General",
    subjects: &["Request"],
    descriptions: &[""],
    tags: &[],
    impact: 3,
    urgency: 2,
    complexity: 1.0,
    group: "",
    first_reply: "Thanks for your request; I am looking into it.",
    resolution:
        "This is solved now. If anything is still wrong, just reply and the ticket opens again.",
};

pub(super) fn kind(id: &str) -> &'static Kind {
    KINDS.iter().find(|k| k.id == id).unwrap_or(&OTHER)
}

pub(super) const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Chiara", "David", "Elif", "Felix", "Grace", "Hannah", "Ivan", "Julia", "Kenji",
    "Laura", "Mohammed", "Nina", "Oliver", "Paula", "Rosa", "Samuel", "Tanja", "Wei", "Zoe",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Schulz",
    "Okafor",
    "Rossi",
    "Meyer",
    "Johansson",
    "Lee",
    "Hoffmann",
    "Petrov",
    "Klein",
    "Tanaka",
    "Martin",
    "Haddad",
    "Wagner",
    "Smith",
    "Costa",
    "Dubois",
    "Lopez",
    "Novak",
];

pub(super) const ORGS: &[&str] = &[
    "Finance",
    "Sales",
    "Marketing",
    "Human Resources",
    "Logistics",
    "Engineering",
    "Legal",
];

pub(super) const ASK_FOR_DETAILS: &[&str] = &[
    "Could you send a screenshot of the error and tell me when it started?",
    "Does it happen on other devices too?",
    "Could you tell me the device name from the sticker on the bottom?",
];

pub(super) const ANSWERS: &[&str] = &[
    "Here is the screenshot you asked for.",
    "It started yesterday after lunch; only on this laptop.",
    "The device name is LT-20417.",
];

pub(super) const STILL_BROKEN: &[&str] = &[
    "Sorry, it is happening again since this morning.",
    "It worked for a day, now the same problem is back.",
];

pub(super) const STALL_NOTES: &[&str] = &[
    "Ran the standard checks; nothing obvious. Still investigating.",
    "Script did not solve it; collecting more diagnostics.",
];

/// Rating comments by score (1 to 5).
pub(super) const COMMENTS: [&str; 5] = [
    "Took far too long and I had to chase it.",
    "Solved in the end, but slowly.",
    "",
    "Good help, thanks.",
    "Quick and friendly, thank you!",
];

/// Stable choice of a text: the same ticket and step always get the same words.
pub(super) fn pick(texts: &'static [&'static str], salt: u64) -> &'static str {
    match texts.len() {
        0 => "",
        n => texts[(salt % n as u64) as usize],
    }
}
