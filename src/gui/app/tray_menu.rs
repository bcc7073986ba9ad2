//! The tray item's side of the app (`gui::tray`): the menu it shows, kept up
//! to date after every message, and what its entries do. A copy goes through
//! [`App::copy`], the window's own path (password-manager hint, clearing).

use super::*;

/// How many copied entries the app remembers for the menu.
const RECENT: usize = tray::MAX_ACCOUNTS;

impl App {
    /// The tray started, or one of its entries was chosen.
    pub(super) fn tray_event(&mut self, event: tray::Event) -> Task<Message> {
        match event {
            tray::Event::Started(handle) => {
                self.tray = Some(handle);
                self.tray_menu = None;
                self.tray_source = None;
                Task::none()
            }
            tray::Event::Chose(choice) => match choice {
                tray::Choice::Copy(id) if self.session.is_some() => self.copy(&id),
                tray::Choice::Copy(_) => Task::none(),
                tray::Choice::Show => show_window(0),
                tray::Choice::Lock if self.session.is_some() => self.lock(),
                tray::Choice::Lock => Task::none(),
                tray::Choice::Quit => self.quit(),
            },
        }
    }

    /// Whether a tray item is up to come back to.
    pub(super) fn has_tray(&self) -> bool {
        self.tray.as_ref().is_some_and(tray::Handle::is_running)
    }

    /// Remembers that `id`'s code was copied (for the menu's recent accounts).
    pub(super) fn used(&mut self, id: &EntryId) {
        self.recent.retain(|r| r != id);
        self.recent.insert(0, id.clone());
        self.recent.truncate(RECENT);
        self.recent_changes += 1;
    }

    /// What the tray should show now: no names while locked.
    pub fn tray_menu(&self) -> tray::Menu {
        let lang = self.lang();
        let labels = tray::Labels {
            title: i18n::t(lang, Key::AppName).to_owned(),
            show: i18n::t(lang, Key::TrayShow).to_owned(),
            unlock: i18n::t(lang, Key::TrayUnlock).to_owned(),
            lock: i18n::t(lang, Key::Lock).to_owned(),
            quit: i18n::t(lang, Key::TrayQuit).to_owned(),
        };
        match &self.session {
            Some(session) => {
                let listed = codes::visible(&session.entries, "");
                tray::Menu::Unlocked(labels, tray::accounts(&listed, &self.recent, lang))
            }
            None => tray::Menu::Locked(labels),
        }
    }

    /// What the menu is made from, cheap to compare: built after every
    /// message (the one-second tick included), where building the menu
    /// itself sorts every entry.
    fn tray_source(&self) -> Source {
        Source {
            lang: self.lang(),
            entries: self.session.as_ref().map(|s| s.entries.generation()),
            recent: self.recent_changes,
        }
    }

    /// The menu to put in the tray: `None` when nothing it is made from
    /// changed since the last one was put there, or when it came out the same.
    fn changed_tray_menu(&mut self) -> Option<tray::Menu> {
        let source = self.tray_source();
        if self.tray_source == Some(source) {
            return None;
        }
        self.tray_source = Some(source);
        let menu = self.tray_menu();
        if self.tray_menu.as_ref() == Some(&menu) {
            return None;
        }
        self.tray_menu = Some(menu.clone());
        Some(menu)
    }

    /// Puts the menu in the tray when something it shows changed since it was
    /// last put there (nothing to do without a tray).
    pub(super) fn sync_tray(&mut self) -> Option<Task<Message>> {
        let handle = self.tray.clone()?;
        let menu = self.changed_tray_menu()?;
        Some(task::show_tray(handle, menu).map(|()| Message::TrayShown))
    }
}

/// What the tray menu shows is made from: the language, the entries while
/// unlocked (their generation; `None` while locked) and the recently copied
/// accounts (how often they changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Source {
    lang: Lang,
    entries: Option<u64>,
    recent: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::MemoryKeystore;
    use crate::otp::{Account, Params};
    use crate::secret::{Password, SecretBytes};
    use crate::vault::Vault;

    const T0: Timestamp = Timestamp(1_700_000_000);

    /// The app unlocked on a vault of three accounts, as `Message::Opened`
    /// leaves it (the tasks it returns are not run: none touches the menu).
    fn unlocked(dir: &std::path::Path) -> App {
        let path = dir.join("vault.tessera");
        let policy = KdfPolicy::insecure_for_tests();
        let mut vault = Vault::create(&path, &Password::new("pw 1234 pw".into()), &policy)
            .unwrap_or_else(|e| panic!("{e}"));
        vault
            .modify(|all| {
                for issuer in ["Gamma", "Alpha", "Beta"] {
                    let secret = SecretBytes::from_slice(issuer.as_bytes());
                    let account = Account::new(issuer, "me", secret, Params::totp())?;
                    all.push(Entry::new(account, T0)?);
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        let env = Environment::isolated(
            path,
            dir.join("state"),
            policy,
            Arc::new(MemoryKeystore::new()),
            T0,
        );
        let (mut app, _boot) = App::new(env);
        let _ = app.update(Message::Opened(Opened::new(vault, None)));
        assert_eq!(app.screen_name(), "codes");
        app
    }

    fn labels(menu: &tray::Menu) -> Vec<&str> {
        match menu {
            tray::Menu::Unlocked(_, accounts) => {
                accounts.iter().map(|a| a.label.as_str()).collect()
            }
            tray::Menu::Locked(_) | tray::Menu::Starting => Vec::new(),
        }
    }

    #[test]
    fn the_menu_is_built_again_only_when_what_it_shows_changed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut app = unlocked(dir.path());
        let first = app
            .changed_tray_menu()
            .unwrap_or_else(|| panic!("no first menu"));
        assert_eq!(labels(&first), ["Alpha (me)", "Beta (me)", "Gamma (me)"]);

        // The one-second tick (and the countdown it moves) changes nothing
        // the menu is made from: nothing is built.
        let source = app.tray_source;
        for second in 1..=3 {
            let _ = app.update(Message::Tick(T0.offset_by(second)));
        }
        assert_eq!(
            app.tray_source(),
            source.unwrap_or_else(|| panic!("no source"))
        );
        assert_eq!(app.changed_tray_menu(), None);

        // An edit saved (Gamma made a favourite): built again, Gamma first.
        let mut entries = app.entries().to_vec();
        let gamma = entries.iter_mut().find(|e| e.account.issuer == "Gamma");
        gamma.unwrap_or_else(|| panic!("no Gamma")).favourite = true;
        let _ = app.update(Message::Saved(Ok((Change::Edited, entries.clone()))));
        let edited = app
            .changed_tray_menu()
            .unwrap_or_else(|| panic!("edit not shown"));
        assert_eq!(labels(&edited), ["Gamma (me)", "Alpha (me)", "Beta (me)"]);

        // The same entries read again (a reload): built, but the menu is the
        // same, so nothing goes to the tray.
        let _ = app.update(Message::Saved(Ok((Change::Edited, entries))));
        assert_ne!(
            app.tray_source(),
            app.tray_source.unwrap_or_else(|| panic!("no source"))
        );
        assert_eq!(app.changed_tray_menu(), None);

        // A copy (recently used) and locking change it too.
        app.used(&app.entries()[2].id.clone());
        assert!(app.changed_tray_menu().is_some());
        let _ = app.update(Message::Codes(codes::Message::Lock));
        assert!(matches!(
            app.changed_tray_menu(),
            Some(tray::Menu::Locked(_))
        ));
    }
}
