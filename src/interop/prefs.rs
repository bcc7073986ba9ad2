//! Android's SharedPreferences XML (`shared_prefs/*.xml`), where FreeOTP,
//! FreeOTP+ and others keep their tokens: `<map>` holding `<string
//! name="…">text</string>` and `<int|long|boolean name="…" value="…"/>`.
//! Read with `quick-xml`'s pull parser (no recursion, no DTD, no external
//! entities; only the five predefined entities and character references).

use quick_xml::events::Event;
use zeroize::Zeroizing;

use super::de::push_str;

/// Whether `text` looks like a SharedPreferences file.
pub(super) fn looks_like(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once("?>")
            .map_or("", |(_, rest)| rest)
            .trim_start(),
        None => body,
    };
    body.starts_with("<map>") || body.starts_with("<map ") || body.starts_with("<map/>")
}

/// [`values`] as plain strings (what the tests compare).
#[cfg(test)]
pub(super) fn entries(text: &str) -> Result<Vec<(String, String)>, String> {
    Ok(values(text)?
        .into_iter()
        .map(|(name, value)| (name, value.as_str().to_owned()))
        .collect())
}

/// Every `(name, value)` of the map, in file order; `None` with what is
/// wrong when the XML is broken. The values (token lists, keys) are in
/// zeroizing buffers that leave no copy behind as they grow.
pub(super) fn values(text: &str) -> Result<Vec<(String, Zeroizing<String>)>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    // The name of the <string> being read, and its text so far.
    let mut open: Option<(String, Zeroizing<String>)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("broken XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(tag) if tag.name().as_ref() == b"string" => {
                open = Some((name_of(&tag)?, Zeroizing::new(String::new())));
            }
            Event::Empty(tag) => {
                let name = name_of(&tag)?;
                let value = tag
                    .try_get_attribute("value")
                    .map_err(|e| format!("a broken attribute: {e}"))?
                    .map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                    })
                    .transpose()
                    .map_err(|e| format!("a broken attribute: {e}"))?
                    .unwrap_or_default();
                out.push((name, Zeroizing::new(value)));
            }
            Event::Text(text) => {
                if let Some((_, value)) = open.as_mut() {
                    push_str(
                        value,
                        &text.decode().map_err(|e| format!("not UTF-8: {e}"))?,
                    );
                }
            }
            Event::CData(data) => {
                if let Some((_, value)) = open.as_mut() {
                    push_str(
                        value,
                        &data.decode().map_err(|e| format!("not UTF-8: {e}"))?,
                    );
                }
            }
            Event::GeneralRef(reference) => {
                if let Some((_, value)) = open.as_mut() {
                    let resolved = match reference
                        .resolve_char_ref()
                        .map_err(|e| format!("a bad character reference: {e}"))?
                    {
                        Some(c) => c,
                        None => match reference.decode().map_err(|e| format!("{e}"))?.as_ref() {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            other => return Err(format!("an unknown entity &{other};")),
                        },
                    };
                    push_str(value, resolved.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(tag) if tag.name().as_ref() == b"string" => {
                if let Some(entry) = open.take() {
                    out.push(entry);
                }
            }
            Event::DocType(_) => return Err(String::from("a DOCTYPE, which Android never writes")),
            Event::Eof => break,
            _ => {}
        }
    }
    if open.is_some() {
        return Err(String::from(
            "the file ends inside a value (it is cut short)",
        ));
    }
    Ok(out)
}

fn name_of(tag: &quick_xml::events::BytesStart<'_>) -> Result<String, String> {
    Ok(tag
        .try_get_attribute("name")
        .map_err(|e| format!("a broken attribute: {e}"))?
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
        })
        .transpose()
        .map_err(|e| format!("a broken attribute: {e}"))?
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_with_entities_and_plain_values() {
        let xml = "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n    \
                   <string name=\"a:b\">{&quot;x&quot;:&#91;1&#x5d;, &amp;}</string>\n    \
                   <int name=\"n\" value=\"3\" />\n</map>\n";
        assert!(looks_like(xml));
        let entries = entries(xml).unwrap();
        assert_eq!(
            entries,
            [
                ("a:b".to_owned(), "{\"x\":[1], &}".to_owned()),
                ("n".to_owned(), "3".to_owned())
            ]
        );
        assert!(super::entries("<map><string name=\"x\">cut").is_err());
        assert!(super::entries("<!DOCTYPE map [<!ENTITY e \"x\">]><map/>").is_err());
    }
}
