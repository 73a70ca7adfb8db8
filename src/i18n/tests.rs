use super::*;

#[test]
fn every_catalog_file_parses_and_no_key_repeats() {
    // bundle() panics on either fault.
    assert!(!t("comun-si").is_empty());
}

#[test]
fn plurals_follow_the_spanish_rules() {
    assert_eq!(tr!("espera-minutos", n = 1), "1 minuto");
    assert_eq!(tr!("espera-minutos", n = 5), "5 minutos");
}

#[test]
fn a_missing_key_gives_the_key_not_a_panic() {
    assert_eq!(t("clave-que-no-existe"), "clave-que-no-existe");
}
