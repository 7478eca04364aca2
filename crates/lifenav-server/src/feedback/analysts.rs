//! The analysts' routes: the CSV of every rating and the dashboard. An analyst is a staff
//! member with the `analyst` role, signed in as in the studio, or a script with the
//! analysts' token (`Authorization: Bearer …`; wrong tokens are counted per client and
//! slowed down like passwords).

use super::indicators::{self, Filter};
use super::{analysis, cases, dashboard, export, store, CATALOG_MAX_AGE};
use crate::catalog::current::CatalogInfo;
use crate::db::now;
use crate::http::auth::Staff;
use crate::http::client_address;
use crate::http::error::{AppError, AppResult};
use crate::staff::roles::Role;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use lifenav_core::Date;
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;

/// Under the staff's session layer and security headers.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/ratings.csv", get(get_csv))
        .route("/api/v1/indicators", get(get_indicators))
        .route("/dashboard", get(get_dashboard))
        .route("/dashboard/report", get(get_report))
        .route("/dashboard/posters", get(get_posters))
        .route("/dashboard/poster", get(get_poster))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who may read the figures: an analyst's account, or the token of scripts.
pub struct Analyst;

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

fn unauthorized() -> AppError {
    AppError::client(
        StatusCode::UNAUTHORIZED,
        "Authorization",
        "Показатели открыты только аналитикам: войдите в студию под учётной записью аналитика (программы передают Authorization: Bearer <токен>)",
    )
}

impl FromRequestParts<Arc<AppState>> for Analyst {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Analyst, AppError> {
        if let Some(given) = bearer(parts) {
            let peer = parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0)
                .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
            let client = client_address(&state.settings, peer, &parts.headers);
            let guesses = &state.feedback.token_guesses;
            let expected = state.settings.analyst_token.as_deref().filter(|t| !t.is_empty());
            if expected.is_some_and(|t| constant_time_eq(given.as_bytes(), t.as_bytes())) {
                return Ok(Analyst);
            }
            return Err(match guesses.check(client) {
                Ok(()) => unauthorized(),
                Err(retry_after) => AppError::TooMany { retry_after },
            });
        }
        match Staff::from_request_parts(parts, state).await {
            Ok(staff) if staff.roles.has(Role::Analyst) => Ok(Analyst),
            Ok(_) => Err(AppError::forbidden(Role::Analyst.needed())),
            Err(_) => Err(unauthorized()),
        }
    }
}

#[derive(Deserialize, Default)]
struct FilterQuery {
    period: Option<String>,
    from: Option<String>,
    to: Option<String>,
    department: Option<String>,
    sep: Option<String>,
}

fn today(state: &AppState) -> Date {
    Date::from_unix_seconds(now(), state.settings.utc_offset_hours)
}

/// The period and department asked for; by default this quarter, all departments.
fn filter_of(q: &FilterQuery, today: Date, info: &CatalogInfo) -> AppResult<(Filter, String)> {
    let date = |field: &str, raw: &Option<String>| -> AppResult<Option<Date>> {
        match raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => Date::parse(s)
                .map(Some)
                .map_err(|_| AppError::invalid(field, format!("Дата «{s}» не читается: укажите её как 2026-12-31"))),
        }
    };
    let (from, to) = (date("from", &q.from)?, date("to", &q.to)?);
    let kind = q.period.clone().unwrap_or_else(|| {
        if from.is_some() || to.is_some() {
            "custom".into()
        } else {
            "quarter".into()
        }
    });
    let (from, to) = match indicators::period(&kind, today) {
        Some(p) => p,
        None if kind == "custom" => (from.unwrap_or_else(|| today.add_days(-90)), to.unwrap_or(today)),
        None => {
            return Err(AppError::invalid(
                "period",
                "Период — month, quarter, year или custom (месяц, квартал, год или свои даты)",
            ))
        }
    };
    if from > to {
        return Err(AppError::invalid("from", "Начало периода позже его конца: поменяйте даты местами"));
    }
    let department = q.department.clone().filter(|d| !d.is_empty());
    if let Some(d) = &department {
        if !info.departments.iter().any(|(id, _)| id == d) {
            return Err(AppError::invalid("department", "Такого ведомства нет в справочнике: выберите его из списка"));
        }
    }
    Ok((Filter { from, to, department }, kind))
}

async fn indicators_of(
    state: &AppState,
    published: &crate::catalog::current::Published,
    filter: &Filter,
) -> AppResult<indicators::Indicators> {
    let cases = cases::in_period(&state.db, &filter.from.to_string(), &filter.to.to_string()).await?;
    Ok(indicators::compute(
        &cases,
        &published.info,
        filter,
        &state.settings.targets,
        today(state),
        state.settings.utc_offset_hours,
    ))
}

async fn get_csv(
    State(state): State<Arc<AppState>>,
    _analyst: Analyst,
    Query(q): Query<FilterQuery>,
) -> AppResult<Response> {
    let sep = match q.sep.as_deref() {
        None | Some("comma") | Some(",") => ',',
        Some("semicolon") | Some(";") => ';',
        Some(_) => {
            return Err(AppError::invalid("sep", "Разделитель — comma или semicolon (запятая или точка с запятой)"))
        }
    };
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let rows = if q.from.is_none() && q.to.is_none() && q.period.is_none() && q.department.is_none() {
        store::all(&state.db).await.map_err(AppError::Unavailable)?
    } else {
        let (filter, _) = filter_of(&q, today(&state), &published.info)?;
        cases::in_period(&state.db, &filter.from.to_string(), &filter.to.to_string())
            .await?
            .into_iter()
            .filter(|c| filter.department.as_ref().is_none_or(|d| indicators::department_of(c, &published.info) == *d))
            .map(|c| c.stored)
            .collect()
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"ratings.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        export::csv(&rows, sep, &|s| analysis::Names::department_of(&*published, s)),
    )
        .into_response())
}

/// The dashboard's figures as JSON, for scripts and the studio.
async fn get_indicators(
    State(state): State<Arc<AppState>>,
    _analyst: Analyst,
    Query(q): Query<FilterQuery>,
) -> AppResult<Response> {
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let (filter, period) = filter_of(&q, today(&state), &published.info)?;
    let ind = indicators_of(&state, &published, &filter).await?;
    let body = serde_json::json!({
        "period": period, "from": filter.from, "to": filter.to, "department": filter.department,
        "targets": state.settings.targets, "indicators": ind,
    });
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response())
}

fn signed_out(e: AppError) -> AppResult<Response> {
    // A person who is not signed in is sent to sign in, in the studio.
    match e {
        AppError::Client { status, .. } => {
            let mut r = (status, Html(dashboard::sign_in_page())).into_response();
            r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(r)
        }
        other => Err(other),
    }
}

async fn get_dashboard(
    State(state): State<Arc<AppState>>,
    analyst: Result<Analyst, AppError>,
    Query(q): Query<FilterQuery>,
) -> AppResult<Response> {
    if let Err(e) = analyst {
        return signed_out(e);
    }
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let (filter, period) = filter_of(&q, today(&state), &published.info)?;
    let ind = indicators_of(&state, &published, &filter).await?;
    let page = dashboard::page(
        &ind,
        &state.settings.targets,
        &filter,
        &period,
        &published.info.departments,
        &published.info.city,
    );
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response())
}

#[derive(Deserialize)]
struct ReportQuery {
    quarter: Option<String>,
    department: Option<String>,
}

/// The quarter's report for print: the whole city, then every department.
async fn get_report(
    State(state): State<Arc<AppState>>,
    analyst: Result<Analyst, AppError>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    if let Err(e) = analyst {
        return signed_out(e);
    }
    let today = today(&state);
    let spec = q.quarter.unwrap_or_else(|| format!("{}-Q{}", today.year, (today.month - 1) / 3 + 1));
    let (from, to) =
        indicators::quarter(&spec).ok_or_else(|| AppError::invalid("quarter", "Квартал указывается как 2026-Q4"))?;
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let cases = cases::in_period(&state.db, &from.to_string(), &to.to_string()).await?;
    let t = &state.settings.targets;
    let offset = state.settings.utc_offset_hours;
    let department = q.department.filter(|d| !d.is_empty());
    let all = indicators::compute(
        &cases,
        &published.info,
        &Filter { from, to, department: department.clone() },
        t,
        today,
        offset,
    );
    let by_department: Vec<(String, indicators::Indicators)> = published
        .info
        .departments
        .iter()
        .filter(|(id, _)| department.as_ref().is_none_or(|d| d == id))
        .map(|(id, name)| {
            (
                name.clone(),
                indicators::compute(
                    &cases,
                    &published.info,
                    &Filter { from, to, department: Some(id.clone()) },
                    t,
                    today,
                    offset,
                ),
            )
        })
        .collect();
    let page = dashboard::report(&spec, &published.info.city, &all, &by_department, t);
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response())
}

/// Posters are printed by analysts and by the departments' responders.
fn may_print(staff: &Staff) -> AppResult<()> {
    if [Role::Analyst, Role::Responder, Role::Admin].iter().any(|r| staff.roles.has(*r)) {
        Ok(())
    } else {
        Err(AppError::forbidden("Плакаты печатают аналитики, отвечающие на отзывы и администраторы"))
    }
}

/// The page the posters' QR codes open: configured, or this server's own demo page.
fn widget_page(state: &AppState, headers: &axum::http::HeaderMap) -> String {
    state.settings.widget_page.clone().unwrap_or_else(|| {
        let origin = state.settings.public_origin.clone().unwrap_or_else(|| {
            format!("http://{}", headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost"))
        });
        format!("{origin}/")
    })
}

fn poster_items(info: &CatalogInfo) -> Vec<dashboard::PosterItem> {
    info.services
        .iter()
        .flat_map(|s| {
            let offices = if s.offices.is_empty() { vec![s.department.clone()] } else { s.offices.clone() };
            offices.into_iter().map(move |o| dashboard::PosterItem {
                service: s.id.clone(),
                title: s.title.clone(),
                office_name: info.department_name(&o),
                office: o,
            })
        })
        .collect()
}

async fn get_posters(
    State(state): State<Arc<AppState>>,
    me: Result<Staff, AppError>,
    headers: axum::http::HeaderMap,
) -> AppResult<Response> {
    let me = match me {
        Ok(me) => me,
        Err(e) => return signed_out(e),
    };
    may_print(&me)?;
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let page = dashboard::posters_index(&poster_items(&published.info), &widget_page(&state, &headers));
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response())
}

#[derive(Deserialize)]
struct PosterQuery {
    service: String,
    office: Option<String>,
}

async fn get_poster(
    State(state): State<Arc<AppState>>,
    me: Result<Staff, AppError>,
    headers: axum::http::HeaderMap,
    Query(q): Query<PosterQuery>,
) -> AppResult<Response> {
    let me = match me {
        Ok(me) => me,
        Err(e) => return signed_out(e),
    };
    may_print(&me)?;
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let items = poster_items(&published.info);
    let item = items
        .into_iter()
        .find(|i| i.service == q.service && q.office.as_ref().is_none_or(|o| *o == i.office))
        .ok_or_else(|| {
        AppError::not_found("service", "Такой услуги (или офиса) нет в справочнике: выберите из списка плакатов")
    })?;
    let link = dashboard::rate_link(&widget_page(&state, &headers), &item.service);
    let page = dashboard::poster(&item, &link).map_err(|e| AppError::Unavailable(format!("QR code: {e}")))?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response())
}
