//! Priority from impact x urgency (ITIL). The matrix is configuration (`desk::PriorityMatrix`);
//! this file holds the two stock matrices and the lookup.

use super::desk::PriorityMatrix;
use super::model::Priority;

use Priority::{Critical as C, High as H, Low as L, Medium as M};

impl PriorityMatrix {
    /// The classic ITIL 3x3 table (impact and urgency 1 = high, 2 = medium, 3 = low). ITIL's
    /// five levels are folded into four: its levels 4 and 5 both become Low.
    pub fn itil_3x3() -> PriorityMatrix {
        PriorityMatrix {
            cells: vec![vec![C, H, M], vec![H, M, L], vec![M, L, L]],
        }
    }

    /// 4x4 variant (1 = critical ... 4 = low): the priority follows impact + urgency, so the
    /// table is symmetric: 2-3 Critical, 4 High, 5 Medium, 6 and more Low.
    pub fn itil_4x4() -> PriorityMatrix {
        PriorityMatrix {
            cells: vec![
                vec![C, C, H, M],
                vec![C, H, M, L],
                vec![H, M, L, L],
                vec![M, L, L, L],
            ],
        }
    }

    /// Number of impact (and urgency) levels.
    pub fn size(&self) -> usize {
        self.cells.len()
    }

    /// The priority for `impact` and `urgency`, both counted from 1; `None` when either is
    /// out of range (including a malformed matrix with a short row).
    pub fn priority(&self, impact: u8, urgency: u8) -> Option<Priority> {
        let i = usize::from(impact).checked_sub(1)?;
        let u = usize::from(urgency).checked_sub(1)?;
        self.cells.get(i)?.get(u).copied()
    }

    /// The matrix must be square with 3 or 4 levels.
    pub fn validate(&self) -> Result<(), String> {
        let n = self.cells.len();
        if !(3..=4).contains(&n) {
            return Err(format!(
                "has {n} rows; a priority matrix has 3 or 4 levels of impact"
            ));
        }
        if let Some((i, row)) = self.cells.iter().enumerate().find(|(_, r)| r.len() != n) {
            return Err(format!(
                "row {} has {} cells but the matrix has {n} rows; it must be square",
                i + 1,
                row.len()
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn itil_3x3_corners_and_middle() {
        let m = PriorityMatrix::itil_3x3();
        assert_eq!(m.priority(1, 1), Some(Priority::Critical));
        assert_eq!(m.priority(1, 2), Some(Priority::High));
        assert_eq!(m.priority(2, 1), Some(Priority::High));
        assert_eq!(m.priority(2, 2), Some(Priority::Medium));
        assert_eq!(m.priority(1, 3), Some(Priority::Medium));
        assert_eq!(m.priority(2, 3), Some(Priority::Low));
        assert_eq!(m.priority(3, 3), Some(Priority::Low));
        assert_eq!(m.validate(), Ok(()));
    }

    #[test]
    fn itil_4x4_follows_the_sum() {
        let m = PriorityMatrix::itil_4x4();
        assert_eq!(m.priority(1, 2), Some(Priority::Critical));
        assert_eq!(m.priority(2, 2), Some(Priority::High));
        assert_eq!(m.priority(1, 4), Some(Priority::Medium));
        assert_eq!(m.priority(4, 1), Some(Priority::Medium));
        assert_eq!(m.priority(2, 4), Some(Priority::Low));
        assert_eq!(m.priority(4, 4), Some(Priority::Low));
        assert_eq!(m.size(), 4);
        assert_eq!(m.validate(), Ok(()));
    }

    #[test]
    fn out_of_range_is_none() {
        let m = PriorityMatrix::itil_3x3();
        assert_eq!(m.priority(0, 1), None);
        assert_eq!(m.priority(1, 0), None);
        assert_eq!(m.priority(4, 1), None);
        assert_eq!(m.priority(1, 4), None);
        assert_eq!(PriorityMatrix::itil_4x4().priority(5, 5), None);
    }

    #[test]
    fn validate_rejects_wrong_shapes() {
        let two = PriorityMatrix {
            cells: vec![vec![C, H], vec![H, L]],
        };
        assert!(two.validate().unwrap_err().contains("2 rows"));
        let ragged = PriorityMatrix {
            cells: vec![vec![C, H, M], vec![H, M], vec![M, L, L]],
        };
        let err = ragged.validate().unwrap_err();
        assert!(err.contains("row 2 has 2 cells"), "{err}");
        // A short row gives None instead of a panic.
        assert_eq!(ragged.priority(2, 3), None);
        let five = PriorityMatrix {
            cells: vec![vec![L; 5]; 5],
        };
        assert!(five.validate().is_err());
    }
}
