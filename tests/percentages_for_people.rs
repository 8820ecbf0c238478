//! One way to write a percentage for people: every share and change Tandem shows goes
//! through `model::core::format` (`percent`, `percent_of`, `percent_change`), so the same
//! figure never reads with two roundings on two screens (the health card, the fit
//! verdict, the planner and the metrics tab each had their own `percent`, differing on
//! negative shares, shares over 100 %, thousands and a share of nothing). The first tests
//! pin the three forms; the last reads the source and fails when a file outside the
//! formatter defines its own `percent` function again, naming the file and line.

mod common;
use common::source_files;

use proptest::prelude::*;
use tandem::model::core::format::{percent, percent_change, percent_of};

#[test]
fn a_share_reads_as_a_whole_percentage() {
    assert_eq!(percent(0.714), "71 %");
    assert_eq!(percent(0.125), "13 %", "half away from zero");
    assert_eq!(percent(0.0), "0 %");
    assert_eq!(percent(1.0), "100 %");
    assert_eq!(
        percent(12.5),
        "1,250 %",
        "beyond 100 % with thousands, as the planner's coverage"
    );
    assert_eq!(percent(-0.05), "−5 %", "a minus sign, not a hyphen");
    assert_eq!(percent(-0.001), "0 %", "no negative zero");
    assert_eq!(
        percent(f64::NAN),
        "—",
        "a share of nothing is no number, not 0 %"
    );
    assert_eq!(percent(f64::INFINITY), "—");
}

#[test]
fn a_share_of_two_counts_reads_to_a_tenth() {
    assert_eq!(percent_of(36_700, 10 * 1024 * 1024), "0.3 %");
    assert_eq!(
        percent_of(2, 3),
        "66.6 %",
        "rounded down: never shows more used than is"
    );
    assert_eq!(percent_of(5, 0), "0.0 %");
}

#[test]
fn a_change_reads_signed_with_a_decimal_only_below_ten_percent() {
    assert_eq!(percent_change(0.12), "+12 %");
    assert_eq!(percent_change(-0.035), "−3.5 %");
    assert_eq!(percent_change(0.004), "+0.4 %");
    assert_eq!(percent_change(2.5), "+250 %");
    assert_eq!(percent_change(25.0), "+2,500 %");
    assert_eq!(percent_change(0.0), "0.0 %");
    assert_eq!(
        percent_change(0.09996),
        "+10 %",
        "tenths that round up to ten drop the decimal"
    );
    assert_eq!(percent_change(f64::NAN), "—");
}

#[test]
fn a_change_and_a_share_of_the_same_size_round_alike() {
    // 12.451 %: the change was rounded twice (to 124.5 tenths, then up to 13) and read
    // "+13 %" beside a share of "12 %".
    assert_eq!(percent(0.12451), "12 %");
    assert_eq!(percent_change(0.12451), "+12 %");
}

proptest! {
    #[test]
    fn changes_of_ten_percent_and_more_read_as_the_share_with_its_sign(rate in 0.1f64..1e6) {
        prop_assert_eq!(percent_change(rate), format!("+{}", percent(rate)));
        prop_assert_eq!(percent_change(-rate), percent(-rate));
    }

    #[test]
    fn every_share_reads_as_a_number_and_a_percent_sign(share in -1e6f64..1e6) {
        let text = percent(share);
        prop_assert!(text.ends_with(" %"));
        let digits = text.trim_start_matches('−').trim_end_matches(" %").replace(',', "");
        prop_assert!(digits.parse::<u64>().is_ok(), "{}", text);
    }
}

#[test]
fn no_file_but_the_formatter_defines_a_percent_function() {
    let mut found = Vec::new();
    for (file, rel) in source_files("src", 100) {
        if rel == "src/model/core/format.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("fn percent") {
                found.push(format!("{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a percentage written by hand: use model::core::format::percent, percent_of or \
         percent_change, so one figure reads the same on every screen:\n{}",
        found.join("\n")
    );
}
