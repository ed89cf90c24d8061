//! A list that holds its first item inline.
//!
//! Most outgoing movements take one lot and most listings sell one SKU, yet
//! the lists the planner builds for them (lots picked, components resolved)
//! were vectors: one allocation and one free per line of every order. A
//! `Few` keeps a single item in place and moves to a vector only for the
//! second one.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Order 1001 holds 3 lamps at Los Angeles and 2 at Shenzhen: its shipment
//! // issues one lot of one SKU at each, in the order the line was routed.
//! use landed::Event;
//! let mut book = sales_book()?;
//! let ship = landed::Command::from_json(
//!     r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
//! let out = book.execute(ship, &ctx("2026-11-21", "ship-1")?)?;
//! let issued: Vec<(String, i64)> = out.events.iter().filter_map(|r| match &r.event {
//!     Event::Issued(s) => Some((s.location.to_string(), s.quantity)),
//!     _ => None,
//! }).collect();
//! assert_eq!(issued, [("LA".to_string(), 3), ("SZ".to_string(), 2)]);
//! # Ok(()) }
//! ```

/// One item inline, or several in a vector.
#[derive(Debug, Default)]
pub(crate) enum Few<T> {
    /// Nothing yet.
    #[default]
    None,
    /// Exactly one item.
    One(T),
    /// Two or more.
    Many(Vec<T>),
}

impl<T> Few<T> {
    /// Adds an item at the end.
    pub(crate) fn push(&mut self, item: T) {
        *self = match std::mem::replace(self, Few::None) {
            Few::None => Few::One(item),
            Few::One(first) => Few::Many(vec![first, item]),
            Few::Many(mut items) => {
                items.push(item);
                Few::Many(items)
            }
        };
    }

    /// The items, in the order pushed.
    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            Few::None => &[],
            Few::One(item) => std::slice::from_ref(item),
            Few::Many(items) => items,
        }
    }
}

impl<T> std::ops::Deref for Few<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

/// The items of a [`Few`], by value.
pub(crate) enum FewIter<T> {
    Inline(Option<T>),
    Heap(std::vec::IntoIter<T>),
}

impl<T> Iterator for FewIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        match self {
            FewIter::Inline(item) => item.take(),
            FewIter::Heap(items) => items.next(),
        }
    }
}

impl<T> IntoIterator for Few<T> {
    type Item = T;
    type IntoIter = FewIter<T>;

    fn into_iter(self) -> FewIter<T> {
        match self {
            Few::None => FewIter::Inline(None),
            Few::One(item) => FewIter::Inline(Some(item)),
            Few::Many(items) => FewIter::Heap(items.into_iter()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Few;

    #[test]
    fn a_few_keeps_the_order_pushed_inline_and_on_the_heap() {
        let mut few = Few::default();
        assert_eq!(few.len(), 0);
        few.push(7);
        assert!(matches!(few, Few::One(7)));
        assert_eq!(few.as_slice(), &[7]);
        few.push(8);
        few.push(9);
        assert_eq!(few.as_slice(), &[7, 8, 9]);
        assert_eq!(few.into_iter().collect::<Vec<_>>(), vec![7, 8, 9]);
        let mut one = Few::default();
        one.push("a");
        assert_eq!(one.into_iter().collect::<Vec<_>>(), vec!["a"]);
    }
}
