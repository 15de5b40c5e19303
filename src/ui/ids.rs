//! Random event ids for this browser: unique enough to merge two kiosks' histories by id.

use crate::domain::ticket::IdGen;

pub struct RandomIds;

fn random_u32() -> u32 {
    // Math.random has 52 bits of state; two draws give 64 bits of id space per event.
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

impl IdGen for RandomIds {
    fn event_id(&mut self) -> String {
        format!("{:08x}{:08x}", random_u32(), random_u32())
    }
}
