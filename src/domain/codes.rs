//! Comments' tracking codes: what a citizen reads over the phone to follow a comment or an opinion, and
//! the numbers that make comments' codes sort in the order they arrive.

use rand::Rng;

/// The letters of tracking codes: no 0/O, 1/I/L or U, so they survive being read aloud.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new tracking code such as `C-2026-7K3F-9Q2M` (`C` for comments, `O` for general
/// feedback), drawn from the caller's random source.
pub fn tracking_code(kind: char, year: i32, rng: &mut impl Rng) -> String {
    let mut part = || -> String {
        (0..4)
            .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
            .collect()
    };
    let (a, b) = (part(), part());
    format!("{kind}-{year}-{a}-{b}")
}

/// Letters of the random group of a comment's tracking code: 30⁶, about 729 million
/// possibilities for each number (with four, a given comment's code fell to about 40 s of
/// guessing from one address).
pub const SECRET_LEN: usize = 6;

/// How many numbers the first group of a comment's tracking code holds (30⁴).
pub const NUMBERS_PER_YEAR: u32 = 810_000;

/// A comment's tracking code such as `C-2026-2227-9Q2MXK`: the comment's number in its year
/// (modulo [`NUMBERS_PER_YEAR`]) in four letters of [`CODE_ALPHABET`], most significant
/// first, then [`SECRET_LEN`] random letters from `rng`.
///
/// Numbered codes sort in the order comments arrive, so storing a comment adds to the end
/// of the codes' unique index instead of rewriting a random page of it (with random codes
/// that page was half of what SQLite's log wrote per comment). The secret is the second
/// group: 30⁶ possibilities for each number, and look-ups are limited per address. A code opens only the comment's state, its
/// date, the withheld reason and the Committee's public answer (never its text, name or
/// e-mail), and the number says no more than the public counts do.
pub fn numbered_code(kind: char, year: i32, number: u32, rng: &mut impl Rng) -> String {
    let base = CODE_ALPHABET.len() as u32;
    let mut n = number % NUMBERS_PER_YEAR;
    let mut digits = [0u8; 4];
    for d in digits.iter_mut().rev() {
        *d = CODE_ALPHABET[(n % base) as usize];
        n /= base;
    }
    let secret: String = (0..SECRET_LEN)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    format!(
        "{kind}-{year}-{}-{secret}",
        String::from_utf8_lossy(&digits)
    )
}

/// The year and number a [`numbered_code`] was made from; `None` for any other text.
pub fn code_number(code: &str) -> Option<(i32, u32)> {
    let mut parts = code.split('-');
    let (_kind, year, number) = (parts.next()?, parts.next()?, parts.next()?);
    let year = year.parse().ok()?;
    if number.len() != 4 {
        return None;
    }
    let base = CODE_ALPHABET.len() as u32;
    number
        .bytes()
        .try_fold(0u32, |n, b| {
            let d = CODE_ALPHABET.iter().position(|&a| a == b)? as u32;
            Some(n * base + d)
        })
        .map(|n| (year, n))
}

/// The numbers of comments' tracking codes: a counter per year shared by a process's request
/// threads, continuing after the newest comment stored. Numbers are not a database sequence:
/// two processes may draw the same number, and the random second group (with the unique
/// index and the writer's retry) keeps their codes apart.
#[derive(Debug, Default)]
pub struct CodeNumbers {
    /// The year counted and the next number in it.
    next: std::sync::Mutex<(i32, u32)>,
}

impl CodeNumbers {
    /// Numbers that follow `newest`, the tracking code of the newest comment stored, if any.
    pub fn after(newest: Option<&str>) -> Self {
        let (year, number) = newest.and_then(code_number).unwrap_or((0, 0));
        Self {
            next: std::sync::Mutex::new((year, (number + 1) % NUMBERS_PER_YEAR)),
        }
    }

    /// The next number of `year`: 0 for the first comment of a year the counter has not seen.
    pub fn next(&self, year: i32) -> u32 {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        if next.0 != year {
            *next = (year, 0);
        }
        let number = next.1;
        next.1 = (number + 1) % NUMBERS_PER_YEAR;
        number
    }
}
