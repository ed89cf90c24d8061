//! The chained setters of the command payloads' constructors
//! (`Receive::new(..).lot("L1")`): one macro, so every optional field is
//! set the same way.
//!
//! ```
//! use landed::command::Receive;
//! use landed::Money;
//! // Each setter fills one optional field; the others keep their defaults.
//! let receive = Receive::new("LAMP", "SZ", 100, Money::parse("17.75", "CNY")?).lot("L1");
//! assert_eq!((receive.lot.as_deref(), receive.reference), (Some("L1"), None));
//! # Ok::<(), landed::LandedError>(())
//! ```

/// Chained setters, each `name: set Type;` (the field takes the value),
/// `name: opt Type;` (an optional field takes `Some(value)`) or
/// `name: some Type;` (an optional text takes `Some(value.into())`), with
/// the doc comment written above it.
macro_rules! setters {
    ($( $(#[$doc:meta])* $name:ident: $kind:ident $ty:ty; )*) => {
        $( $crate::builder::setters!(@one $(#[$doc])* $name $kind $ty); )*
    };
    (@one $(#[$doc:meta])* $name:ident set $ty:ty) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, $name: $ty) -> Self {
            self.$name = $name;
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident opt $ty:ty) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, $name: $ty) -> Self {
            self.$name = Some($name);
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident some $ty:ty) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, $name: impl Into<$ty>) -> Self {
            self.$name = Some($name.into());
            self
        }
    };
}

pub(crate) use setters;

/// `impl From<Payload> for Command` for the commands whose whole content is
/// one payload type, and the same into the `Cow` that `Book::execute`
/// takes, so `book.execute(Receive::new(..), &ctx)` works.
macro_rules! into_command {
    ($($payload:ty => $variant:ident,)*) => {
        $(
            impl From<$payload> for $crate::book::command::Command {
                fn from(payload: $payload) -> Self {
                    Self::$variant(payload)
                }
            }

            impl From<$payload> for std::borrow::Cow<'_, $crate::book::command::Command> {
                fn from(payload: $payload) -> Self {
                    Self::Owned($crate::book::command::Command::$variant(payload))
                }
            }
        )*
    };
}

pub(crate) use into_command;
