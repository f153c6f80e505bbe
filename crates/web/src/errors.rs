//! Every error a request can end in, mapped to a status code and a page in one place.
//!
//! Handlers return [`AppError`]; the error-page middleware turns it into a full page with the
//! request's operation id, and never shows internals.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hearth_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("page not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    /// A change to a record shared with someone whose record the viewer may not open.
    #[error("shared with a record the viewer may not open")]
    SharedRecord,
    /// A financial record of someone whose record is restricted.
    #[error("restricted record")]
    RestrictedRecord,
    #[error("the form came from another site or has expired")]
    CrossSite,
    #[error("too many requests")]
    TooManyRequests,
    #[error("the database is unavailable")]
    Unavailable,
    /// What was asked for breaks a rule: a handler that has no form to show the problems on
    /// still shows every one of them, never a 500.
    #[error("refused: {0}")]
    Refused(hearth_domain::Problems),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            e if e.is_unavailable() => AppError::Unavailable,
            e @ (StoreError::Refused(_) | StoreError::Stale | StoreError::AlreadyDecided) => {
                AppError::Refused(crate::forms::refusal(e).unwrap_or_default())
            }
            e => AppError::Internal(e.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(format!("template: {err}"))
    }
}

impl From<crate::pdf::PdfError> for AppError {
    fn from(err: crate::pdf::PdfError) -> Self {
        AppError::Internal(err.to_string())
    }
}

/// The kinds of error page, carried on a response for the error-page middleware to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorPage {
    NotFound,
    Forbidden,
    SharedRecord,
    RestrictedRecord,
    CrossSite,
    TooManyRequests,
    MethodNotAllowed,
    BadRequest,
    Unavailable,
    Refused,
    Internal,
}

impl ErrorPage {
    pub fn for_status(status: StatusCode) -> ErrorPage {
        match status {
            StatusCode::NOT_FOUND => ErrorPage::NotFound,
            StatusCode::FORBIDDEN => ErrorPage::Forbidden,
            StatusCode::TOO_MANY_REQUESTS => ErrorPage::TooManyRequests,
            StatusCode::METHOD_NOT_ALLOWED => ErrorPage::MethodNotAllowed,
            StatusCode::SERVICE_UNAVAILABLE => ErrorPage::Unavailable,
            s if s.is_client_error() => ErrorPage::BadRequest,
            _ => ErrorPage::Internal,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ErrorPage::NotFound => "Page not found",
            ErrorPage::Forbidden => "You do not have permission to see this page",
            ErrorPage::SharedRecord => "This is also part of someone else's record",
            ErrorPage::RestrictedRecord => "This person's record is restricted",
            ErrorPage::CrossSite => "Your form could not be sent",
            ErrorPage::TooManyRequests => "You have tried too many times",
            ErrorPage::MethodNotAllowed | ErrorPage::BadRequest => "Sorry, we could not do that",
            ErrorPage::Unavailable => "Sorry, the service is unavailable",
            ErrorPage::Refused => "That could not be done",
            ErrorPage::Internal => "Sorry, there is a problem with the service",
        }
    }

    /// Plain-English paragraphs for the page.
    pub fn advice(self) -> &'static [&'static str] {
        match self {
            ErrorPage::NotFound => &[
                "If you typed the web address, check it is correct.",
                "If you pasted the web address, check you copied the entire address.",
            ],
            ErrorPage::Forbidden => &[
                "Your account does not allow you to see this page.",
                "If you think you need it for your work, ask your manager or your system administrator.",
            ],
            ErrorPage::SharedRecord => &[
                "It is also about someone whose record you do not work with, so you cannot change it. Nothing has been changed.",
                "Ask the worker for the other person, or your manager.",
            ],
            ErrorPage::RestrictedRecord => &[
                "Only people given access can see it.",
                "If you need it for your work, ask the information governance lead to give you access.",
            ],
            ErrorPage::CrossSite => &[
                "This can happen if the page was open for a long time, or if the form was sent from another website.",
                "Go back, reload the page and try again. Nothing you typed has been saved yet.",
            ],
            ErrorPage::TooManyRequests => &["Wait 5 minutes, then try again."],
            ErrorPage::MethodNotAllowed | ErrorPage::BadRequest => {
                &["Go back and try again. If it keeps happening, contact your system administrator."]
            }
            ErrorPage::Unavailable => &[
                "You will be able to use the service again soon. Nothing you had already saved has been lost.",
                "Try again in a few minutes.",
            ],
            ErrorPage::Refused => &["Nothing has been changed. Go back, put right what is listed here, and try again."],
            ErrorPage::Internal => &[
                "Try again later. If it keeps happening, contact your system administrator and give them the operation number below.",
            ],
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, page) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorPage::NotFound),
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorPage::Forbidden),
            AppError::SharedRecord => (StatusCode::FORBIDDEN, ErrorPage::SharedRecord),
            AppError::RestrictedRecord => (StatusCode::FORBIDDEN, ErrorPage::RestrictedRecord),
            AppError::CrossSite => (StatusCode::FORBIDDEN, ErrorPage::CrossSite),
            AppError::TooManyRequests => (StatusCode::TOO_MANY_REQUESTS, ErrorPage::TooManyRequests),
            AppError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, ErrorPage::Unavailable),
            AppError::Refused(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorPage::Refused),
            AppError::Internal(detail) => {
                // The detail goes to the log (with the request id from the span), never to the page.
                tracing::error!(error = %detail, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorPage::Internal)
            }
        };
        let mut response = (status, self.to_string()).into_response();
        response.extensions_mut().insert(page);
        if let AppError::Refused(problems) = self {
            response.extensions_mut().insert(problems);
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
