//! Process-wide protections every Tessera process turns on before it reads a
//! secret: no core dumps, no ptrace or `/proc/PID/mem` access by other
//! processes of the same user, and (where the limit allows) memory that is
//! never swapped. See `docs/security.md`.
//!
//! Everything goes through `rustix`'s safe wrappers, so the crate keeps
//! `unsafe_code = "forbid"`. Each step is best effort: a failure is reported
//! in [`Hardening`] and the process goes on (a Tessera that refuses to start
//! protects nothing).

/// What [`harden`] managed to turn on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hardening {
    /// `PR_SET_DUMPABLE` is 0: no core file, `/proc/PID/{mem,environ,maps}`
    /// owned by root, ptrace refused to processes of the same user.
    pub not_dumpable: bool,
    /// `RLIMIT_CORE` is 0 (soft and hard): no core file even if the process
    /// became dumpable again (after an `execve` of a set-id program, say).
    pub no_core: bool,
    /// All memory, present and future, is locked out of swap (`mlockall`);
    /// only when the locked-memory limit is unlimited (or the process may
    /// lock without limit), since locking future pages under a small limit
    /// would make ordinary allocations fail.
    pub memory_locked: bool,
}

/// Turns the protections on. Call first thing in `main`, before any thread
/// starts and before any secret is read.
pub fn harden() -> Hardening {
    imp::harden()
}

/// Core file size limit 0, soft and hard (so it cannot be raised again).
#[cfg(unix)]
fn no_core_files() -> bool {
    use rustix::process::{Resource, Rlimit, setrlimit};
    setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    )
    .is_ok()
}

#[cfg(target_os = "linux")]
mod imp {
    use rustix::mm::{MlockAllFlags, mlockall};
    use rustix::process::{DumpableBehavior, Resource, getrlimit, set_dumpable_behavior};

    use super::Hardening;

    pub(super) fn harden() -> Hardening {
        let no_core = super::no_core_files();
        let not_dumpable = set_dumpable_behavior(DumpableBehavior::NotDumpable).is_ok();
        let memlock = getrlimit(Resource::Memlock);
        let memory_locked = memlock.current.is_none()
            && mlockall(MlockAllFlags::CURRENT | MlockAllFlags::FUTURE | MlockAllFlags::ONFAULT)
                .is_ok();
        Hardening {
            not_dumpable,
            no_core,
            memory_locked,
        }
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
mod imp {
    use super::Hardening;

    pub(super) fn harden() -> Hardening {
        let no_core = super::no_core_files();
        Hardening {
            no_core,
            ..Hardening::default()
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::Hardening;

    pub(super) fn harden() -> Hardening {
        Hardening::default()
    }
}
