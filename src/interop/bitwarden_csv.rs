//! Bitwarden's CSV export (Bitwarden help: "Condition a .csv file"): a
//! header row naming the columns, then one row per item. Personal vaults:
//! `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,
//! login_password,login_totp`; organisation vaults have `collections` instead
//! of `folder` and no `favorite`. Columns are found by name. Fields follow
//! RFC 4180: quoted with `"`, a doubled `""` inside, line breaks allowed
//! inside quotes (notes). `login_totp` holds what the JSON export's
//! `login.totp` holds; rows without one are passed over.

use super::{Export, Format, InteropError, bitwarden::push_totp, damaged};

const FORMAT: Format = Format::Bitwarden;

/// A header row with Bitwarden's `login_totp` column.
pub(super) fn looks_like(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or("");
    header.split(',').any(|c| c.trim() == "login_totp")
        && header.split(',').any(|c| c.trim() == "name")
}

pub(super) fn read(text: &str, out: &mut Export) -> Result<(), InteropError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = Rows { rest: text };
    let header = rows
        .next()
        .ok_or_else(|| damaged(FORMAT, "the CSV file is empty"))??;
    let column = |name: &str| header.iter().position(|c| c.trim() == name);
    let totp_at = column("login_totp")
        .ok_or_else(|| damaged(FORMAT, "the CSV file has no login_totp column"))?;
    let name_at = column("name");
    let user_at = column("login_username");
    let folder_at = column("folder").or_else(|| column("collections"));
    let favourite_at = column("favorite");
    let notes_at = column("notes");
    for row in rows {
        // Every cell (passwords too) is wiped when the row drops.
        let row = zeroize::Zeroizing::new(row?);
        let cell = |at: Option<usize>| at.and_then(|i| row.get(i)).map_or("", String::as_str);
        let totp = cell(Some(totp_at)).trim();
        if totp.is_empty() {
            continue;
        }
        push_totp(
            out,
            totp,
            cell(name_at),
            cell(user_at),
            cell(folder_at).to_owned(),
            cell(favourite_at).trim() == "1",
            cell(notes_at).to_owned(),
        );
    }
    Ok(())
}

/// RFC 4180 records, one at a time.
struct Rows<'a> {
    rest: &'a str,
}

impl Iterator for Rows<'_> {
    type Item = Result<Vec<String>, InteropError>;

    fn next(&mut self) -> Option<Self::Item> {
        // Blank lines between records are not records.
        self.rest = self.rest.trim_start_matches(['\r', '\n']);
        if self.rest.is_empty() {
            return None;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = self.rest.char_indices().peekable();
        let mut quoted = false;
        let mut end = self.rest.len();
        while let Some((at, c)) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek().is_some_and(|(_, n)| *n == '"') => {
                        push(&mut field, '"');
                        chars.next();
                    }
                    '"' => quoted = false,
                    _ => push(&mut field, c),
                }
                continue;
            }
            match c {
                '"' if field.is_empty() => quoted = true,
                ',' => fields.push(std::mem::take(&mut field)),
                '\n' => {
                    end = at + 1;
                    break;
                }
                '\r' => {}
                _ => push(&mut field, c),
            }
        }
        if quoted {
            zeroize::Zeroize::zeroize(&mut field);
            zeroize::Zeroize::zeroize(&mut fields);
            self.rest = "";
            return Some(Err(damaged(
                FORMAT,
                "a quoted CSV field is never closed (the file is cut short)",
            )));
        }
        fields.push(field);
        self.rest = self.rest.get(end..).unwrap_or("");
        Some(Ok(fields))
    }
}

/// Appends `c` to a cell; when the cell is full, its text moves to one twice
/// the size and the old buffer is wiped (a `String` growing by itself would
/// free it unwiped: cells hold keys and passwords).
fn push(field: &mut String, c: char) {
    if field.len() + c.len_utf8() > field.capacity() {
        let mut larger = String::with_capacity((field.capacity() * 2).max(32));
        larger.push_str(field);
        zeroize::Zeroize::zeroize(field);
        *field = larger;
    }
    field.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_with_commas_quotes_and_line_breaks() {
        let rows: Vec<Vec<String>> = Rows {
            rest: "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n",
        }
        .collect::<Result<_, _>>()
        .unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], ["x, y", "say \"hi\"", "two\nlines"]);
        assert_eq!(rows[2], ["last", "", ""]);
        let cut = Rows {
            rest: "a\n\"never closed",
        }
        .collect::<Result<Vec<_>, _>>();
        assert!(cut.is_err());
    }

    #[test]
    fn long_cells_survive_their_buffers_growing() {
        let key = "JBSWY3DPEHPK3PXP".repeat(20);
        let note = "a \"quoted\" note, ".repeat(10);
        let text = format!(
            "name,login_totp,notes\nEx,{key},\"{}\"\n",
            note.replace('"', "\"\"")
        );
        let rows: Vec<Vec<String>> = Rows { rest: &text }.collect::<Result<_, _>>().unwrap();
        assert_eq!(rows[1], ["Ex", key.as_str(), note.as_str()]);
    }
}
