//! `POST /api/v1/charging/calculate`: the charging engine for other systems. JSON in (the same
//! shape as the officers' assessment), the result with every line and its rule out, worked out
//! with the council's figures and policy for the input's date: the same answer as the pages.
//! Rate limited per client address. `GET /api/v1/openapi.json` documents it, with the schemas
//! generated from the very types the engine reads and writes.

use crate::AppState;
use crate::session::Viewer;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use hearth_domain::charging::input::AssessmentInput;
use hearth_domain::charging::{AssessError, Assessment, assess};
use serde::Serialize;

/// The largest request body read.
const MAX_BODY: usize = 256 * 1024;

/// An error, always JSON: what is wrong and, where it is one field, which.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ApiProblem {
    pub status: u16,
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A failed call: the status and what to say.
#[derive(Debug)]
pub struct Failure(StatusCode, Box<ApiProblem>);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.0, Json(*self.1)).into_response()
    }
}

fn problem(status: StatusCode, error: impl Into<String>, field: Option<String>) -> Failure {
    Failure(status, Box::new(ApiProblem { status: status.as_u16(), error: error.into(), field }))
}

/// Reads the input, naming the field when it is wrong.
fn read(body: &[u8]) -> Result<AssessmentInput, Failure> {
    if body.len() > MAX_BODY {
        return Err(problem(StatusCode::PAYLOAD_TOO_LARGE, "The request is too large", None));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = Some(path).filter(|p| p != ".");
        // serde adds "at line 1 column 136"; the field name says where more plainly.
        let message = e.inner().to_string();
        let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m).to_owned();
        problem(StatusCode::BAD_REQUEST, message, field)
    })
}

/// Works the input out with the council's figures and policy for its date.
pub async fn calculate_input(state: &AppState, input: &AssessmentInput) -> Result<Assessment, Failure> {
    let book = state.store.charging().charging_figures().await.map_err(|e| {
        tracing::error!(error = %e, "charging figures could not be read");
        problem(StatusCode::SERVICE_UNAVAILABLE, "The charging figures could not be read. Try again later.", None)
    })?;
    let policies = state.store.charging().charging_policies().await.map_err(|e| {
        tracing::error!(error = %e, "charging policy could not be read");
        problem(StatusCode::SERVICE_UNAVAILABLE, "The charging policy could not be read. Try again later.", None)
    })?;
    let figures = book.on(input.date).ok_or_else(|| {
        problem(StatusCode::UNPROCESSABLE_ENTITY, AssessError::NoFigures(input.date).to_string(), Some("date".into()))
    })?;
    assess(input, figures, &policies.on(input.date)).map_err(|e| match e {
        AssessError::Invalid { field, problem: p } => problem(StatusCode::BAD_REQUEST, p, Some(field)),
        other => problem(StatusCode::UNPROCESSABLE_ENTITY, other.to_string(), None),
    })
}

pub async fn calculate(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    body: axum::body::Body,
) -> Response {
    if let Err(wait) = state.api_limits.check(&viewer.client_addr) {
        let mut response = problem(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many calculations from this address. Wait a minute, then try again.",
            None,
        )
        .into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_str(&wait.to_string()).expect("digits"));
        return response;
    }
    // Read here, with this interface's own limit, so that a body of any size gets the JSON
    // answer the interface documents rather than the web pages' error page.
    let body: Bytes = match axum::body::to_bytes(body, MAX_BODY + 1).await {
        Ok(b) => b,
        Err(_) => return problem(StatusCode::PAYLOAD_TOO_LARGE, "The request is too large", None).into_response(),
    };
    let input = match read(&body) {
        Ok(i) => i,
        Err(r) => return r.into_response(),
    };
    match calculate_input(&state, &input).await {
        Ok(a) => Json(a).into_response(),
        Err(r) => r.into_response(),
    }
}

/// The example request the document shows.
pub fn example_request() -> serde_json::Value {
    serde_json::json!({
        "date": "2026-06-01",
        "person": {"date_of_birth": "1950-02-01"},
        "care": {"setting": "at-home", "weekly_cost": "180.00", "night_care": false},
        "capital": [{"kind": "savings", "value": "18000.00", "evidence": "Statement dated 1 May 2026"}],
        "income": [
            {"kind": "state-pension", "amount": "241.30", "period": "weekly"},
            {"kind": "occupational-pension", "amount": "400.00", "period": "monthly"},
            {"kind": "attendance-allowance", "amount": "76.70", "period": "weekly", "rate": "lower"}
        ],
        "housing": [{"kind": "council-tax", "amount": "1800.00", "period": "yearly"}],
        "disability_related_expenditure": [{"description": "Extra laundry", "amount": "5.00", "period": "weekly"}]
    })
}

/// The OpenAPI document, with the example's answer worked out with this council's figures.
pub async fn openapi(State(state): State<AppState>) -> Response {
    let example: AssessmentInput = serde_json::from_value(example_request()).expect("the example reads");
    let example_response =
        calculate_input(&state, &example).await.ok().map(|a| serde_json::to_value(a).expect("results serialise"));
    Json(document(example_response)).into_response()
}

pub fn document(example_response: Option<serde_json::Value>) -> serde_json::Value {
    let mut generator = schemars::generate::SchemaSettings::openapi3().into_generator();
    let input = generator.subschema_for::<AssessmentInput>();
    let output = generator.subschema_for::<Assessment>();
    let problem = generator.subschema_for::<ApiProblem>();
    let schemas = generator.take_definitions(true);
    let error = |description: &str| serde_json::json!({"description": description, "content": {"application/json": {"schema": problem}}});
    let mut ok = serde_json::json!({"description": "The assessment, with every line and the rule behind it", "content": {"application/json": {"schema": output}}});
    if let Some(example) = example_response {
        ok["content"]["application/json"]["example"] = example;
    }
    serde_json::json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Hearth: paying for care",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The charging rules of the Care Act 2014 and the Care and Support (Charging and Assessment of Resources) Regulations 2014, worked out with the council's national figures and charging policy for the date given. Money is written as strings of pounds and pence (\"12.50\") so nothing is rounded; whole numbers are read as whole pounds. Unknown fields are refused."
        },
        "paths": {
            "/api/v1/charging/calculate": {
                "post": {
                    "operationId": "calculateCharge",
                    "summary": "Work out what a person pays towards their care",
                    "requestBody": {
                        "required": true,
                        "content": {"application/json": {"schema": input, "example": example_request()}}
                    },
                    "responses": {
                        "200": ok,
                        "400": error("The input is not right: `field` names the field"),
                        "413": error("The request is too large"),
                        "422": error("The input is sound but cannot be worked out: no figures for its date, or a figure it needs is not yet in that year's figures"),
                        "429": error("Too many calculations from this address; wait and try again"),
                        "503": error("The figures or policy could not be read")
                    }
                }
            }
        },
        "components": {"schemas": schemas}
    })
}
