use super::*;

#[test]
fn numbered_codes_sort_in_the_order_of_their_numbers_and_read_back() {
    let mut rng = rand::thread_rng();
    let numbers = [0, 1, 29, 30, 899, 900, 27_000, 809_999];
    let codes: Vec<String> = numbers
        .iter()
        .map(|&n| numbered_code('C', 2026, n, &mut rng))
        .collect();
    assert_eq!(codes[0][..12], *"C-2026-2222-");
    assert_eq!(codes[3][..12], *"C-2026-2232-");
    assert_eq!(codes[7][..12], *"C-2026-ZZZZ-");
    for (code, &n) in codes.iter().zip(&numbers) {
        assert_eq!(code.len(), 18, "{code}");
        assert_eq!(code_number(code), Some((2026, n)), "{code}");
    }
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(sorted, codes);
    // A year's numbers wrap around rather than make the code longer.
    assert_eq!(
        numbered_code('C', 2026, NUMBERS_PER_YEAR + 5, &mut rng)[..11],
        codes[0][..10].to_string() + "7"
    );
    assert_eq!(code_number("C-2026-ABC-DEFG"), None);
    assert_eq!(code_number("C-2026-AB0A-DEFG"), None);
    assert_eq!(code_number("C-año-2222-DEFG"), None);
}

#[test]
fn code_numbers_continue_after_the_newest_and_restart_each_year() {
    let numbers = CodeNumbers::after(Some("C-2026-2232-XYZW"));
    assert_eq!(numbers.next(2026), 31);
    assert_eq!(numbers.next(2026), 32);
    assert_eq!(numbers.next(2027), 0);
    assert_eq!(numbers.next(2027), 1);
    let fresh = CodeNumbers::after(None);
    assert_eq!(fresh.next(2026), 0);
    let last = CodeNumbers::after(Some("C-2026-ZZZZ-XYZW"));
    assert_eq!(last.next(2026), 0);
}

#[test]
fn tracking_codes_avoid_look_alikes() {
    let mut rng = rand::thread_rng();
    for _ in 0..200 {
        let code = tracking_code('C', 2026, &mut rng);
        assert_eq!(code.len(), 16, "{code}");
        assert!(code.starts_with("C-2026-"));
        let letters: String = code[7..].replace('-', "");
        assert!(
            letters.chars().all(|c| CODE_ALPHABET.contains(&(c as u8))),
            "{code}"
        );
        assert!(!letters.contains(['0', 'O', '1', 'I', 'L', 'U']));
    }
}

#[test]
fn copies_of_one_text_share_a_group() {
    assert_eq!(group_key("¡No al trámite!"), group_key("no  al TRAMITE"));
    assert_ne!(group_key("no al trámite"), group_key("sí al trámite"));
}

#[test]
fn comment_bodies_are_checked() {
    let c = |body: &str| NewComment {
        body: body.into(),
        author_name: None,
        email: None,
        organization: None,
        article: None,
        proposed_text: None,
        language: None,
    };
    assert!(check(&c("  ")).is_err());
    assert!(check(&c(&"x".repeat(10_001))).is_err());
    assert!(check(&c(&format!("  {}  ", "x".repeat(10_000)))).is_ok());
    let bad_email = NewComment {
        email: Some("no".into()),
        ..c("hola")
    };
    assert!(check(&bad_email).is_err());
}

#[test]
fn counts_tell_copies_and_answers_apart() {
    let answered: std::collections::HashSet<String> = ["g1".to_string()].into();
    let rows = [
        ("published", "g1"),
        ("published", "g1"),
        ("published", "g2"),
        ("rejected", "g3"),
        ("received", "g1"),
    ];
    let counts = tally(rows, &answered);
    assert_eq!(
        counts,
        Counts {
            received: 5,
            distinct: 3,
            published: 3,
            rejected: 1,
            answered: 2,
            distinct_arguments: 3,
            largest_campaign: 3,
            endorsements: 0,
            by_channel: Default::default(),
        }
    );
}
