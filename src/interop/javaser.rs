//! A small, bounded reader of Java object serialization streams (the Java
//! Object Serialization Specification, chapter 6, "Object Serialization
//! Stream Protocol"), for the one object FreeOTP 2's backups hold: a
//! `java.util.HashMap<String, String>` written by `ObjectOutputStream`.
//!
//! What it reads: the stream header; `TC_OBJECT` with a `TC_CLASSDESC` chain
//! (class name, serialVersionUID, flags, primitive fields, an empty class
//! annotation, the superclass); the primitive field values; the map's
//! `writeObject` data (a block with capacity and size, then key, value, key,
//! … as `TC_STRING`, `TC_LONGSTRING`, `TC_REFERENCE` to an earlier string,
//! or `TC_NULL`) up to `TC_ENDBLOCKDATA`. Strings are modified UTF-8 (NUL as
//! `C0 80`, characters beyond the BMP as two 3-byte surrogates). Anything
//! else (object fields, arrays, enums, proxies, other classes' data) is
//! refused: no class is ever instantiated, nothing is looked up by name.
//!
//! Bounds, checked before anything is allocated: every length against the
//! bytes left; [`MAX_DEPTH`] classes in a chain; [`MAX_FIELDS`] fields per
//! class; [`MAX_ENTRIES`] map entries; handles and the text produced by
//! references at most the input's size again (a reference repeated many
//! times cannot multiply memory). It never recurses.

/// Classes in one descriptor chain (`HashMap` has one serializable class).
pub(super) const MAX_DEPTH: usize = 8;
/// Fields of one class (`HashMap` has two).
const MAX_FIELDS: usize = 64;
/// Map entries (a FreeOTP backup has two per token, and one master key).
pub(super) const MAX_ENTRIES: usize = 50_000;

const MAGIC: [u8; 2] = [0xac, 0xed];
const VERSION: [u8; 2] = [0x00, 0x05];
const TC_NULL: u8 = 0x70;
const TC_REFERENCE: u8 = 0x71;
const TC_CLASSDESC: u8 = 0x72;
const TC_OBJECT: u8 = 0x73;
const TC_STRING: u8 = 0x74;
const TC_BLOCKDATA: u8 = 0x77;
const TC_ENDBLOCKDATA: u8 = 0x78;
const TC_BLOCKDATALONG: u8 = 0x7a;
const TC_LONGSTRING: u8 = 0x7c;
const BASE_WIRE_HANDLE: u32 = 0x7e_0000;
const SC_WRITE_METHOD: u8 = 0x01;
const HASH_MAP: &str = "java.util.HashMap";

/// Whether `bytes` start as a serialization stream does.
pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC) && bytes.get(2..4) == Some(&VERSION[..])
}

/// The entries of the serialized `HashMap<String, String>`, in stream
/// order, or what is wrong (never the strings' content).
pub(super) fn string_map(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        handles: Vec::new(),
        produced: 0,
    };
    if reader.take(2)? != MAGIC || reader.take(2)? != VERSION {
        return Err(String::from("it is not a Java serialization stream"));
    }
    if reader.byte()? != TC_OBJECT {
        return Err(String::from("it does not start with an object"));
    }
    let chain = reader.class_chain()?;
    match chain.as_slice() {
        [class] if class.name == HASH_MAP && class.flags & SC_WRITE_METHOD != 0 => {}
        _ => return Err(String::from("its object is not a java.util.HashMap")),
    }
    reader.handles.push(Handle::Other);
    for class in chain.iter().rev() {
        reader.take(class.field_bytes)?;
    }
    let (block, objects) = reader.annotation()?;
    let size = block
        .get(4..8)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(i32::from_be_bytes)
        .ok_or("the map's size is missing")?;
    let size = usize::try_from(size).map_err(|_| String::from("the map's size is negative"))?;
    if size > MAX_ENTRIES {
        return Err(format!(
            "the map has {size} entries, more than {MAX_ENTRIES}"
        ));
    }
    if objects.len() != 2 * size {
        return Err(format!(
            "the map says {size} entries but holds {} strings (it is cut short or damaged)",
            objects.len()
        ));
    }
    let mut objects = objects.into_iter();
    let mut map = Vec::with_capacity(size);
    while let (Some(key), Some(value)) = (objects.next(), objects.next()) {
        match (key, value) {
            (Some(key), Some(value)) => map.push((key, value)),
            _ => return Err(String::from("a key or value of the map is null")),
        }
    }
    if reader.pos != bytes.len() {
        return Err(String::from("there are bytes after the map"));
    }
    Ok(map)
}

/// One class of a descriptor chain.
struct Class {
    name: String,
    flags: u8,
    /// The bytes its primitive field values take.
    field_bytes: usize,
}

/// What a handle refers to: only strings are ever looked up.
enum Handle {
    String(String),
    Other,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    handles: Vec<Handle>,
    /// Bytes of text copied by references (bounded by the input's size).
    produced: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or("it is cut short")?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_be_bytes(a))
    }

    /// A modified-UTF-8 string of `len` bytes.
    fn text(&mut self, len: usize) -> Result<String, String> {
        modified_utf8(self.take(len)?).ok_or_else(|| String::from("a string is not modified UTF-8"))
    }

    /// `TC_CLASSDESC` … down to `TC_NULL`: the chain, the class first.
    fn class_chain(&mut self) -> Result<Vec<Class>, String> {
        let mut chain = Vec::new();
        loop {
            match self.byte()? {
                TC_NULL => return Ok(chain),
                TC_CLASSDESC if chain.len() < MAX_DEPTH => {
                    let len = usize::from(self.u16()?);
                    let name = self.text(len)?;
                    let _serial_version_uid = self.u64()?;
                    self.handles.push(Handle::Other);
                    let flags = self.byte()?;
                    let fields = usize::from(self.u16()?);
                    if fields > MAX_FIELDS {
                        return Err(format!(
                            "a class has {fields} fields, more than {MAX_FIELDS}"
                        ));
                    }
                    let mut field_bytes = 0;
                    for _ in 0..fields {
                        let size = match self.byte()? {
                            b'B' | b'Z' => 1,
                            b'C' | b'S' => 2,
                            b'I' | b'F' => 4,
                            b'J' | b'D' => 8,
                            _ => return Err(String::from("a class has a field that is an object")),
                        };
                        let len = usize::from(self.u16()?);
                        self.take(len)?;
                        field_bytes += size;
                    }
                    let (_, objects) = self.annotation()?;
                    if !objects.is_empty() {
                        return Err(String::from("a class annotation holds objects"));
                    }
                    chain.push(Class {
                        name,
                        flags,
                        field_bytes,
                    });
                }
                TC_CLASSDESC => return Err(format!("a class chain deeper than {MAX_DEPTH}")),
                other => {
                    return Err(format!(
                        "a class description was expected, not 0x{other:02x}"
                    ));
                }
            }
        }
    }

    /// Block data and objects up to `TC_ENDBLOCKDATA`: the block bytes
    /// joined, and the objects (strings, or `None` for null).
    fn annotation(&mut self) -> Result<(Vec<u8>, Vec<Option<String>>), String> {
        let mut block = Vec::new();
        let mut objects = Vec::new();
        loop {
            match self.byte()? {
                TC_ENDBLOCKDATA => return Ok((block, objects)),
                TC_BLOCKDATA => {
                    let len = usize::from(self.byte()?);
                    block.extend_from_slice(self.take(len)?);
                }
                TC_BLOCKDATALONG => {
                    let len = usize::try_from(self.u32()?).map_err(|_| "it is cut short")?;
                    block.extend_from_slice(self.take(len)?);
                }
                _ if objects.len() >= 2 * MAX_ENTRIES => {
                    return Err(format!("the map has more than {MAX_ENTRIES} entries"));
                }
                TC_NULL => objects.push(None),
                TC_STRING => {
                    let len = usize::from(self.u16()?);
                    let text = self.text(len)?;
                    self.handles.push(Handle::String(text.clone()));
                    objects.push(Some(text));
                }
                TC_LONGSTRING => {
                    let len = usize::try_from(self.u64()?).map_err(|_| "it is cut short")?;
                    let text = self.text(len)?;
                    self.handles.push(Handle::String(text.clone()));
                    objects.push(Some(text));
                }
                TC_REFERENCE => {
                    let handle = self.u32()?.wrapping_sub(BASE_WIRE_HANDLE);
                    let text = usize::try_from(handle)
                        .ok()
                        .and_then(|i| self.handles.get(i))
                        .and_then(|h| match h {
                            Handle::String(text) => Some(text),
                            Handle::Other => None,
                        })
                        .ok_or("a reference to something that is not an earlier string")?;
                    self.produced += text.len();
                    if self.produced > self.bytes.len() {
                        return Err(String::from(
                            "references repeat more text than the file holds",
                        ));
                    }
                    objects.push(Some(text.clone()));
                }
                other => return Err(format!("an object of kind 0x{other:02x}, not a string")),
            }
        }
    }
}

/// Java's modified UTF-8 (`DataInput.readUTF`) to a string.
fn modified_utf8(bytes: &[u8]) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Valid UTF-8 without 4-byte sequences means the same in both.
        if !bytes.iter().any(|&b| b >= 0xf0) {
            return Some(text.to_owned());
        }
    }
    let mut units = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&a, tail)) = rest.split_first() {
        let continuation = |b: u8| (b & 0xc0 == 0x80).then_some(u16::from(b & 0x3f));
        let (unit, used) = match a {
            0x01..=0x7f => (u16::from(a), 0),
            0xc0..=0xdf => {
                let b = continuation(*tail.first()?)?;
                ((u16::from(a & 0x1f) << 6) | b, 1)
            }
            0xe0..=0xef => {
                let b = continuation(*tail.first()?)?;
                let c = continuation(*tail.get(1)?)?;
                ((u16::from(a & 0x0f) << 12) | (b << 6) | c, 2)
            }
            _ => return None,
        };
        units.push(unit);
        rest = &tail[used..];
    }
    String::from_utf16(&units).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `HashMap` stream as Android writes it, around `entries` (the bytes
    /// of the key and value objects).
    fn stream(size: i32, entries: &[u8]) -> Vec<u8> {
        let mut out = vec![0xac, 0xed, 0x00, 0x05, TC_OBJECT, TC_CLASSDESC, 0x00, 0x11];
        out.extend_from_slice(b"java.util.HashMap");
        out.extend_from_slice(&362_498_820_763_181_265_i64.to_be_bytes());
        out.extend_from_slice(&[0x03, 0x00, 0x02, b'F', 0x00, 0x0a]);
        out.extend_from_slice(b"loadFactor");
        out.extend_from_slice(&[b'I', 0x00, 0x09]);
        out.extend_from_slice(b"threshold");
        out.extend_from_slice(&[TC_ENDBLOCKDATA, TC_NULL]);
        out.extend_from_slice(&0.75_f32.to_be_bytes());
        out.extend_from_slice(&12_i32.to_be_bytes());
        out.extend_from_slice(&[TC_BLOCKDATA, 8]);
        out.extend_from_slice(&16_i32.to_be_bytes());
        out.extend_from_slice(&size.to_be_bytes());
        out.extend_from_slice(entries);
        out.push(TC_ENDBLOCKDATA);
        out
    }

    fn string(text: &[u8]) -> Vec<u8> {
        let mut out = vec![TC_STRING];
        out.extend_from_slice(&u16::try_from(text.len()).unwrap().to_be_bytes());
        out.extend_from_slice(text);
        out
    }

    #[test]
    fn strings_references_and_modified_utf8() {
        // Handles: 0 the class, 1 the map, 2 "a", 3 "x\0y🔑".
        let mut entries = string(b"a");
        // NUL as C0 80; U+1F511 as the surrogates D83D DD11, 3 bytes each.
        entries.extend(string(b"x\xc0\x80y\xed\xa0\xbd\xed\xb4\x91"));
        entries.extend(string(b"b"));
        entries.extend([TC_REFERENCE, 0x00, 0x7e, 0x00, 0x02]);
        let map = string_map(&stream(2, &entries)).unwrap();
        assert_eq!(
            map,
            [
                ("a".to_owned(), "x\0y\u{1f511}".to_owned()),
                ("b".to_owned(), "a".to_owned())
            ]
        );
    }

    #[test]
    fn hostile_streams_are_refused_without_allocating_what_they_claim() {
        let one = [string(b"k"), string(b"v")].concat();
        assert!(string_map(&stream(1, &one)).is_ok());
        // Cut anywhere.
        let whole = stream(1, &one);
        for end in 0..whole.len() {
            assert!(string_map(&whole[..end]).is_err(), "cut at {end}");
        }
        // A size that is not there, negative or huge.
        assert!(string_map(&stream(2, &one)).unwrap_err().contains("says 2"));
        assert!(
            string_map(&stream(-1, &one))
                .unwrap_err()
                .contains("negative")
        );
        assert!(
            string_map(&stream(i32::MAX, &one))
                .unwrap_err()
                .contains("more than")
        );
        // A long string longer than anything.
        let mut long = vec![TC_LONGSTRING];
        long.extend_from_slice(&(1u64 << 60).to_be_bytes());
        assert!(
            string_map(&stream(1, &long))
                .unwrap_err()
                .contains("cut short")
        );
        // A reference to the class, or past every handle.
        let mut bad = string(b"k");
        bad.extend([TC_REFERENCE, 0x00, 0x7e, 0x00, 0x00]);
        assert!(string_map(&stream(1, &bad)).is_err());
        bad.truncate(bad.len() - 5);
        bad.extend([TC_REFERENCE, 0xff, 0xff, 0xff, 0xff]);
        assert!(string_map(&stream(1, &bad)).is_err());
        // An object of another kind.
        let mut array = string(b"k");
        array.push(0x75);
        assert!(string_map(&stream(1, &array)).unwrap_err().contains("0x75"));
        // A null value.
        let null = [string(b"k"), vec![TC_NULL]].concat();
        assert!(string_map(&stream(1, &null)).unwrap_err().contains("null"));
    }

    #[test]
    fn deep_class_chains_and_other_classes_are_refused() {
        let mut deep = vec![0xac, 0xed, 0x00, 0x05, TC_OBJECT];
        for _ in 0..10_000 {
            deep.extend_from_slice(&[TC_CLASSDESC, 0x00, 0x01, b'X']);
            deep.extend_from_slice(&[0; 8]);
            deep.extend_from_slice(&[0x02, 0x00, 0x00, TC_ENDBLOCKDATA]);
        }
        assert!(string_map(&deep).unwrap_err().contains("deeper"));
        let mut other = stream(0, &[]);
        other[18] = b'X'; // java.util.XashMap
        assert!(
            string_map(&other)
                .unwrap_err()
                .contains("not a java.util.HashMap")
        );
    }
}
