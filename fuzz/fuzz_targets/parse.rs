//! Arbitrary text to the small parsers: dates (`date::Date`), query days
//! (`args::parse_day`), the post and id resolvers of the embedded dataset, and
//! the whole command line (`Cli::try_parse_from`, NUL bytes splitting argv).

#![no_main]

use std::sync::OnceLock;

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use summit_kb::args;
use summit_kb::cli::Cli;
use summit_kb::date::Date;
use summit_kb::kb::{self, Kb};
use summit_kb::load::{self, Loaded};
use summit_kb::model::RecordKind;

fn embedded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        load::from_path(&data).expect("the shipped dataset loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(date) = text.parse::<Date>() {
        // A date prints back as the text it was read from.
        assert_eq!(date.to_string(), text);
        assert!(date.first_day() <= date.last_day());
    }
    let _ = args::parse_day(text);

    let kb = Kb::new(embedded());
    let _ = kb.resolve_post(text);
    let _ = kb.require(text);
    let _ = kb.require_kind(text, RecordKind::Meeting);
    let _ = kb.name_of(text);
    let _ = kb::fold(text);

    let argv = std::iter::once("summit-kb").chain(text.split('\0'));
    if let Ok(cli) = Cli::try_parse_from(argv) {
        let _ = format!("{cli:?}");
    }
});
