//! The binary on a real pseudo-terminal of a set width.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::process::{Command, Stdio};

use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
use rustix::termios::{tcsetwinsize, Winsize};

/// What the binary writes to a terminal `columns` wide, with its exit code;
/// the terminal's line ends (`\r\n`) as `\n` (a CR of the data's own stays).
pub fn on_terminal(columns: u16, args: &[&str]) -> (i32, String) {
    on_terminal_with(columns, args, &[])
}

/// [`on_terminal`] with these environment variables set as well.
pub fn on_terminal_with(columns: u16, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
        .expect("a pseudo-terminal");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let slave = OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().expect("a UTF-8 path"))
        .expect("the terminal's other end");
    let size = Winsize {
        ws_row: 50,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    tcsetwinsize(&slave, size).expect("the terminal's size");
    let mut child = {
        // The command holds the terminal's end until it is dropped; it must
        // be, for reading to end when the child does.
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_summit-kb"));
        cmd.args(args)
            .env_remove("SUMMIT_KB_DATA")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CI")
            .env("TERM", "xterm-256color")
            .env_remove("COLUMNS")
            .env("TZ", "UTC")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(slave)
            .stderr(Stdio::null());
        cmd.spawn().expect("the binary runs")
    };
    let mut master = File::from(master);
    let mut out = Vec::new();
    let mut buf = [0u8; 16384];
    // Linux answers EIO once the other end is closed and all is read.
    while let Ok(n) = master.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let status = child.wait().expect("the binary exits");
    let text = String::from_utf8(out).expect("UTF-8 on the terminal");
    (
        status.code().expect("not killed by a signal"),
        text.replace("\r\n", "\n"),
    )
}
