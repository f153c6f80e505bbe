//! Settings for the web front, read by the `hearth` binary from its flags and environment.

use hearth_domain::sign_in::{LockoutPolicy, SessionPolicy};

/// The development secret. Production mode refuses to start with it.
pub const DEVELOPMENT_SECRET: &str = "development-only-secret-do-not-use-in-production";

#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Production: `__Host-` cookies with `Secure`, HSTS, and no default secrets.
    pub production: bool,
    /// The address people use to reach Hearth, such as `https://care.example.gov.uk`. Used for
    /// the cross-site check and single sign-on. When unset, the request's own Host is trusted
    /// (fine on a developer's machine, not behind an untrusted proxy).
    pub public_url: Option<url::Url>,
    /// Overrides the council name kept in the database (for the header and page titles).
    pub council_name: Option<String>,
    pub session: SessionPolicy,
    pub lockout: LockoutPolicy,
    /// Take the client address from `X-Forwarded-For` (set only behind a proxy you run).
    pub trust_forwarded_for: bool,
    /// Keys server-side secrets; must be long and random in production.
    pub secret_key: String,
    pub oidc: Option<OidcConfig>,
    /// Where email goes out: `smtps://host:465` (TLS), `smtp://host:587?tls=required` (STARTTLS),
    /// or `smtp://host:25` (plain, for a relay on the council's own network), with
    /// `user:password@` before the host when the server needs it. Without it Hearth sends no
    /// email and says so where it matters.
    pub smtp_url: Option<String>,
    /// The sender of Hearth's emails, such as `Wrenfield Council <directory@wrenfield.gov.uk>`.
    pub mail_from: String,
    /// Calls a minute each client address may make to `POST /api/v1/charging/calculate`.
    pub api_rate_limit: u32,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            production: false,
            public_url: None,
            council_name: None,
            session: SessionPolicy::default(),
            lockout: LockoutPolicy::default(),
            trust_forwarded_for: false,
            secret_key: DEVELOPMENT_SECRET.to_owned(),
            oidc: None,
            smtp_url: None,
            mail_from: "Hearth <hearth@localhost>".to_owned(),
            api_rate_limit: 120,
        }
    }
}

/// The council's identity provider, for single sign-on.
#[derive(Clone)]
pub struct OidcConfig {
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// Shown on the sign-in button: "Sign in with {label}".
    pub label: String,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer_url", &self.issuer_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("label", &self.label)
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error(
        "HEARTH_SECRET_KEY is missing, the development default, or too easy to guess (too short, or the same few characters over and over). In production set it to a random value of at least 32 characters, for example the output of: openssl rand -hex 32"
    )]
    WeakSecret,
    #[error("HEARTH_PUBLIC_URL must be set in production, to the https:// address people use to reach Hearth")]
    NoPublicUrl,
    #[error("HEARTH_PUBLIC_URL must start with https:// in production")]
    InsecurePublicUrl,
    #[error("HEARTH_OIDC_CLIENT_SECRET is missing or too short for single sign-on in production")]
    WeakOidcSecret,
    #[error("{0}")]
    Mail(String),
    #[error("this database holds the demo council; production mode will not serve demo accounts. Use a new database")]
    DemoDataInProduction,
}

/// Roughly how many bits a guesser needs for a secret: its length times the Shannon entropy of
/// its characters. `openssl rand -hex 32` gives about 250; 36 times "a" gives none; a phrase of
/// ordinary words about 4 bits a character.
pub fn guessing_bits(secret: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for c in secret.chars() {
        *counts.entry(c).or_insert(0u32) += 1;
    }
    let n = secret.chars().count() as f64;
    let per_char: f64 = counts.values().map(|&k| f64::from(k) / n).map(|p| -p * p.log2()).sum();
    per_char * n
}

impl WebConfig {
    /// Checks production settings. Development accepts anything.
    pub fn check(&self) -> Result<(), ConfigError> {
        // A mail setting that cannot work is refused in every mode, rather than found out later.
        crate::mail::Mailer::new(self.smtp_url.as_deref(), &self.mail_from).map_err(ConfigError::Mail)?;
        if !self.production {
            return Ok(());
        }
        if self.secret_key == DEVELOPMENT_SECRET
            || self.secret_key.len() < 32
            || guessing_bits(&self.secret_key) < 128.0
        {
            return Err(ConfigError::WeakSecret);
        }
        match &self.public_url {
            None => return Err(ConfigError::NoPublicUrl),
            Some(url) if url.scheme() != "https" => return Err(ConfigError::InsecurePublicUrl),
            Some(_) => {}
        }
        if let Some(oidc) = &self.oidc
            && oidc.client_secret.len() < 16
        {
            return Err(ConfigError::WeakOidcSecret);
        }
        Ok(())
    }

    pub fn session_cookie(&self) -> &'static str {
        if self.production { "__Host-hearth_session" } else { "hearth_session" }
    }

    pub fn shortlist_cookie(&self) -> &'static str {
        if self.production { "__Host-hearth_shortlist" } else { "hearth_shortlist" }
    }

    /// The public calculator's answers, kept on the resident's device for the session only.
    pub fn estimate_cookie(&self) -> &'static str {
        if self.production { "__Host-hearth_estimate" } else { "hearth_estimate" }
    }

    /// Names a form kept after its session timed out (see `pages::drafts`).
    pub fn held_cookie(&self) -> &'static str {
        if self.production { "__Host-hearth_held" } else { "hearth_held" }
    }

    pub fn form_cookie(&self) -> &'static str {
        if self.production { "__Host-hearth_form" } else { "hearth_form" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_refuses_default_or_missing_secrets() {
        let mut config = WebConfig { production: true, ..Default::default() };
        assert_eq!(config.check(), Err(ConfigError::WeakSecret));
        config.secret_key = "short".into();
        assert_eq!(config.check(), Err(ConfigError::WeakSecret));
        // Long enough, but trivially guessed.
        for weak in ["a".repeat(36), "ab".repeat(32), "abc".repeat(12)] {
            config.secret_key = weak.clone();
            assert_eq!(config.check(), Err(ConfigError::WeakSecret), "{weak}");
        }
        config.secret_key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into();
        assert!(guessing_bits(&config.secret_key) > 200.0);
        assert_eq!(config.check(), Err(ConfigError::NoPublicUrl));
        config.public_url = Some("http://care.example".parse().unwrap());
        assert_eq!(config.check(), Err(ConfigError::InsecurePublicUrl));
        config.public_url = Some("https://care.example".parse().unwrap());
        assert_eq!(config.check(), Ok(()));
        config.oidc = Some(OidcConfig {
            issuer_url: "https://idp.example".into(),
            client_id: "hearth".into(),
            client_secret: String::new(),
            label: "council account".into(),
        });
        assert_eq!(config.check(), Err(ConfigError::WeakOidcSecret));
    }

    #[test]
    fn development_accepts_defaults_and_plain_cookie_names() {
        let config = WebConfig::default();
        assert_eq!(config.check(), Ok(()));
        assert_eq!(config.session_cookie(), "hearth_session");
        let production = WebConfig { production: true, ..Default::default() };
        assert_eq!(production.session_cookie(), "__Host-hearth_session");
    }
}
