//! Postings: for one term, which documents hold it, how often in each field, and where.
//!
//! One term's postings are a single byte vector of variable-length integers, so an index of
//! 10,000 articles stays a few megabytes and is stored as it is (see `codec`). Per posting:
//!
//! ```text
//! slot | field mask (u8) | tf per field in the mask | byte length of positions | positions
//! ```
//!
//! Positions are listed field by field, each field's list delta-encoded from 0.

pub const FIELDS: usize = 4;
pub const TITLE: usize = 0;
pub const TAGS: usize = 1;
pub const SUMMARY: usize = 2;
pub const BODY: usize = 3;

pub fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`, advancing it; `None` on truncated or over-long input.
#[inline]
pub fn get_varint(buf: &[u8], at: &mut usize) -> Option<u32> {
    // Most numbers here (deltas, counts, small slots) fit in one byte.
    let first = *buf.get(*at)?;
    if first < 0x80 {
        *at += 1;
        return Some(u32::from(first));
    }
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *buf.get(*at)?;
        *at += 1;
        let part = u32::from(b & 0x7f);
        if shift == 28 && part > 0x0f {
            return None;
        }
        v |= part << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

fn varint_len(v: u32) -> usize {
    match v {
        0..0x80 => 1,
        0x80..0x4000 => 2,
        0x4000..0x20_0000 => 3,
        0x20_0000..0x1000_0000 => 4,
        _ => 5,
    }
}

/// Appends a posting. `positions[f]` must be sorted; empty fields are left out.
pub fn encode(out: &mut Vec<u8>, slot: u32, positions: &[Vec<u32>; FIELDS]) {
    put_varint(out, slot);
    let mask = (0..FIELDS).filter(|&f| !positions[f].is_empty()).fold(0u8, |m, f| m | 1 << f);
    out.push(mask);
    let deltas = || {
        positions.iter().flat_map(|list| {
            let mut prev = 0;
            list.iter().map(move |&p| {
                let d = p.saturating_sub(prev);
                prev = p;
                d
            })
        })
    };
    for list in positions.iter().filter(|l| !l.is_empty()) {
        put_varint(out, list.len() as u32);
    }
    put_varint(out, deltas().map(varint_len).sum::<usize>() as u32);
    for d in deltas() {
        put_varint(out, d);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub slot: u32,
    pub tf: [u32; FIELDS],
    /// Byte range of the positions in the term's buffer.
    pub positions: (usize, usize),
    /// Byte range of the whole posting.
    pub span: (usize, usize),
}

impl Posting {
    /// Positions as `(field, position)`, in field order then position order.
    #[cfg(test)]
    pub fn positions(&self, buf: &[u8]) -> Vec<(u8, u32)> {
        let mut out = Vec::new();
        self.positions_into(buf, 0, &mut out);
        out
    }

    /// Appends the positions moved back by `shift` (those before it are dropped) to `out`.
    pub fn positions_into(&self, buf: &[u8], shift: u32, out: &mut Vec<(u8, u32)>) {
        self.each_position(buf, shift, |p| {
            out.push(p);
            true
        });
    }

    /// Calls `f` with each position moved back by `shift`, in order, until it returns false.
    #[inline]
    pub fn each_position(&self, buf: &[u8], shift: u32, mut f: impl FnMut((u8, u32)) -> bool) {
        let mut at = self.positions.0;
        for (field, &n) in self.tf.iter().enumerate() {
            let mut p: u32 = 0;
            for _ in 0..n {
                match get_varint(buf, &mut at) {
                    Some(d) if at <= self.positions.1 => {
                        p = p.saturating_add(d);
                        if p >= shift && !f((field as u8, p - shift)) {
                            return;
                        }
                    }
                    _ => return,
                }
            }
        }
    }
}

/// Iterates a term's postings; stops quietly at malformed bytes (which `codec` rejects on load).
pub struct Iter<'a> {
    buf: &'a [u8],
    at: usize,
}

pub fn iter(buf: &[u8]) -> Iter<'_> {
    Iter { buf, at: 0 }
}

impl Iterator for Iter<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        let p = read_posting(self.buf, self.at)?;
        self.at = p.span.1;
        Some(p)
    }
}

/// The posting starting at byte `at`, checked for shape; `None` when malformed or at the end.
pub fn read_posting(buf: &[u8], at: usize) -> Option<Posting> {
    let start = at;
    let mut at = at;
    let slot = get_varint(buf, &mut at)?;
    let mask = *buf.get(at)?;
    at += 1;
    if mask == 0 || mask >> FIELDS != 0 {
        return None;
    }
    let mut tf = [0u32; FIELDS];
    for (f, t) in tf.iter_mut().enumerate() {
        if mask & (1 << f) != 0 {
            *t = get_varint(buf, &mut at)?;
            if *t == 0 {
                return None;
            }
        }
    }
    let len = get_varint(buf, &mut at)? as usize;
    let end = at.checked_add(len).filter(|&e| e <= buf.len())?;
    Some(Posting { slot, tf, positions: (at, end), span: (start, end) })
}

/// Removes the posting of `slot`; false when the term had none for it.
pub fn remove(buf: &mut Vec<u8>, slot: u32) -> bool {
    match iter(buf).find(|p| p.slot == slot) {
        Some(p) => {
            buf.drain(p.span.0..p.span.1);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_reject_garbage() {
        let mut buf = Vec::new();
        for v in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            put_varint(&mut buf, v);
        }
        let mut at = 0;
        let got: Vec<u32> = std::iter::from_fn(|| get_varint(&buf, &mut at)).collect();
        assert_eq!(got, [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX]);
        assert_eq!(get_varint(&[0x80, 0x80], &mut 0), None);
        assert_eq!(get_varint(&[0xff, 0xff, 0xff, 0xff, 0x7f], &mut 0), None);
        assert_eq!(get_varint(&[0xff, 0xff, 0xff, 0xff, 0x0f], &mut 0), Some(u32::MAX));
    }

    #[test]
    fn postings_round_trip_and_remove() {
        let mut buf = Vec::new();
        encode(&mut buf, 7, &[vec![0], vec![], vec![], vec![3, 10, 200]]);
        encode(&mut buf, 2, &[vec![], vec![1], vec![], vec![]]);
        let all: Vec<Posting> = iter(&buf).collect();
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].slot, all[0].tf), (7, [1, 0, 0, 3]));
        assert_eq!(all[0].positions(&buf), [(0, 0), (3, 3), (3, 10), (3, 200)]);
        assert_eq!((all[1].slot, all[1].tf), (2, [0, 1, 0, 0]));
        assert_eq!(all[1].positions(&buf), [(1, 1)]);
        assert!(remove(&mut buf, 7));
        assert!(!remove(&mut buf, 7));
        let left: Vec<u32> = iter(&buf).map(|p| p.slot).collect();
        assert_eq!(left, [2]);
    }

    #[test]
    fn malformed_postings_end_the_iteration() {
        assert_eq!(iter(&[5, 0, 1, 0]).count(), 0, "empty field mask");
        assert_eq!(iter(&[5, 0x10, 1, 0]).count(), 0, "unknown field");
        assert_eq!(iter(&[5, 1, 1, 9, 0]).count(), 0, "positions past the end");
        assert_eq!(iter(&[5, 1, 0, 0]).count(), 0, "zero term frequency");
    }
}
