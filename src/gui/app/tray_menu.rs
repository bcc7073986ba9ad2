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
                Task::none()
            }
            tray::Event::Chose(choice) => match choice {
                tray::Choice::Copy(id) if self.session.is_some() => self.copy(&id),
                tray::Choice::Copy(_) => Task::none(),
                tray::Choice::Show => show_window(),
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

    /// Puts the menu in the tray when it changed since it was last put there.
    pub(super) fn sync_tray(&mut self) -> Option<Task<Message>> {
        let handle = self.tray.clone()?;
        let menu = self.tray_menu();
        if self.tray_menu.as_ref() == Some(&menu) {
            return None;
        }
        self.tray_menu = Some(menu.clone());
        Some(task::show_tray(handle, menu).map(|()| Message::TrayShown))
    }
}
