//! How the model's records are written to a snapshot's bytes and read from
//! them: whether a field at its default may be left out (not in a snapshot),
//! and, while a snapshot is read, which bytes its texts may borrow. The
//! model's serde attributes ask this module; [`crate::snapshot`] sets it.

use std::cell::Cell;

thread_local! {
    static WRITING: Cell<bool> = const { Cell::new(false) };
    /// The bytes being read, while [`reading`] reads bytes that live as
    /// long as the program, and whether they are the embedded snapshot's.
    static READING: Cell<(&'static [u8], bool)> = const { Cell::new((&[], false)) };
}

/// Whether serialising may leave out a field at its default: in TOML and
/// JSON, yes; while writing a snapshot, no.
pub fn omits_defaults() -> bool {
    !WRITING.with(Cell::get)
}

/// The text of bytes `v`, borrowed for the whole program, when they lie in
/// the `'static` bytes being read: the same bytes, re-sliced from them, and
/// checked as UTF-8 unless they are the embedded snapshot's, which the build
/// wrote from checked text (checking it on every run was most of the cost
/// of reading it). `None` for bytes elsewhere, or not UTF-8.
pub fn borrowed(v: &[u8]) -> Option<&'static str> {
    let (bytes, trusted) = READING.with(Cell::get);
    let start = (v.as_ptr() as usize).checked_sub(bytes.as_ptr() as usize)?;
    let within = bytes.get(start..start.checked_add(v.len())?)?;
    if !trusted {
        return std::str::from_utf8(within).ok();
    }
    // SAFETY: the embedded snapshot's texts are written by `write` from
    // `str`s (`Bytes` in the model), and the binary holds those bytes as
    // they were written: each text's bytes are UTF-8.
    Some(unsafe { std::str::from_utf8_unchecked(within) })
}

/// `v` as bytes of the embedded snapshot, borrowed for the whole program,
/// while [`reading`] reads it; `None` for any other bytes (see
/// [`crate::records::Records`], which keeps such bytes undecoded).
pub(crate) fn embedded_bytes(v: &[u8]) -> Option<&'static [u8]> {
    let (bytes, trusted) = READING.with(Cell::get);
    if !trusted {
        return None;
    }
    let start = (v.as_ptr() as usize).checked_sub(bytes.as_ptr() as usize)?;
    bytes.get(start..start.checked_add(v.len())?)
}

/// Runs `write` with every field written, defaults too (see
/// [`omits_defaults`]).
pub(crate) fn writing<R>(write: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            WRITING.with(|w| w.set(self.0));
        }
    }
    let _restore = Restore(WRITING.with(|w| w.replace(true)));
    write()
}

/// Runs `read` on `bytes`, which live as long as the program, so that texts
/// read from them borrow from them (see [`borrowed`]); `embedded`: they are
/// the bytes the build wrote into the binary.
pub(crate) fn reading<R>(bytes: &'static [u8], embedded: bool, read: impl FnOnce() -> R) -> R {
    struct Restore((&'static [u8], bool));
    impl Drop for Restore {
        fn drop(&mut self) {
            READING.with(|r| r.set(self.0));
        }
    }
    let _restore = Restore(READING.with(|r| r.replace((bytes, embedded))));
    read()
}
