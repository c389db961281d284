//! A scratch folder for one test, removed when the test ends, passed or failed.

use std::path::{Path, PathBuf};

/// A fresh, empty directory under the system's temporary folder, removed with what it holds
/// when dropped (so also when the test panics), so that runs leave nothing behind.
pub struct Scratch(PathBuf);

impl Scratch {
    /// A new empty folder named after the test (and the process, so that runs do not meet).
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("cc-events-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Scratch(dir)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // A test may have left a folder unreadable: give it back first.
        #[cfg(unix)]
        for entry in std::fs::read_dir(&self.0).into_iter().flatten().flatten() {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o755));
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
