//! `tramites demo`: the Ministry's real e-services (Programa de Gobierno Electrónico 2021-2026,
//! section 1) as procedures with plausible attributes, and one demo user per role.
//! Running it again adds nothing: procedures are matched by code and users by name.

use chrono::{DateTime, Utc};

use crate::audit::{AuditKeys, Context};
use crate::db::{procedures, users, DbConnection};
use crate::domain::procedure::{CreateProcedure, ProcedureFields, Requirement};
use crate::domain::user::CreateUser;
use crate::domain::workflow::Workflow;
use crate::domain::{Audience, Category, Channel, Role};
use crate::usecases::AppError;

/// One demo procedure: code, name, unit, legal basis, category, audience, channel,
/// requirements (name, held by the State), steps, visits, days, fee, volume, hours.
type Seed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Category,
    Audience,
    Channel,
    &'static [(&'static str, bool)],
    i64,
    i64,
    i64,
    f64,
    i64,
    f64,
);

/// What each demo procedure is for, as the catalogue leads with it.
const PURPOSES: &[(&str, &str)] = &[
    ("MINTRAB-001", "Para que la empresa deje constancia ante el Ministerio de cada contrato de trabajo que firma."),
    ("MINTRAB-002", "Para que el libro donde la empresa anota los salarios que paga tenga validez ante la Inspección."),
    ("MINTRAB-003", "Para inscribir el comité que vela por la salud y la seguridad de los trabajadores en el lugar de trabajo."),
    ("MINTRAB-004", "Para que el reglamento interior de la empresa (horarios, reglas, sanciones) sea válido."),
    ("MINTRAB-005", "Para demostrar que la empresa no tiene multas pendientes con la Inspección, por ejemplo en una licitación."),
    ("MINTRAB-006", "Para que la empresa informe cada año cuántas personas emplea y cuánto les paga."),
    ("MINTRAB-007", "Para que la empresa se postule al reconocimiento por buenas prácticas con sus trabajadores."),
    ("MINTRAB-008", "Para que una empresa pueda contratar a una persona que no es guatemalteca."),
    ("MINTRAB-009", "Para que un trabajador del Estado reserve una estancia en un centro vacacional."),
    ("MINTRAB-010", "Para saber cuánto le corresponde al terminar una relación de trabajo (indemnización, aguinaldo, bono 14, vacaciones)."),
    ("MINTRAB-011", "Para buscar empleo y recibir orientación sobre ofertas de trabajo y capacitación."),
    ("MINTRAB-012", "Para postularse a un trabajo temporal en el extranjero con el programa del Ministerio."),
    ("MINTRAB-013", "Para pedir al Ministerio información pública que tenga en sus archivos."),
    ("MINTRAB-014", "Para denunciar un posible acto de corrupción de una persona que trabaja en el Ministerio."),
];

const CODE_OF_LABOUR: &str = "Código de Trabajo, Decreto 330 del Congreso de la República";

const SEEDS: &[Seed] = &[
    ("MINTRAB-001", "Registro electrónico de contratos individuales de trabajo", "Dirección General de Trabajo",
     CODE_OF_LABOUR, Category::Priority, Audience::Employers, Channel::Online,
     &[("Contrato individual firmado", false), ("DPI del representante legal", true), ("Patente de comercio", true)],
     4, 0, 3, 0.0, 180_000, 0.75),
    ("MINTRAB-002", "Autorización del libro de salarios", "Inspección General de Trabajo",
     CODE_OF_LABOUR, Category::Priority, Audience::Employers, Channel::Hybrid,
     &[("Solicitud firmada", false), ("Libro foliado", false), ("Constancia de inscripción patronal IGSS", true)],
     5, 1, 8, 0.0, 35_000, 4.0),
    ("MINTRAB-003", "Registro de comités de salud y seguridad ocupacional (SSO/COVID-19)",
     "Departamento de Salud y Seguridad Ocupacional",
     "Acuerdo Gubernativo 229-2014, Reglamento de Salud y Seguridad Ocupacional",
     Category::General, Audience::Employers, Channel::Online,
     &[("Acta de conformación del comité", false), ("Plan de salud y seguridad ocupacional", false)],
     3, 0, 10, 0.0, 12_000, 2.0),
    ("MINTRAB-004", "Registro electrónico de reglamentos interiores de trabajo", "Dirección General de Trabajo",
     CODE_OF_LABOUR, Category::General, Audience::Employers, Channel::Online,
     &[("Proyecto de reglamento interior", false), ("Patente de comercio", true)],
     4, 0, 15, 0.0, 4_000, 3.0),
    ("MINTRAB-005", "Solvencia de faltas de trabajo y previsión social", "Inspección General de Trabajo",
     CODE_OF_LABOUR, Category::Priority, Audience::Employers, Channel::InPerson,
     &[("Solicitud firmada", false), ("DPI del representante legal", true), ("Constancia de NIT", true)],
     4, 2, 5, 0.0, 45_000, 5.0),
    ("MINTRAB-006", "Informe del empleador (nómina 2989 y zonas francas)", "Dirección de Estadísticas Laborales",
     "Código de Trabajo, artículo 61; Decreto 29-89, Ley de Fomento y Desarrollo de la Actividad Exportadora y de Maquila",
     Category::General, Audience::Employers, Channel::Hybrid,
     &[("Planilla de trabajadores", false), ("Constancia de inscripción patronal IGSS", true)],
     3, 1, 30, 0.0, 60_000, 6.0),
    ("MINTRAB-007", "Reconocimiento de buenas prácticas laborales", "Dirección General de Previsión Social",
     "Acuerdo Ministerial del Programa de Buenas Prácticas Laborales",
     Category::General, Audience::Employers, Channel::InPerson,
     &[("Formulario de postulación", false), ("Solvencia de faltas de trabajo", true)],
     5, 2, 45, 0.0, 300, 10.0),
    ("MINTRAB-008", "Permiso de trabajo para personas extranjeras", "Dirección General de Empleo",
     "Código de Trabajo, artículo 13; Acuerdo Gubernativo 528-2003",
     Category::Priority, Audience::Employers, Channel::InPerson,
     &[("Solicitud del empleador", false), ("Pasaporte vigente", false), ("Antecedentes penales del país de origen", false),
       ("Patente de comercio", true)],
     7, 3, 30, 1_500.0, 3_500, 12.0),
    ("MINTRAB-009", "Reservación en centros vacacionales para trabajadores del Estado",
     "Dirección General de Recreación de los Trabajadores del Estado",
     "Acuerdo Gubernativo de creación de los centros vacacionales del Estado",
     Category::General, Audience::PublicServants, Channel::Hybrid,
     &[("Constancia laboral", false), ("DPI", true)],
     3, 1, 2, 50.0, 25_000, 2.5),
    ("MINTRAB-010", "Cálculo de prestaciones laborales", "Dirección General de Trabajo",
     CODE_OF_LABOUR, Category::General, Audience::Workers, Channel::Online,
     &[], 1, 0, 0, 0.0, 150_000, 0.25),
    ("MINTRAB-011", "Intermediación y orientación laboral (Tu Empleo)", "Dirección General de Empleo",
     "Convenio 88 de la OIT sobre el servicio del empleo",
     Category::Priority, Audience::Workers, Channel::Online,
     &[("Hoja de vida", false), ("DPI", true)],
     2, 0, 1, 0.0, 90_000, 1.0),
    ("MINTRAB-012", "Convocatorias del Programa de Movilidad Laboral", "Dirección General de Empleo",
     "Acuerdo Ministerial del Programa de Movilidad Laboral",
     Category::Priority, Audience::Workers, Channel::Hybrid,
     &[("DPI", true), ("Pasaporte vigente", false), ("Carencia de antecedentes penales", true),
       ("Constancia de experiencia laboral", false)],
     6, 2, 20, 0.0, 8_000, 8.0),
    ("MINTRAB-013", "Solicitud de acceso a la información pública", "Unidad de Información Pública",
     "Ley de Acceso a la Información Pública, Decreto 57-2008",
     Category::General, Audience::Citizens, Channel::Hybrid,
     &[("Solicitud con la información requerida", false)],
     2, 0, 10, 0.0, 1_200, 1.0),
    ("MINTRAB-014", "Denuncia por actos de corrupción", "Unidad de Transparencia",
     "Ley de Acceso a la Información Pública, Decreto 57-2008; Ley contra la Corrupción, Decreto 31-2012",
     Category::General, Audience::Citizens, Channel::Online,
     &[("Relato de los hechos", false)],
     1, 0, 30, 0.0, 400, 0.5),
];

/// The demo staff: user name, shown name, role.
const STAFF: &[(&str, &str, Role)] = &[
    ("administrador", "Administración del sistema", Role::Admin),
    ("comite", "Comité de Simplificación", Role::Committee),
    ("director", "Dirección General de Trabajo", Role::Director),
    ("ministro", "Despacho Ministerial", Role::Minister),
    ("auditor", "Auditoría Interna", Role::Auditor),
];

/// What a demo run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Codes of the procedures added.
    pub procedures_added: Vec<String>,
    /// Procedures that already existed.
    pub procedures_present: usize,
    /// Users added, with their role and their new password.
    pub users_added: Vec<(String, Role, String)>,
    /// Users that already existed.
    pub users_present: Vec<String>,
}

/// Loads the demo data; existing codes and user names are left untouched.
pub fn load(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    now: DateTime<Utc>,
    workflow: &Workflow,
) -> Result<Report, AppError> {
    let mut report = Report::default();
    let ctx = Context {
        keys,
        now,
        actor: "demo",
        roles: crate::domain::Role::ALL,
    };
    for seed in SEEDS {
        let (
            code,
            name,
            unit,
            basis,
            category,
            audience,
            channel,
            reqs,
            steps,
            visits,
            days,
            fee,
            volume,
            hours,
        ) = *seed;
        if procedures::code_taken(conn, code, "")? {
            report.procedures_present += 1;
            continue;
        }
        let input = CreateProcedure {
            code: code.into(),
            name: name.into(),
            description: PURPOSES
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(name, |(_, p)| p)
                .to_string(),
            responsible_unit: unit.into(),
            legal_basis: basis.into(),
            category,
            audience,
            channel,
            requirements: reqs
                .iter()
                .map(|(n, held)| Requirement {
                    name: (*n).into(),
                    held_by_state: *held,
                })
                .collect(),
            steps,
            in_person_visits: visits,
            resolution_days: days,
            fee_gtq: fee,
            annual_volume: volume,
            citizen_hours: hours,
            workflow: None,
            regulation_reference: None,
            access: Default::default(),
        };
        let fields = ProcedureFields::from_create(&input).map_err(AppError::Validation)?;
        crate::usecases::procedures::create(conn, &ctx, &fields, workflow)?;
        report.procedures_added.push(code.to_string());
    }
    for (username, display_name, role) in STAFF {
        if users::find_by_username(conn, username)?.is_some() {
            report.users_present.push((*username).to_string());
            continue;
        }
        let password = crate::auth::password::random_secret(12);
        let input = CreateUser {
            username: (*username).into(),
            display_name: (*display_name).into(),
            email: format!("{username}@demo.mintrabajo.gob.gt"),
            password: password.clone(),
            roles: vec![*role],
        };
        crate::usecases::accounts::create(conn, &ctx, &input)?;
        report
            .users_added
            .push(((*username).into(), *role, password));
    }
    Ok(report)
}
