//! Writes a synthetic dataset for benchmarks: N organisations shaped like the
//! embedded CSTO dataset (117 records each: sources, states, memberships,
//! bodies, people with aliases, a post and its terms, meetings, documents,
//! decisions, chairmanships, an operation and conflicting claims), every
//! record cited, passing `check` with no errors.
//!
//! ```sh
//! cargo run --release --example synth -- --scale 10 --out /tmp/synth-10
//! summit-kb --data /tmp/synth-10/toml docs --summit o0003-m2025
//! summit-kb --data /tmp/synth-10/dataset.json holder o0003-sg --on 2020-06-01
//! ```
//!
//! Writes `OUT/toml/` (one directory per organisation, six files each, as in
//! `data/`) and `OUT/dataset.json` (what `export` writes for the same data).
//! Everything is fictional and named so: "Synthetic Organisation 3",
//! "Person 3.7", sources at example.org.

use std::fmt::Write as _;
use std::fs;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Parser;

use summit_kb::commands::export;
use summit_kb::kb::Kb;
use summit_kb::load;
use summit_kb::validate::{self, Severity};

/// Writes a synthetic dataset of SCALE organisations (117 records each).
#[derive(Debug, Parser)]
#[command(
    after_help = "Example:\n  cargo run --release --example synth -- --scale 100 --out /tmp/synth-100"
)]
struct Args {
    /// How many times the size of the embedded dataset (117 records each).
    #[arg(long, default_value_t = 1)]
    scale: usize,

    /// Directory to write into (created; must be empty or absent).
    #[arg(long)]
    out: PathBuf,

    /// Skip running `check` over the result.
    #[arg(long)]
    no_check: bool,
}

const SOURCES: usize = 37;
const STATES: usize = 7;
const SGS: usize = 4;
const FIRST_MEETING: i32 = 2016;
const MEETINGS: i32 = 10;
const TOPICS: &[&str] = &[
    "drug trafficking",
    "terrorism",
    "information security",
    "migration",
    "peacekeeping",
    "military cooperation",
    "border security",
];
const DOC_KINDS: &[&str] = &[
    "declaration",
    "statement",
    "strategy",
    "plan",
    "decision",
    "budget",
    "report",
    "agreement",
];

/// One organisation's files, built as TOML text.
struct Org {
    /// Id prefix, e.g. `o0003`.
    p: String,
    /// Its number.
    n: usize,
    /// A counter that spreads citations over the sources.
    cited: usize,
}

impl Org {
    fn new(n: usize) -> Org {
        Org {
            p: format!("o{n:04}"),
            n,
            cited: 0,
        }
    }

    /// A citations line: one or two sources of this organisation, with quotes.
    fn cite(&mut self, out: &mut String) {
        let c = self.cited;
        self.cited += 1;
        let (a, b) = (c % SOURCES, (c * 7 + 3) % SOURCES);
        let p = &self.p;
        if c.is_multiple_of(3) {
            let _ = writeln!(
                out,
                "citations = [\n  {{ source = \"{p}-src-{a:02}\", quote = \"synthetic quote {c} for benchmarks\" }},\n  {{ source = \"{p}-src-{b:02}\", quote = \"a second synthetic excerpt\", note = \"generated\" }},\n]\n"
            );
        } else {
            let _ = writeln!(
                out,
                "citations = [{{ source = \"{p}-src-{a:02}\", quote = \"synthetic quote {c} for benchmarks\" }}]\n"
            );
        }
    }

    fn sources(&mut self) -> String {
        let (p, n) = (&self.p, self.n);
        let mut out = format!("# Synthetic sources of organisation {n}.\n\n");
        for i in 0..SOURCES {
            let lang = if i % 3 == 0 { "ru" } else { "en" };
            let day = 1 + (i % 28);
            let month = 1 + (i % 12);
            let year = 2015 + (i % 11);
            let published = if i % 5 == 0 {
                format!("{year}-{month:02}")
            } else {
                format!("{year}-{month:02}-{day:02}")
            };
            let _ = writeln!(
                out,
                "[[source]]\nid = \"{p}-src-{i:02}\"\npublisher = \"Synthetic Agency {}\"\ntitle = \"Synthetic report {n}.{i} on the session of the council\"\nurl = \"https://example.org/{p}/{i}\"\npublished = \"{published}\"\nlanguage = \"{lang}\"\n",
                i % 6
            );
        }
        out
    }

    fn organisation(&mut self) -> String {
        let (p, n) = (self.p.clone(), self.n);
        let mut out = format!("# Synthetic organisation {n}: states, memberships, bodies, the post, an operation.\n\n");
        let _ = writeln!(
            out,
            "[[organization]]\nid = \"{p}\"\nname = \"Synthetic Organisation {n}\"\naliases = [{{ name = \"SO{n}\", kind = \"abbreviation\", lang = \"en\" }}]\nsummary = \"A fictional organisation generated for benchmarks.\""
        );
        self.cite(&mut out);
        for i in 0..STATES {
            let _ = writeln!(
                out,
                "[[state]]\nid = \"{p}-state-{i}\"\nname = \"State {n}.{i}\"\naliases = [{{ name = \"Republic of State {n}.{i}\", kind = \"official\", lang = \"en\" }}]"
            );
            self.cite(&mut out);
        }
        for i in 0..STATES {
            let (status, change) = if i == STATES - 1 {
                ("participation-frozen", "\n  { date = \"2024-02\", kind = \"participation-frozen\", citations = [{ source = \"SRC\" }] },")
            } else {
                ("member", "")
            };
            let change = change.replace("SRC", &format!("{p}-src-{:02}", i % SOURCES));
            let _ = writeln!(
                out,
                "[[membership]]\nid = \"{p}-mem-{i}\"\norganization = \"{p}\"\nstate = \"{p}-state-{i}\"\nstatus = \"{status}\"\nchanges = [\n  {{ date = \"{}-05-15\", kind = \"joined\", citations = [{{ source = \"{p}-src-{:02}\" }}] }},{change}\n]",
                1992 + i,
                (i + 1) % SOURCES
            );
            self.cite(&mut out);
        }
        let bodies = [
            ("council", "Council of Heads of State", None, None),
            ("secretariat", "Secretariat", None, None),
            (
                "unit",
                "Analytical Unit",
                Some("secretariat"),
                Some(("2025-11-27", "dec-1")),
            ),
        ];
        for (id, name, parent, established) in bodies {
            let _ = writeln!(
                out,
                "[[body]]\nid = \"{p}-{id}\"\norganization = \"{p}\"\nname = \"{name} of Synthetic Organisation {n}\""
            );
            if let Some(parent) = parent {
                let _ = writeln!(out, "parent = \"{p}-{parent}\"");
            }
            if let Some((date, by)) = established {
                let _ = writeln!(
                    out,
                    "established = \"{date}\"\nestablished_by = \"{p}-{by}\""
                );
            }
            self.cite(&mut out);
        }
        let _ = writeln!(
            out,
            "[[post]]\nid = \"{p}-sg\"\norganization = \"{p}\"\nbody = \"{p}-secretariat\"\nname = \"Secretary General of Synthetic Organisation {n}\"\naliases = [\n  {{ name = \"SG{n}\", kind = \"abbreviation\", lang = \"en\" }},\n  {{ name = \"Генеральный секретарь {n}\", kind = \"translation\", lang = \"ru\" }},\n]"
        );
        self.cite(&mut out);
        let _ = writeln!(
            out,
            "[[operation]]\nid = \"{p}-op\"\norganization = \"{p}\"\nname = \"Operation Channel {n}\"\nsince = \"2003\"\nsummary = \"A fictional standing operation.\"\nevents = [\n  {{ date = \"2023-10\", text = \"Stage one\", citations = [{{ source = \"{p}-src-04\" }}] }},\n  {{ date = \"2024-06-11\", text = \"Stage two\", citations = [{{ source = \"{p}-src-05\" }}] }},\n]"
        );
        self.cite(&mut out);
        out
    }

    fn people(&mut self) -> String {
        let (p, n) = (self.p.clone(), self.n);
        let mut out = format!(
            "# Synthetic people of organisation {n}: heads of state, then secretaries general.\n\n"
        );
        for i in 0..STATES + SGS {
            let country = i % STATES;
            let _ = writeln!(
                out,
                "[[person]]\nid = \"{p}-p{i:02}\"\nname = \"Person {n}.{i} Synthov\"\ncountry = \"{p}-state-{country}\"\naliases = [\n  {{ name = \"Персона {n}.{i} Синтов\", kind = \"official\", lang = \"ru\" }},\n  {{ name = \"Person {n}.{i} Sintov\", kind = \"transliteration\", lang = \"en\" }},\n  {{ name = \"Persn {n}.{i} Synthof\", kind = \"misspelling-in-source\", lang = \"en\", citations = [{{ source = \"{p}-src-{:02}\" }}] }},\n]",
                i % SOURCES
            );
            self.cite(&mut out);
        }
        out
    }

    /// Seven terms of the post from 2003, end to end, with a same-day
    /// handover, an acting holder, and a year-precision first start.
    fn terms(&mut self) -> String {
        let p = self.p.clone();
        let mut out = String::new();
        let spans = [
            ("2003", Some("2016-12-31"), false),
            ("2017-01-01", Some("2017-05-01"), true),
            ("2017-05-02", Some("2018-11-02"), false),
            ("2018-11-02", Some("2019-12-31"), true),
            ("2020-01-01", Some("2022-12-31"), false),
            ("2023-01-01", Some("2025-12-31"), false),
            ("2026-01-01", None, false),
        ];
        for (i, (start, end, acting)) in spans.into_iter().enumerate() {
            let person = STATES + i % SGS;
            let _ = writeln!(
                out,
                "[[term]]\nid = \"{p}-sg-{i}\"\npost = \"{p}-sg\"\nperson = \"{p}-p{person:02}\"\nstart = \"{start}\""
            );
            if let Some(end) = end {
                let _ = writeln!(out, "end = \"{end}\"\nend_cause = \"expired\"");
            }
            if acting {
                out.push_str("acting = true\n");
            }
            if i == spans.len() - 1 {
                let _ = writeln!(out, "appointed_by = \"{p}-dec-0\"");
            }
            self.cite(&mut out);
        }
        out
    }

    fn meetings(&mut self) -> String {
        let (p, n) = (self.p.clone(), self.n);
        let mut out = format!("# Synthetic sessions of the council of organisation {n}.\n\n");
        for k in 0..MEETINGS {
            let year = FIRST_MEETING + k;
            let chair = Self::meeting_chair(year);
            let date = self.meeting_date(year);
            let mut participants = String::new();
            for s in 0..STATES - 1 {
                let _ = writeln!(
                    participants,
                    "  {{ person = \"{p}-p{s:02}\", state = \"{p}-state-{s}\", role = \"Head of State {n}.{s}\" }},"
                );
            }
            let _ = writeln!(
                out,
                "[[meeting]]\nid = \"{p}-m{year}\"\nbody = \"{p}-council\"\nname = \"Session of the council of Synthetic Organisation {n}, {year}\"\ndate = \"{date}\"\nplace = \"City {n}.{chair}\"\nvenue = \"Residence {chair}\"\nchair_state = \"{p}-state-{chair}\"\nchair_person = \"{p}-p{chair:02}\"\nformat = \"restricted meeting, then expanded format\"\nparticipants = [\n{participants}]\nabsentees = [{{ state = \"{p}-state-{}\", note = \"did not take part\" }}]\nsummary = \"A fictional session held for benchmarks: the heads of state heard a report on the year's work, adopted documents on security and cooperation, and passed the chairmanship to the next state in turn.\"",
                STATES - 1
            );
            // What `summit` records: some documents of three sessions, none
            // of the others.
            let outcomes = if matches!(k, 3 | 6 | 9) {
                "partial\", note = \"Some documents are recorded; the sources count more."
            } else {
                "not-recorded\", note = \"No list of the documents was found."
            };
            let _ = writeln!(out, "outcomes = {{ recorded = \"{outcomes}\" }}");
            self.cite(&mut out);
        }
        out
    }

    /// The documents, decisions and claims of the last session, and a few of
    /// earlier ones.
    fn summit(&mut self) -> String {
        let (p, n) = (self.p.clone(), self.n);
        let last = FIRST_MEETING + MEETINGS - 1;
        let mut out = format!(
            "# Synthetic session {last} of organisation {n}: documents, decisions, claims.\n\n"
        );
        for j in 0..12 {
            let meeting = if j < 9 {
                last
            } else {
                FIRST_MEETING + 3 * (j - 8)
            };
            let kind = DOC_KINDS[j as usize % DOC_KINDS.len()];
            let _ = writeln!(
                out,
                "[[document]]\nid = \"{p}-d{j:02}\"\ntitle = \"Synthetic {kind} {n}.{j} on cooperation for {}-{}\"\nkind = \"{kind}\"\nadopted_at = \"{p}-m{meeting}\"\nadopted = \"{meeting}-11\"\ntopics = [\"{}\", \"{}\"]\nsummary = \"A fictional document generated for benchmarks, adopted by the council.\"",
                meeting + 1,
                meeting + 5,
                TOPICS[j as usize % TOPICS.len()],
                TOPICS[(j as usize + 3) % TOPICS.len()]
            );
            if matches!(kind, "strategy" | "plan") {
                let _ = writeln!(
                    out,
                    "valid_from = \"{}\"\nvalid_to = \"{}\"",
                    meeting + 1,
                    meeting + 5
                );
            }
            if j == 11 {
                let _ = writeln!(out, "amends = \"{p}-d04\"\nconfidence = \"weak\"");
            }
            self.cite(&mut out);
        }
        let decisions = [
            (
                "appointment",
                "Appointment of Person {n}.10 as Secretary General",
                "p10",
                Some("2026-01-01"),
            ),
            (
                "establishment",
                "Establishment of the Analytical Unit",
                "unit",
                Some("2025-11-27"),
            ),
            ("budget", "Approval of the budget for 2026", "d05", None),
            ("award", "Introduction of a medal", "", None),
            (
                "chairmanship",
                "The chairmanship passes to State {n}.2",
                "chair-2026",
                Some("2026-01-01"),
            ),
            (
                "amendment",
                "Amendment of the decision on the forces",
                "d04",
                None,
            ),
            ("other", "Date and place of the next session", "", None),
        ];
        for (j, (kind, title, concerns, effective)) in decisions.into_iter().enumerate() {
            let title = title.replace("{n}", &n.to_string());
            let _ = writeln!(
                out,
                "[[decision]]\nid = \"{p}-dec-{j}\"\nmeeting = \"{p}-m{last}\"\nkind = \"{kind}\"\ntitle = \"{title}\""
            );
            if !concerns.is_empty() {
                let _ = writeln!(out, "concerns = [\"{p}-{concerns}\"]");
            }
            if let Some(date) = effective {
                let _ = writeln!(out, "effective = \"{date}\"");
            }
            self.cite(&mut out);
        }
        for (j, (property, value)) in [
            ("documents-signed", 15),
            ("documents-signed", 16),
            ("documents-prepared", 19),
            ("documents-signed-at-joint-ministerial-meeting", 10),
        ]
        .into_iter()
        .enumerate()
        {
            let _ = writeln!(
                out,
                "[[claim]]\nid = \"{p}-claim-{j}\"\nsubject = \"{p}-m{last}\"\nproperty = \"{property}\"\nvalue = {value}\nnote = \"Sources disagree; all are kept.\""
            );
            self.cite(&mut out);
        }
        out
    }

    /// The day of the council's session of `year`, as `meetings` writes it.
    fn meeting_date(&self, year: i32) -> String {
        let k = (year - FIRST_MEETING) as usize;
        let day = 10 + (self.n + k) % 18;
        format!("{year}-11-{day:02}")
    }

    /// The state chairing the council's session of `year`, as `meetings`
    /// writes it.
    fn meeting_chair(year: i32) -> usize {
        (year - FIRST_MEETING) as usize % STATES
    }

    /// Nine chairmanships shaped like the embedded data's: session to
    /// session, each handed over at a session and presiding over the next
    /// (the first with a start known only to the year, the last of them
    /// ending on 31 December), then calendar years decided a session ahead,
    /// the last with no recorded end.
    fn chairmanships(&mut self) -> String {
        let (p, n) = (self.p.clone(), self.n);
        let mut out = format!("# Synthetic chairmanships of organisation {n}.\n\n");
        for year in 2018..=2026 {
            let state = Self::meeting_chair(year);
            let (label, start, end) = match year {
                2018 => (
                    format!("{}-{year}", year - 1),
                    format!("{}", year - 1),
                    Some(self.meeting_date(year)),
                ),
                2019..=2022 => (
                    format!("{}-{year}", year - 1),
                    self.meeting_date(year - 1),
                    Some(self.meeting_date(year)),
                ),
                2023 => (
                    format!("{}-{year}", year - 1),
                    self.meeting_date(year - 1),
                    Some(format!("{year}-12-31")),
                ),
                2024 | 2025 => (
                    year.to_string(),
                    format!("{year}-01-01"),
                    Some(format!("{year}-12-31")),
                ),
                _ => (year.to_string(), format!("{year}-01-01"), None),
            };
            let _ = writeln!(
                out,
                "[[chairmanship]]\nid = \"{p}-chair-{year}\"\norganization = \"{p}\"\nstate = \"{p}-state-{state}\"\nlabel = \"{label}\"\nstart = \"{start}\""
            );
            if let Some(end) = end {
                let _ = writeln!(out, "end = \"{end}\"");
            }
            match year {
                2018 => out.push_str(
                    "note = \"The start is disputed, so it is recorded to the year only.\"\n",
                ),
                2019..=2023 => {
                    let _ = writeln!(out, "handed_over_at = \"{p}-m{}\"", year - 1);
                }
                _ => {
                    let _ = writeln!(out, "decided_at = \"{p}-m{}\"", year - 1);
                }
            }
            let _ = writeln!(out, "head_of_state = \"{p}-p{state:02}\"");
            if year >= 2024 {
                let _ = writeln!(
                    out,
                    "slogan = {{ text = \"Together for security {year}\", lang = \"en\", renderings = [{{ text = \"Вместе за безопасность {year}\", lang = \"ru\", citations = [{{ source = \"{p}-src-07\" }}] }}], citations = [{{ source = \"{p}-src-08\" }}] }}\npriorities = [\n  {{ text = \"Strengthen the forces\", citations = [{{ source = \"{p}-src-09\" }}] }},\n  {{ text = \"Counter drug trafficking\", citations = [{{ source = \"{p}-src-10\" }}] }},\n]"
                );
            }
            if year < 2026 {
                let _ = writeln!(out, "handed_to = \"{p}-chair-{}\"", year + 1);
            }
            self.cite(&mut out);
        }
        out
    }
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn main() -> Result<()> {
    let args = Args::parse();
    let records = generate(args.scale, &args.out, !args.no_check)?;
    println!(
        "{records} records: {} (TOML), {} (JSON)",
        args.out.join("toml").display(),
        args.out.join("dataset.json").display()
    );
    Ok(())
}

/// Writes `scale` organisations under `out` (`toml/` and `dataset.json`),
/// checks them unless told not to, and returns the number of records.
pub fn generate(scale: usize, out: &Path, check_it: bool) -> Result<usize> {
    if scale == 0 {
        bail!("--scale must be at least 1");
    }
    let toml_dir = out.join("toml");
    if toml_dir.exists() && fs::read_dir(&toml_dir)?.next().is_some() {
        bail!("{} is not empty", toml_dir.display());
    }
    fs::create_dir_all(&toml_dir)
        .with_context(|| format!("cannot create {}", toml_dir.display()))?;
    write(
        &toml_dir.join("dataset.toml"),
        &format!(
            "[dataset]\nname = \"Synthetic benchmark dataset, scale {scale}\"\ndescription = \"Fictional organisations generated by examples/synth.rs; not facts.\"\n"
        ),
    )?;
    for n in 0..scale {
        let mut org = Org::new(n);
        let dir = toml_dir.join(&org.p);
        fs::create_dir_all(&dir)?;
        let people = org.people();
        let terms = org.terms();
        write(&dir.join("sources.toml"), &org.sources())?;
        write(&dir.join("organization.toml"), &org.organisation())?;
        write(&dir.join("people.toml"), &format!("{people}\n{terms}"))?;
        write(&dir.join("meetings.toml"), &org.meetings())?;
        write(&dir.join("summit.toml"), &org.summit())?;
        write(&dir.join("chairmanships.toml"), &org.chairmanships())?;
    }

    let loaded = load::from_path(&toml_dir)?;
    let json_path = out.join("dataset.json");
    let file = fs::File::create(&json_path)
        .with_context(|| format!("cannot write {}", json_path.display()))?;
    export::write(
        &loaded.dataset,
        &export::meta(&loaded.dataset),
        export::Written::Json,
        &mut BufWriter::new(file),
    )?;

    if check_it {
        let findings = validate::check(&Kb::new(&loaded));
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        if let Some(first) = errors.first() {
            bail!(
                "the synthetic dataset has {} errors; first: {first}",
                errors.len()
            );
        }
    }
    Ok(loaded.dataset.records().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_organisation_adds_the_same_records_and_the_json_holds_the_toml() {
        let one = tempfile::tempdir().unwrap();
        let three = tempfile::tempdir().unwrap();
        let per_org = generate(1, one.path(), true).unwrap();
        assert_eq!(generate(3, three.path(), true).unwrap(), 3 * per_org);
        let from_toml = load::from_path(&three.path().join("toml")).unwrap();
        let from_json = load::from_path(&three.path().join("dataset.json")).unwrap();
        assert_eq!(from_json.dataset, from_toml.dataset);
        assert!(generate(0, one.path(), true).is_err());
        // Clean like the embedded data: no error, no warning (no meeting
        // chaired by a state not in the chair, no overlapping chairmanships).
        let kb = Kb::new(&from_toml);
        let findings = validate::check(&kb);
        assert!(
            findings.iter().all(|f| f.severity == Severity::Info),
            "{:?}",
            findings.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        // A session that passes the chair is the outgoing chair's day, the
        // next day the incoming chair's; each chairmanship has a label.
        let org = Org::new(1);
        let day = |s: String| -> jiff::civil::Date { s.parse().unwrap() };
        let handover = day(org.meeting_date(2019));
        let chairs = |d: jiff::civil::Date| -> Vec<String> {
            kb.chairs_on(d)
                .into_iter()
                .filter(|m| m.record.organization == org.p)
                .map(|m| m.record.id.to_string())
                .collect()
        };
        assert_eq!(chairs(handover), ["o0001-chair-2019"]);
        assert_eq!(chairs(handover.tomorrow().unwrap()), ["o0001-chair-2020"]);
        assert!(from_toml
            .dataset
            .chairmanship
            .iter()
            .all(|c| c.label.is_some()));
    }
}
