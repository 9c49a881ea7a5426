//! One writer per data directory. The event stage's snapshot, its decision log and the numbers of its
//! hand-overs to the store assume a single owner: a second writer (an `ingest` while `serve` runs, two
//! corrections at once) would truncate or overwrite the other's work. Every command that writes takes
//! this lock first; commands that only read do not.
//!
//! The lock is the operating system's advisory file lock on `storyweave.lock` in the data directory, so
//! it goes with the process: a crash or a kill releases it, and a stale lock file is harmless.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock file's name inside the data directory.
pub const LOCK_FILE: &str = "storyweave.lock";

/// The held writer lock of a data directory; released when dropped or when the process ends.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
    path: PathBuf,
}

/// Why the writer lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process writes to the data directory.
    #[error(
        "the data directory {data} is in use by another storyweave process that writes to it ({holder}); \
         wait for it to finish or stop it, or send articles to a running server with POST /api/articles"
    )]
    InUse {
        /// The data directory.
        data: PathBuf,
        /// What the lock file says of its holder.
        holder: String,
    },
    /// The lock file could not be created or locked.
    #[error("cannot lock {path}: {source}")]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl WriterLock {
    /// Takes the writer lock of `data` (creating the directory when missing) for `command`, which the
    /// lock file records so that a second writer's error can name the holder.
    pub fn acquire(data: &Path, command: &str) -> Result<WriterLock, LockError> {
        let path = data.join(LOCK_FILE);
        let io = |source| LockError::Io { path: path.clone(), source };
        std::fs::create_dir_all(data).map_err(io)?;
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim().replace('\n', ", ");
                let holder = if holder.is_empty() { "process unknown".to_string() } else { holder };
                return Err(LockError::InUse { data: data.to_path_buf(), holder });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        // Who holds it, for the next writer's message; the lock is taken whether or not this succeeds.
        let _ = file
            .set_len(0)
            .and_then(|_| file.seek(SeekFrom::Start(0)))
            .and_then(|_| write!(file, "pid {}\n{command}\n", std::process::id()))
            .and_then(|_| file.flush());
        Ok(WriterLock { _file: file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_with_the_holder_named_until_the_first_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let first = WriterLock::acquire(&data, "storyweave serve").unwrap();
        let err = WriterLock::acquire(&data, "storyweave ingest").unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, LockError::InUse { .. }), "{message}");
        assert!(message.contains("storyweave serve"), "{message}");
        assert!(message.contains(&format!("pid {}", std::process::id())), "{message}");
        assert!(message.contains(&data.display().to_string()), "{message}");
        drop(first);
        let again = WriterLock::acquire(&data, "storyweave ingest").unwrap();
        assert!(again.path().ends_with(LOCK_FILE));
    }
}
