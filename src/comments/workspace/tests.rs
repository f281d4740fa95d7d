//! The workspace's filters.

use super::*;

#[test]
fn filters_round_trip_through_the_query_string() {
    let f = Filters {
        kind: "technical".into(),
        q: "two keys & seals".into(),
        ..Filters::default()
    };
    assert_eq!(f.query(), "?kind=technical&q=two%20keys%20%26%20seals");
    assert_eq!(Filters::default().query(), "");
    assert!(f.is_active());
    assert!(!Filters::default().is_active());
}
