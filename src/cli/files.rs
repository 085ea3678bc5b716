//! The command's own file I/O: reading a file within a size limit, without ever waiting on
//! something that is not a file, and writing every output atomically.
//!
//! Why here: the library does no I/O, and every command (check, init, eval, outline, the
//! config and rule files) must read and write the same safe way. Reading opens the path without
//! blocking and refuses anything but a regular file (a named pipe with no writer would otherwise
//! wait forever), then reads at most the limit plus one byte, whatever size the file claims.
//! Writing goes to a new temporary file beside the destination, flushed to disk and renamed over
//! it, so a reader never sees half a file and a failed or killed run leaves the old file as it
//! was. Nothing here ever opens an input for writing.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug)]
pub(super) enum ReadError {
    /// The message for a file that could not be opened or read, or is not a regular file.
    Unreadable(String),
    /// The file has more bytes than the limit.
    TooLarge,
}

impl ReadError {
    /// The message, given what to say of a file past the limit.
    pub(super) fn message(self, too_large: impl FnOnce() -> String) -> String {
        match self {
            ReadError::Unreadable(message) => message,
            ReadError::TooLarge => too_large(),
        }
    }
}

/// Reads a regular file whole, or fails at once: never more than `limit` bytes kept, and never
/// a wait on a pipe, socket or device.
pub(super) fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let unreadable = |e: io::Error| ReadError::Unreadable(describe_io_error(&e, "read"));
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(ReadError::Unreadable(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge);
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // The path may have been swapped for a pipe since it was looked at: open it without
        // blocking, then look again at what was opened.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(ReadError::Unreadable(what));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// What a path is, when it is not a regular file, in a sentence for the user.
fn not_a_file(meta: &std::fs::Metadata) -> Option<String> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("this is a folder, not a file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("this is a named pipe, not a file; outcome-lint reads only files by name, so that it never waits for a pipe that may never be written to (to check piped text, send it to standard input and give '-' as the name)".into());
        }
        if kind.is_socket() {
            return Some("this is a socket, not a file".into());
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("this is a device, not a file".into());
        }
    }
    Some("this is not a regular file".into())
}

/// A plain-English sentence for an I/O error on a file, for a case officer.
pub(super) fn describe_io_error(e: &io::Error, verb: &str) -> String {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "this is a link that leads round in a loop (a link to itself, or to a link back to it), so there is no file to read".into();
    }
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => format!("permission denied: cannot {verb} this file"),
        io::ErrorKind::IsADirectory => "this is a folder, not a file".into(),
        io::ErrorKind::NotADirectory => {
            "a folder named in this path is a file, not a folder".into()
        }
        io::ErrorKind::StorageFull => format!("cannot {verb} this file: the disk is full"),
        io::ErrorKind::ReadOnlyFilesystem => {
            format!("cannot {verb} this file: the disk it is on is read-only")
        }
        _ => format!("cannot {verb} this file: {e}"),
    }
}

/// Writes `bytes` to `path` atomically (see [`write_atomically_with`]).
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomically_with(path, |file| {
        file.write_all(bytes)
            .map_err(|e| describe_io_error(&e, "write"))
    })
}

/// Writes a file through `write`, atomically: to a new temporary file in the same folder,
/// flushed to disk, then renamed over `path`. On any failure the temporary file is removed and
/// `path` is left as it was. Messages start with the path.
pub(super) fn write_atomically_with<T>(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<T, String>,
) -> Result<T, String> {
    let (temporary, mut file) = temporary_beside(path)?;
    let result = write(&mut file).and_then(|value| {
        file.sync_all()
            .map_err(|e| describe_io_error(&e, "write"))?;
        drop(file);
        std::fs::rename(&temporary, path).map_err(|e| describe_io_error(&e, "write"))?;
        Ok(value)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(|message| format!("{}: {message}", path.display()))
}

/// Writes `bytes` to `path`, which must not exist yet, atomically: the file appears whole or
/// not at all, and a file that appears meanwhile is never replaced. `Ok(false)` when it exists.
pub(super) fn write_new_atomically(path: &Path, bytes: &[u8]) -> Result<bool, String> {
    let shown = path.display().to_string();
    let (temporary, mut file) = temporary_beside(path)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            // A hard link, unlike a rename, fails when the destination exists. On a disk
            // without hard links, look first and rename: still whole, not quite race-free.
            match std::fs::hard_link(&temporary, path) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    if path.exists() {
                        Err(io::ErrorKind::AlreadyExists.into())
                    } else {
                        std::fs::rename(&temporary, path)
                    }
                }
                linked => linked,
            }
        });
    let _ = std::fs::remove_file(&temporary);
    match written {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(format!("{shown}: {}", describe_io_error(&e, "write"))),
    }
}

/// A new, empty temporary file in the folder of `path`, named after it.
fn temporary_beside(path: &Path) -> Result<(PathBuf, File), String> {
    let shown = path.display().to_string();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("{shown}: this is a folder, not a file name"))?
        .to_string_lossy()
        .into_owned();
    let mut attempt = 0u32;
    loop {
        let candidate = folder.join(format!(
            ".{name}.{}.{attempt}.outcome-lint.tmp",
            std::process::id()
        ));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(format!("{shown}: {}", describe_io_error(&e, "write"))),
        }
    }
}
