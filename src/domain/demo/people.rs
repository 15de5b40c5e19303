//! The demo desk's staff and the people who write in.

use crate::domain::desk::{Agent, AssignmentMethod, DeskConfig, Group};
use crate::domain::model::{Requester, Tier};
use crate::domain::rng::Rng;

/// id, name, tier, groups, skills
type Staff = (
    &'static str,
    &'static str,
    u8,
    &'static [&'static str],
    &'static [&'static str],
);

const STAFF: &[Staff] = &[
    ("amelia", "Amelia Brooks", 1, &["service-desk"], &[]),
    ("jonas", "Jonas Weber", 1, &["service-desk"], &[]),
    ("priya", "Priya Nair", 1, &["service-desk"], &[]),
    ("tomasz", "Tomasz Nowak", 1, &["service-desk"], &[]),
    ("lena", "Lena Fischer", 2, &["network"], &["vpn", "wifi"]),
    (
        "marco",
        "Marco Rossi",
        2,
        &["applications", "workplace"],
        &["erp", "office"],
    ),
    (
        "sofia",
        "Sofía García",
        2,
        &["workplace", "network"],
        &["hardware", "printers"],
    ),
    (
        "daniel",
        "Daniel Kim",
        3,
        &["infrastructure"],
        &["network", "servers"],
    ),
    (
        "mei",
        "Mei Chen",
        3,
        &["infrastructure"],
        &["security", "erp"],
    ),
    (
        "northwind",
        "Northwind Support (vendor)",
        4,
        &["vendors"],
        &[],
    ),
];

/// Groups the demo adds to the default ones (network and applications in Tier 2).
const GROUPS: &[(&str, &str, u8, AssignmentMethod)] = &[
    (
        "service-desk",
        "Service desk",
        1,
        AssignmentMethod::RoundRobin,
    ),
    ("workplace", "Workplace", 2, AssignmentMethod::LeastLoaded),
    (
        "infrastructure",
        "Infrastructure",
        3,
        AssignmentMethod::LeastLoaded,
    ),
    ("vendors", "Vendors", 4, AssignmentMethod::Manual),
];

/// Adds the demo staff and groups to a configuration (skipping ids it already has).
pub fn add_staff(cfg: &mut DeskConfig) {
    for &(id, name, tier, method) in GROUPS {
        if !cfg.groups.iter().any(|g| g.id == id) {
            cfg.groups.push(Group {
                id: id.into(),
                name: name.into(),
                tier: Tier(tier),
                assignment: method,
            });
        }
    }
    for &(id, name, tier, groups, skills) in STAFF {
        if cfg.agent(id).is_some() {
            continue;
        }
        let first = name.split(' ').next().unwrap_or(id).to_lowercase();
        cfg.agents.push(Agent {
            id: id.into(),
            name: name.into(),
            email: if tier == 4 {
                "support@northwind.example".into()
            } else {
                format!("{}@example.org", ascii(&first))
            },
            tiers: vec![Tier(tier)],
            groups: groups.iter().map(|g| g.to_string()).collect(),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            capacity: if tier == 4 { 50 } else { 12 },
            away: false,
            calendar: None,
            admin: false,
        });
    }
}

const FIRST: &[&str] = &[
    "Anna",
    "Ben",
    "Chiara",
    "David",
    "Elif",
    "Felix",
    "Grace",
    "Hannah",
    "Ivan",
    "Julia",
    "Kenji",
    "Laura",
    "Mohammed",
    "Nina",
    "Oliver",
    "Paula",
    "Quentin",
    "Rosa",
    "Samuel",
    "Tanja",
    "Umar",
    "Valentina",
    "Wei",
    "Xenia",
    "Yusuf",
    "Zoe",
    "Lukas",
    "Sara",
    "Mateo",
    "Ingrid",
    "Jürgen",
    "Chloé",
    "Aiko",
    "Björn",
    "Fatima",
    "Lin",
    "Olga",
    "Pedro",
    "Ruth",
    "Tobias",
];

const LAST: &[&str] = &[
    "Schulz",
    "Okafor",
    "Rossi",
    "Meyer",
    "Yılmaz",
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
    "Becker",
    "Novak",
    "Khan",
    "Bianchi",
    "Zhang",
    "Ivanova",
    "Demir",
    "Müller",
    "Larsen",
    "Cohen",
    "Silva",
    "Berg",
];

const ORGS: &[&str] = &[
    "Finance",
    "Sales",
    "Marketing",
    "Human Resources",
    "Logistics",
    "Engineering",
    "Legal",
    "Customer Care",
    "Procurement",
    "Facilities",
];

/// Letters an e-mail address can hold.
fn ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' | 'è' => out.push('e'),
            'í' => out.push('i'),
            'ı' => out.push('i'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

/// `n` people who write to the desk, drawn from the name lists.
pub fn requesters(rng: &mut Rng, n: usize) -> Vec<Requester> {
    (0..n.max(1))
        .map(|_| {
            let first = rng.pick(FIRST).copied().unwrap_or("Alex");
            let last = rng.pick(LAST).copied().unwrap_or("Doe");
            Requester {
                name: format!("{first} {last}"),
                email: format!("{}.{}@example.org", ascii(first), ascii(last)),
                org: rng.pick(ORGS).map(|o| o.to_string()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::defaults::{default_config, validate_config};
    use crate::domain::ticket::looks_like_email;

    #[test]
    fn staff_covers_every_tier_and_keeps_the_config_valid() {
        let mut cfg = default_config();
        add_staff(&mut cfg);
        add_staff(&mut cfg); // twice changes nothing
        assert_eq!(validate_config(&cfg), vec![]);
        let per_tier: Vec<usize> = (1..=4)
            .map(|t| {
                cfg.agents
                    .iter()
                    .filter(|a| a.tiers.contains(&Tier(t)))
                    .count()
            })
            .collect();
        assert_eq!(per_tier, vec![4, 3, 2, 1]);
        assert!(cfg.agents.iter().any(|a| a.admin));
    }

    #[test]
    fn requester_addresses_are_plain_ascii_emails() {
        let people = requesters(&mut Rng::new(1), 200);
        assert!(people
            .iter()
            .all(|p| looks_like_email(&p.email) && p.email.is_ascii()));
        assert_eq!(ascii("Jürgen Yılmaz"), "juergenyilmaz");
    }
}
