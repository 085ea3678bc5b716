//! Writes N invented plan files of about 5 KB each, deterministically from a seed, for the
//! benchmark (bench/run.sh). Never commit the output: generate it on demand.
//!
//! cargo run --release --example gen-corpus -- N OUT_DIR [SEED]

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (xorshift64*), so the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const NAMES: &[&str] = &[
    "Amira", "Kofi", "Ollie", "Priya", "Dariusz", "Siobhan", "Tomasz", "Aaliyah", "Jack", "Mei",
    "Yusuf", "Freya", "Leo", "Zara", "Idris", "Noor", "Kai", "Ruby", "Ezra", "Hana",
];
const AREAS: &[&str] = &[
    "Communication and interaction",
    "Cognition and learning",
    "Social, emotional and mental health",
    "Sensory and/or physical",
];
const DEADLINES: &[&str] = &[
    "By the end of Key Stage 2",
    "By July 2027",
    "By her next annual review",
    "By the end of Year 6",
    "Within 12 months",
    "By the end of the summer term 2027",
];
const GOOD_OUTCOMES: &[&str] = &[
    "{N} will ask an adult for help using a help card in 4 out of 5 lessons",
    "{N} will read 50 common words aloud without adult prompting",
    "{N} will travel to school on the bus with a friend on 3 days a week",
    "{N} will write three sentences about the weekend using capital letters and full stops",
    "{N} will take turns in a game of 4 pupils for 10 minutes at lunchtime",
    "{N} will use a visual timetable to move between lessons without an adult on 4 days out of 5",
];
const WEAK_OUTCOMES: &[&str] = &[
    "{N} will receive weekly speech and language therapy",
    "{N} will be more confident",
    "Staff will ensure that {N} has a visual timetable",
    "{N} will begin to use full stops in writing",
    "Eventually {N} will make good progress in reading",
    "To develop {N}'s social skills",
    "{N} may be able to manage their emotions",
];
const GOOD_PROVISION: &[&str] = &[
    "| Precision teaching of high-frequency words | Teaching assistant | Daily, 10 minutes, 1:1 |",
    "| Social communication group using Lego therapy | Speech and language therapist | Weekly, 45 minutes, group of 4 |",
    "| Laptop with spell-checker for all written work | SENCo | In all lessons |",
    "| Check-in with a learning mentor to plan the day | Learning mentor | Every morning, 10 minutes |",
];
const WEAK_PROVISION: &[&str] = &[
    "| Regular TA support in class as required | School staff | - |",
    "| Access to a quiet room | - | As needed |",
    "| Up to 15 hours of 1:1 support | TBC | Weekly |",
    "| Small group work such as Nessy or similar | Staff | Regularly |",
];

fn plan(rng: &mut Rng, n: usize) -> String {
    let name = rng.pick(NAMES);
    let year = 1 + rng.next() % 13;
    let mut s = String::with_capacity(6000);
    let _ = writeln!(s, "# Education, Health and Care Plan\n");
    let _ = writeln!(
        s,
        "Name: {name} Example{n}\nYear group: {year}\nDate of plan: 12/10/2026\nStatus: Draft\n"
    );
    let _ = writeln!(
        s,
        "## Section A: All about me\n\n### What people like and admire about me\n"
    );
    let _ = writeln!(s, "{name} is kind, funny and loves animals. {name} likes to help in the classroom and is proud of their drawings. At home {name} enjoys cooking with family and playing outside with a younger brother. Staff describe {name} as a friendly pupil who tries hard when a task is explained with pictures.\n");
    let _ = writeln!(s, "### How best to communicate with me\n\nGive me time to answer. Show me what you mean with pictures or by doing it first. Tell me before things change, and use my name before you give an instruction.\n");
    let _ = writeln!(s, "### My aspirations\n");
    let _ = writeln!(s, "- I want to work with animals when I am older.\n- I want to have friends to play football with.\n");
    let _ = writeln!(s, "## Section B: Special educational needs\n");
    for (i, area) in AREAS.iter().enumerate() {
        let _ = writeln!(s, "### {area}\n\nB{}. {name} finds it hard to follow instructions with more than two steps and needs them shown with pictures.\n", i + 1);
    }
    for letter in ["C", "D"] {
        let _ = writeln!(
            s,
            "## Section {letter}: Needs\n\nNo needs identified in this section.\n"
        );
    }
    let _ = writeln!(
        s,
        "## Section E: Outcomes\n\nLong-term outcomes are for the end of the next key stage.\n"
    );
    let mut e = 0;
    for area in AREAS {
        let _ = writeln!(s, "### {area}\n");
        for _ in 0..2 {
            e += 1;
            let text = if rng.chance(35) {
                rng.pick(WEAK_OUTCOMES).to_string()
            } else {
                format!("{}, {}", rng.pick(DEADLINES), rng.pick(GOOD_OUTCOMES))
            };
            let _ = writeln!(s, "E{e}. {}.\n", text.replace("{N}", name));
            if rng.chance(50) {
                let _ = writeln!(s, "Steps (by next annual review):\n- {name} will practise the skill with an adult three times a week.\n- {name} will show the skill to the class teacher on 3 occasions.\n");
            }
        }
    }
    let _ = writeln!(s, "## Section F: Special educational provision\n");
    for area in AREAS {
        let _ = writeln!(
            s,
            "### {area}\n\n| Provision | Who | How often |\n|---|---|---|"
        );
        for _ in 0..3 {
            let row = if rng.chance(30) {
                rng.pick(WEAK_PROVISION)
            } else {
                rng.pick(GOOD_PROVISION)
            };
            let _ = writeln!(s, "{row}");
        }
        s.push('\n');
    }
    for letter in ["G", "H1", "H2", "I", "J", "K"] {
        let _ = writeln!(s, "## Section {letter}\n\nTo be completed.\n");
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen-corpus N OUT_DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args
        .get(3)
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(2026);
    let out = PathBuf::from(out);
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        std::process::exit(2);
    }
    let mut rng = Rng(seed.max(1));
    for i in 0..n {
        let path = out.join(format!("plan-{i:05}.md"));
        if let Err(e) = std::fs::write(&path, plan(&mut rng, i)) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    }
}
