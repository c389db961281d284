//! Which files a run reads: the paths named, and the files below the directories named.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One thing the walk found.
pub enum Found {
    /// A file to read.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// An entry that is reported and not read.
    Skipped { path: PathBuf, why: String },
}

/// The files of `path`, in a stable (sorted) order, each directory walked once (a symlink
/// loop, or two links to one directory, is reported rather than read again).
pub struct Walk {
    seen: HashSet<DirId>,
}

impl Walk {
    pub fn new() -> Self {
        Walk { seen: HashSet::new() }
    }

    /// What a path named on the command line stands for. A file named is read whatever its
    /// kind (a FIFO from `<(...)` included); a directory named is walked, even if it is an
    /// `invalid/` folder.
    pub fn named(&mut self, path: &Path, out: &mut Vec<Found>) {
        if path.as_os_str() == "-" {
            out.push(Found::Stdin);
            return;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let named_invalid = path.file_name().is_some_and(|name| name == "invalid");
                self.dir(path, &meta, named_invalid, out)
            }
            Ok(_) => out.push(Found::File(path.to_path_buf())),
            Err(error) => out.push(skipped(path, &error)),
        }
    }

    fn dir(&mut self, dir: &Path, meta: &fs::Metadata, with_invalid: bool, out: &mut Vec<Found>) {
        if !self.seen.insert(DirId::of(dir, meta)) {
            out.push(Found::Skipped {
                path: dir.to_path_buf(),
                why: "a directory already read (a symbolic link loop, or a second link to it)".to_owned(),
            });
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => return out.push(skipped(dir, &error)),
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(error) => out.push(skipped(dir, &error)),
            }
        }
        paths.sort();
        for path in paths {
            // Follows links, as a user listing the folder would expect; loops are caught above.
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(error) => {
                    out.push(skipped(&path, &error));
                    continue;
                }
            };
            if meta.is_dir() {
                if with_invalid || path.file_name().is_some_and(|name| name != "invalid") {
                    self.dir(&path, &meta, with_invalid, out);
                }
            } else if !is_input(&path) {
                // Not an input (README.md, snapshots, ...): passed over silently.
            } else if meta.is_file() {
                out.push(Found::File(path));
            } else {
                out.push(Found::Skipped {
                    path,
                    why: "not a regular file (a FIFO, socket or device)".to_owned(),
                });
            }
        }
    }
}

fn is_input(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "json" || ext == "ndjson" || ext == "jsonl")
}

fn skipped(path: &Path, error: &io::Error) -> Found {
    Found::Skipped {
        path: path.to_path_buf(),
        why: error.to_string(),
    }
}

/// A directory's identity: device and inode where the platform has them, else its
/// canonical path.
#[derive(PartialEq, Eq, Hash)]
enum DirId {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl DirId {
    #[cfg(unix)]
    fn of(_: &Path, meta: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        DirId::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _: &fs::Metadata) -> Self {
        DirId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}
