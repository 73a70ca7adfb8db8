//! A labelled corpus for the campaign grouping (issue 36, acceptance 1): 20 Spanish form letters,
//! 500 copies of each with the edits campaigns show (names and signatures added, greetings,
//! sentences reordered, words replaced, typos, a sentence cut), and 2,000 comments written alone
//! on the same subject from the same vocabulary. Pair-level precision and recall must reach 0.95
//! and 0.90.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::Grouper;

const WHO: &[&str] = &[
    "las empresas pequeñas de los departamentos",
    "los trabajadores temporales del campo",
    "las cooperativas de mujeres artesanas",
    "los patronos que contratan por primera vez",
    "las maquilas de la zona franca",
    "los contadores que llevan varias empresas",
    "las personas que viven lejos de la capital",
    "los sindicatos de la industria del café",
    "las organizaciones de personas con discapacidad",
    "los jóvenes que buscan su primer empleo",
    "las familias que dependen de un solo salario",
    "los inspectores de trabajo en las regiones",
];
const ASK: &[&str] = &[
    "pedimos que el registro se haga completamente en línea",
    "solicitamos que se elimine la copia del documento de identificación",
    "proponemos que el plazo de respuesta sea de diez días hábiles",
    "exigimos que el silencio de la oficina cuente como aprobación",
    "pedimos que la constancia se entregue por correo electrónico",
    "solicitamos que el pago se pueda hacer en cualquier banco del sistema",
    "proponemos una sola ventanilla para todos los requisitos",
    "rogamos que se acepten las firmas electrónicas avanzadas",
    "pedimos que el formulario se pueda llenar desde un teléfono",
    "solicitamos que no se pidan datos que el Estado ya tiene",
    "proponemos que la inscripción se renueve cada cinco años y no cada año",
    "pedimos atención en idiomas mayas en las oficinas departamentales",
];
const WHY: &[&str] = &[
    "porque viajar a la capital cuesta dos días de trabajo",
    "ya que el trámite actual obliga a pagar intermediarios",
    "dado que los expedientes en papel se pierden con frecuencia",
    "porque la espera de tres meses detiene las contrataciones",
    "pues la mayoría de nosotros no tiene computadora en casa",
    "ya que las multas por atraso castigan a quien cumple",
    "porque otros países de la región ya lo hacen así",
    "dado que los requisitos repetidos no aportan ninguna seguridad",
    "pues el costo del trámite supera el salario de una semana",
    "porque la información ya consta en el registro tributario",
    "ya que las oficinas cierran antes de que termine la jornada",
    "porque las filas empiezan antes del amanecer",
];
const NAMES: &[&str] = &[
    "Juana Pérez",
    "Carlos Xitumul",
    "María Tzoc",
    "Pedro Ajanel",
    "Rosa Coj",
    "Luis Morales",
    "Ana Quiché",
    "José Batz",
    "Elena Cux",
    "Mario Sical",
    "Sandra Tum",
    "Diego Chávez",
];
const CITIES: &[&str] = &[
    "Quetzaltenango",
    "Cobán",
    "Huehuetenango",
    "Escuintla",
    "Zacapa",
    "Sololá",
    "Petén",
];
const SYNONYMS: &[(&str, &str)] = &[
    ("pedimos", "solicitamos"),
    ("trámite", "proceso"),
    ("registro", "inscripción"),
    ("oficina", "dependencia"),
    ("porque", "ya que"),
    ("cuesta", "supone"),
    ("capital", "ciudad"),
];

/// A letter: five sentences, each who + ask + why, chosen by the template's number.
fn template(t: usize) -> Vec<String> {
    (0..5)
        .map(|k| {
            let who = WHO[(t * 5 + k * 7) % WHO.len()];
            let ask = ASK[(t * 7 + k * 5 + t / 12) % ASK.len()];
            let why = WHY[(t * 11 + k * 3 + t / 6) % WHY.len()];
            format!("En nombre de {who}, {ask} {why}.")
        })
        .collect()
}

/// A copy of a letter as a campaign's senders edit it.
fn variant(letter: &[String], rng: &mut StdRng) -> String {
    let mut sentences = letter.to_vec();
    if rng.gen_bool(0.2) {
        let i = rng.gen_range(0..sentences.len() - 1);
        sentences.swap(i, i + 1);
    }
    if rng.gen_bool(0.1) {
        let i = rng.gen_range(0..sentences.len());
        sentences.remove(i);
    }
    let mut text = sentences.join(" ");
    if rng.gen_bool(0.3) {
        let (from, to) = SYNONYMS[rng.gen_range(0..SYNONYMS.len())];
        text = text.replacen(from, to, 1);
    }
    if rng.gen_bool(0.3) {
        // A typo: one letter of one word dropped.
        let words: Vec<&str> = text.split(' ').collect();
        let i = rng.gen_range(0..words.len());
        let mut w: String = words[i].to_string();
        if w.chars().count() > 3 {
            let at = w.char_indices().nth(1).map(|(i, _)| i).unwrap_or(0);
            w.remove(at);
        }
        let mut words: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        words[i] = w;
        text = words.join(" ");
    }
    if rng.gen_bool(0.3) {
        text = format!("Buenos días. {text}");
    }
    if rng.gen_bool(0.6) {
        let name = NAMES.choose(rng).unwrap();
        let city = CITIES.choose(rng).unwrap();
        text = format!("{text} Atentamente, {name}, {city}.");
    }
    text
}

/// A comment written alone: three sentences mixed from the same vocabulary.
fn unique(rng: &mut StdRng) -> String {
    (0..3)
        .map(|_| {
            format!(
                "Como {} {} {}.",
                WHO.choose(rng)
                    .unwrap()
                    .replace("las ", "")
                    .replace("los ", ""),
                ASK.choose(rng).unwrap(),
                WHY.choose(rng).unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

#[test]
fn pair_precision_and_recall_on_a_labelled_corpus() {
    let mut rng = StdRng::seed_from_u64(36);
    let mut corpus: Vec<(String, usize)> = Vec::new();
    for t in 0..20 {
        let letter = template(t);
        for _ in 0..500 {
            corpus.push((variant(&letter, &mut rng), t));
        }
    }
    for u in 0..2_000 {
        corpus.push((unique(&mut rng), 1_000 + u));
    }
    corpus.shuffle(&mut rng);
    let mut grouper = Grouper::new(0.8);
    let mut cells: std::collections::HashMap<(usize, usize), u64> = Default::default();
    let mut by_campaign: std::collections::HashMap<usize, u64> = Default::default();
    let mut by_label: std::collections::HashMap<usize, u64> = Default::default();
    for (text, label) in &corpus {
        let c = grouper.add(text);
        *cells.entry((c, *label)).or_default() += 1;
        *by_campaign.entry(c).or_default() += 1;
        *by_label.entry(*label).or_default() += 1;
    }
    let together: u64 = cells.values().map(|n| pairs(*n)).sum();
    let predicted: u64 = by_campaign.values().map(|n| pairs(*n)).sum();
    let actual: u64 = by_label.values().map(|n| pairs(*n)).sum();
    let precision = together as f64 / predicted as f64;
    let recall = together as f64 / actual as f64;
    println!(
        "corpus {} comments: {} campaigns; pair precision {precision:.4}, recall {recall:.4}",
        corpus.len(),
        by_campaign.len()
    );
    assert!(precision >= 0.95, "precision {precision}");
    assert!(recall >= 0.90, "recall {recall}");
    // The same input in the same order gives the same campaigns.
    let mut again = Grouper::new(0.8);
    let first: Vec<usize> = corpus.iter().take(500).map(|(t, _)| again.add(t)).collect();
    let mut third = Grouper::new(0.8);
    let second: Vec<usize> = corpus.iter().take(500).map(|(t, _)| third.add(t)).collect();
    assert_eq!(first, second);
}
