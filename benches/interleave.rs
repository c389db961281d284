//! Interleaved timing for the benches (`mod`-included, not a bench): every strategy in every
//! round, in a shuffled order, so that a ratio is taken between runs moments apart. On a
//! shared machine criterion's groups run minutes apart, and their ratios mix two moments.
#![allow(dead_code)]

use crate::corpus::Rng;
use std::time::Instant;

/// Runs `run(s)` for every strategy `s < strategies` once per round, `rounds` rounds after one
/// warm-up round (caches, allocator) that is dropped; gives each strategy's seconds per round.
pub fn time_rounds(strategies: usize, rounds: usize, rng: &mut Rng, mut run: impl FnMut(usize)) -> Vec<Vec<f64>> {
    let mut seconds = vec![Vec::with_capacity(rounds + 1); strategies];
    for _ in 0..=rounds {
        let mut order: Vec<usize> = (0..strategies).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &s in &order {
            let start = Instant::now();
            run(s);
            seconds[s].push(start.elapsed().as_secs_f64());
        }
    }
    for times in &mut seconds {
        times.remove(0);
    }
    seconds
}

/// The median of `values` (sorted in place).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 0 {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

/// The median over rounds of `base`'s time over `strategy`'s (above 1: `strategy` is faster).
pub fn median_ratio(seconds: &[Vec<f64>], base: usize, strategy: usize) -> f64 {
    let mut ratios: Vec<f64> = seconds[base]
        .iter()
        .zip(&seconds[strategy])
        .map(|(base, own)| base / own)
        .collect();
    median(&mut ratios)
}

/// The median of one strategy's times.
pub fn median_seconds(seconds: &[Vec<f64>], strategy: usize) -> f64 {
    median(&mut seconds[strategy].clone())
}

/// An argument that is none of a harness's own flags: `--bench` (cargo passes it) is taken,
/// `--help` prints `usage`, anything else is said to be ignored. Gives whether to stop.
pub fn other_argument(arg: &str, usage: &str) -> bool {
    match arg {
        "--bench" => false,
        "--help" | "-h" => {
            println!("{usage}");
            true
        }
        other => {
            eprintln!("ignored argument: {other} (--help lists the flags)");
            false
        }
    }
}
