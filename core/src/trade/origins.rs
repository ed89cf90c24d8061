//! The cost origins a book holds, by id: one per receipt line and transfer
//! line. Ids are given in order and never reused; an origin leaves when
//! `archive_closed` removes its document (nothing can name it afterwards:
//! every lookup goes through the document), so the list holds the open
//! business's origins, not every line the book ever received.
//!
//! A list with no origin removed is written as before, a JSON array whose
//! positions are the ids; once some have left, as
//! `{"next": <next id>, "live": [[id, origin], ...]}` in ascending id order.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let mut book = lamp_book()?;
//! // T-1 line 1 (id 0), then GRN-1 line 1 (id 1).
//! assert_eq!((lamp_trade(&book).origins.len(), lamp_trade(&book).origins.next_id()), (2, 2));
//! // T-1, received on the 8th, leaves with its origin; ids are not reused.
//! let cut_off = landed::Command::from_json(r#"{"type":"archive_closed","before":"2026-11-09"}"#)?;
//! book.execute(cut_off, &ctx("2026-12-31", "archive")?)?;
//! let origins = lamp_trade(&book).origins;
//! assert_eq!((origins.len(), origins.next_id()), (1, 2));
//! assert!(origins.get(0).is_none());
//! assert_eq!(origins.get(1).map(|o| o.target.to_string()), Some("receipt GRN-1 line 1".into()));
//! # Ok(()) }
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Origin;

/// The cost origins by id (see the module documentation).
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// let origins = lamp_trade(&lamp_book()?).origins;
/// assert_eq!(origins.iter().map(|o| o.sku.as_str()).collect::<Vec<_>>(), ["LAMP", "LAMP"]);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origins {
    /// The id the next origin gets.
    next: u32,
    /// The origins still held, ascending by id.
    live: Vec<(u32, Origin)>,
}

impl Origins {
    /// The origins still held.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let origins = lamp_trade(&lamp_book()?).origins;
    /// assert_eq!(origins.len(), 2);
    /// # Ok(()) }
    /// ```
    pub fn len(&self) -> usize {
        self.live.len()
    }

    /// True when no origin is held.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let origins = lamp_trade(&lamp_book()?).origins;
    /// assert!(!origins.is_empty() && landed::trade::Origins::default().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }

    /// The id the next origin gets.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let origins = lamp_trade(&lamp_book()?).origins;
    /// assert_eq!(origins.next_id(), 2);
    /// # Ok(()) }
    /// ```
    pub fn next_id(&self) -> u32 {
        self.next
    }

    /// True when no origin was ever added (left out of snapshots). Not
    /// `is_empty`: a list whose origins all left still holds the next id.
    pub(crate) fn is_unused(&self) -> bool {
        self.next == 0
    }

    fn position(&self, id: u32) -> Option<usize> {
        // Dense (nothing removed yet): the position is the id.
        if self.live.len() == self.next as usize {
            return Some(id as usize).filter(|&at| at < self.live.len());
        }
        self.live.binary_search_by_key(&id, |(i, _)| *i).ok()
    }

    /// The origin `id`, if it is held.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let origins = lamp_trade(&lamp_book()?).origins;
    /// assert_eq!(origins.get(0).map(|o| o.target.to_string()), Some("transfer T-1 line 1".into()));
    /// assert!(origins.get(2).is_none());
    /// # Ok(()) }
    /// ```
    pub fn get(&self, id: u32) -> Option<&Origin> {
        self.position(id).map(|at| &self.live[at].1)
    }

    /// The origin `id`, to change.
    pub(crate) fn get_mut(&mut self, id: u32) -> Option<&mut Origin> {
        self.position(id).map(|at| &mut self.live[at].1)
    }

    /// The origins held, ascending by id.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let origins = lamp_trade(&lamp_book()?).origins;
    /// assert_eq!(origins.iter().map(|o| o.quantity).collect::<Vec<_>>(), [40, 50]);
    /// # Ok(()) }
    /// ```
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Origin> + ExactSizeIterator {
        self.live.iter().map(|(_, o)| o)
    }

    /// The origins held with their ids, ascending by id.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let origins = lamp_trade(&lamp_book()?).origins;
    /// assert_eq!(origins.entries().map(|(id, _)| id).collect::<Vec<_>>(), [0, 1]);
    /// # Ok(()) }
    /// ```
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (u32, &Origin)> + ExactSizeIterator {
        self.live.iter().map(|(id, o)| (*id, o))
    }

    /// The first of `count` new ids for a document's lines, refused while
    /// planning when the ids would run out (with one to spare, so that
    /// counting past the last one cannot overflow).
    pub(crate) fn ids_for(&self, count: usize) -> crate::Result<u32> {
        u32::try_from(count)
            .ok()
            .and_then(|n| self.next.checked_add(n)?.checked_add(1))
            .map(|_| self.next)
            .ok_or_else(|| crate::LandedError::overflow("cost origin ids"))
    }

    /// Adds an origin under the next id, which it returns; `None` when the
    /// ids are exhausted (the planner refused that before: see `ids_for`).
    pub(crate) fn push(&mut self, origin: Origin) -> Option<u32> {
        let id = self.next;
        self.next = id.checked_add(1)?;
        self.live.push((id, origin));
        Some(id)
    }

    /// Removes the origins whose ids are in `ids` (sorted or not).
    pub(crate) fn remove(&mut self, ids: &[u32]) {
        if ids.is_empty() {
            return;
        }
        let mut gone = ids.to_vec();
        gone.sort_unstable();
        self.live.retain(|(id, _)| gone.binary_search(id).is_err());
    }
}

impl<'a> IntoIterator for &'a Origins {
    type Item = &'a Origin;
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (u32, Origin)>, fn(&'a (u32, Origin)) -> &'a Origin>;
    fn into_iter(self) -> Self::IntoIter {
        self.live.iter().map(|(_, o)| o)
    }
}

/// The written form of a list some origins have left.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sparse<O> {
    next: u32,
    live: Vec<(u32, O)>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    Dense(Vec<Origin>),
    Sparse(Sparse<Origin>),
}

impl Serialize for Origins {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.live.len() == self.next as usize {
            serializer.collect_seq(self.iter())
        } else {
            Sparse {
                next: self.next,
                live: self.entries().collect::<Vec<_>>(),
            }
            .serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Origins {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Written::deserialize(deserializer)? {
            Written::Dense(list) => {
                let next = u32::try_from(list.len())
                    .map_err(|_| D::Error::custom("more cost origins than ids"))?;
                Ok(Self {
                    next,
                    live: (0..next).zip(list).collect(),
                })
            }
            Written::Sparse(Sparse { next, live }) => {
                let mut last: Option<u32> = None;
                for (id, _) in &live {
                    if *id >= next || last.is_some_and(|l| l >= *id) {
                        return Err(D::Error::custom(
                            "cost origin ids are ascending and below `next`",
                        ));
                    }
                    last = Some(*id);
                }
                Ok(Self { next, live })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Origins;
    use crate::trade::{CostTarget, Origin};
    use rust_decimal::Decimal;

    fn origin(line: u32) -> Origin {
        Origin {
            target: CostTarget::Receipt {
                receipt: "GRN".into(),
                line,
            },
            sku: "LAMP".into(),
            quantity: 1,
            purchase: Decimal::ONE,
            charges: crate::vec_map::VecMap::new(),
            price_difference: Decimal::ZERO,
        }
    }

    #[test]
    fn ids_are_kept_when_origins_leave_and_read_back_in_either_form() {
        let mut origins = Origins::default();
        for line in 0..5 {
            assert_eq!(origins.push(origin(line)), Some(line));
        }
        let dense = serde_json::to_value(&origins).unwrap();
        assert!(dense.is_array());
        assert_eq!(serde_json::from_value::<Origins>(dense).unwrap(), origins);
        origins.remove(&[3, 1]);
        assert_eq!((origins.len(), origins.next_id()), (3, 5));
        assert!(origins.get(1).is_none() && origins.get(5).is_none());
        assert_eq!(origins.get(4).map(|o| o.quantity), Some(1));
        assert_eq!(origins.push(origin(9)), Some(5));
        let sparse = serde_json::to_value(&origins).unwrap();
        assert_eq!(sparse["next"], 6);
        assert_eq!(
            sparse["live"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p[0].as_u64().unwrap())
                .collect::<Vec<_>>(),
            [0, 2, 4, 5]
        );
        assert_eq!(
            serde_json::from_value::<Origins>(sparse.clone()).unwrap(),
            origins
        );
        // Ids out of order, or at `next` or above, are refused.
        for bad in [
            serde_json::json!({"next": 6, "live": [[2, sparse["live"][0][1]], [0, sparse["live"][0][1]]]}),
            serde_json::json!({"next": 2, "live": [[2, sparse["live"][0][1]]]}),
        ] {
            assert!(serde_json::from_value::<Origins>(bad).is_err());
        }
    }
}
