//! Synthetic facts for benches and examples: actors, meetings, transfers and office holdings
//! drawn from a fixed-seed xorshift generator, so the same arguments always give the same facts.
//!
//! The shape imitates news: a few actors meet far more often than most (the product of two
//! uniform draws picks low indices more often), most meetings are of two actors, most dates are
//! days, most statuses "occurred", and each state has a succession of leaders.

use geokg_model::{
    Entity, EntityKind, Evidence, Facts, Leader, Meeting, MeetingKind, PartialDate, Source, Sourced, Status, Transfer,
    TransferCategory,
};

/// A xorshift64* generator: tiny, fast, and the same sequence for the same seed.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator from a seed (zero is replaced, since xorshift would stay at zero).
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 { 0x9e37_79b9_7f4a_7c15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`0` when `n` is zero).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const FIRST: [&str; 20] = [
    "Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Giulia", "Hassan", "Ingrid", "Jorge", "Kenji", "Leila",
    "Mehmet", "Nadia", "Olaf", "Priya", "Rafael", "Sofia", "Tomas", "Yusuf",
];
const SYLLABLES: [&str; 16] =
    ["ka", "lo", "mir", "sen", "to", "va", "ran", "del", "os", "ber", "ni", "gar", "tu", "zel", "an", "ho"];
const ITEMS: [(&str, TransferCategory); 6] = [
    ("drones", TransferCategory::Weapons),
    ("artillery shells", TransferCategory::Weapons),
    ("missile technology", TransferCategory::MilitaryTechnology),
    ("loans", TransferCategory::Economic),
    ("grain", TransferCategory::Humanitarian),
    ("gas", TransferCategory::Energy),
];
/// Leaders per state over the years.
const TERMS: usize = 5;

/// The Wikidata-like id of actor `i` (`Q1000000` + i).
#[must_use]
pub fn actor_id(i: usize) -> String {
    format!("Q{}", 1_000_000 + i)
}

fn surname(i: usize) -> String {
    let word: String = [i % 16, (i / 16) % 16, (i / 256) % 16].iter().map(|&s| SYLLABLES[s]).collect();
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn actors(n_actors: usize) -> (Vec<Entity>, usize, usize) {
    let n_states = (n_actors / 100).max(2).min(n_actors);
    let n_organizations = (n_actors / 200).min(n_actors - n_states);
    let actors = (0..n_actors)
        .map(|i| {
            let (label, kind) = if i < n_states {
                (format!("State {}", surname(i)), EntityKind::State)
            } else if i < n_states + n_organizations {
                (format!("Organisation {i}"), EntityKind::Organization)
            } else {
                let person = i - n_states - n_organizations;
                (format!("{} {}", FIRST[person % FIRST.len()], surname(person / FIRST.len())), EntityKind::Person)
            };
            Entity::new(&label, kind, Some(&actor_id(i)))
        })
        .collect();
    (actors, n_states, n_organizations)
}

fn date(random: &mut XorShift, first_day: i64, days: u64) -> PartialDate {
    let day = PartialDate::from_days(first_day + random.below(days) as i64);
    match random.below(20) {
        0 => PartialDate::year(day.get_year()),
        1 | 2 => day.to_month(),
        _ => day,
    }
}

fn status(random: &mut XorShift) -> Status {
    match random.below(50) {
        0..40 => Status::Occurred,
        40..44 => Status::Planned,
        44..47 => Status::Alleged,
        47..49 => Status::Speculative,
        _ => Status::Negated,
    }
}

fn sources(random: &mut XorShift, n_documents: u64, sentence: &str, published: PartialDate) -> Vec<Source> {
    let n = 1 + usize::from(random.below(3) == 0) + usize::from(random.below(6) == 0);
    let mut documents: Vec<u64> = (0..n).map(|_| random.below(n_documents.max(1))).collect();
    documents.sort_unstable();
    documents.dedup();
    documents
        .into_iter()
        .map(|document| Source {
            document: format!("https://news.example/{document}"),
            published: Some(published),
            evidence: vec![Evidence {
                sentence: sentence.to_owned(),
                start: 0,
                end: sentence.len(),
                rule: "synthetic".to_owned(),
                confidence: 1.0,
            }],
        })
        .collect()
}

/// The actors, places and calendar facts are drawn over.
struct World {
    actors: Vec<Entity>,
    places: Vec<Entity>,
    n_states: usize,
    n_organizations: usize,
    first_day: i64,
    days: u64,
    n_documents: u64,
}

/// Facts among `n_actors` actors (1 % states, 0.5 % organisations, the rest persons; each state
/// led in turn by five of the persons): `n_meetings` meetings, `n_transfers` transfers, dated
/// over `years` years from 2001.
#[must_use]
pub fn facts(n_actors: usize, n_meetings: usize, n_transfers: usize, years: u32, seed: u64) -> Facts {
    let mut random = XorShift::new(seed);
    let (actors, n_states, n_organizations) = actors(n_actors.max(2));
    let places = (0..(n_actors / 50).max(1))
        .map(|i| {
            let qid = format!("Q{}", 2_000_000 + i);
            Entity::new(&format!("City {}", surname(i)), EntityKind::Place, Some(&qid))
        })
        .collect();
    let world = World {
        actors,
        places,
        n_states,
        n_organizations,
        first_day: PartialDate::year(2001).to_days(),
        days: u64::from(years.max(1)) * 365,
        n_documents: (n_meetings / 2 + n_transfers / 2).max(1) as u64,
    };
    Facts {
        meetings: (0..n_meetings).map(|_| meeting(&world, &mut random)).collect(),
        transfers: (0..n_transfers).map(|_| transfer(&world, &mut random)).collect(),
        leaders: leaders(&world),
        n_documents: world.n_documents as usize,
    }
}

fn meeting(world: &World, random: &mut XorShift) -> Sourced<Meeting> {
    let actors = &world.actors;
    let n = actors.len() as u64;
    // Low indices more often: the product of two uniform draws.
    let skewed = |random: &mut XorShift| ((random.unit() * random.unit()) * n as f64) as usize;
    let a = skewed(random);
    let mut b = skewed(random);
    if b == a {
        b = (a + 1 + random.below(n - 1) as usize) % n as usize;
    }
    let mut participants = vec![actors[a].clone(), actors[b].clone()];
    if random.below(10) == 0 {
        let c = random.below(n) as usize;
        if c != a && c != b {
            participants.push(actors[c].clone());
        }
    }
    let place = (random.below(5) < 3).then(|| world.places[random.below(world.places.len() as u64) as usize].clone());
    let when = date(random, world.first_day, world.days);
    let sentence = format!(
        "{} met {} in {}.",
        participants[0].label,
        participants[1].label,
        place.as_ref().map_or("the capital", |p| p.label.as_str())
    );
    let status = status(random);
    Sourced {
        sources: sources(random, world.n_documents, &sentence, when),
        fact: Meeting {
            kind: MeetingKind::Meeting,
            participants,
            visitor: None,
            host: None,
            place,
            date: Some(when),
            status,
            evidence: Vec::new(),
        },
    }
}

fn transfer(world: &World, random: &mut XorShift) -> Sourced<Transfer> {
    let actors = &world.actors;
    let n = actors.len() as u64;
    let n_parties = (world.n_states + world.n_organizations) as u64;
    // Mostly between states and organisations, sometimes a person.
    let pick = |random: &mut XorShift| {
        if random.below(10) < 8 { random.below(n_parties) as usize } else { random.below(n) as usize }
    };
    let supplier = pick(random);
    let mut recipient = pick(random);
    if recipient == supplier {
        recipient = (supplier + 1) % n as usize;
    }
    let (item, category) = ITEMS[random.below(ITEMS.len() as u64) as usize];
    let when = date(random, world.first_day, world.days);
    let sentence = format!("{} supplied {item} to {}.", actors[supplier].label, actors[recipient].label);
    let status = status(random);
    Sourced {
        sources: sources(random, world.n_documents, &sentence, when),
        fact: Transfer {
            supplier: actors[supplier].clone(),
            recipient: actors[recipient].clone(),
            item: item.to_owned(),
            category,
            status,
            date: Some(when),
            evidence: Vec::new(),
        },
    }
}

fn leaders(world: &World) -> Vec<Sourced<Leader>> {
    let actors = &world.actors;
    let mut leaders = Vec::new();
    let first_person = world.n_states + world.n_organizations;
    let term_days = world.days / TERMS as u64;
    for state in 0..world.n_states {
        for term in 0..TERMS {
            let person = first_person + state * TERMS + term;
            if person >= actors.len() {
                break;
            }
            let start = world.first_day + (term as u64 * term_days) as i64;
            let sentence = format!("President {} of {}.", actors[person].label, actors[state].label);
            let published = [start + 30, start + term_days as i64 - 30];
            leaders.push(Sourced {
                fact: Leader {
                    person: actors[person].clone(),
                    state: actors[state].clone(),
                    role: "President".to_owned(),
                    former: false,
                    evidence: Vec::new(),
                },
                sources: published
                    .iter()
                    .enumerate()
                    .map(|(i, &day)| Source {
                        document: format!("https://news.example/leader/{state}/{term}/{i}"),
                        published: Some(PartialDate::from_days(day)),
                        evidence: vec![Evidence {
                            sentence: sentence.clone(),
                            start: 0,
                            end: sentence.len(),
                            rule: "synthetic".to_owned(),
                            confidence: 1.0,
                        }],
                    })
                    .collect(),
            });
        }
    }
    leaders
}
