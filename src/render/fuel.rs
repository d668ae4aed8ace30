//! How large a template context is: the number of values it holds and the
//! bytes of its strings, counted on the typed context through serde, since
//! walking the template engine's values took as long as the render.

use serde::ser::{self, Serialize};

/// Values and string bytes of `context`, as the template engine will see
/// it (every field, element, key and scalar a value).
pub fn context_size(context: &impl Serialize) -> (u64, u64) {
    let mut size = Size::default();
    // Counting cannot fail; a context that refuses to serialize is
    // reported by the render itself.
    let _ = context.serialize(&mut size);
    (size.values, size.bytes)
}

#[derive(Default)]
struct Size {
    values: u64,
    bytes: u64,
}

#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("context size")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

impl Size {
    fn scalar(&mut self) -> Result<(), Never> {
        self.values += 1;
        Ok(())
    }

    fn text(&mut self, s: &str) -> Result<(), Never> {
        self.values += 1;
        self.bytes += s.len() as u64;
        Ok(())
    }
}

impl ser::Serializer for &mut Size {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, _: bool) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_i8(self, _: i8) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_i16(self, _: i16) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_i32(self, _: i32) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_i64(self, _: i64) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_u8(self, _: u8) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_u16(self, _: u16) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_u32(self, _: u32) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_u64(self, _: u64) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_f32(self, _: f32) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_f64(self, _: f64) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_char(self, c: char) -> Result<(), Never> {
        self.text(c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, s: &str) -> Result<(), Never> {
        self.text(s)
    }
    fn serialize_bytes(self, b: &[u8]) -> Result<(), Never> {
        self.values += 1 + b.len() as u64;
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.scalar()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Never> {
        self.text(v)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.text(variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.scalar()?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.scalar()?;
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.scalar()?;
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.text(variant)?;
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.scalar()?;
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.scalar()?;
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.text(variant)?;
        Ok(self)
    }
}

macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Size {
            type Ok = ();
            type Error = Never;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Size {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Size {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.text(key)?;
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::context_size;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    struct Theme {
        label: String,
        regions: Vec<&'static str>,
        score: f64,
        note: Option<String>,
    }

    #[test]
    fn every_field_element_and_key_counts_as_a_value_and_strings_as_bytes() {
        let theme = Theme {
            label: "Cybercrime".into(),
            regions: vec!["Africa", "Europe"],
            score: 0.5,
            note: None,
        };
        // struct 1 + (4 keys: label 5, regions 7, score 5, note 4 bytes) +
        // label value (10 bytes) + seq 1 + 2 elements (6 + 6 bytes) +
        // score 1 + none 1.
        assert_eq!(
            context_size(&theme),
            (1 + 4 + 1 + 1 + 2 + 1 + 1, 21 + 10 + 12)
        );
        let map: BTreeMap<&str, u32> = [("a", 1), ("bc", 2)].into();
        assert_eq!(context_size(&map), (5, 3));
    }
}
