//! Text from a dataset made safe to show: the one place that decides which
//! characters a terminal or a Markdown viewer must never be sent as they are.
//!
//! A dataset is untrusted: a title may hold ESC (which starts the sequences
//! that clear a screen, retitle a window or recolour what follows), BEL, a
//! carriage return or backspaces (which overprint a row), or the Unicode
//! bidirectional overrides and isolates (which reorder what is shown, as in
//! "Trojan Source", CVE-2021-42574). Each such character is shown as its Rust
//! escape instead, the way error messages and JSON already show them: `\u{1b}`
//! for ESC, `\u{7}` for BEL, `\r`, `\t`, `\u{202e}` for RIGHT-TO-LEFT
//! OVERRIDE. Those are the C0 controls, DEL and the C1 controls (Unicode's
//! `Cc`), and U+202A..U+202E and U+2066..U+2069.
//!
//! [`visible`] keeps a line feed: every human format breaks a line there (a
//! table cell of two lines, `<br>` in Markdown). [`visible_line`] shows it as
//! `\n` too, for what must stay on one line (an error message).
//!
//! The escape can look like text that spells it (a title that holds the six
//! characters `\u{7}`): what is shown is never sent as a control character,
//! which is the point, and `--format json` gives the exact value.

use std::borrow::Cow;

/// The text with every control character but the line feed, and every
/// bidirectional override, shown as its escape; borrowed when there is none.
pub fn visible(text: &str) -> Cow<'_, str> {
    escaped(text, true)
}

/// As [`visible`], with the line feed shown as `\n` as well: one line.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    escaped(text, false)
}

/// Whether `c` is never sent as it is (a line feed aside).
fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escaped(text: &str, keep_newline: bool) -> Cow<'_, str> {
    let shown = |c: char| hidden(c) && !(keep_newline && c == '\n');
    if !text.chars().any(shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if shown(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown_and_the_rest_kept() {
        assert_eq!(
            visible("a\x1b]0;x\x07b\rc\x08d\te\x7f\u{9b}f\u{202e}g\u{2066}h"),
            "a\\u{1b}]0;x\\u{7}b\\rc\\u{8}d\\te\\u{7f}\\u{9b}f\\u{202e}g\\u{2066}h"
        );
        assert_eq!(visible("two\nlines"), "two\nlines");
        assert_eq!(visible_line("two\nlines"), "two\\nlines");
        // Letters of any script, marks and other format characters stay.
        let fine = "Заявление 漢字 é\u{301} \u{200d} «x» \\u{1b}";
        assert!(matches!(visible(fine), Cow::Borrowed(_)));
        assert_eq!(visible(fine), fine);
    }

    #[test]
    fn nothing_hidden_is_left_in_what_is_shown() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("x{c}y");
            let shown = visible_line(&text);
            assert!(!shown.chars().any(hidden), "{c:?} gives {shown:?}");
        }
    }
}
