//! One module per subcommand, each with the same shape: its arguments, and a
//! `run` that asks the knowledge base and returns a typed answer (see
//! [`crate::answer`]). None of them prints, nor words anything for people.

pub mod chair;
pub mod check;
pub mod completions;
pub mod decisions;
pub mod docs;
pub mod evidence;
pub mod export;
pub mod holder;
pub mod members;
pub mod schema;
pub mod search;
pub mod show;
pub mod sources;
pub mod summits;
pub mod terms;
pub mod timeline;

use crate::kb::Kb;

/// What a query command runs with: the checked knowledge base, the
/// terminal's width when writing to one, and today's date (for `--on` left
/// out), looked up only when a command asks for it: finding the system's
/// time zone reads the zone database, which costs more than most answers.
pub struct Ctx<'k> {
    pub kb: &'k Kb<'k>,
    pub width: Option<u16>,
    today: std::cell::OnceCell<jiff::civil::Date>,
}

impl<'k> Ctx<'k> {
    pub fn new(kb: &'k Kb<'k>, width: Option<u16>) -> Ctx<'k> {
        Ctx {
            kb,
            width,
            today: std::cell::OnceCell::new(),
        }
    }

    /// A context whose today is the given day (tests, fixed clocks).
    pub fn on(kb: &'k Kb<'k>, today: jiff::civil::Date) -> Ctx<'k> {
        let ctx = Ctx::new(kb, None);
        let _ = ctx.today.set(today);
        ctx
    }

    /// Today's date in the system's time zone.
    pub fn today(&self) -> jiff::civil::Date {
        *self.today.get_or_init(crate::args::today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A question about a given day never looks up today (which reads the
    /// system's zone database); one left without a day does, once.
    #[test]
    fn today_is_looked_up_only_when_a_command_needs_it() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let ctx = Ctx::new(&kb, None);
        let mut args = holder::Args {
            org: Default::default(),
            post: "secretary-general".to_string(),
            on: Some("2019-06-01".parse().unwrap()),
            explain: false,
        };
        holder::run(&ctx, &args).unwrap();
        assert!(ctx.today.get().is_none());
        args.on = None;
        holder::run(&ctx, &args).unwrap();
        assert!(ctx.today.get().is_some());
    }
}
