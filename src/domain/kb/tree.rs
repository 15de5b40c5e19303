//! Category paths ("Hardware/Printers") as a tree with article counts, for the filter panel.

use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryNode {
    /// The last segment, e.g. "Printers".
    pub name: String,
    /// The whole path, e.g. "Hardware/Printers" (what the search filter takes).
    pub path: String,
    /// Articles in this category and all below it.
    pub count: usize,
    pub children: Vec<CategoryNode>,
}

#[derive(Default)]
struct Build {
    count: usize,
    children: BTreeMap<String, Build>,
}

/// The tree of every category path given (one per article), sorted by name at each level
/// (case-insensitively). Empty paths count toward no category.
pub fn category_tree<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<CategoryNode> {
    let mut root = Build::default();
    for path in paths {
        let mut node = &mut root;
        for seg in path.split('/').map(str::trim).filter(|s| !s.is_empty()) {
            node = node.children.entry(seg.to_string()).or_default();
            node.count += 1;
        }
    }
    finish(root, "")
}

fn finish(b: Build, parent: &str) -> Vec<CategoryNode> {
    let mut out: Vec<CategoryNode> = b
        .children
        .into_iter()
        .map(|(name, child)| {
            let path = if parent.is_empty() { name.clone() } else { format!("{parent}/{name}") };
            CategoryNode { count: child.count, children: finish(child, &path), name, path }
        })
        .collect();
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_and_count_their_subtrees() {
        let tree = category_tree(["Hardware/Printers", "Hardware/Laptops", "Hardware/Printers", "Network/VPN", "", "Hardware", "accounts/ Passwords "]);
        let top: Vec<(&str, usize)> = tree.iter().map(|n| (n.name.as_str(), n.count)).collect();
        assert_eq!(top, [("accounts", 1), ("Hardware", 4), ("Network", 1)]);
        let hw = &tree[1];
        let kids: Vec<(&str, &str, usize)> = hw.children.iter().map(|n| (n.name.as_str(), n.path.as_str(), n.count)).collect();
        assert_eq!(kids, [("Laptops", "Hardware/Laptops", 1), ("Printers", "Hardware/Printers", 2)]);
        assert_eq!(tree[0].children[0].path, "accounts/Passwords");
        assert!(category_tree([""]).is_empty());
    }
}
