//! The `hearth` binary as an administrator uses it: commands, exit codes, and real servers.

use hearth_store::testing::TestDatabase;
use hearth_store::{Engine, ServiceId};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Output, Stdio};

fn hearth(db: &TestDatabase, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hearth"));
    command
        .args(args)
        .env("DATABASE_URL", db.url.expose())
        .env("HEARTH_LOG", "warn")
        .env_remove("HEARTH_ENV")
        .env_remove("HEARTH_SECRET_KEY")
        .env_remove("HEARTH_LISTEN");
    command
}

fn run(db: &TestDatabase, args: &[&str]) -> Output {
    hearth(db, args).output().expect("run hearth")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn help_names_every_command_and_option() {
    let db = TestDatabase::new().await;
    let help = text(&run(&db, &["--help"]).stdout);
    for word in ["serve", "migrate", "demo", "users", "audit", "--database", "DATABASE_URL", "--log-format"] {
        assert!(help.contains(word), "--help mentions {word}:\n{help}");
    }
    let serve = text(&run(&db, &["serve", "--help"]).stdout);
    for word in [
        "--listen",
        "HEARTH_LISTEN",
        "--no-demo",
        "--production",
        "HEARTH_ENV",
        "--idle-timeout-minutes",
        "--lockout-failures",
    ] {
        assert!(serve.contains(word), "serve --help mentions {word}:\n{serve}");
    }
    let add = text(&run(&db, &["users", "add", "--help"]).stdout);
    assert!(add.contains("standard input") && add.contains("--role"), "{add}");
    for args in
        [&["migrate", "--help"][..], &["demo", "--help"], &["audit", "verify", "--help"], &["users", "list", "--help"]]
    {
        assert!(run(&db, args).status.success(), "{args:?}");
    }
    db.cleanup().await;
}

#[tokio::test]
async fn users_add_reads_the_password_from_standard_input() {
    let db = TestDatabase::new().await;
    let mut child = hearth(
        &db,
        &[
            "users",
            "add",
            "--email",
            "Kit@Example.org",
            "--name",
            "Kit Marlow",
            "--role",
            "administrator",
            "--role",
            "practitioner",
        ],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    child.stdin.take().unwrap().write_all(b"a very long password\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Added Kit Marlow (kit@example.org) with roles: practitioner, administrator"));

    let email = hearth_domain::email::EmailAddress::parse("kit@example.org").unwrap();
    let found = db.store.accounts().user_for_sign_in(&email).await.unwrap().unwrap();
    assert!(hearth_domain::password::verify("a very long password", found.password_hash.as_deref().unwrap()));

    let list = text(&run(&db, &["users", "list"]).stdout);
    assert!(list.contains("kit@example.org\tKit Marlow\tpractitioner,administrator\tactive"), "{list}");

    // A short password is refused with a clear message, and nothing is created.
    let mut child = hearth(&db, &["users", "add", "--email", "b@example.org", "--name", "B", "--role", "practitioner"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("Password must be 12 characters or more"));
    let bad_role = run(&db, &["users", "add", "--email", "c@example.org", "--name", "C", "--role", "wizard"]);
    assert!(!bad_role.status.success());
    assert!(text(&bad_role.stderr).contains("'wizard' is not a role"));
    db.cleanup().await;
}

#[tokio::test]
async fn audit_verify_fails_and_names_the_row_when_one_is_altered() {
    let db = TestDatabase::new().await;
    let demo = run(&db, &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    assert!(text(&demo.stdout).contains("administrator@wrenfield.example"));
    assert!(text(&run(&db, &["demo"]).stdout).contains("already loaded"));

    let good = run(&db, &["audit", "verify"]);
    assert!(good.status.success(), "{}", text(&good.stderr));
    assert!(text(&good.stdout).contains("The audit log is whole"));

    match db.engine() {
        Engine::Sqlite => db.execute_as_dba("DROP TRIGGER audit_event_no_update").await,
        Engine::Postgres => db.execute_as_dba("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only").await,
    }
    db.execute_as_dba("UPDATE audit_event SET client_addr = '198.51.100.7' WHERE seq = 5").await;
    let bad = run(&db, &["audit", "verify"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("audit event 5 has been altered"), "{}", text(&bad.stderr));
    db.cleanup().await;
}

#[tokio::test]
async fn production_refuses_to_start_with_default_secrets() {
    let db = TestDatabase::new().await;
    let out = hearth(&db, &["serve", "--listen", "127.0.0.1:0"]).env("HEARTH_ENV", "production").output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("HEARTH_SECRET_KEY"), "{}", text(&out.stderr));
    // Long enough, but nothing to guess.
    let out = hearth(&db, &["serve", "--listen", "127.0.0.1:0"])
        .env("HEARTH_ENV", "production")
        .env("HEARTH_SECRET_KEY", "a".repeat(36))
        .env("HEARTH_PUBLIC_URL", "https://care.example")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("too easy to guess"), "{}", text(&out.stderr));
    db.cleanup().await;
}

/// A running `hearth serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &TestDatabase, extra: &[&str]) -> (Server, String) {
    start_logging_to(db, extra, Stdio::null(), "warn")
}

fn start_logging_to(db: &TestDatabase, extra: &[&str], log: Stdio, level: &str) -> (Server, String) {
    let mut args = vec!["serve", "--listen", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let mut child = hearth(db, &args).env("HEARTH_LOG", level).stdout(Stdio::piped()).stderr(log).spawn().unwrap();
    let mut console = String::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        console.push_str(&line);
        console.push('\n');
        if let Some(rest) = line.strip_prefix("Hearth is running at ") {
            let address = rest.split_whitespace().next().unwrap().to_owned();
            // Keep reading the console in the background so the server never blocks on it.
            std::thread::spawn(move || for _ in lines {});
            return (Server { child, address }, console);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("hearth serve did not start:\n{console}");
}

fn field(console: &str, email: &str) -> String {
    let line = console.lines().find(|l| l.contains(email)).expect("demo account printed");
    line.split("password: ").nth(1).unwrap().trim().to_owned()
}

#[tokio::test]
async fn two_servers_on_one_database_share_sign_in() {
    let db = TestDatabase::new().await;
    let (a, console) = start(&db, &[]);
    assert!(console.contains("Demo council: sign in"), "first start prints the demo accounts:\n{console}");
    let (b, second_console) = start(&db, &[]);
    assert!(!second_console.contains("Demo council"), "the demo loads once");
    let password = field(&console, "administrator@wrenfield.example");

    let health: serde_json::Value = reqwest::get(format!("{}/health", a.address)).await.unwrap().json().await.unwrap();
    assert_eq!(health["database"], db.engine().name());

    let browser =
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let sign_in = browser.get(format!("{}/sign-in", a.address)).send().await.unwrap().text().await.unwrap();
    let token = sign_in.split("name=\"_csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let signed_in = browser
        .post(format!("{}/sign-in", a.address))
        .header("origin", &a.address)
        .form(&[
            ("_csrf", token.as_str()),
            ("email", "administrator@wrenfield.example"),
            ("password", password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), reqwest::StatusCode::SEE_OTHER);

    // Node B has never seen this browser, but the session is in the shared database. Both
    // listen on 127.0.0.1, so the browser sends the session cookie to either.
    let on_b = browser.get(format!("{}/admin/users", b.address)).send().await.unwrap();
    assert_eq!(on_b.status(), reqwest::StatusCode::OK);
    // A cross-origin post to node B is refused.
    let forged = browser
        .post(format!("{}/sign-out", b.address))
        .header("origin", "http://evil.example")
        .form(&[("_csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), reqwest::StatusCode::FORBIDDEN);
    drop((a, b));
    db.cleanup().await;
}

#[tokio::test]
async fn logs_are_json_with_request_ids_and_hold_no_personal_details() {
    let db = TestDatabase::new().await;
    let log_path = std::env::temp_dir().join(format!("hearth-log-{}.json", std::process::id()));
    let log = std::fs::File::create(&log_path).unwrap();
    let (server, console) = start_logging_to(&db, &["--log-format", "json"], Stdio::from(log), "debug");
    let password = field(&console, "practitioner@wrenfield.example");
    let browser =
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let sign_in =
        browser.get(format!("{}/sign-in?return_to=/staff", server.address)).send().await.unwrap().text().await.unwrap();
    let token = sign_in.split("name=\"_csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    for attempt in ["wrong password for the log test", password.as_str()] {
        browser
            .post(format!("{}/sign-in", server.address))
            .header("origin", &server.address)
            .form(&[("_csrf", token.as_str()), ("email", "practitioner@wrenfield.example"), ("password", attempt)])
            .send()
            .await
            .unwrap();
    }
    let home = browser.get(format!("{}/staff", server.address)).send().await.unwrap().text().await.unwrap();
    let name = home.split("Hello, ").nth(1).unwrap().split('<').next().unwrap().to_owned();
    drop(server);
    let logs = std::fs::read_to_string(&log_path).unwrap();
    let _ = std::fs::remove_file(&log_path);
    let lines: Vec<serde_json::Value> =
        logs.lines().map(|l| serde_json::from_str(l).expect("every log line is JSON")).collect();
    assert!(lines.iter().any(|l| l["span"]["request_id"].as_str().is_some_and(|id| id.len() == 36)), "{logs}");
    for secret in [
        "practitioner@wrenfield.example",
        "wrong password for the log test",
        password.as_str(),
        name.as_str(),
        "return_to",
    ] {
        assert!(!logs.contains(secret), "the log must not contain {secret:?}");
    }
    db.cleanup().await;
}

#[tokio::test]
async fn postcode_files_import_whole_or_not_at_all() {
    let db = TestDatabase::new().await;
    let dir = std::env::temp_dir();
    let bad = dir.join(format!("hearth-bad-postcodes-{}.csv", std::process::id()));
    std::fs::write(&bad, "postcode,easting,northing\nLE1 1AA,459318,304176\nLE1 XXX,459294,304253\n").unwrap();
    let out = run(&db, &["import", "postcodes", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("line 3, postcode: \"LE1 XXX\" is not a postcode"), "{}", text(&out.stderr));
    assert_eq!(db.store.directory().postcode_count().await.unwrap(), 0, "nothing half-imported");
    let _ = std::fs::remove_file(bad);

    // The real ONS extracts in shared/data, when this checkout has them beside it.
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/postcodes/leicester-E06000016.csv");
    if shared.exists() {
        let out = run(&db, &["import", "postcodes", shared.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("Imported 9551 postcodes"), "{}", text(&out.stdout));
        let query = hearth_domain::directory::postcode::PostcodeQuery::parse("le1 5fq").unwrap();
        let found =
            db.store.directory().locate_postcode(&query).await.unwrap().expect("LE1 5FQ is in Leicester's file");
        assert!(
            (52.5..52.7).contains(&found.point.latitude) && (-1.25..-1.0).contains(&found.point.longitude),
            "{found:?}"
        );
    } else {
        eprintln!("skipping the real postcode files: {} is not here", shared.display());
    }
    db.cleanup().await;
}

#[tokio::test]
async fn an_oruk_feed_exports_and_imports_whole_or_not_at_all() {
    let source = TestDatabase::new().await;
    assert!(run(&source, &["demo"]).status.success());
    let feed = std::env::temp_dir().join(format!("hearth-feed-{}.json", std::process::id()));
    let out = run(&source, &["export", "oruk", "--output", feed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&feed).unwrap()).unwrap();
    assert_eq!(exported.as_array().unwrap().len(), 12);

    let target = TestDatabase::new().await;
    let imported = run(&target, &["import", "oruk", feed.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    assert!(text(&imported.stdout).contains("Imported 12 services. The directory now has 12 services."));
    // Again: updated in place by id, not duplicated.
    assert!(run(&target, &["import", "oruk", feed.to_str().unwrap()]).status.success());
    assert_eq!(target.store.directory().service_count().await.unwrap(), 12);

    // A bad record stops the whole file, with a report naming it.
    let mut broken = exported.clone();
    broken[3]["status"] = serde_json::json!("open all hours");
    broken[5]["service_at_locations"][0]["location"]["latitude"] = serde_json::json!("north");
    broken[0]["name"] = serde_json::json!("Renamed, but never saved");
    broken[7]["url"] = serde_json::json!("javascript:alert(document.cookie)");
    std::fs::write(&feed, broken.to_string()).unwrap();
    let refused = run(&target, &["import", "oruk", feed.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let report = text(&refused.stderr);
    assert!(report.contains("record 4") && report.contains("status: must be one of"), "{report}");
    assert!(report.contains("record 6") && report.contains("service_at_locations[0].location.latitude"), "{report}");
    assert!(report.contains("record 8") && report.contains("url: must be a web address"), "{report}");
    let first = exported[0]["id"].as_str().unwrap();
    assert_ne!(
        target.store.directory().service(&ServiceId::from(first)).await.unwrap().unwrap().name,
        "Renamed, but never saved",
        "nothing half-imported"
    );

    // The real upstream example feed's shape imports too (its sample values are not UK ones).
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/oruk/uk-profile/examples/service_full.json");
    if example.exists() {
        let list = format!("[{}]", std::fs::read_to_string(&example).unwrap());
        std::fs::write(&feed, list).unwrap();
        let out = run(&target, &["import", "oruk", feed.to_str().unwrap()]);
        // The upstream example puts its location at latitude 100, which we refuse by name.
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("service_at_locations[0].location.latitude: must be between -90 and 90"),
            "{}",
            text(&out.stderr)
        );
    }
    let _ = std::fs::remove_file(&feed);
    source.cleanup().await;
    target.cleanup().await;
}

#[tokio::test]
async fn lga_taxonomies_import_from_json_and_csv_whole_or_not_at_all() {
    let db = TestDatabase::new().await;
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/demo");
    let services = demo.join("lga-services.json");
    let out = run(&db, &["import", "taxonomy", services.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Imported 7 terms into \"LGA services (Wrenfield demo subset)\""));
    // Again: the same ids, updated in place.
    assert!(run(&db, &["import", "taxonomy", services.to_str().unwrap()]).status.success());
    let (taxonomies, total) = db.store.directory().taxonomies(None, 1, 10).await.unwrap();
    assert_eq!(total, 1);
    let filter = hearth_store::directory::taxonomies::TermFilter {
        taxonomy_id: Some(taxonomies[0].id.clone().into()),
        ..Default::default()
    };
    assert_eq!(db.store.directory().taxonomy_terms(&filter, 1, 50).await.unwrap().1, 7);

    let csv = demo.join("lga-circumstances.csv");
    let out = run(
        &db,
        &[
            "import",
            "taxonomy",
            csv.to_str().unwrap(),
            "--name",
            "Circumstances",
            "--uri",
            "http://id.esd.org.uk/list/circumstances",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Imported 4 terms into \"Circumstances\""));

    let bad = std::env::temp_dir().join(format!("hearth-bad-taxonomy-{}.csv", std::process::id()));
    std::fs::write(&bad, "Identifier,Label,Parent identifier\n1,One,\n2,,1\n3,Three,99\n").unwrap();
    let refused = run(&db, &["import", "taxonomy", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let report = text(&refused.stderr);
    assert!(report.contains("line 3, label: is missing"), "{report}");
    assert!(report.contains("line 4, parents: names a parent, 99, that is not in the list"), "{report}");
    assert_eq!(db.store.directory().taxonomies(None, 1, 10).await.unwrap().1, 2, "nothing half-imported");
    let _ = std::fs::remove_file(bad);
    db.cleanup().await;
}

fn run_with_input(db: &TestDatabase, args: &[&str], input: &str) -> Output {
    let mut child =
        hearth(db, args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn charging_calculate_gives_the_interfaces_answer_and_names_bad_fields() {
    let db = TestDatabase::new().await;
    let input = r#"{"date": "2025-06-02", "person": {"age_band": "pension-age"},
        "care": {"setting": "at-home"},
        "capital": [{"kind": "savings", "value": "18000.00"}],
        "income": [{"kind": "state-pension", "amount": "230.25"}]}"#;
    let out = run_with_input(&db, &["charging", "calculate"], input);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // £230.25 + £15 tariff − £232.60 (2025/26 pension-age Minimum Income Guarantee) = £12.65.
    assert_eq!(result["weekly_charge"], "12.65");
    assert_eq!(result["figures_year"], "2025/26");
    let bad = run_with_input(&db, &["charging", "calculate"], &input.replace("\"230.25\"", "\"230.255\""));
    assert_eq!(bad.status.code(), Some(2));
    let problem: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(problem["field"], "income[0].amount");
    assert!(text(&bad.stderr).starts_with("income[0].amount: "), "{}", text(&bad.stderr));
    db.cleanup().await;
}

#[tokio::test]
async fn a_years_uprating_shows_each_change_first_and_applies_only_when_confirmed() {
    let db = TestDatabase::new().await;
    assert!(run(&db, &["demo"]).status.success());
    let preview = run_with_input(&db, &["charging", "uprate", "--year", "2026/27"], "");
    assert!(preview.status.success(), "{}", text(&preview.stderr));
    let shown = text(&preview.stdout);
    assert!(shown.contains("24 assessments looked at"), "{shown}");
    assert!(shown.contains(" to £"), "each changed charge is listed: {shown}");
    // Pensions and benefits rise with the allowances, and each change says which.
    assert!(shown.contains("(State Pension raised by 4.8%"), "{shown}");
    assert!(shown.contains("State pensions and benefits raised to the 2026/27 rates in "), "{shown}");
    assert!(shown.contains("Nothing has been changed"), "{shown}");
    let store = hearth_store::Store::open(&db.url).await.unwrap();
    let before = store.charging().uprate_candidates(None, 100).await.unwrap();
    assert!(before.iter().all(|c| c.figures_year.as_deref() == Some("2025/26")));

    let applied = run(&db, &["charging", "uprate", "--year", "2026/27", "--yes"]);
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    assert!(
        text(&applied.stdout).contains("Uprated 24 assessments to the 2026/27 figures"),
        "{}",
        text(&applied.stdout)
    );
    let after = store.charging().uprate_candidates(None, 100).await.unwrap();
    assert!(after.iter().all(|c| c.figures_year.as_deref() == Some("2026/27") && c.version == 2));
    // The new version's evidence says what was raised, and from what.
    assert!(after.iter().any(|c| c.input.contains("2026/27 from 6 April 2026: raised by 4.8%, was £")));
    // Running again finds nothing to do.
    let again = run(&db, &["charging", "uprate", "--year", "2026/27", "--yes"]);
    assert!(text(&again.stdout).contains("24 are already on the 2026/27 figures"), "{}", text(&again.stdout));
    let unknown = run(&db, &["charging", "uprate", "--year", "2031/32"]);
    assert!(!unknown.status.success());
    assert!(text(&unknown.stderr).contains("no national figures for 2031/32"));
    assert!(run(&db, &["audit", "verify"]).status.success());
    store.close().await.unwrap();
    db.cleanup().await;
}

#[tokio::test]
async fn client_level_data_is_an_export_of_the_record() {
    let db = TestDatabase::new().await;
    assert!(run(&db, &["demo"]).status.success());
    let today = chrono::Utc::now().date_naive();
    let from = (today - chrono::Days::new(365)).to_string();
    let out = run(&db, &["export", "client-level-data", "--from", &from, "--to", &today.to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    assert!(
        lines.next().unwrap().starts_with("LA_Person_Unique_Identifier,NHS_Number,Date_of_Birth,Postcode,Event_Type,")
    );
    let requests: Vec<&str> = lines.filter(|l| l.contains(",Request,")).collect();
    assert!(!requests.is_empty(), "the demo's contacts are requests:\n{csv}");
    assert!(requests.iter().all(|r| r.starts_with("P-")), "each row names the person's record");
    assert!(
        requests.iter().any(|r| r.split(',').nth(2).is_some_and(|born| born.len() == 10)),
        "with the date of birth"
    );
    // A period that ends before it starts is refused.
    let backwards = run(&db, &["export", "client-level-data", "--from", &today.to_string(), "--to", &from]);
    assert!(!backwards.status.success());
    assert_eq!(
        db.store
            .search_audit(
                &hearth_store::AuditFilter { action: Some("client-level-data-exported".into()), ..Default::default() },
                1,
                5
            )
            .await
            .unwrap()
            .total,
        1
    );
    db.cleanup().await;
}

/// Issue 16: a council's charging policy can be set from a file as well as on the page: the
/// same JSON, checked against the law, audited, from its day.
#[tokio::test]
async fn a_charging_policy_is_shown_and_imported_from_a_file_whole_or_not_at_all() {
    let db = TestDatabase::new().await;
    let shown = run(&db, &["charging", "policy", "show"]);
    assert!(shown.status.success(), "{}", text(&shown.stderr));
    let mut policy: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(policy["percentage_charged_basis_points"], 10_000, "Hearth's default: 100%");
    assert!(text(&shown.stderr).contains("No policy is set"));

    // Outside the law: every problem named, nothing set.
    policy["effective_from"] = "2027-04-06".into();
    policy["percentage_charged_basis_points"] = 12_000.into();
    let refused = run_with_input(&db, &["charging", "policy", "import", "-"], &policy.to_string());
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("percentage_charged_basis_points"), "{}", text(&refused.stderr));
    let mut undated = policy.clone();
    undated.as_object_mut().unwrap().remove("effective_from");
    let undated = run_with_input(&db, &["charging", "policy", "import", "-"], &undated.to_string());
    assert!(text(&undated.stderr).contains("effective_from is missing"), "{}", text(&undated.stderr));
    let mut unknown = policy.clone();
    unknown["percentage"] = 90.into();
    let unknown = run_with_input(&db, &["charging", "policy", "import", "-"], &unknown.to_string());
    assert!(text(&unknown.stderr).contains("unknown field `percentage`"), "{}", text(&unknown.stderr));
    assert!(db.store.charging().charging_policies().await.unwrap().all().is_empty(), "nothing was set");

    policy["percentage_charged_basis_points"] = 9_000.into();
    let set = run_with_input(&db, &["charging", "policy", "import", "-"], &policy.to_string());
    assert!(set.status.success(), "{}", text(&set.stderr));
    assert!(text(&set.stdout).contains("The charging policy from 2027-04-06 is set."));
    let before = run(&db, &["charging", "policy", "show", "--on", "2027-04-05"]);
    let before: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(before["percentage_charged_basis_points"], 10_000, "not before its day");
    let after = run(&db, &["charging", "policy", "show", "--on", "2027-04-06"]);
    assert!(text(&after.stderr).contains("Policies apply from: 2027-04-06."));
    let after: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(after["percentage_charged_basis_points"], 9_000);
    let audited = db
        .store
        .search_audit(
            &hearth_store::AuditFilter { action: Some("charging-policy-set".into()), ..Default::default() },
            1,
            10,
        )
        .await
        .unwrap();
    assert_eq!(audited.total, 1, "set once, audited");
    db.cleanup().await;
}
