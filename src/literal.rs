//! Writes records as Rust expressions that a `static` can hold: how build.rs
//! compiles the checked embedded dataset into the binary, so that a query on
//! it reads the records where they lie instead of parsing or building them.
//!
//! Every struct is written with all its fields, named: the impls below take
//! each struct apart without `..`, so a field added to the model and not here
//! does not compile, and a field left out of the generated code would not
//! compile either.

use std::fmt::Write as _;

use crate::date::Date;
use crate::model::*;

/// A value that can be written as a constant Rust expression of its type,
/// with the model's types, `Cow` and `Date` in scope.
pub trait Literal {
    fn literal(&self, out: &mut String);
}

/// The expression that builds `value`.
pub fn literal_of<T: Literal + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.literal(&mut out);
    out
}

impl Literal for str {
    fn literal(&self, out: &mut String) {
        // Debug writes a string as a Rust literal, escapes included.
        let _ = write!(out, "Cow::Borrowed({self:?})");
    }
}

impl<T: Literal + Clone> Literal for List<T> {
    fn literal(&self, out: &mut String) {
        out.push_str("Cow::Borrowed(&[");
        for item in self.iter() {
            item.literal(out);
            out.push(',');
        }
        out.push_str("])");
    }
}

impl Literal for Text {
    fn literal(&self, out: &mut String) {
        self.as_ref().literal(out);
    }
}

impl<T: Literal> Literal for Option<T> {
    fn literal(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(value) => {
                out.push_str("Some(");
                value.literal(out);
                out.push(')');
            }
        }
    }
}

impl Literal for bool {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Literal for Date {
    fn literal(&self, out: &mut String) {
        let (year, month, day) = self.parts();
        let _ = write!(out, "Date::from_parts({year},{month:?},{day:?})");
    }
}

impl Literal for ClaimValue {
    fn literal(&self, out: &mut String) {
        match self {
            ClaimValue::Integer(n) => {
                let _ = write!(out, "ClaimValue::Integer({n})");
            }
            ClaimValue::Text(text) => {
                out.push_str("ClaimValue::Text(");
                text.literal(out);
                out.push(')');
            }
        }
    }
}

/// A field-less enum, written as its variant's path.
macro_rules! unit_enums {
    ($($name:ident),* $(,)?) => {$(
        impl Literal for $name {
            fn literal(&self, out: &mut String) {
                let _ = write!(out, concat!(stringify!($name), "::{:?}"), self);
            }
        }
    )*};
}

crate::model::value_enums!(unit_enums);

/// A struct, written with every field by name.
macro_rules! structs {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Literal for $name {
            fn literal(&self, out: &mut String) {
                let $name { $($field),* } = self;
                out.push_str(concat!(stringify!($name), "{"));
                $(
                    out.push_str(concat!(stringify!($field), ":"));
                    $field.literal(out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    )*};
}

structs! {
    DatasetInfo { name, description, licence }
    Source { id, publisher, title, url, published, language, kind, note }
    Citation { source, quote, note, confidence }
    Alias { name, kind, lang, note, citations }
    Organization { id, name, aliases, summary, citations }
    State { id, name, aliases, citations }
    Membership { id, organization, state, status, changes, note, citations }
    MembershipChange { date, kind, confidence, note, citations }
    Body { id, organization, name, aliases, parent, established, established_by, summary, citations }
    Person { id, name, aliases, country, summary, citations }
    Post { id, organization, body, name, aliases, single_holder, citations }
    Term { id, post, person, start, end, acting, appointed_by, appointment_note, end_cause, end_derived, note, citations }
    Outcomes { recorded, note }
    Meeting { id, body, name, date, start_date, end_date, status, kind, kind_confidence, place, venue, chair_state, chair_person, format, participants, absentees, attendance, outcomes, summary, confidence, note, citations }
    Participant { person, state, role }
    Absentee { state, note, citations }
    Document { id, title, aliases, kind, adopted_at, adopted, place, in_force, valid_from, valid_to, amends, topics, summary, confidence, note, citations }
    Decision { id, meeting, kind, title, effective, concerns, summary, confidence, note, citations }
    Chairmanship { id, organization, state, label, start, end, handed_over_at, decided_at, temporary, confidence, head_of_state, slogan, priorities, handed_to, note, citations }
    Slogan { text, lang, renderings, citations }
    Rendering { text, lang, citations }
    Priority { text, citations }
    Operation { id, organization, name, aliases, since, summary, events, confidence, citations }
    Event { date, text, citations }
    Claim { id, subject, property, value, confidence, note, citations }
}

/// The records of a dataset, list by list. Its `meta` (what an export says of
/// itself) is not a record and is dropped when a file is loaded, so it is
/// never written.
macro_rules! dataset {
    ($($list:ident),* $(,)?) => {
        impl Literal for Dataset {
            fn literal(&self, out: &mut String) {
                let Dataset { meta: _, dataset, $($list),* } = self;
                out.push_str("Dataset{meta:None,dataset:");
                dataset.literal(out);
                $(
                    out.push_str(concat!(",", stringify!($list), ":"));
                    $list.literal(out);
                )*
                out.push('}');
            }
        }
    };
}

dataset!(
    source,
    organization,
    state,
    membership,
    body,
    person,
    post,
    term,
    meeting,
    document,
    decision,
    chairmanship,
    operation,
    claim,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_rust_literals_with_their_escapes() {
        assert_eq!(literal_of("plain"), r#"Cow::Borrowed("plain")"#);
        assert_eq!(
            literal_of("a \"quote\"\\ and\na line\t\u{7}"),
            r#"Cow::Borrowed("a \"quote\"\\ and\na line\t\u{7}")"#
        );
        assert_eq!(literal_of("Ташкент"), r#"Cow::Borrowed("Ташкент")"#);
    }

    #[test]
    fn options_lists_enums_and_dates_are_written_as_their_constructors() {
        let date: Date = "2025-11".parse().unwrap();
        assert_eq!(
            literal_of(&Some(date)),
            "Some(Date::from_parts(2025,Some(11),None))"
        );
        let none: Option<Text> = None;
        assert_eq!(literal_of(&none), "None");
        assert_eq!(
            literal_of(&DocumentKind::Declaration),
            "DocumentKind::Declaration"
        );
        let list: List<Text> = vec!["a".into(), "b".into()].into();
        assert_eq!(
            literal_of(&list),
            r#"Cow::Borrowed(&[Cow::Borrowed("a"),Cow::Borrowed("b"),])"#
        );
        assert_eq!(
            literal_of(&ClaimValue::Integer(-4)),
            "ClaimValue::Integer(-4)"
        );
    }

    #[test]
    fn a_struct_is_written_with_every_field_by_name() {
        let citation = Citation {
            source: "s".into(),
            quote: None,
            note: Some("n".into()),
            confidence: Confidence::Unconfirmed,
        };
        assert_eq!(
            literal_of(&citation),
            r#"Citation{source:Cow::Borrowed("s"),quote:None,note:Some(Cow::Borrowed("n")),confidence:Confidence::Unconfirmed,}"#
        );
    }
}
