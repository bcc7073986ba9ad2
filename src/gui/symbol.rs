//! The symbols on the window's icon buttons (header, row actions, empty list): Lucide icons (ISC licence, beside
//! them in `resources/icons/lucide-LICENSE`), turned into path data by
//! `scripts/brand-icons.py` and stroked by the same path code as the brand
//! icons ([`super::vector`]).

use std::sync::OnceLock;

use iced::widget::canvas::Path;

use super::vector;

/// The embedded table: `name<TAB>path data` per line.
const TABLE: &str = include_str!("../../resources/icons/lucide.tsv");

/// A symbol the window draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// "Add account" (Lucide `plus`).
    Add,
    /// "Move to phone" (Lucide `smartphone`).
    Phone,
    /// "Settings" (Lucide `settings`).
    Settings,
    /// "Lock" (Lucide `lock`).
    Lock,
    /// "Copy" on a row (Lucide `copy`).
    Copy,
    /// "Show the code" on a row while codes are hidden (Lucide `eye`).
    Reveal,
    /// "Details" (edit) on a row (Lucide `square-pen`).
    Edit,
    /// "Next code" on an HOTP row (Lucide `rotate-cw`).
    Next,
    /// "Paste a screenshot" in the empty list (Lucide `clipboard-paste`).
    Paste,
    /// "Scan the screen" in the empty list (Lucide `scan-line`).
    Scan,
    /// "Import from another app" in the empty list (Lucide `file-input`).
    Import,
    /// "Enter the setup key" in the empty list (Lucide `keyboard`).
    Keyboard,
}

impl Symbol {
    /// Every symbol.
    pub const ALL: [Self; 12] = [
        Self::Add,
        Self::Phone,
        Self::Settings,
        Self::Lock,
        Self::Copy,
        Self::Reveal,
        Self::Edit,
        Self::Next,
        Self::Paste,
        Self::Scan,
        Self::Import,
        Self::Keyboard,
    ];

    /// The side of Lucide's view box.
    pub const VIEW_BOX: f32 = 24.0;

    /// Lucide's stroke width on the view box.
    pub const STROKE: f32 = 2.0;

    /// Its name in Lucide (and in the table).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Add => "plus",
            Self::Phone => "smartphone",
            Self::Settings => "settings",
            Self::Lock => "lock",
            Self::Copy => "copy",
            Self::Reveal => "eye",
            Self::Edit => "square-pen",
            Self::Next => "rotate-cw",
            Self::Paste => "clipboard-paste",
            Self::Scan => "scan-line",
            Self::Import => "file-input",
            Self::Keyboard => "keyboard",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }

    /// Its path data as embedded.
    pub fn data(self) -> Option<&'static str> {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .find_map(|line| {
                let (name, data) = line.split_once('\t')?;
                (name == self.name()).then_some(data)
            })
    }

    /// The outline to stroke, on the [`Self::VIEW_BOX`] square; read once per process.
    pub fn path(self) -> Option<&'static Path> {
        static PATHS: [OnceLock<Option<Path>>; Symbol::ALL.len()] =
            [const { OnceLock::new() }; Symbol::ALL.len()];
        PATHS[self.index()]
            .get_or_init(|| {
                let segments = vector::parse(self.data()?).ok()?;
                Some(vector::to_path(&segments))
            })
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_is_embedded_and_parses() {
        for symbol in Symbol::ALL {
            assert_eq!(Symbol::ALL[symbol.index()], symbol);
            let data = symbol
                .data()
                .unwrap_or_else(|| panic!("{symbol:?} missing"));
            let segments = vector::parse(data).unwrap_or_else(|e| panic!("{symbol:?}: {e}"));
            assert!(segments.len() > 1, "{symbol:?}");
            assert!(symbol.path().is_some());
        }
        // A path joined after another starts where it says (the paste
        // arrow at 17,18), not relative to where the one before ended.
        let paste = vector::parse(Symbol::Paste.data().unwrap_or_default()).unwrap_or_default();
        assert!(paste.contains(&vector::Segment::Move(iced::Point::new(17.0, 18.0))));
        // The plus is two strokes across the middle.
        let plus = vector::parse(Symbol::Add.data().unwrap_or_default()).unwrap_or_default();
        assert_eq!(
            plus,
            [
                vector::Segment::Move(iced::Point::new(5.0, 12.0)),
                vector::Segment::Line(iced::Point::new(19.0, 12.0)),
                vector::Segment::Move(iced::Point::new(12.0, 5.0)),
                vector::Segment::Line(iced::Point::new(12.0, 19.0)),
            ]
        );
    }
}
