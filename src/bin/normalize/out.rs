//! Output that never panics: a write to a closed standard output or error stops the run.

use serde::Serialize;
use std::fmt;
use std::io::{self, BufWriter, Stderr, Stdout, Write};

/// Standard output or error could not be written (a closed pipe, a full disk): the run ends.
#[derive(Debug)]
pub struct Cut;

/// Standard output (buffered) and standard error.
pub struct Out {
    stdout: BufWriter<Stdout>,
    stderr: Stderr,
    cut: bool,
    /// One line's JSON, reused from line to line.
    line: Vec<u8>,
}

impl Out {
    pub fn new() -> Self {
        Out {
            stdout: BufWriter::with_capacity(1 << 16, io::stdout()),
            stderr: io::stderr(),
            cut: false,
            line: Vec::with_capacity(4096),
        }
    }

    fn check(&mut self, result: io::Result<()>) -> Result<(), Cut> {
        if self.cut || result.is_err() {
            self.cut = true;
            return Err(Cut);
        }
        Ok(())
    }

    /// One value as one JSON line on standard output.
    pub fn event<T: Serialize>(&mut self, value: &T) -> Result<(), Cut> {
        self.line.clear();
        let written = cc_events::json::append(&mut self.line, value).and_then(|()| {
            self.line.push(b'\n');
            self.stdout.write_all(&self.line)
        });
        self.check(written)
    }

    /// Text on standard output.
    pub fn text(&mut self, text: &str) -> Result<(), Cut> {
        let written = writeln!(self.stdout, "{text}");
        self.check(written)
    }

    /// One line on standard error (after what standard output holds, so the two interleave
    /// as they happened).
    pub fn diagnostic(&mut self, line: fmt::Arguments<'_>) -> Result<(), Cut> {
        if self.cut {
            // Said once, best effort: the output may be what was cut.
            let _ = writeln!(self.stderr, "{line}");
            return Err(Cut);
        }
        let written = self.stdout.flush().and_then(|()| writeln!(self.stderr, "{line}"));
        self.check(written)
    }

    pub fn flush(&mut self) -> Result<(), Cut> {
        let flushed = self.stdout.flush();
        self.check(flushed)
    }
}
