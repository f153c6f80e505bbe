//! `hearth`: the one binary. Serves the web application (the default), migrates the database,
//! loads the demo council, and runs administration commands.

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use hearth_domain::access::Role;
use hearth_domain::demo::DEFAULT_SEED;
use hearth_domain::email::EmailAddress;
use hearth_domain::password::NewPassword;
use hearth_domain::sign_in::{LockoutPolicy, SessionPolicy};
use hearth_store::{AuditContext, DatabaseUrl, NewUser, PersonId, Store, StoreError, demo_loaded};
use hearth_web::{AppState, OidcConfig, WebConfig};
use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;

use hearth::import;

/// Hearth: an open-source adult social care system for English councils.
///
/// With no command, Hearth serves the web application. On the first start of an empty database
/// it loads a fictional demo council and prints the demo sign-in details.
#[derive(Parser)]
#[command(name = "hearth", version, about, long_about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// The database: `sqlite://PATH` (created if missing) or `postgres://USER:PASSWORD@HOST/NAME`.
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        default_value = "sqlite://data/hearth.db",
        hide_env_values = true
    )]
    database: String,

    /// How to write logs: `text` for people, `json` for log collectors.
    #[arg(long, global = true, env = "HEARTH_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,

    /// Serving options, for `hearth` with no command (the same as `hearth serve`).
    #[command(flatten)]
    serve: ServeArgs,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default when no command is given).
    Serve(ServeArgs),
    /// Create or update the database tables, then exit.
    Migrate,
    /// Load the fictional demo council (safe to run again) and print its sign-in details.
    Demo(DemoArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Bring outside data into Hearth. A file is imported whole or not at all.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write Hearth's open data out.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Paying for care: work out a charge, uprate the year's assessments, and the figures.
    #[command(subcommand)]
    Charging(ChargingCommand),
}

#[derive(Subcommand)]
enum ChargingCommand {
    /// Work out a charge from the JSON on standard input (the shape POST /api/v1/charging/calculate
    /// takes), with the council's figures and policy for its date, and write the result as JSON.
    /// Bad input is refused with the field named (exit status 2).
    Calculate,
    /// Work out every completed financial assessment again with a year's national figures, from
    /// the day they begin. Shows each changed charge first and changes nothing until you confirm.
    Uprate {
        /// The year, like 2026/27.
        #[arg(long)]
        year: String,
        /// Apply the changes without asking (for scripts).
        #[arg(long)]
        yes: bool,
    },
    /// Show the national figures for a year (the one in force today if none is given).
    Figures {
        #[arg(long)]
        year: Option<String>,
    },
    /// Load a council's own copy of a year's national figures (the layout of
    /// config/charging/national-YYYY-YY.toml), replacing Hearth's for that year.
    ImportFigures {
        /// The TOML file, or `-` for standard input.
        file: std::path::PathBuf,
    },
    /// Load a council's own copy of the deferred payment interest rates (the layout of
    /// config/charging/deferred-payment-interest.toml).
    ImportInterestRates {
        /// The TOML file, or `-` for standard input.
        file: std::path::PathBuf,
    },
    /// The council's charging policy: show it, or set one from a file.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Print the policy in force today (or on --on) as JSON, the shape `policy import` takes, and
    /// list the days each policy applies from on standard error.
    Show {
        /// A day, like 2027-04-06.
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
    },
    /// Set the policy that applies from the file's effective_from day (replacing one set for that
    /// day): the JSON `policy show` prints and the administrators' page saves. A policy outside
    /// the law is refused with every problem named, and nothing changes. Audited.
    Import {
        /// The JSON file, or `-` for standard input.
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Load postcodes for "near me" searches, from the ONS Postcode Directory CSV (any recent
    /// edition) or a simpler `postcode,easting,northing` CSV. Grid references are converted to
    /// latitude and longitude here; no online service is used. Postcodes already loaded are
    /// updated. If any row is bad, each problem is listed and nothing is imported.
    Postcodes {
        /// The CSV file, or `-` for standard input.
        file: std::path::PathBuf,
    },
    /// Load directory services from an Open Referral UK 3.0 (or HSDS 3.0) JSON feed: a list of
    /// full services, or a page with a "contents" list. Services already here are updated in
    /// place by id. If any record is bad, each problem is listed and nothing is imported.
    Oruk {
        /// The JSON file, or `-` for standard input.
        file: std::path::PathBuf,
    },
    /// Load a Local Government Association list (services, needs or circumstances) as a
    /// taxonomy: the LG Inform Plus JSON layout, or CSV with one row per term (Identifier, Label,
    /// Description, URI, Parent identifier). Importing the same list again updates it in place.
    /// If any record is bad, each problem is listed and nothing is imported.
    Taxonomy {
        /// The JSON or CSV file, or `-` for standard input.
        file: std::path::PathBuf,
        /// The list's name (CSV files do not carry one; JSON files do, and this overrides it).
        #[arg(long)]
        name: Option<String>,
        /// The list's URI, such as http://id.esd.org.uk/list/needs (CSV only; it gives the terms' ids).
        #[arg(long)]
        uri: Option<String>,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Write the Client Level Data events (requests, assessments, services, reviews) that touch
    /// a period, as CSV with the return's field names and national codes.
    ClientLevelData {
        /// The first day of the period, like 2026-10-01.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// The last day of the period, like 2026-12-31.
        #[arg(long)]
        to: chrono::NaiveDate,
        /// Where to write it; standard output when not given.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
    /// Write the published directory as an Open Referral UK 3.0 JSON feed (a list of full services).
    Oruk {
        /// Where to write it; standard output when not given.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, env = "HEARTH_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// Do not load the demo council into an empty database.
    #[arg(long, env = "HEARTH_NO_DEMO")]
    no_demo: bool,

    /// Production mode: secure cookies, HSTS, and refuse to start with default secrets or demo data.
    /// Also set by HEARTH_ENV=production.
    #[arg(long)]
    production: bool,

    /// The address people use to reach Hearth, such as https://care.example.gov.uk (required in
    /// production; used for the cross-site check and single sign-on).
    #[arg(long, env = "HEARTH_PUBLIC_URL")]
    public_url: Option<String>,

    /// Shown in the header instead of the council name stored in the database.
    #[arg(long, env = "HEARTH_COUNCIL_NAME")]
    council_name: Option<String>,

    /// Minutes without activity before a member of staff is signed out.
    #[arg(long, env = "HEARTH_IDLE_TIMEOUT_MINUTES", default_value_t = 30)]
    idle_timeout_minutes: i64,

    /// Hours after signing in before a member of staff is signed out, however busy.
    #[arg(long, env = "HEARTH_ABSOLUTE_TIMEOUT_HOURS", default_value_t = 12)]
    absolute_timeout_hours: i64,

    /// Wrong passwords in a row that lock an account.
    #[arg(long, env = "HEARTH_LOCKOUT_FAILURES", default_value_t = 5)]
    lockout_failures: u32,

    /// Minutes an account stays locked.
    #[arg(long, env = "HEARTH_LOCKOUT_MINUTES", default_value_t = 15)]
    lockout_minutes: i64,

    /// Sign-in attempts one client address may make in 5 minutes.
    #[arg(long, env = "HEARTH_SIGN_IN_RATE_LIMIT", default_value_t = 30)]
    sign_in_rate_limit: u32,

    /// Take client addresses from X-Forwarded-For. Only behind a proxy you control.
    #[arg(long, env = "HEARTH_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// Where email goes out: smtps://host:465, smtp://host:587?tls=required (STARTTLS) or
    /// smtp://host:25 (a relay on your own network), with user:password@ before the host if
    /// needed. Without it Hearth sends no email (review reminders, shortlists).
    #[arg(long, env = "HEARTH_SMTP_URL")]
    smtp_url: Option<String>,
    /// Who Hearth's emails come from.
    #[arg(long, env = "HEARTH_MAIL_FROM", default_value = "Hearth <hearth@localhost>")]
    mail_from: String,
    /// Calls a minute one client address may make to the charging calculation interface.
    #[arg(long, env = "HEARTH_API_RATE_LIMIT", default_value_t = 120)]
    api_rate_limit: u32,
}

#[derive(Args)]
struct DemoArgs {
    /// The seed the demo council is generated from; the same seed gives the same council.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Extra volume for benchmarks: 50 staff, 1,000 audit events and 1,000 directory services for
    /// each unit (so --scale 50 makes 50,000 services).
    #[arg(long, default_value_t = 0)]
    scale: u32,
    /// Postcode files (the layouts `hearth import postcodes` reads), one per council area: they are
    /// imported, and the --scale services are spread across the areas. Without them the extra
    /// services sit around the demo council's made-up postcodes.
    #[arg(long = "postcodes", value_name = "FILE")]
    postcode_files: Vec<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Add a staff account. The password is read from standard input, never from the command line.
    Add {
        /// Their work email address; they sign in with it.
        #[arg(long)]
        email: String,
        /// Their full name.
        #[arg(long)]
        name: String,
        /// A role (repeat for several): practitioner, team-manager, safeguarding-adults-manager,
        /// finance-officer, directory-editor, provider-editor, performance-analyst, administrator.
        #[arg(long = "role", required = true)]
        roles: Vec<Role>,
        /// Do not set a password: they will sign in only with council single sign-on.
        #[arg(long)]
        sso_only: bool,
    },
    /// List staff accounts and their roles.
    List,
    /// Set a new password (read from standard input) and end their sessions.
    SetPassword {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Re-compute every hash in the audit log. Exits with status 1, naming the first bad event,
    /// if any event was altered or removed.
    Verify,
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("HEARTH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).init(),
        LogFormat::Text => builder.init(),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("hearth: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<std::process::ExitCode> {
    let url = DatabaseUrl::parse(&cli.database).context("reading --database / DATABASE_URL")?;
    match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(args) => serve(&url, args).await?,
        Command::Migrate => {
            Store::open(&url).await.with_context(|| format!("migrating {url}"))?;
            println!("The database at {url} is up to date.");
        }
        Command::Demo(args) => {
            let store = Store::open(&url).await.with_context(|| format!("opening {url}"))?;
            let mut areas = Vec::new();
            for path in &args.postcode_files {
                let file = import::postcodes::read_path(path).map_err(anyhow::Error::msg)?;
                store.directory().import_postcodes(&file.records, |_| {}).await?;
                areas.push(import::postcodes::live_places(&file.records));
                println!("Imported {} postcodes from {}.", file.records.len(), path.display());
            }
            let summary = store.load_demo(&AuditContext::command_line(), args.seed, args.scale, &areas).await?;
            if !summary.created {
                println!("The demo council was already loaded.");
            }
            if args.scale > 0 {
                println!(
                    "Added {} extra staff accounts, {} audit events, {} directory services and {} financial assessments for scale {}.",
                    summary.extra_staff,
                    summary.extra_audit_events,
                    summary.extra_services,
                    summary.extra_assessments,
                    args.scale
                );
            }
            print_demo_accounts(&summary.staff);
        }
        Command::Users(command) => users(&url, command).await?,
        Command::Import(ImportCommand::Postcodes { file }) => return import_postcodes(&url, &file).await,
        Command::Import(ImportCommand::Oruk { file }) => return import_oruk(&url, &file).await,
        Command::Import(ImportCommand::Taxonomy { file, name, uri }) => {
            return import_taxonomy(&url, &file, name.as_deref(), uri.as_deref()).await;
        }
        Command::Export(ExportCommand::Oruk { output }) => export_oruk(&url, output.as_deref()).await?,
        Command::Export(ExportCommand::ClientLevelData { from, to, output }) => {
            export_client_level_data(&url, from, to, output.as_deref()).await?
        }
        Command::Charging(command) => return charging(&url, command).await,
        Command::Audit(AuditCommand::Verify) => {
            let store = Store::open(&url).await.with_context(|| format!("opening {url}"))?;
            match store.verify_audit().await {
                Ok(count) => println!("The audit log is whole: {count} events checked, none altered or missing."),
                Err(StoreError::AuditChain(broken)) => {
                    eprintln!("The audit log has been tampered with: {broken}.");
                    return Ok(std::process::ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

async fn import_postcodes(url: &DatabaseUrl, path: &std::path::Path) -> Result<std::process::ExitCode> {
    let input: Box<dyn std::io::Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?)
    };
    let file = import::postcodes::read(std::io::BufReader::new(input)).map_err(anyhow::Error::msg)?;
    if !file.problems.is_empty() {
        for p in file.problems.iter().take(100) {
            eprintln!("line {}, {}: {}", p.line, p.field, p.problem);
        }
        if file.problems.len() > 100 {
            eprintln!("... and {} more problems.", file.problems.len() - 100);
        }
        eprintln!("Nothing was imported: {} rows need correcting.", file.problems.len());
        return Ok(std::process::ExitCode::FAILURE);
    }
    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    let total = file.records.len();
    let show_progress = total > 10_000;
    let mut last_shown = 0;
    let imported = store
        .directory()
        .import_postcodes(&file.records, |done| {
            if show_progress && (done - last_shown >= 10_000 || done == total) {
                eprintln!("Imported {done} of {total} postcodes...");
                last_shown = done;
            }
        })
        .await?;
    let details = serde_json::json!({"postcodes": imported, "without_grid_reference": file.without_grid_reference, "file": path.display().to_string()});
    store
        .audit(&AuditContext::command_line(), hearth_store::AuditEntry::new("postcodes-imported").details(details))
        .await?;
    println!(
        "Imported {imported} postcodes ({} without a grid reference were skipped). {} postcodes are now loaded.",
        file.without_grid_reference,
        store.directory().postcode_count().await?
    );
    Ok(std::process::ExitCode::SUCCESS)
}

fn read_input(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    }
    Ok(text)
}

async fn import_oruk(url: &DatabaseUrl, path: &std::path::Path) -> Result<std::process::ExitCode> {
    let (services, problems) = import::oruk::read(&read_input(path)?).map_err(anyhow::Error::msg)?;
    if !problems.is_empty() {
        for p in problems.iter().take(100) {
            let id = p.id.as_deref().map(|id| format!(" ({id})")).unwrap_or_default();
            eprintln!("record {}{id}, {}: {}", p.record, p.field, p.problem);
        }
        if problems.len() > 100 {
            eprintln!("... and {} more problems.", problems.len() - 100);
        }
        eprintln!("Nothing was imported: {} problems need correcting.", problems.len());
        return Ok(std::process::ExitCode::FAILURE);
    }
    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    let total = services.len();
    let mut last_shown = 0;
    store
        .directory()
        .save_services(&AuditContext::command_line(), &services, |done| {
            if total > 1_000 && (done - last_shown >= 1_000 || done == total) {
                eprintln!("Imported {done} of {total} services...");
                last_shown = done;
            }
        })
        .await?;
    store.optimize().await?;
    println!("Imported {total} services. The directory now has {} services.", store.directory().service_count().await?);
    Ok(std::process::ExitCode::SUCCESS)
}

async fn import_taxonomy(
    url: &DatabaseUrl,
    path: &std::path::Path,
    name: Option<&str>,
    uri: Option<&str>,
) -> Result<std::process::ExitCode> {
    use hearth_domain::directory::taxonomy::{from_lga_csv, from_lga_json};
    let text = read_input(path)?;
    let parsed = if text.trim_start().starts_with('{') {
        from_lga_json(&text).map(|mut import| {
            if let Some(name) = name {
                import.taxonomy.name = name.to_owned();
            }
            import
        })
    } else {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let name = name.map(str::to_owned).unwrap_or(stem);
        let uri = uri.map(str::to_owned).unwrap_or_else(|| format!("urn:hearth:taxonomy:{name}"));
        from_lga_csv(&text, &name, &uri)
    };
    let import = match parsed {
        Ok(import) => import,
        Err(problems) => {
            for p in &problems {
                eprintln!("{}: {}", p.field, p.problem);
            }
            eprintln!("Nothing was imported: {} problems need correcting.", problems.len());
            return Ok(std::process::ExitCode::FAILURE);
        }
    };
    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    let count = store.directory().import_taxonomy(&AuditContext::command_line(), &import).await?;
    println!("Imported {count} terms into \"{}\" ({}).", import.taxonomy.name, import.taxonomy.id);
    Ok(std::process::ExitCode::SUCCESS)
}

/// The Client Level Data events as CSV, with the person fields NHS England traces and derives
/// from (NHS number, date of birth, postcode). The other person fields are not in it yet.
async fn export_client_level_data(
    url: &DatabaseUrl,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    output: Option<&std::path::Path>,
) -> Result<()> {
    if to < from {
        anyhow::bail!("--to must be on or after --from");
    }
    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    let events = store.assessments().client_events(from, to).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "LA_Person_Unique_Identifier",
        "NHS_Number",
        "Date_of_Birth",
        "Postcode",
        "Event_Type",
        "Event_Reference",
        "Event_Start_Date",
        "Event_End_Date",
        "Event_Outcome",
        "Request_Route_of_Access",
        "Assessment_Type",
        "Eligible_Needs_Identified",
        "Service_Type",
        "Service_Component",
        "Delivery_Mechanism",
        "Unit_Cost",
        "Planned_units_per_week",
        "Review_Reason",
    ])?;
    let mut ids: Vec<PersonId> = events.iter().filter_map(|e| e.person_id.clone()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut people = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        for p in store.people().people_summaries(chunk).await? {
            people.insert(p.id.clone(), p);
        }
    }
    for e in &events {
        let Some(person) = e.person_id.as_ref().and_then(|id| people.get(id)) else { continue };
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        out.write_record([
            person.reference.as_str(),
            person.nhs_number.as_deref().unwrap_or(""),
            &date(person.date_of_birth),
            person.postcode.as_deref().unwrap_or(""),
            e.event_type,
            &e.event_reference,
            &e.start.to_string(),
            &date(e.end),
            e.outcome.unwrap_or(""),
            e.route_of_access.unwrap_or(""),
            e.assessment_type.unwrap_or(""),
            e.eligible_needs_identified.unwrap_or(""),
            e.service_type.unwrap_or(""),
            e.service_component.unwrap_or(""),
            e.delivery_mechanism.unwrap_or(""),
            e.unit_cost.as_deref().unwrap_or(""),
            e.planned_units_per_week.as_deref().unwrap_or(""),
            e.review_reason.unwrap_or(""),
        ])?;
    }
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("writing the CSV: {e}"))?;
    match output {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Wrote {} events to {}.", events.len(), path.display());
        }
        None => print!("{}", String::from_utf8_lossy(&bytes)),
    }
    // Personal data leaving Hearth: audited like any export.
    let details = serde_json::json!({"events": events.len(), "from": from, "to": to});
    store
        .audit(
            &AuditContext::command_line(),
            hearth_store::AuditEntry::new("client-level-data-exported").details(details),
        )
        .await?;
    Ok(())
}

async fn export_oruk(url: &DatabaseUrl, output: Option<&std::path::Path>) -> Result<()> {
    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let found = store.directory().services(page, 500, true).await?;
        let done = found.services.len() < 500;
        all.extend(found.services);
        if done {
            break;
        }
        page += 1;
    }
    let json = serde_json::to_string_pretty(&all)?;
    match output {
        Some(path) => {
            std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Wrote {} services to {}.", all.len(), path.display());
        }
        None => println!("{json}"),
    }
    let details = serde_json::json!({"services": all.len()});
    store
        .audit(&AuditContext::command_line(), hearth_store::AuditEntry::new("directory-exported").details(details))
        .await?;
    Ok(())
}

async fn charging(url: &DatabaseUrl, command: ChargingCommand) -> Result<std::process::ExitCode> {
    use hearth_domain::charging::input::AssessmentInput;
    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    match command {
        ChargingCommand::Calculate => {
            let text = read_input(std::path::Path::new("-"))?;
            let refuse = |status: u16, error: String, field: Option<String>| {
                let body = serde_json::json!({"status": status, "error": error, "field": field});
                println!("{}", serde_json::to_string_pretty(&body).expect("JSON"));
                eprintln!("{}{error}", field.map(|f| format!("{f}: ")).unwrap_or_default());
                std::process::ExitCode::from(2)
            };
            let de = &mut serde_json::Deserializer::from_str(&text);
            let input: AssessmentInput = match serde_path_to_error::deserialize(de) {
                Ok(i) => i,
                Err(e) => {
                    let path = e.path().to_string();
                    return Ok(refuse(400, e.inner().to_string(), Some(path).filter(|p| p != ".")));
                }
            };
            let book = store.charging().charging_figures().await?;
            let Some(figures) = book.on(input.date) else {
                return Ok(refuse(
                    422,
                    hearth_domain::charging::AssessError::NoFigures(input.date).to_string(),
                    Some("date".into()),
                ));
            };
            let policy = store.charging().charging_policies().await?.on(input.date);
            match hearth_domain::charging::assess(&input, figures, &policy) {
                Ok(result) => println!("{}", serde_json::to_string_pretty(&result)?),
                Err(hearth_domain::charging::AssessError::Invalid { field, problem }) => {
                    return Ok(refuse(400, problem, Some(field)));
                }
                Err(e) => return Ok(refuse(422, e.to_string(), None)),
            }
        }
        ChargingCommand::Uprate { year, yes } => {
            let mut shown = 0;
            let plan = hearth::charging::plan(&store, &year, |done, total| {
                if total > 2_000 && (done - shown >= 10_000 || done as u64 == total) {
                    eprintln!("Worked out {done} of {total} assessments...");
                    shown = done;
                }
            })
            .await?;
            for c in &plan.changes {
                let words = |p: Option<hearth_domain::charging::Pence>| {
                    p.map_or_else(|| "the full cost".to_owned(), |p| format!("{p} a week"))
                };
                let why = if c.raised.is_empty() { String::new() } else { format!(" ({})", c.raised.join("; ")) };
                println!("{}  {}: {} to {}{why}", c.reference, c.person_name, words(c.before), words(c.after));
            }
            for (reference, problem) in &plan.problems {
                eprintln!("{reference}: cannot be worked out with the {year} figures: {problem}");
            }
            let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
            println!(
                "{} looked at: {} change, {} the same, {} already on the {year} figures{}.",
                n(plan.examined, "assessment", "assessments"),
                n(plan.changes.len(), "charge would", "charges would"),
                n(plan.unchanged, "would stay", "would stay"),
                n(plan.already_current, "is", "are"),
                if plan.problems.is_empty() {
                    String::new()
                } else {
                    format!(", {} cannot be worked out", plan.problems.len())
                }
            );
            println!(
                "State pensions and benefits raised to the {year} rates in {}. {} an income left as recorded (a job or private pension, earnings, Universal Credit): check it at the next review.",
                n(plan.incomes_raised, "assessment", "assessments"),
                n(plan.incomes_to_check, "has", "have"),
            );
            if plan.to_write() == 0 {
                println!("Nothing to change.");
                return Ok(std::process::ExitCode::SUCCESS);
            }
            let confirmed = if yes {
                true
            } else if std::io::stdin().is_terminal() {
                eprint!(
                    "Apply the {year} figures to these {} assessments, from {}? Type yes to confirm: ",
                    plan.to_write(),
                    plan.valid_from.format("%-d %B %Y")
                );
                let mut answer = String::new();
                std::io::stdin().lock().read_line(&mut answer)?;
                answer.trim().eq_ignore_ascii_case("yes")
            } else {
                false
            };
            if !confirmed {
                println!("Nothing has been changed. Run again and confirm (or add --yes) to apply.");
                return Ok(std::process::ExitCode::SUCCESS);
            }
            let council = store.settings().setting("council_name").await?.unwrap_or_else(|| "The council".to_owned());
            shown = 0;
            let (written, stale) =
                hearth::charging::apply(&store, &AuditContext::command_line(), &plan, &council, |done, total| {
                    if total > 2_000 && (done - shown >= 10_000 || done == total) {
                        eprintln!("Saved {done} of {total}...");
                        shown = done;
                    }
                })
                .await?;
            println!("Uprated {written} assessments to the {year} figures, each with a new written record.");
            if !stale.is_empty() {
                println!(
                    "{} were changed by someone meanwhile and were left alone: run again to include them.",
                    stale.len()
                );
            }
        }
        ChargingCommand::Figures { year } => {
            let book = store.charging().charging_figures().await?;
            let today = chrono::Utc::now().date_naive();
            let figures = match &year {
                Some(y) => book.year(y).with_context(|| format!("Hearth has no figures for {y}"))?,
                None => book.on(today).context("Hearth has no figures for today")?,
            };
            println!("National figures for {} (from {}). {}", figures.year, figures.valid_from, figures.source);
            for (name, f) in figures.all() {
                println!(
                    "  {name:<62} {:>12}  {:<10} {}",
                    f.amount.to_string(),
                    format!("{:?}", f.confidence).to_lowercase(),
                    f.source
                );
            }
            for (name, r) in figures.rises() {
                println!(
                    "  {name:<62} {:>12}  {:<10} {}",
                    format!("{}%", r.percent),
                    format!("{:?}", r.confidence).to_lowercase(),
                    r.source
                );
            }
            let years: Vec<&str> = book.years().iter().map(|y| y.year.as_str()).collect();
            println!("Years known: {}.", years.join(", "));
        }
        ChargingCommand::ImportFigures { file } => {
            match store.charging().import_charging_figures(&AuditContext::command_line(), &read_input(&file)?).await {
                Ok(f) => println!(
                    "Imported the {} figures (from {}). They replace Hearth's own for that year.",
                    f.year, f.valid_from
                ),
                Err(StoreError::Refused(problems)) => {
                    eprintln!("Nothing was imported:");
                    for p in &problems {
                        eprintln!("  {}", p.message);
                    }
                    return Ok(std::process::ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            }
        }
        ChargingCommand::Policy { command: PolicyCommand::Show { on } } => {
            let policies = store.charging().charging_policies().await?;
            let day = on.unwrap_or_else(|| chrono::Utc::now().date_naive());
            println!("{}", serde_json::to_string_pretty(&policies.on(day))?);
            let from: Vec<String> = policies.all().iter().map(|p| p.effective_from.to_string()).collect();
            if from.is_empty() {
                eprintln!("No policy is set: Hearth's defaults apply (shown above).");
            } else {
                eprintln!("Policies apply from: {}.", from.join(", "));
            }
        }
        ChargingCommand::Policy { command: PolicyCommand::Import { file } } => {
            let text = read_input(&file)?;
            // The day must be given: a policy without one would silently start in 2015.
            let policy = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) if v.get("effective_from").is_none() => {
                    Err("effective_from is missing: give the day the policy applies from, like \"2027-04-06\""
                        .to_owned())
                }
                Ok(_) => serde_json::from_str::<hearth_domain::charging::LocalPolicy>(&text).map_err(|e| e.to_string()),
                Err(e) => Err(format!("the file is not JSON: {e}")),
            };
            let policy = match policy {
                Ok(p) => p,
                Err(problem) => {
                    eprintln!("Nothing was imported: {problem}");
                    return Ok(std::process::ExitCode::FAILURE);
                }
            };
            match store.charging().set_charging_policy(&AuditContext::command_line(), &policy, None).await {
                Ok(()) => println!("The charging policy from {} is set.", policy.effective_from),
                Err(StoreError::Refused(problems)) => {
                    eprintln!("Nothing was imported:");
                    for p in &problems {
                        eprintln!("  {}: {}", p.field, p.message);
                    }
                    return Ok(std::process::ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            }
        }
        ChargingCommand::ImportInterestRates { file } => {
            match store.charging().import_interest_rates(&AuditContext::command_line(), &read_input(&file)?).await {
                Ok(r) => println!("Imported {} interest rates. They replace Hearth's own.", r.rates.len()),
                Err(StoreError::Refused(problems)) => {
                    eprintln!("Nothing was imported:");
                    for p in &problems {
                        eprintln!("  {}", p.message);
                    }
                    return Ok(std::process::ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn print_demo_accounts(staff: &[hearth_domain::demo::DemoStaff]) {
    println!();
    println!("Demo council: sign in at /sign-in with any of these made-up accounts.");
    for member in staff {
        let roles: Vec<_> = member.roles.iter().map(|r| r.label()).collect();
        println!("  {:<30} {:<46} password: {}", roles.join(", "), member.email, member.password);
    }
    println!();
}

/// Reads a password from standard input: without echo at a terminal, or one line from a pipe.
fn read_password() -> Result<String> {
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 12 characters): ")?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    Ok(password)
}

async fn users(url: &DatabaseUrl, command: UsersCommand) -> Result<()> {
    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    match command {
        UsersCommand::Add { email, name, roles, sso_only } => {
            let email = EmailAddress::parse(&email)?;
            if name.trim().is_empty() {
                bail!("--name must not be empty");
            }
            let password_hash = if sso_only { None } else { Some(NewPassword::parse(&read_password()?)?.hash()) };
            let new = NewUser { email, name, roles, password_hash, oidc_subject: None, demo: false };
            let user = store.accounts().create_user(&AuditContext::command_line(), new).await?;
            let roles: Vec<_> = user.roles.iter().map(|r| r.key()).collect();
            println!(
                "Added {} ({}) with roles: {}. Account number {}.",
                user.name,
                user.email,
                roles.join(", "),
                user.id
            );
        }
        UsersCommand::List => {
            for user in store.accounts().users().await? {
                let roles: Vec<_> = user.roles.iter().map(|r| r.key()).collect();
                let status = if user.active { "active" } else { "deactivated" };
                println!("{}\t{}\t{}\t{}\t{}", user.id, user.email, user.name, roles.join(","), status);
            }
        }
        UsersCommand::SetPassword { email } => {
            let email = EmailAddress::parse(&email)?;
            let user = store
                .accounts()
                .user_for_sign_in(&email)
                .await?
                .context("there is no staff account with that email address")?;
            let hash = NewPassword::parse(&read_password()?)?.hash();
            store.accounts().set_password(&AuditContext::command_line(), &user.user.id, hash).await?;
            println!("Password set for {}. Their sessions have ended.", user.user.email);
        }
    }
    Ok(())
}

fn env_flag(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

async fn serve(url: &DatabaseUrl, args: ServeArgs) -> Result<()> {
    let production = args.production || env_flag("HEARTH_ENV").is_some_and(|v| v == "production");
    let oidc = match (env_flag("HEARTH_OIDC_ISSUER"), env_flag("HEARTH_OIDC_CLIENT_ID")) {
        (Some(issuer_url), Some(client_id)) => Some(OidcConfig {
            issuer_url,
            client_id,
            client_secret: env_flag("HEARTH_OIDC_CLIENT_SECRET").unwrap_or_default(),
            label: env_flag("HEARTH_OIDC_LABEL").unwrap_or_else(|| "your council account".into()),
        }),
        (None, None) => None,
        _ => bail!("set both HEARTH_OIDC_ISSUER and HEARTH_OIDC_CLIENT_ID for single sign-on, or neither"),
    };
    let config = WebConfig {
        production,
        public_url: args
            .public_url
            .as_deref()
            .map(str::parse)
            .transpose()
            .context("HEARTH_PUBLIC_URL is not a web address")?,
        council_name: args.council_name.clone(),
        session: SessionPolicy {
            idle_timeout: chrono::Duration::minutes(args.idle_timeout_minutes.max(1)),
            absolute_timeout: chrono::Duration::hours(args.absolute_timeout_hours.max(1)),
        },
        lockout: LockoutPolicy {
            max_failures: args.lockout_failures.max(1),
            lock_for: chrono::Duration::minutes(args.lockout_minutes.max(1)),
            max_attempts_per_address: args.sign_in_rate_limit.max(1),
            ..LockoutPolicy::default()
        },
        trust_forwarded_for: args.trust_forwarded_for,
        secret_key: env_flag("HEARTH_SECRET_KEY").unwrap_or_else(|| hearth_web::DEVELOPMENT_SECRET.to_owned()),
        oidc,
        smtp_url: args.smtp_url.clone().filter(|u| !u.trim().is_empty()),
        mail_from: args.mail_from.clone(),
        api_rate_limit: args.api_rate_limit.max(1),
    };
    config.check()?;

    let store = Store::open(url).await.with_context(|| format!("opening {url}"))?;
    if production {
        if demo_loaded(&store).await? {
            bail!(hearth_web::ConfigError::DemoDataInProduction);
        }
    } else if !args.no_demo && store.is_empty().await? {
        let summary = store.load_demo(&AuditContext::system(chrono::Utc::now()), DEFAULT_SEED, 0, &[]).await?;
        if summary.created {
            print_demo_accounts(&summary.staff);
        }
    }

    let listen = args.listen;
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("listening on {listen}"))?;
    let address = listener.local_addr()?;
    println!("Hearth is running at http://{address} on {} (press Ctrl+C to stop).", store.engine().name());
    tracing::info!(%address, database = store.engine().name(), production, "serving");
    let state = AppState::new(store, config);
    hearth_web::serve(listener, state, shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
