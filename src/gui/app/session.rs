//! The unlocked session's operations: each screen's action on the entries
//! becomes a [`task::modify`] over a core operation ([`vault::ops`],
//! [`crate::import::Plan::apply`]); its result comes back as
//! [`Message::Saved`]. Also re-reading the file, the password and keyring
//! settings, moving accounts to a phone, and locking.

use super::*;

/// The unlocked vault and what is shown of it.
#[derive(Debug)]
pub(super) struct Session {
    pub(super) vault: Handle,
    pub(super) entries: codes::Entries,
    pub(super) has_keyring_slot: bool,
    pub(super) codes: codes::Codes,
    /// A re-read of the file is running.
    pub(super) reloading: bool,
    /// What the last failed re-read said (said once, not every time).
    pub(super) reload_error: Option<String>,
    /// Conflict copies beside the vault saved under another password: the
    /// list shows a banner asking for the first one's password.
    pub(super) locked_copies: Vec<PathBuf>,
    /// Conflict copies that cannot be merged, already reported.
    pub(super) told: Vec<PathBuf>,
    /// When to try the automatic backup again: one is owed (the change came
    /// within the minute, or the folder was missing or refused it), and the
    /// tick retries it with no further change ([`vault::backup::RETRY`]).
    pub(super) backup_due: Option<Timestamp>,
}

/// What a saved change was.
#[derive(Clone, Debug)]
pub enum Change {
    /// An account typed on the add screen was added (or found in the vault meanwhile).
    Added(Report),
    /// An entry was edited.
    Edited,
    /// An entry was deleted.
    Deleted(crate::otp::Label),
    /// An HOTP counter was advanced.
    Advanced(EntryId),
    /// Accounts from the review step were added (how many).
    Imported(usize),
    /// An entry's recovery codes were replaced (how many now).
    RecoveryReplaced(usize),
    /// A recovery code was marked used (then it is copied).
    RecoveryUsed(SecretText),
    /// An earlier version was restored (whether it has a keyring slot).
    Restored(bool),
}

impl App {
    pub(super) fn saved(
        &mut self,
        result: Result<(Change, Vec<Entry>), task::Error>,
    ) -> Task<Message> {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        match result {
            Ok((change, entries)) => {
                session.entries.replace(entries);
                match change {
                    Change::Added(report) => match (report.added.first(), report.skipped.first()) {
                        (Some(added), _) => {
                            self.info(i18n::tf(
                                lang,
                                Key::Added,
                                &[("label", &i18n::label(lang, &added.label))],
                            ));
                            self.show_codes()
                        }
                        (None, Some(skipped)) => {
                            self.add(add::Message::AddedMeanwhile(skipped.existing_label.clone()))
                        }
                        (None, None) => self.show_codes(),
                    },
                    Change::Edited => {
                        self.info(i18n::t(lang, Key::Saved).to_owned());
                        self.show_codes()
                    }
                    Change::Deleted(label) => {
                        self.info(i18n::tf(
                            lang,
                            Key::Deleted,
                            &[("label", &i18n::label(lang, &label))],
                        ));
                        self.show_codes()
                    }
                    Change::Advanced(id) => {
                        let action = session
                            .codes
                            .update(codes::Message::Advanced(id), &session.entries);
                        self.codes_action(action)
                    }
                    Change::RecoveryReplaced(n) => {
                        self.info(i18n::tf(lang, Key::RecoverySaved, &[("n", &n.to_string())]));
                        self.recovery(recovery::Message::Saved)
                    }
                    Change::RecoveryUsed(code) => {
                        let shown = self.recovery(recovery::Message::Saved);
                        Task::batch([shown, self.copy_text(code, Key::RecoveryCopied)])
                    }
                    // The review says how many were added; left meanwhile,
                    // the list does.
                    Change::Restored(keyring) => {
                        session.has_keyring_slot = keyring;
                        let n = session.entries.len().to_string();
                        self.info(i18n::tf(lang, Key::RestoreDoneToast, &[("n", &n)]));
                        self.show_codes()
                    }
                    Change::Imported(n) => match self.screen {
                        Screen::Review(_) => self.review(review::Message::Saved(n)),
                        _ => self.imported(n),
                    },
                }
            }
            // Re-keyed elsewhere: the key held here is stale; unlock again.
            Err(error @ task::Error::Vault(vault::Error::KeyChanged { .. })) => {
                self.locked_because(&error)
            }
            // The screen that asked says why; the others, in a toast.
            Err(error) => match self.screen {
                Screen::Add(_) => self.add(add::Message::SaveFailed(error)),
                Screen::Details(_) => self.details(details::Message::SaveFailed(error)),
                Screen::Review(_) => self.review(review::Message::SaveFailed(error)),
                Screen::Recovery(_) => self.recovery(recovery::Message::SaveFailed(error)),
                Screen::Restore(_) => self.restore(restore::Message::Failed(error)),
                _ => {
                    self.error(error.localized(lang));
                    Task::none()
                }
            },
        }
    }

    /// Accounts from the review were added: say how many, on the list.
    pub(super) fn imported(&mut self, n: usize) -> Task<Message> {
        self.info(i18n::imported(self.lang(), n));
        self.show_codes()
    }

    pub(super) fn codes_action(&mut self, action: codes::Action) -> Task<Message> {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        match action {
            codes::Action::None => Task::none(),
            codes::Action::Copy(id) => self.copy(&id),
            codes::Action::Next(id) => {
                let now = self.now;
                task::modify(session.vault.clone(), move |entries| {
                    ops::advance(entries, &id, now)?;
                    Ok(Change::Advanced(id))
                })
                .map(Message::Saved)
            }
            codes::Action::Details(id) => {
                if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                    self.screen = Screen::Details(details::Details::new(entry, lang));
                }
                Task::none()
            }
            codes::Action::Add => self.show_add(),
            codes::Action::Paste => self.scan_clipboard(),
            codes::Action::ScanScreen => self.scan_screen(),
            codes::Action::Import => self.choose_files(),
            codes::Action::Settings => {
                self.screen = Screen::Settings(settings::Settings::new(
                    self.settings.clone(),
                    session.has_keyring_slot,
                ));
                task::backup_folder(session.vault.clone(), self.env.history.clone())
                    .map(|r| Message::BackupFolder(r.map(|folder| (folder, None))))
            }
            codes::Action::Lock => self.lock(),
            codes::Action::ScrollTo(offset) => scroll_list(offset),
            codes::Action::Export => {
                let shown = codes::visible(&session.entries, "");
                self.screen = Screen::Share(share::Share::export(&shown));
                Task::none()
            }
            codes::Action::ApplyClockOffset(secs) => {
                self.clock_warning = None;
                self.settings.clock_offset_seconds =
                    secs.clamp(-MAX_CLOCK_OFFSET, MAX_CLOCK_OFFSET);
                self.save_settings()
            }
            codes::Action::DismissClockWarning => {
                self.clock_warning = None;
                Task::none()
            }
            codes::Action::MergeCopy(password) => match session.locked_copies.first() {
                Some(copy) => task::merge_copy(
                    session.vault.clone(),
                    copy.clone(),
                    password,
                    self.env.policy.clone(),
                )
                .map(Message::CopyMerged),
                None => Task::none(),
            },
        }
    }

    /// Tells what became of the conflict copies beside the vault (after an
    /// unlock or a re-read): merged ones in a note, those under another
    /// password in the list's banner, the others once as an error.
    pub(super) fn synced(&mut self, sync: task::Synced) {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return;
        };
        session.locked_copies = sync.locked;
        let mut untold = Vec::new();
        for (copy, reason) in sync.left {
            if !session.told.contains(&copy) {
                let name = copy.display().to_string();
                untold.push(i18n::tf(
                    lang,
                    Key::SyncLeft,
                    &[("copy", &name), ("reason", &reason)],
                ));
                session.told.push(copy);
            }
        }
        if let Some(text) = untold.into_iter().next() {
            self.error(text);
        } else if !sync.merged.is_empty() {
            let n = sync.merged.len().to_string();
            self.info(i18n::tf(lang, Key::SyncMergedToast, &[("n", &n)]));
        }
    }

    /// A conflict copy under another password was merged, or not.
    pub(super) fn copy_merged(
        &mut self,
        result: Result<(PathBuf, Vec<Entry>), task::Error>,
    ) -> Task<Message> {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        match result {
            Ok((copy, entries)) => {
                session.entries.replace(entries);
                session.locked_copies.retain(|c| *c != copy);
                let name = copy.file_name().map_or_else(
                    || copy.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.info(i18n::tf(lang, Key::CopyMergedToast, &[("copy", &name)]));
                Task::none()
            }
            Err(error @ task::Error::Vault(vault::Error::KeyChanged { .. })) => {
                self.locked_because(&error)
            }
            Err(error) => {
                self.error(error.localized(lang));
                self.focus_field(codes::COPY_PASSWORD_ID)
            }
        }
    }

    pub(super) fn reloaded(
        &mut self,
        result: Result<task::Reloaded, task::Error>,
    ) -> Task<Message> {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        session.reloading = false;
        match result {
            Ok(task::Reloaded { entries, sync }) => {
                if let Some(entries) = entries {
                    session.entries.replace(entries);
                }
                session.reload_error = None;
                self.synced(sync);
            }
            Err(error @ task::Error::Vault(vault::Error::KeyChanged { .. })) => {
                return self.locked_because(&error);
            }
            Err(error) => {
                let text = error.localized(lang);
                if session.reload_error.as_ref() != Some(&text) {
                    session.reload_error = Some(text.clone());
                    self.error(text);
                }
            }
        }
        Task::none()
    }

    /// Locks: drops the vault and every decrypted secret, clears a code still
    /// in the clipboard, shows the unlock screen.
    pub fn lock(&mut self) -> Task<Message> {
        self.session = None;
        self.screen = Screen::Unlock(unlock::Unlock::new(self.path_text()));
        let focus = self.focus_field(unlock::PASSWORD_ID);
        if self.copied.is_some() {
            Task::batch([focus, iced::clipboard::read().map(Message::ClipboardRead)])
        } else {
            focus
        }
    }

    /// Locks, and says why on the unlock screen.
    pub(super) fn locked_because(&mut self, error: &task::Error) -> Task<Message> {
        let lang = self.lang();
        let focus = self.lock();
        self.screen = Screen::Unlock(unlock::Unlock::with_error(
            self.path_text(),
            error.localized(lang),
        ));
        focus
    }

    /// A message of the add screen.
    pub(super) fn add(&mut self, message: add::Message) -> Task<Message> {
        let lang = self.lang();
        let (Screen::Add(screen), Some(session)) = (&mut self.screen, &self.session) else {
            return Task::none();
        };
        match screen.update(message, lang, &session.entries) {
            add::Action::None => Task::none(),
            add::Action::Cancel => self.show_codes(),
            add::Action::OpenFiles(paths) => self.scan_files(paths),
            add::Action::Paste => self.scan_clipboard(),
            add::Action::ScanScreen => self.scan_screen(),
            add::Action::ChooseFiles => self.choose_files(),
            add::Action::Save(account) => {
                let now = self.now;
                let given = Contents::given(NewEntry::new(account));
                let plan = Plan::new(&session.entries, [&given]);
                task::modify(session.vault.clone(), move |entries| {
                    Ok(Change::Added(plan.apply(entries, now)?))
                })
                .map(Message::Saved)
            }
        }
    }

    /// A message of the details screen.
    pub(super) fn details(&mut self, message: details::Message) -> Task<Message> {
        let lang = self.lang();
        let (Screen::Details(screen), Some(session)) = (&mut self.screen, &self.session) else {
            return Task::none();
        };
        match screen.update(message, lang) {
            details::Action::None => Task::none(),
            details::Action::Back => self.show_codes(),
            details::Action::ShowQr(id) => {
                if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                    self.screen = Screen::Share(share::Share::single(entry));
                }
                Task::none()
            }
            details::Action::Recovery(id) => {
                if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                    self.screen = Screen::Recovery(recovery::Recovery::new(entry));
                }
                Task::none()
            }
            details::Action::Save(edit) => {
                let now = self.now;
                let change = vault::Edit {
                    issuer: Some(edit.issuer),
                    name: Some(edit.name),
                    group: Some(edit.group),
                    favourite: Some(edit.favourite),
                    notes: Some(edit.notes),
                    params: Some(edit.params),
                    icon: Some(edit.icon),
                };
                task::modify(session.vault.clone(), move |entries| {
                    ops::edit(entries, &edit.id, change, now)?;
                    Ok(Change::Edited)
                })
                .map(Message::Saved)
            }
            details::Action::Delete(id) => {
                task::modify_at(session.vault.clone(), Some(self.now), move |entries| {
                    let removed = ops::remove(entries, &id)?;
                    Ok(Change::Deleted(removed.account.label()))
                })
                .map(Message::Saved)
            }
        }
    }

    /// A message of the settings screen.
    pub(super) fn settings_message(&mut self, message: settings::Message) -> Task<Message> {
        let lang = self.lang();
        let Screen::Settings(screen) = &mut self.screen else {
            return Task::none();
        };
        match screen.update(message, lang) {
            settings::Action::None => Task::none(),
            settings::Action::Back => self.show_codes(),
            settings::Action::Changed(values) => {
                if values.shortcut != self.settings.shortcut {
                    // The new shortcut's thread reports afresh.
                    self.shortcut_problem = None;
                }
                let old = self.scale_factor();
                if values.text_size_percent != self.settings.text_size_percent
                    && let Some(session) = &mut self.session
                {
                    // The list's width in logical pixels changes with it.
                    session
                        .codes
                        .rescale(old, f32::from(values.text_size_percent) / 100.0);
                }
                self.settings = values;
                self.save_settings()
            }
            settings::Action::SetBackupFolder(folder) => self.set_backup_folder(folder),
            settings::Action::ChooseBackupFolder => {
                task::choose_folder(i18n::t(lang, Key::BackupsChooseTitle).to_owned())
                    .map(|chosen| Message::Settings(settings::Message::BackupFolderChosen(chosen)))
            }
            settings::Action::FileExport => {
                self.screen = Screen::FileExport(file_export::FileExport::new());
                Task::none()
            }
            settings::Action::Restore => match &self.session {
                Some(session) => {
                    self.screen = Screen::Restore(restore::Restore::new());
                    task::earlier_versions(session.vault.clone())
                        .map(|r| Message::Restore(restore::Message::Listed(r)))
                }
                None => Task::none(),
            },
            settings::Action::CheckClock => {
                crate::gui::clock::check(self.settings.time_server.clone(), self.env.system_clock)
                    .map(Message::ClockChecked)
            }
            settings::Action::ChangePassword(password) => match &self.session {
                Some(session) => {
                    let (task, running) = task::cancellable(|cancel| {
                        task::change_password(
                            session.vault.clone(),
                            self.env.keystore.clone(),
                            password,
                            self.env.policy.clone(),
                            cancel,
                        )
                        .map(Message::PasswordChanged)
                    });
                    screen.changing(running);
                    task
                }
                None => Task::none(),
            },
            settings::Action::EnableKeyring => match &self.session {
                Some(session) => {
                    task::enable_keyring_task(session.vault.clone(), self.env.keystore.clone())
                        .map(Message::KeyringSet)
                }
                None => Task::none(),
            },
            settings::Action::DisableKeyring(password) => match &self.session {
                Some(session) => task::disable_keyring(
                    session.vault.clone(),
                    self.env.keystore.clone(),
                    password,
                    self.env.policy.clone(),
                )
                .map(Message::KeyringSet),
                None => Task::none(),
            },
        }
    }

    /// The automatic backup after a save, when one is due.
    pub(super) fn auto_backup(&self) -> Task<Message> {
        match &self.session {
            Some(session) => {
                task::auto_backup(session.vault.clone(), self.env.history.clone(), self.now)
                    .map(Message::BackedUp)
            }
            None => Task::none(),
        }
    }

    /// Sets (or clears) the folder for automatic backups.
    pub(super) fn set_backup_folder(&self, folder: Option<PathBuf>) -> Task<Message> {
        match &self.session {
            Some(session) => task::set_backup_folder(
                session.vault.clone(),
                self.env.history.clone(),
                folder,
                self.now,
            )
            .map(|r| Message::BackupFolder(r.map(|(folder, outcome)| (folder, Some(outcome))))),
            None => Task::none(),
        }
    }

    /// A tick: the automatic backup again, when one is owed and due.
    pub(super) fn retry_backup(&mut self) -> Task<Message> {
        let now = self.now;
        match &mut self.session {
            Some(session) if session.backup_due.is_some_and(|due| due <= now) => {
                session.backup_due = None;
                self.auto_backup()
            }
            _ => Task::none(),
        }
    }

    /// What the automatic backup did: a folder found missing, or refusing
    /// the backup, is said once until a backup works again, and tried again
    /// a minute later (by the tick); any other failure is said each time.
    /// The save itself went through either way.
    pub(super) fn backed_up(&mut self, result: Result<vault::backup::Outcome, task::Error>) {
        let lang = self.lang();
        let owed = result.as_ref().is_ok_and(vault::backup::Outcome::owed);
        let due = Timestamp(self.now.secs().saturating_add(vault::backup::RETRY));
        if let Some(session) = &mut self.session {
            session.backup_due = owed.then_some(due);
        }
        let text = match result {
            Ok(vault::backup::Outcome::FolderMissing {
                folder,
                first: true,
            }) => i18n::tf(
                lang,
                Key::BackupFolderMissing,
                &[("folder", &folder.display().to_string())],
            ),
            Ok(vault::backup::Outcome::Failed {
                error, first: true, ..
            }) => i18n::tf(
                lang,
                Key::BackupFailed,
                &[
                    ("vault", &self.env.vault_path.display().to_string()),
                    ("reason", &error.localized(lang)),
                ],
            ),
            Ok(_) => return,
            Err(error) => i18n::tf(
                lang,
                Key::BackupFailed,
                &[
                    ("vault", &self.env.vault_path.display().to_string()),
                    ("reason", &error.localized(lang)),
                ],
            ),
        };
        self.error(text);
    }

    /// The folder for automatic backups was read or set.
    pub(super) fn backup_folder(
        &mut self,
        result: Result<(Option<PathBuf>, Option<vault::backup::Outcome>), task::Error>,
    ) -> Task<Message> {
        let lang = self.lang();
        match result {
            Ok((folder, outcome)) => {
                let shown =
                    self.settings_message(settings::Message::BackupFolderIs(folder.clone()));
                if let Some(outcome) = outcome {
                    match folder {
                        Some(folder) => self.info(i18n::tf(
                            lang,
                            Key::BackupsNowOn,
                            &[("folder", &folder.display().to_string())],
                        )),
                        None => self.info(i18n::t(lang, Key::BackupsNowOff).to_owned()),
                    }
                    self.backed_up(Ok(outcome));
                }
                shown
            }
            Err(error) => {
                self.backed_up(Err(error));
                Task::none()
            }
        }
    }

    /// A message of the "Export and backup…" screen.
    pub(super) fn file_export(&mut self, message: file_export::Message) -> Task<Message> {
        let lang = self.lang();
        let Screen::FileExport(screen) = &mut self.screen else {
            return Task::none();
        };
        match screen.update(message, lang) {
            file_export::Action::None => Task::none(),
            file_export::Action::Back => self.back_to_settings(),
            file_export::Action::Export(request) => match &self.session {
                Some(session) => task::export(
                    session.vault.clone(),
                    request,
                    self.env.policy.clone(),
                    self.now,
                )
                .map(|result| Message::FileExport(file_export::Message::Exported(result))),
                None => Task::none(),
            },
        }
    }

    /// The settings again, from a screen they opened (the backup folder
    /// read anew).
    fn back_to_settings(&mut self) -> Task<Message> {
        let Some(session) = &self.session else {
            return Task::none();
        };
        self.screen = Screen::Settings(settings::Settings::new(
            self.settings.clone(),
            session.has_keyring_slot,
        ));
        task::backup_folder(session.vault.clone(), self.env.history.clone())
            .map(|r| Message::BackupFolder(r.map(|folder| (folder, None))))
    }

    /// A message of the "Restore an earlier version…" screen. A restore
    /// that worked comes back as a save ([`Change::Restored`]): the list,
    /// a toast, and the automatic backup as after any save.
    pub(super) fn restore(&mut self, message: restore::Message) -> Task<Message> {
        let lang = self.lang();
        let Screen::Restore(screen) = &mut self.screen else {
            return Task::none();
        };
        let action = screen.update(message, lang);
        let Some(session) = &self.session else {
            return Task::none();
        };
        match action {
            restore::Action::None => Task::none(),
            restore::Action::Back => self.back_to_settings(),
            restore::Action::Open(path, password) => task::open_earlier(
                session.vault.clone(),
                path,
                password,
                self.env.policy.clone(),
            )
            .map(|r| Message::Restore(restore::Message::Opened(r))),
            restore::Action::Restore(copy) => task::restore_earlier(
                session.vault.clone(),
                copy,
                self.env.history.clone(),
            )
            .map(|r| {
                Message::Saved(r.map(|(keyring, entries)| (Change::Restored(keyring), entries)))
            }),
        }
    }

    /// The password was changed (or not): the session records whether
    /// keyring unlock is still on; the settings screen says what happened.
    pub(super) fn password_changed(&mut self, result: Result<bool, task::Error>) -> Task<Message> {
        if let Ok(on) = result {
            self.keyring_slot(on);
        }
        self.settings_message(settings::Message::PasswordChanged(result))
    }

    /// Keyring unlock was turned on or off (or not): recorded in the
    /// session, said by the settings screen.
    pub(super) fn keyring_set(
        &mut self,
        result: Result<task::KeyringState, task::Error>,
    ) -> Task<Message> {
        if let Ok(state) = &result {
            self.keyring_slot(state.on);
        }
        self.settings_message(settings::Message::KeyringSet(result))
    }

    fn keyring_slot(&mut self, on: bool) {
        if let Some(session) = &mut self.session {
            session.has_keyring_slot = on;
            self.keyring_copy = on;
        }
    }

    /// A message of the share screen.
    pub(super) fn share(&mut self, message: share::Message) -> Task<Message> {
        let lang = self.lang();
        let (Screen::Share(screen), Some(session)) = (&mut self.screen, &self.session) else {
            return Task::none();
        };
        match screen.update(message, lang) {
            share::Action::None => Task::none(),
            share::Action::Back => self.show_codes(),
            share::Action::Encode(ids) => {
                let accounts: Vec<crate::otp::Account> = codes::visible(&session.entries, "")
                    .into_iter()
                    .filter(|e| ids.contains(&e.id))
                    .map(|e| e.account.clone())
                    .collect();
                task::encode_export(accounts)
                    .map(|result| Message::Share(share::Message::Encoded(result)))
            }
            share::Action::Failed(text) => {
                self.error(text);
                Task::none()
            }
        }
    }

    /// A message of the recovery codes screen.
    pub(super) fn recovery(&mut self, message: recovery::Message) -> Task<Message> {
        let lang = self.lang();
        let (Screen::Recovery(screen), Some(session)) = (&mut self.screen, &self.session) else {
            return Task::none();
        };
        let entry = session.entries.iter().find(|e| &e.id == screen.id());
        match screen.update(message, entry, lang) {
            recovery::Action::None => Task::none(),
            recovery::Action::Back(id) => {
                if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                    self.screen = Screen::Details(details::Details::new(entry, self.lang()));
                }
                Task::none()
            }
            recovery::Action::Replace(id, codes) => {
                let now = self.now;
                let count = codes.len();
                task::modify(session.vault.clone(), move |entries| {
                    ops::replace_recovery_codes(entries, &id, codes, now)?;
                    Ok(Change::RecoveryReplaced(count))
                })
                .map(Message::Saved)
            }
            recovery::Action::Use(id, index) => {
                let Some(code) = entry
                    .and_then(|e| e.recovery_codes.get(index))
                    .map(|c| c.code.clone())
                else {
                    return Task::none();
                };
                let now = self.now;
                task::modify(session.vault.clone(), move |entries| {
                    ops::use_recovery_code(entries, &id, code.expose(), now)?;
                    Ok(Change::RecoveryUsed(code))
                })
                .map(Message::Saved)
            }
        }
    }

    /// The vault file changed on disk: re-read it (once at a time).
    pub(super) fn vault_changed(&mut self) -> Task<Message> {
        match &mut self.session {
            Some(session) if !session.reloading => {
                session.reloading = true;
                task::reload(session.vault.clone()).map(Message::Reloaded)
            }
            _ => Task::none(),
        }
    }
}

impl App {
    /// Writes the settings file (when there is one).
    pub(super) fn save_settings(&self) -> Task<Message> {
        match &self.env.settings_path {
            Some(path) => {
                task::save_settings(path.clone(), self.settings.clone()).map(Message::SettingsSaved)
            }
            None => Task::none(),
        }
    }

    /// A clock check finished: the warning on the list is the root's; the
    /// settings screen, when it is up, says the result.
    pub(super) fn clock_checked(&mut self, check: ClockCheck) -> Task<Message> {
        self.clock_warning = crate::gui::clock::warning(&check, self.settings.clock_offset_seconds);
        self.settings_message(settings::Message::ClockChecked(check))
    }
}
