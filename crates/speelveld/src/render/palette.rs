//! Colours for maps: a soft qualitative palette and a greedy colouring of a region graph,
//! so neighbouring regions never share a colour.

/// Fill colours for regions: soft, distinct, readable under dark labels. Colouring a map
/// of Dutch regions needs five or six of them; more are generated when a graph needs it.
pub const PALETTE: [&str; 10] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#ccebc5",
];

/// The fill colour for colour number `i`: the palette first, then generated pastel hues.
///
/// # Examples
/// ```
/// use speelveld::render::palette::colour;
/// assert_eq!(colour(0), "#8dd3c7");
/// assert!(colour(12).starts_with("hsl("));
/// ```
pub fn colour(i: usize) -> String {
    match PALETTE.get(i) {
        Some(c) => (*c).to_string(),
        None => format!("hsl({},60%,78%)", (i * 137) % 360),
    }
}

/// Greedy colouring (Welsh–Powell order: most neighbours first): `result[v]` is the colour
/// number of vertex `v`, and no two neighbours share one. `neighbours[v]` lists the
/// vertices adjacent to `v`; indices out of range are ignored.
///
/// # Examples
/// ```
/// use speelveld::render::palette::greedy_colouring;
/// // A triangle with a tail: 0-1, 1-2, 2-0, 2-3.
/// let n = vec![vec![1, 2], vec![0, 2], vec![0, 1, 3], vec![2]];
/// let c = greedy_colouring(&n);
/// assert!(c[0] != c[1] && c[1] != c[2] && c[0] != c[2] && c[2] != c[3]);
/// assert_eq!(c.iter().max(), Some(&2));
/// ```
pub fn greedy_colouring(neighbours: &[Vec<usize>]) -> Vec<usize> {
    let n = neighbours.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        neighbours[b]
            .len()
            .cmp(&neighbours[a].len())
            .then(a.cmp(&b))
    });
    let mut colours: Vec<Option<usize>> = vec![None; n];
    for v in order {
        let mut used: Vec<usize> = neighbours[v]
            .iter()
            .filter(|&&w| w != v)
            .filter_map(|&w| colours.get(w).copied().flatten())
            .collect();
        used.sort_unstable();
        used.dedup();
        let c = used
            .iter()
            .enumerate()
            .find(|&(i, &c)| i != c)
            .map_or(used.len(), |(i, _)| i);
        if let Some(slot) = colours.get_mut(v) {
            *slot = Some(c);
        }
    }
    colours.into_iter().map(|c| c.unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colouring_is_proper_on_a_wheel() {
        // A hub (0) with a ring of 5 around it needs 4 colours.
        let mut n = vec![vec![1, 2, 3, 4, 5]];
        for i in 1..=5usize {
            let prev = if i == 1 { 5 } else { i - 1 };
            let next = if i == 5 { 1 } else { i + 1 };
            n.push(vec![0, prev, next]);
        }
        let c = greedy_colouring(&n);
        for (v, ns) in n.iter().enumerate() {
            for &w in ns {
                assert_ne!(c[v], c[w], "{v}-{w}");
            }
        }
        assert_eq!(*c.iter().max().unwrap(), 3);
    }

    #[test]
    fn empty_and_isolated() {
        assert!(greedy_colouring(&[]).is_empty());
        assert_eq!(greedy_colouring(&[vec![], vec![7]]), vec![0, 0]);
    }
}
