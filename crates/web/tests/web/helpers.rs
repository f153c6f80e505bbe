//! The test application: the real router on a fresh database (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set), called in-process, with a small browser that keeps cookies.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hearth_domain::access::Role;
use hearth_domain::demo::{DEFAULT_SEED, DemoStaff};
use hearth_store::testing::TestDatabase;
use hearth_store::{AuditContext, AuditFilter};
use hearth_web::{AppState, WebConfig};
use std::collections::HashMap;
use tower::ServiceExt;

pub const HOST: &str = "hearth.test";
pub const ORIGIN: &str = "http://hearth.test";

pub struct TestApp {
    pub db: TestDatabase,
    pub state: AppState,
    pub router: Router,
    pub staff: Vec<DemoStaff>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::with_config(WebConfig::default()).await
    }

    pub async fn with_config(config: WebConfig) -> TestApp {
        let db = TestDatabase::new().await;
        let summary =
            db.store.load_demo(&AuditContext::system(chrono::Utc::now()), DEFAULT_SEED, 0, &[]).await.unwrap();
        let state = AppState::new(db.store.clone(), config);
        let router = hearth_web::app(state.clone());
        TestApp { db, state, router, staff: summary.staff }
    }

    /// A second web node on the same database, as a load balancer would see it.
    pub fn second_node(&self, config: WebConfig) -> Router {
        let mut state = AppState::new(self.db.store.clone(), config);
        state.clock = self.state.clock.clone();
        hearth_web::app(state)
    }

    /// A browser signed in as `role` on a node whose store counts the statements it sends.
    pub async fn counting_browser(&self, role: Role) -> (Browser, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        let (store, count) = self.db.store.clone().counting_queries();
        let mut state = AppState::new(store, (*self.state.config).clone());
        state.clock = self.state.clock.clone();
        let mut browser = self.browser_as(role).await;
        browser.router = hearth_web::app(state);
        (browser, count)
    }

    pub fn demo(&self, role: Role) -> &DemoStaff {
        self.staff.iter().find(|s| s.roles == vec![role]).expect("a demo account per role")
    }

    pub async fn user_id(&self, role: Role) -> hearth_store::UserId {
        let email = hearth_domain::email::EmailAddress::parse(&self.demo(role).email).unwrap();
        self.db.store.accounts().user_for_sign_in(&email).await.unwrap().unwrap().user.id
    }

    /// A browser already signed in as `role`, with its session made directly in the store (no
    /// password hashing), for tests about what a role may do.
    pub async fn browser_as(&self, role: Role) -> Browser {
        let id = self.user_id(role).await;
        let ctx = AuditContext {
            actor: hearth_store::Actor::User(id.clone()),
            client_addr: None,
            now: self.state.clock.now(),
        };
        let session =
            self.db.store.accounts().start_session(&ctx, &id, "password", &self.state.config.session).await.unwrap();
        let mut browser = Browser::new(self.router.clone());
        browser.cookies.insert(self.state.config.session_cookie().to_owned(), session.token);
        browser.form_token = Some(session.form_token);
        browser
    }

    /// A browser signed in as a given member of staff.
    pub async fn browser_for(&self, user_id: &hearth_store::UserId) -> Browser {
        let ctx = AuditContext {
            actor: hearth_store::Actor::User(user_id.clone()),
            client_addr: None,
            now: self.state.clock.now(),
        };
        let session = self
            .db
            .store
            .accounts()
            .start_session(&ctx, user_id, "password", &self.state.config.session)
            .await
            .unwrap();
        let mut browser = Browser::new(self.router.clone());
        browser.cookies.insert(self.state.config.session_cookie().to_owned(), session.token);
        browser.form_token = Some(session.form_token);
        browser
    }

    /// A second member of staff with this role (and the first's teams), for two people at once.
    pub async fn colleague(&self, role: Role, name: &str) -> hearth_store::UserId {
        let email = hearth_domain::email::EmailAddress::parse(&format!(
            "{}@colleague.example",
            name.to_lowercase().replace(' ', ".")
        ))
        .unwrap();
        let new = hearth_store::NewUser {
            email,
            name: name.to_owned(),
            roles: vec![role],
            password_hash: None,
            oidc_subject: None,
            demo: false,
        };
        let system = AuditContext::system(chrono::Utc::now());
        let id = self.db.store.accounts().create_user(&system, new).await.unwrap().id;
        let first = self.user_id(role).await;
        for team in self.db.store.people().teams_of(&first).await.unwrap() {
            self.db.store.people().add_team_member(&system, &team.id, &id).await.unwrap();
        }
        id
    }

    pub fn browser(&self) -> Browser {
        Browser::new(self.router.clone())
    }

    pub async fn audit_count(&self, action: &str) -> u64 {
        let filter = AuditFilter { action: Some(action.into()), ..Default::default() };
        self.db.store.search_audit(&filter, 1, 1).await.unwrap().total
    }

    pub async fn cleanup(self) {
        self.db.cleanup().await;
    }
}

/// Just enough of a browser: keeps cookies, sends our Origin on forms, and remembers the form
/// token from the last page it read.
pub struct Browser {
    pub router: Router,
    pub cookies: HashMap<String, String>,
    pub form_token: Option<String>,
    /// What the last page's form carried to say what it started from (hidden fields a real
    /// browser sends back): its edit token and version.
    pub edit_token: Option<String>,
    pub version: Option<String>,
    pub origin: Option<String>,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent, for what is not text (a PDF).
    pub bytes: Vec<u8>,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    #[track_caller]
    pub fn assert_contains(&self, text: &str) {
        assert!(self.body.contains(text), "expected {text:?} in page ({}):\n{}", self.status, self.body);
    }
}

/// The targets of the error summary's links (`href="#id"`) with no element of that id on the page.
pub fn summary_links_missing(html: &str) -> Vec<String> {
    let Some(start) = html.find("govuk-error-summary__list") else { return Vec::new() };
    let end = html[start..].find("</ul>").map_or(html.len(), |e| start + e);
    let mut missing = Vec::new();
    let mut rest = &html[start..end];
    while let Some(at) = rest.find("href=\"#") {
        rest = &rest[at + 7..];
        let id = &rest[..rest.find('"').unwrap_or(0)];
        if !html.contains(&format!("id=\"{id}\"")) {
            missing.push(id.to_owned());
        }
    }
    missing
}

/// The value of the first hidden field with this name on a page.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

pub fn form_token_in(html: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

impl Browser {
    pub fn new(router: Router) -> Browser {
        Browser {
            router,
            cookies: HashMap::new(),
            form_token: None,
            edit_token: None,
            version: None,
            origin: Some(ORIGIN.to_owned()),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    pub async fn send(&mut self, request: Request<Body>) -> Page {
        let asked = format!("{} {}", request.method(), request.uri());
        let response = self.router.clone().oneshot(request).await.unwrap();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.unwrap();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = form_token_in(&body) {
            self.form_token = Some(token);
        }
        // Every page any test sees: each message in an error summary leads to its answer.
        let unlinked = summary_links_missing(&body);
        assert!(unlinked.is_empty(), "{asked} ({status}): error summary links to {unlinked:?}, not on the page");
        if status == StatusCode::OK || status.is_client_error() {
            self.edit_token = hidden_value(&body, "edit_token");
            self.version = hidden_value(&body, "version");
        }
        Page { status, headers, body, bytes: bytes.to_vec() }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let request = Request::get(path).header(header::HOST, HOST).header(header::COOKIE, self.cookie_header());
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Posts a form, adding the form token the last page carried, and its edit token when the
    /// fields do not give one (as a browser sends a form's hidden fields).
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        if let Some(token) = &self.form_token {
            form.append_pair("_csrf", token);
        }
        for (name, value) in [("edit_token", &self.edit_token), ("version", &self.version)] {
            if let Some(value) = value
                && !fields.iter().any(|(k, _)| *k == name)
            {
                form.append_pair(name, value);
            }
        }
        for (k, v) in fields {
            form.append_pair(k, v);
        }
        self.post_raw(path, form.finish()).await
    }

    pub async fn post_raw(&mut self, path: &str, body: String) -> Page {
        let mut request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(origin) = &self.origin {
            request = request.header(header::ORIGIN, origin);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// Signs in through the real form.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        self.get("/sign-in").await;
        self.post("/sign-in", &[("email", email), ("password", password)]).await
    }
}

/// The questions a form asks (inputs a person fills in, not hidden ones or buttons), counted by
/// name so a group of radios or checkboxes is one question; and how many of them Hearth has
/// filled in already (a value in the box, or text in a text area).
pub fn form_questions(page: &Page, action: &str) -> (usize, usize) {
    let start = page.body.find(&format!("action=\"{action}\"")).expect("the form");
    let end = page.body[start..].find("</form>").map_or(page.body.len(), |e| start + e);
    let form = &page.body[start..end];
    let mut names: Vec<&str> = Vec::new();
    let mut filled = 0;
    for tag in form.split('<') {
        let is_field = tag.starts_with("input") || tag.starts_with("textarea") || tag.starts_with("select");
        if !is_field || tag.contains("type=\"hidden\"") || tag.contains("type=\"submit\"") {
            continue;
        }
        let Some(at) = tag.find("name=\"") else { continue };
        let name = &tag[at + 6..];
        let name = &name[..name.find('"').unwrap()];
        if !names.contains(&name) {
            names.push(name);
            // Filled in already: a value typed in, or text in a box.
            let has_value = tag.contains("value=\"")
                && !tag.contains("value=\"\"")
                && !tag.contains("type=\"checkbox\"")
                && !tag.contains("type=\"radio\"");
            let has_text = tag.starts_with("textarea") && !tag.ends_with('>');
            if has_value || has_text {
                filled += 1;
            }
        }
    }
    (names.len(), filled)
}

/// One form on a page, as a browser would send it untouched.
#[derive(Clone, Debug)]
pub struct FormOnPage {
    pub action: String,
    /// What is sent: hidden fields, text as it stands, ticked boxes, chosen options.
    pub fields: Vec<(String, String)>,
    /// Every field a person can fill in, and whether it is a text area.
    pub inputs: Vec<(String, bool)>,
}

impl FormOnPage {
    /// Sets a field (every one of that name) to a value, adding it if absent.
    pub fn set(&mut self, name: &str, value: &str) -> &mut Self {
        let mut found = false;
        for (k, v) in self.fields.iter_mut().filter(|(k, _)| k == name) {
            *v = value.to_owned();
            found = true;
            let _ = k;
        }
        if !found {
            self.fields.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.fields.iter().filter(|(k, _)| k != "_csrf").map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// Undoes the escapes askama writes in attributes and text.
pub fn unescape(text: &str) -> String {
    text.replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&#38;", "&")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every form on a page, with what a browser would send for it untouched.
pub fn forms_on(page: &Page) -> Vec<FormOnPage> {
    let mut out = Vec::new();
    let body = &page.body;
    let mut rest = body.as_str();
    while let Some(start) = rest.find("<form") {
        let after = &rest[start..];
        let end = after.find("</form>").unwrap_or(after.len());
        let html = &after[..end];
        let open = &html[..html.find('>').unwrap_or(html.len())];
        let mut form = FormOnPage {
            action: attribute(open, "action").map(unescape).unwrap_or_default(),
            fields: Vec::new(),
            inputs: Vec::new(),
        };
        let mut select: Option<String> = None;
        for piece in html.split('<').skip(1) {
            let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
            let text = piece.get(tag.len() + 1..).unwrap_or("");
            if tag.starts_with("input") {
                let Some(name) = attribute(tag, "name") else { continue };
                let kind = attribute(tag, "type").unwrap_or("text");
                let value = unescape(attribute(tag, "value").unwrap_or(""));
                match kind {
                    "submit" | "button" => {}
                    "checkbox" | "radio" => {
                        form.inputs.push((name.to_owned(), false));
                        if tag.contains(" checked") {
                            form.fields.push((name.to_owned(), value));
                        }
                    }
                    "hidden" => form.fields.push((name.to_owned(), value)),
                    _ => {
                        form.inputs.push((name.to_owned(), false));
                        form.fields.push((name.to_owned(), value));
                    }
                }
            } else if tag.starts_with("textarea") {
                let Some(name) = attribute(tag, "name") else { continue };
                form.inputs.push((name.to_owned(), true));
                form.fields.push((name.to_owned(), unescape(text)));
            } else if tag.starts_with("select") {
                select = attribute(tag, "name").map(str::to_owned);
                if let Some(name) = &select {
                    form.inputs.push((name.clone(), false));
                }
            } else if tag.starts_with("option") {
                if let Some(name) = &select
                    && tag.contains(" selected")
                {
                    form.fields.push((name.clone(), unescape(attribute(tag, "value").unwrap_or(""))));
                }
            } else if tag.starts_with("/select") {
                select = None;
            }
        }
        // Buttons that choose an action send it: the form's first named submit button.
        if let Some(button) = html.split('<').find(|t| t.starts_with("button") && t.contains(" name=\"")) {
            let tag = &button[..button.find('>').unwrap_or(button.len())];
            if let (Some(n), Some(v)) = (attribute(tag, "name"), attribute(tag, "value")) {
                form.fields.push((n.to_owned(), v.to_owned()));
            }
        }
        out.push(form);
        rest = &after[end.min(after.len())..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
    out
}

/// The form on a page that posts to `action`.
pub fn form_to(page: &Page, action: &str) -> FormOnPage {
    forms_on(page)
        .into_iter()
        .find(|f| f.action == action)
        .unwrap_or_else(|| panic!("no form to {action} on the page:\n{}", page.body))
}

/// The words a reader sees between two markers of a page (tags out, each block its own
/// paragraph), for measuring reading age.
pub fn words_between(body: &str, from: &str, to: &str) -> String {
    let start = body.find(from).unwrap_or_else(|| panic!("{from} on the page"));
    let end = body[start..].find(to).map_or(body.len(), |n| start + n);
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in body[start..end].chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                let name = tag.trim_start_matches('/').split([' ', '>']).next().unwrap_or("");
                if [
                    "p", "li", "h1", "h2", "h3", "td", "th", "dt", "dd", "caption", "summary", "div", "br", "label",
                    "legend", "option", "button", "a",
                ]
                .contains(&name)
                {
                    out.push_str("\n\n");
                }
            }
            _ if in_tag => tag.push(c),
            _ => out.push(c),
        }
    }
    let text = unescape(&out);
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What poppler reads out of a PDF: its structure tree (`pdfinfo -struct-text`), its fonts
/// (`pdffonts`) and its text (`pdftotext`). None where poppler is not installed (CI installs it).
pub struct PdfReading {
    pub structure: String,
    pub fonts: String,
    pub text: String,
}

pub fn read_pdf(bytes: &[u8]) -> Option<PdfReading> {
    use std::process::Command;
    if Command::new("pdfinfo").arg("-v").output().is_err() {
        assert!(std::env::var_os("HEARTH_REQUIRE_PDF_TOOLS").is_none(), "CI needs poppler-utils installed");
        eprintln!("poppler's pdfinfo is not installed: the PDF's structure is not read");
        return None;
    }
    let dir = std::env::temp_dir().join(format!("hearth-pdf-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("letter.pdf");
    std::fs::write(&file, bytes).unwrap();
    let run = |program: &str, args: &[&str]| {
        let out = Command::new(program)
            .args(args)
            .arg(&file)
            .args(if program == "pdftotext" { &["-"][..] } else { &[][..] })
            .output()
            .unwrap();
        assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let reading = PdfReading {
        structure: run("pdfinfo", &["-struct-text"]),
        fonts: run("pdffonts", &[]),
        text: run("pdftotext", &["-layout"]),
    };
    std::fs::remove_dir_all(&dir).ok();
    Some(reading)
}

/// A letter's PDF as a screen reader meets it: tagged, in an embedded font, with a level 1
/// heading, paragraphs, and each of `parts` in its text.
pub fn assert_accessible_pdf(page: &Page, parts: &[&str]) {
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "application/pdf");
    assert!(page.bytes.starts_with(b"%PDF-1.7"), "a PDF/UA-1 file is PDF 1.7");
    let Some(pdf) = read_pdf(&page.bytes) else { return };
    for tag in ["H1", "P", "L", "LI", "LBody"] {
        assert!(pdf.structure.lines().any(|l| l.trim_start().starts_with(tag)), "no {tag} in\n{}", pdf.structure);
    }
    // Every font embedded (the "emb" column says yes), Liberation Sans among them.
    assert!(pdf.fonts.contains("LiberationSans"), "{}", pdf.fonts);
    for font in pdf.fonts.lines().skip(2) {
        let columns: Vec<&str> = font.split_whitespace().collect();
        assert!(columns.iter().rev().nth(4) == Some(&"yes"), "not embedded: {font}");
    }
    let text = pdf.text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in parts {
        assert!(text.contains(part), "{part} not in the PDF's text:\n{text}");
    }
}
