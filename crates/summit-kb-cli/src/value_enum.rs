//! The model's field-less enums as values of command-line flags (`--kind
//! appointment`). The core crate knows no command line, so its enums do not
//! derive clap's `ValueEnum`; their values and help come from what the core
//! already declares: the serde name of each variant and its doc comment, as
//! the model's JSON Schema gives them.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use schemars::JsonSchema;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde_json::Value;

/// A parser of `T`'s serde names (any case), which lists each with its help
/// in `--help` and offers them to shell completion.
pub fn parser<T>() -> impl TypedValueParser<Value = T>
where
    T: JsonSchema + DeserializeOwned + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(possible_values::<T>()).map(|name| {
        let name = name.to_ascii_lowercase();
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            name.as_str().into_deserializer();
        T::deserialize(de).expect("a possible value is a variant's serde name")
    })
}

/// Each variant's serde name, in the order the enum declares them, and,
/// when it has one, its doc comment's summary.
fn possible_values<T: JsonSchema + DeserializeOwned>() -> Vec<PossibleValue> {
    let schema = schemars::schema_for!(T).to_value();
    let mut helps = std::collections::HashMap::new();
    let mut note = |schema: &Value| {
        let help = schema.get("description").and_then(Value::as_str);
        let names = match (schema.get("const"), schema.get("enum")) {
            (Some(name), _) => vec![name],
            (None, Some(Value::Array(names))) => names.iter().collect(),
            _ => Vec::new(),
        };
        for name in names.into_iter().filter_map(Value::as_str) {
            helps.insert(name.to_string(), help.map(summary));
        }
    };
    match schema.get("oneOf") {
        Some(Value::Array(variants)) => variants.iter().for_each(&mut note),
        _ => note(&schema),
    }
    variant_names::<T>()
        .iter()
        .map(|name| {
            let value = PossibleValue::new(*name);
            match helps.get(*name).cloned().flatten() {
                Some(help) => value.help(help),
                None => value,
            }
        })
        .collect()
}

/// The serde names of an enum's variants in their order, as serde's derive
/// hands them to a deserialiser (the JSON Schema groups those without a doc
/// comment apart).
fn variant_names<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    struct Names(&'static [&'static str]);

    impl<'de> de::Deserializer<'de> for &mut Names {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not an enum"))
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            variants: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = variants;
            Err(de::Error::custom("names taken"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct identifier ignored_any
        }
    }

    let mut names = Names(&[]);
    let _ = T::deserialize(&mut names);
    names.0
}

/// What clap's derive shows of a doc comment as a value's help: its first
/// paragraph on one line, without a final period.
fn summary(doc: &str) -> String {
    let first = doc.split("\n\n").next().unwrap_or(doc);
    let line = first.split_whitespace().collect::<Vec<_>>().join(" ");
    line.strip_suffix('.').unwrap_or(&line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DecisionKind, DocumentKind, SourceKind};

    fn names<T: JsonSchema + DeserializeOwned>() -> Vec<String> {
        possible_values::<T>()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    }

    #[test]
    fn every_variant_is_offered_in_order_with_its_help() {
        let decisions = possible_values::<DecisionKind>();
        assert_eq!(decisions[0].get_name(), "appointment");
        assert_eq!(
            decisions[0].get_help().map(ToString::to_string).as_deref(),
            Some("Appoints someone to a post, opening a term")
        );
        assert_eq!(decisions.last().unwrap().get_name(), "other");
        assert!(names::<DecisionKind>().contains(&"next-meeting".to_string()));
        // In the order of the enum, documented or not.
        let order = names::<DecisionKind>();
        let at = |n: &str| order.iter().position(|x| x == n).unwrap();
        assert!(at("establishment") < at("budget") && at("amendment") < at("chairmanship"));
        assert_eq!(
            names::<SourceKind>(),
            ["official", "news-agency", "secondary"]
        );
        assert_eq!(
            names::<DocumentKind>().first().map(String::as_str),
            Some("treaty")
        );
        // Each name reads back as its variant, in any case.
        let cmd = clap::Command::new("t").arg(
            clap::Arg::new("kind")
                .long("kind")
                .ignore_case(true)
                .value_parser(parser::<DecisionKind>()),
        );
        let m = cmd
            .try_get_matches_from(["t", "--kind", "Next-Meeting"])
            .unwrap();
        assert_eq!(
            m.get_one::<DecisionKind>("kind"),
            Some(&DecisionKind::NextMeeting)
        );
    }
}
