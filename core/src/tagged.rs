//! Reading the enums a book stores and takes (`Command`, `Event`) from
//! objects tagged by their `"type"` key, without a buffer.
//!
//! serde reads an internally tagged enum by first copying the whole object
//! into a buffer of its own (the tag may come last), then reading the
//! variant from that copy: for the events of a replay, about a quarter of
//! the time. A book writes the tag first, and so do hosts in practice, so
//! [`tagged_enum!`] gives such an enum a second, externally tagged reading
//! of its variants (serde's `remote` form of the same body) and
//! [`deserialize`] uses it straight on the rest of the object once the
//! first key turned out to be the tag. When it is not first, the object is
//! read into a `serde_json` value and the same variants read from that:
//! slower, and the same result.
//!
//! ```
//! use landed::command::Command;
//! // The tag first, as a book writes it, or anywhere else: the same command.
//! let first = Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":2,"reason":"sale"}"#)?;
//! let last = Command::from_json(r#"{"sku":"LAMP","location":"SZ","quantity":2,"reason":"sale","type":"issue"}"#)?;
//! assert_eq!(first, last);
//! assert!(serde_json::to_string(&first).unwrap().starts_with(r#"{"type":"issue","#));
//! let unknown = Command::from_json(r#"{"type":"steal","sku":"LAMP"}"#).unwrap_err();
//! assert_eq!(unknown.code(), "INVALID_COMMAND");
//! # Ok::<(), landed::LandedError>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{CowStrDeserializer, MapAccessDeserializer};
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, Error as _, IgnoredAny, IntoDeserializer, MapAccess,
    Unexpected, VariantAccess, Visitor,
};
use serde_json::{Map, Value};

/// The key that names the variant.
const TAG: &str = "type";

/// An enum whose variants can be read externally tagged
/// (`{"receive": {...}}`); implemented by [`tagged_enum!`].
pub(crate) trait Variants<'de>: Sized {
    /// The enum's name, for messages.
    const NAME: &'static str;

    /// Reads the enum from an externally tagged representation.
    fn from_variant<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Reads `T` from an object whose `"type"` key names the variant.
pub(crate) fn deserialize<'de, T: Variants<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(TaggedVisitor(PhantomData))
}

struct TaggedVisitor<T>(PhantomData<T>);

impl<'de, T: Variants<'de>> Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internally tagged enum {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        match map.next_key_seed(KeySeed)? {
            None => Err(A::Error::missing_field(TAG)),
            Some(Key::Tag) => {
                let variant = map.next_value_seed(NameSeed)?;
                T::from_variant(VariantOf { variant, map })
            }
            Some(Key::Other(first)) => {
                let mut object = Map::new();
                object.insert(first.into_owned(), map.next_value()?);
                while let Some(key) = map.next_key::<String>()? {
                    let value: Value = map.next_value()?;
                    if object.contains_key(&key) {
                        return Err(A::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                    object.insert(key, value);
                }
                let variant = match object.remove(TAG) {
                    Some(Value::String(variant)) => variant,
                    Some(other) => {
                        return Err(A::Error::invalid_type(
                            unexpected(&other),
                            &"a variant name",
                        ));
                    }
                    None => return Err(A::Error::missing_field(TAG)),
                };
                let mut outer = Map::new();
                outer.insert(variant, Value::Object(object));
                T::from_variant(Value::Object(outer)).map_err(A::Error::custom)
            }
        }
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// The first key of the object: the tag, or another (kept for the slow path).
enum Key<'de> {
    Tag,
    Other(Cow<'de, str>),
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(NameSeed).map(|key| {
            if key == TAG {
                Key::Tag
            } else {
                Key::Other(key)
            }
        })
    }
}

/// A string, borrowed from the text when it can be.
struct NameSeed;

impl<'de> DeserializeSeed<'de> for NameSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for NameSeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// The rest of an object after its tag, shown as an externally tagged enum.
struct VariantOf<'de, A> {
    variant: Cow<'de, str>,
    map: A,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for VariantOf<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for VariantOf<'de, A> {
    type Error = A::Error;
    type Variant = Fields<A>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Fields<A>), A::Error> {
        let name: CowStrDeserializer<'de, A::Error> = self.variant.into_deserializer();
        Ok((seed.deserialize(name)?, Fields(self.map)))
    }
}

/// The members of the object after its tag: the variant's fields.
struct Fields<A>(A);

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Fields<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        match self.0.next_key::<String>()? {
            None => Ok(()),
            Some(key) => {
                let _: IgnoredAny = self.0.next_value()?;
                Err(A::Error::unknown_field(&key, &[]))
            }
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        seed.deserialize(MapAccessDeserializer::new(self.0))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, A::Error> {
        Err(A::Error::invalid_type(Unexpected::Map, &"a tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
}

/// Defines an enum written and read internally tagged by `"type"` (with
/// `rename_all = "snake_case"`), read through [`deserialize`]: the body is
/// given once and also becomes a private mirror from which serde's
/// `remote` derive reads the variants externally tagged. The enum's own
/// attributes must not derive `Deserialize`.
macro_rules! tagged_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident read through $mirror:ident as $remote:literal {
            $($body:tt)*
        }
    ) => {
        $(#[$attr])*
        pub enum $name {
            $($body)*
        }

        /// The variants of the enum above, read externally tagged.
        #[derive(serde::Deserialize)]
        #[serde(remote = $remote, rename_all = "snake_case", deny_unknown_fields)]
        // Only so that the body's `schemars` field attributes are known.
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[allow(dead_code)]
        enum $mirror {
            $($body)*
        }

        impl<'de> $crate::tagged::Variants<'de> for $name {
            const NAME: &'static str = $remote;

            fn from_variant<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $mirror::deserialize(deserializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::tagged::deserialize(deserializer)
            }
        }
    };
}

pub(crate) use tagged_enum;

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    tagged_enum! {
        #[derive(Debug, PartialEq, Serialize)]
        #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
        pub enum Sample read through SampleVariants as "Sample" {
            Point(Point),
            Named {
                name: String,
                #[serde(default)]
                count: u32,
            },
            Empty {},
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub struct Point {
        x: i64,
        y: i64,
    }

    fn read(text: &str) -> Result<Sample, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn every_kind_of_variant_reads_with_its_tag_first_or_later() {
        let point = Sample::Point(Point { x: 1, y: -2 });
        assert_eq!(read(r#"{"type":"point","x":1,"y":-2}"#), Ok(point));
        assert_eq!(
            read(r#"{"x":1,"type":"point","y":-2}"#),
            read(r#"{"type":"point","x":1,"y":-2}"#)
        );
        assert_eq!(
            read(r#"{"x":1,"y":-2,"type":"point"}"#),
            read(r#"{"type":"point","x":1,"y":-2}"#)
        );
        let named = Sample::Named {
            name: "a".into(),
            count: 0,
        };
        assert_eq!(read(r#"{"type":"named","name":"a"}"#), Ok(named));
        assert_eq!(
            read(r#"{"name":"a","type":"named"}"#),
            read(r#"{"type":"named","name":"a"}"#)
        );
        assert_eq!(read(r#"{"type":"empty"}"#), Ok(Sample::Empty {}));
        // What the book writes reads back.
        let text = serde_json::to_string(&Sample::Named {
            name: "b".into(),
            count: 3,
        })
        .unwrap_or_default();
        assert_eq!(text, r#"{"type":"named","name":"b","count":3}"#);
        assert_eq!(
            read(&text),
            Ok(Sample::Named {
                name: "b".into(),
                count: 3
            })
        );
    }

    #[test]
    fn bad_objects_are_refused_by_both_readings() {
        for (first, later) in [
            // An unknown field, of a newtype variant and of a struct variant.
            (
                r#"{"type":"point","x":1,"y":2,"z":3}"#,
                r#"{"x":1,"y":2,"z":3,"type":"point"}"#,
            ),
            (r#"{"type":"empty","z":3}"#, r#"{"z":3,"type":"empty"}"#),
            (
                r#"{"type":"named","name":"a","extra":1}"#,
                r#"{"name":"a","extra":1,"type":"named"}"#,
            ),
            // An unknown variant, a missing field, a field of the wrong type.
            (r#"{"type":"circle","r":1}"#, r#"{"r":1,"type":"circle"}"#),
            (r#"{"type":"point","x":1}"#, r#"{"x":1,"type":"point"}"#),
            (
                r#"{"type":"point","x":"1","y":2}"#,
                r#"{"x":"1","y":2,"type":"point"}"#,
            ),
            // A repeated key, the tag's or a field's.
            (
                r#"{"type":"point","x":1,"y":2,"type":"point"}"#,
                r#"{"x":1,"type":"point","y":2,"type":"point"}"#,
            ),
            (
                r#"{"type":"point","x":1,"x":1,"y":2}"#,
                r#"{"x":1,"x":1,"y":2,"type":"point"}"#,
            ),
        ] {
            assert!(read(first).is_err(), "{first} was read");
            assert!(read(later).is_err(), "{later} was read");
        }
        let unknown = read(r#"{"type":"circle","r":1}"#).unwrap_err();
        assert!(
            unknown
                .starts_with("unknown variant `circle`, expected one of `point`, `named`, `empty`"),
            "{unknown}"
        );
        let unknown = read(r#"{"r":1,"type":"circle"}"#).unwrap_err();
        assert!(
            unknown
                .starts_with("unknown variant `circle`, expected one of `point`, `named`, `empty`"),
            "{unknown}"
        );
        let extra = read(r#"{"type":"named","name":"a","extra":1}"#).unwrap_err();
        assert!(
            extra.starts_with("unknown field `extra`, expected `name` or `count`"),
            "{extra}"
        );
        for missing in [r#"{}"#, r#"{"x":1,"y":2}"#] {
            let message = read(missing).unwrap_err();
            assert!(message.starts_with("missing field `type`"), "{message}");
        }
        for not_a_name in [
            r#"{"type":3,"x":1}"#,
            r#"{"x":1,"type":null}"#,
            r#"{"x":1,"type":["point"]}"#,
        ] {
            assert!(read(not_a_name).is_err(), "{not_a_name} was read");
        }
        for not_an_object in [r#""point""#, r#"["point",1,2]"#, "null", "3"] {
            let message = read(not_an_object).unwrap_err();
            assert!(
                message.contains("expected internally tagged enum Sample"),
                "{message}"
            );
        }
    }
}
