//! Python values ⇄ the JSON text that `landed_json::JsonBook` speaks.
//!
//! Commands, contexts, configs and events go in as JSON whose shape is the
//! serde form of the core types (`docs/schema/`); events and reports come
//! back the same way. Neither direction knows a single field name: the
//! shapes are the core's, and the only per-key rule is
//! `landed_json::DECIMAL_FIELDS` (string values under those keys become
//! `decimal.Decimal`).
//!
//! Python → JSON ([`to_json`]): `dict` (any `Mapping` with `str` keys),
//! `list`/`tuple`, `str`, `int`, `bool`, `None`, `decimal.Decimal` (a
//! decimal string, never in exponent form), `landed.Money` (its
//! `{"amount", "currency"}` object), `landed.Currency` (its code),
//! `datetime.datetime` (time-zone aware only, sent as RFC 3339 UTC) and
//! `datetime.date` (`"YYYY-MM-DD"`). A `float` anywhere is a `TypeError`
//! naming the key path (`command.unit_cost.amount`), as is any other type.
//!
//! JSON → Python ([`from_json`]): objects become `dict` (in the core's key
//! order), arrays `list`, numbers `int`; strings stay `str` except under a
//! decimal key, where they become `decimal.Decimal`, scale kept.

use std::cell::RefCell;
use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyMappingMethods,
    PyString, PyTuple,
};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::convert::decimal_class;
use crate::money::{PyCurrency, PyMoney};

/// `datetime.timezone.utc`, imported once per interpreter.
static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn utc(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    UTC.get_or_try_init(py, || {
        Ok(py
            .import("datetime")?
            .getattr("timezone")?
            .getattr("utc")?
            .unbind())
    })
    .map(|utc| utc.bind(py))
}

/// The name of a value's type, for error messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// The JSON text of `value`. `root` names the argument in error messages
/// (`"command"`, `"context"`…); paths below it read `command.unit_cost`,
/// `batch[2].command`.
pub(crate) fn to_json(value: &Bound<'_, PyAny>, root: &str) -> PyResult<String> {
    let mut writer = Writer {
        out: String::with_capacity(256),
        path: root.to_owned(),
        depth: 0,
    };
    writer.write(value)?;
    Ok(writer.out)
}

/// An aware `datetime.datetime` as RFC 3339 in UTC (`2026-11-02T09:00:00Z`).
/// A naive one is a `TypeError`: the book cannot guess its time zone.
pub(crate) fn datetime_to_rfc3339(value: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    if value.call_method0("utcoffset")?.is_none() {
        return Err(PyTypeError::new_err(format!(
            "{path}: a naive datetime.datetime is not accepted (its time zone is unknown): \
             attach one, e.g. datetime(..., tzinfo=timezone.utc)"
        )));
    }
    let in_utc = value.call_method1("astimezone", (utc(value.py())?,))?;
    let instant: DateTime<Utc> = in_utc.extract()?;
    Ok(instant.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

struct Writer {
    out: String,
    /// Where the value being written sits, for error messages.
    path: String,
    /// Containers open around the value being written.
    depth: usize,
}

/// Deeper than any command; also stops a list that contains itself.
const MAX_DEPTH: usize = 64;

impl Writer {
    fn fail(&self, what: impl fmt::Display) -> PyErr {
        PyTypeError::new_err(format!("{}: {what}", self.path))
    }

    fn enter(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PyValueError::new_err(format!(
                "{}: nested more than {MAX_DEPTH} levels deep",
                self.path
            )));
        }
        Ok(())
    }

    fn write_str(&mut self, text: &str) {
        // Serializing a `str` cannot fail.
        self.out
            .push_str(&serde_json::to_string(text).unwrap_or_default());
    }

    fn write(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = value.py();
        if value.is_none() {
            self.out.push_str("null");
        } else if let Ok(flag) = value.cast::<PyBool>() {
            self.out
                .push_str(if flag.is_true() { "true" } else { "false" });
        } else if value.is_instance_of::<PyInt>() {
            // `int(value)` drops subclasses (IntEnum…) whose str() is not
            // the digits; the core refuses numbers out of its range.
            let exact = py.get_type::<PyInt>().call1((value,))?;
            self.out.push_str(exact.str()?.to_str()?);
        } else if value.is_instance_of::<PyFloat>() {
            let text = value.repr()?;
            return Err(self.fail(format!(
                "a float ({text}) is not accepted, floats are inexact: \
                 use decimal.Decimal(\"{text}\") or the str \"{text}\""
            )));
        } else if let Ok(text) = value.cast::<PyString>() {
            self.write_str(text.to_str()?);
        } else if value.is_instance(decimal_class(py)?.as_any())? {
            // `str(Decimal)` may use exponent notation (`1E+3`), which the
            // core refuses; the `f` format is plain and never rounds.
            let text: String = value.call_method1("__format__", ("f",))?.extract()?;
            self.write_str(&text);
        } else if let Ok(money) = value.cast::<PyMoney>() {
            let money = money.get().0;
            self.out.push_str("{\"amount\":");
            self.write_str(&money.amount.to_string());
            self.out.push_str(",\"currency\":");
            self.write_str(money.currency.code());
            self.out.push('}');
        } else if let Ok(currency) = value.cast::<PyCurrency>() {
            self.write_str(currency.get().0.code());
        } else if value.is_instance_of::<PyDateTime>() {
            let text = datetime_to_rfc3339(value, &self.path)?;
            self.write_str(&text);
        } else if value.is_instance_of::<PyDate>() {
            let text: String = value.call_method0("isoformat")?.extract()?;
            self.write_str(&text);
        } else if let Ok(mapping) = value.cast::<PyMapping>() {
            self.enter()?;
            self.write_mapping(mapping)?;
            self.depth -= 1;
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            self.enter()?;
            self.out.push('[');
            for (i, item) in value.try_iter()?.enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                let len = self.path.len();
                self.path.push_str(&format!("[{i}]"));
                self.write(&item?)?;
                self.path.truncate(len);
            }
            self.out.push(']');
            self.depth -= 1;
        } else {
            return Err(self.fail(format!(
                "a {} cannot be sent to the book (expected dict, list, str, int, bool, None, \
                 Decimal, Money, date or datetime)",
                type_name(value)
            )));
        }
        Ok(())
    }

    fn write_mapping(&mut self, mapping: &Bound<'_, PyMapping>) -> PyResult<()> {
        self.out.push('{');
        let entries: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> =
            if let Ok(dict) = mapping.cast::<PyDict>() {
                dict.iter().collect()
            } else {
                mapping
                    .items()?
                    .iter()
                    .map(|pair| pair.extract())
                    .collect::<PyResult<_>>()?
            };
        for (i, (key, item)) in entries.iter().enumerate() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(self.fail(format!(
                    "keys must be str, not {} ({})",
                    type_name(key),
                    key.repr()?
                )));
            };
            let key = key.to_str()?;
            if i > 0 {
                self.out.push(',');
            }
            self.write_str(key);
            self.out.push(':');
            let len = self.path.len();
            self.path.push('.');
            self.path.push_str(key);
            self.write(item)?;
            self.path.truncate(len);
        }
        self.out.push('}');
        Ok(())
    }
}

/// Python values from JSON text produced by `landed_json`.
pub(crate) fn from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let failure = RefCell::new(None);
    let seed = Seed {
        py,
        decimal: false,
        failure: &failure,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    parsed.map_err(|error| {
        failure.take().unwrap_or_else(|| {
            crate::errors::to_py_err(&landed::LandedError::Internal {
                detail: format!("the book returned JSON that cannot be read: {error}"),
            })
        })
    })
}

/// Builds one Python value; `decimal` says whether its key is a decimal key.
#[derive(Clone, Copy)]
struct Seed<'a, 'py> {
    py: Python<'py>,
    decimal: bool,
    /// The Python error that stopped the parse, if one did.
    failure: &'a RefCell<Option<PyErr>>,
}

impl<'py> Seed<'_, 'py> {
    fn keep<E: de::Error>(
        &self,
        result: PyResult<Bound<'py, PyAny>>,
    ) -> Result<Bound<'py, PyAny>, E> {
        result.map_err(|err| {
            *self.failure.borrow_mut() = Some(err);
            E::custom("a Python error occurred")
        })
    }
}

impl<'de, 'py> DeserializeSeed<'de> for Seed<'_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for Seed<'_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.keep(
            v.into_pyobject(self.py)
                .map(Bound::into_any)
                .map_err(Into::into),
        )
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.keep(
            v.into_pyobject(self.py)
                .map(Bound::into_any)
                .map_err(Into::into),
        )
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // The core never writes a float; keep the value rather than fail.
        self.keep(
            v.into_pyobject(self.py)
                .map(Bound::into_any)
                .map_err(Into::into),
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if self.decimal {
            self.keep(decimal_class(self.py).and_then(|class| class.call1((v,))))
        } else {
            Ok(PyString::new(self.py, v).into_any())
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.py);
        while let Some(item) = seq.next_element_seed(self)? {
            self.keep(list.append(item).map(|()| list.clone().into_any()))?;
        }
        Ok(list.into_any())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.py);
        while let Some(key) = map.next_key::<String>()? {
            let seed = Seed {
                decimal: landed_json::DECIMAL_FIELDS.contains(&key.as_str()),
                ..self
            };
            let value = map.next_value_seed(seed)?;
            self.keep(dict.set_item(key, value).map(|()| dict.clone().into_any()))?;
        }
        Ok(dict.into_any())
    }
}
