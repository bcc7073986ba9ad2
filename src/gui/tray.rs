//! The tray menu: a StatusNotifierItem (`ksni`) with a `com.canonical.dbusmenu`
//! menu, for desktops with a tray host (KDE Plasma, XFCE, Cinnamon, MATE,
//! LXQt, GNOME with the AppIndicator extension). See `docs/gui.md`, "Tray".
//!
//! The item runs on a thread of its own (ksni's blocking API over the same
//! zbus 5 the keyring uses). It knows only what [`Menu`] holds: account
//! labels and ids while the vault is unlocked, nothing but "Unlock…" and
//! "Quit" while it is locked. Never a code or a secret: choosing an account
//! sends its id to the app, which copies through the window's own clipboard
//! path. Without a tray host (no `org.kde.StatusNotifierWatcher` on the
//! session bus, or no bus at all) the item is not created, the stream of
//! [`Event`]s ends, and nothing else changes.

use std::sync::Arc;

use iced::futures::channel::mpsc;

use crate::vault::{Entry, EntryId};

/// The most accounts the menu lists.
pub const MAX_ACCOUNTS: usize = 10;

/// An account in the menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The entry it copies.
    pub id: EntryId,
    /// `Issuer (name)`, as the list shows it.
    pub label: String,
}

/// The fixed entries' text, in the app's language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    /// The item's title ("Tessera").
    pub title: String,
    /// "Show Tessera".
    pub show: String,
    /// "Unlock…" (shown instead of the accounts while locked).
    pub unlock: String,
    /// "Lock".
    pub lock: String,
    /// "Quit".
    pub quit: String,
}

/// What the menu shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Menu {
    /// Before the app said anything: only "Quit" (no names, no labels yet).
    #[default]
    Starting,
    /// The vault is locked: no account names.
    Locked(Labels),
    /// The vault is unlocked: these accounts, then the fixed entries.
    Unlocked(Labels, Vec<Account>),
}

/// What the person chose in the menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Copy this entry's current code.
    Copy(EntryId),
    /// Show and focus the window (also "Unlock…" and a click on the icon).
    Show,
    /// Lock the vault.
    Lock,
    /// Quit the app.
    Quit,
}

/// What the tray reports to the app.
#[derive(Clone, Debug)]
pub enum Event {
    /// The item is on the bus: menus go to this handle from now on.
    Started(Handle),
    /// A menu entry was chosen.
    Chose(Choice),
}

/// The running item, for [`show`].
#[derive(Clone)]
pub struct Handle(Arc<ksni::blocking::Handle<Item>>);

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("tray::Handle(..)")
    }
}

impl Handle {
    /// Whether the item still runs (the tray host may have shut it down).
    pub fn is_running(&self) -> bool {
        !self.0.is_closed()
    }
}

/// The accounts the menu lists: favourites (in list order), then the most
/// recently copied (`recent`, newest first), then the rest in list order, at
/// most [`MAX_ACCOUNTS`]. `entries` is in list order; labels in `lang`.
pub fn accounts(entries: &[&Entry], recent: &[EntryId], lang: crate::i18n::Lang) -> Vec<Account> {
    let favourites = entries.iter().filter(|e| e.favourite);
    let recent = recent
        .iter()
        .filter_map(|id| entries.iter().find(|e| &e.id == id));
    let mut out: Vec<Account> = Vec::new();
    for entry in favourites.chain(recent).chain(entries.iter()) {
        if out.len() == MAX_ACCOUNTS {
            break;
        }
        if !out.iter().any(|a| a.id == entry.id) {
            out.push(Account {
                id: entry.id.clone(),
                label: crate::i18n::label(lang, &entry.account.label()),
            });
        }
    }
    out
}

/// Starts the item on a thread of its own; the stream carries
/// [`Event::Started`] and then the choices. It ends at once (and nothing is
/// said) when there is no tray host or no session bus.
pub fn run() -> impl iced::futures::Stream<Item = Event> {
    let (sender, receiver) = mpsc::unbounded();
    let _ = std::thread::Builder::new()
        .name("tray".into())
        .spawn(move || start(sender));
    receiver
}

fn start(sender: mpsc::UnboundedSender<Event>) {
    use ksni::blocking::TrayMethods as _;
    let item = Item {
        menu: Menu::Starting,
        sender: sender.clone(),
        icon: icon(),
    };
    // A Flatpak sandbox may not own names: register by the unique name.
    let sandboxed = std::path::Path::new("/.flatpak-info").exists();
    // An error means no tray host (or no bus): the window is the app.
    if let Ok(handle) = item.disable_dbus_name(sandboxed).spawn() {
        let _ = sender.unbounded_send(Event::Started(Handle(Arc::new(handle))));
    }
}

/// Puts `menu` in the tray (blocking on the item's thread for a moment).
pub fn show(handle: &Handle, menu: Menu) {
    handle.0.update(move |item| item.menu = menu);
}

/// The item ksni serves.
#[derive(Debug)]
pub struct Item {
    menu: Menu,
    sender: mpsc::UnboundedSender<Event>,
    icon: ksni::Icon,
}

impl Item {
    fn send(&self, choice: Choice) {
        let _ = self.sender.unbounded_send(Event::Chose(choice));
    }
}

/// The window icon in the ARGB32 (network byte order) StatusNotifierItem wants.
fn icon() -> ksni::Icon {
    let data = super::icon::rgba()
        .chunks_exact(4)
        .flat_map(|p| [p[3], p[0], p[1], p[2]])
        .collect();
    let side = i32::try_from(super::icon::SIZE).unwrap_or(64);
    ksni::Icon {
        width: side,
        height: side,
        data,
    }
}

/// A menu entry's text: dbusmenu reads `_` as an access-key marker, so a
/// literal one is doubled.
fn escape(label: &str) -> String {
    label.replace('_', "__")
}

fn entry(label: &str, choice: Choice) -> ksni::MenuItem<Item> {
    ksni::menu::StandardItem {
        label: escape(label),
        activate: Box::new(move |item: &mut Item| item.send(choice.clone())),
        ..Default::default()
    }
    .into()
}

impl ksni::Tray for Item {
    fn id(&self) -> String {
        crate::paths::APP_ID.to_owned()
    }

    fn title(&self) -> String {
        match &self.menu {
            Menu::Starting => String::from("Tessera"),
            Menu::Locked(labels) | Menu::Unlocked(labels, _) => labels.title.clone(),
        }
    }

    fn icon_name(&self) -> String {
        crate::paths::APP_ID.to_owned()
    }

    fn icon_pixmap(&self) -> Vec<ksni::Icon> {
        vec![self.icon.clone()]
    }

    fn activate(&mut self, _x: i32, _y: i32) {
        self.send(Choice::Show);
    }

    fn menu(&self) -> Vec<ksni::MenuItem<Self>> {
        match &self.menu {
            Menu::Starting => vec![entry("Quit", Choice::Quit)],
            Menu::Locked(labels) => vec![
                entry(&labels.unlock, Choice::Show),
                ksni::MenuItem::Separator,
                entry(&labels.quit, Choice::Quit),
            ],
            Menu::Unlocked(labels, accounts) => {
                let mut items: Vec<_> = accounts
                    .iter()
                    .map(|a| entry(&a.label, Choice::Copy(a.id.clone())))
                    .collect();
                if !items.is_empty() {
                    items.push(ksni::MenuItem::Separator);
                }
                items.extend([
                    entry(&labels.show, Choice::Show),
                    entry(&labels.lock, Choice::Lock),
                    ksni::MenuItem::Separator,
                    entry(&labels.quit, Choice::Quit),
                ]);
                items
            }
        }
    }

    /// The tray host went away (a shell restart): keep the item, it
    /// registers again when a host comes back.
    fn watcher_offline(&self, _reason: ksni::OfflineReason) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Timestamp;
    use crate::otp::Account as OtpAccount;

    fn entries(names: &[(&str, bool)]) -> Vec<Entry> {
        names
            .iter()
            .map(|(name, favourite)| {
                let uri = format!("otpauth://totp/{name}:x?secret=GEZDGNBVGY3TQOJQ&issuer={name}");
                let account = OtpAccount::from_uri(&uri).unwrap_or_else(|e| panic!("{e:?}"));
                let mut entry = Entry::new(account, Timestamp(0)).unwrap_or_else(|e| panic!("{e}"));
                entry.favourite = *favourite;
                entry
            })
            .collect()
    }

    #[test]
    fn favourites_then_recent_then_list_order() {
        let all = entries(&[("A", false), ("B", true), ("C", false), ("D", true)]);
        let listed: Vec<&Entry> = all.iter().collect();
        let recent = vec![all[2].id.clone(), all[1].id.clone()];
        let labels: Vec<String> = accounts(&listed, &recent, crate::i18n::Lang::En)
            .into_iter()
            .map(|a| a.label)
            .collect();
        assert_eq!(labels, ["B (x)", "D (x)", "C (x)", "A (x)"]);
    }

    #[test]
    fn at_most_max_accounts() {
        let names: Vec<(String, bool)> = (0..25).map(|i| (format!("S{i}"), i % 3 == 0)).collect();
        let names: Vec<(&str, bool)> = names.iter().map(|(n, f)| (n.as_str(), *f)).collect();
        let all = entries(&names);
        let listed: Vec<&Entry> = all.iter().collect();
        let menu = accounts(&listed, &[], crate::i18n::Lang::En);
        assert_eq!(menu.len(), MAX_ACCOUNTS);
        // Every favourite (9 of them) comes before the first non-favourite.
        assert!(menu[..9].iter().all(|a| {
            let entry = all.iter().find(|e| e.id == a.id);
            entry.is_some_and(|e| e.favourite)
        }));
    }

    #[test]
    fn underscores_are_not_access_keys() {
        assert_eq!(escape("a_b (c__d)"), "a__b (c____d)");
    }
}
