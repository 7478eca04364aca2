//! The published version in force, as every instance serves it. The database says which
//! version is current; this process keeps the compiled bundle of that version only, and
//! checks the number again on every bundle request (a single indexed query), so no copy
//! in memory outlives a publish made through another instance. Ratings are checked
//! against a copy at most a couple of seconds old.

use super::store;
use crate::db::{now, Db};
use crate::http::error::{AppError, AppResult};
use lifenav_core::search::SituationIndex;
use lifenav_core::source::SourceFile;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A service as the feedback routes name it.
#[derive(Debug, Clone, Default)]
pub struct ServiceInfo {
    pub id: String,
    pub title: String,
    /// The providing department's id and short name.
    pub department: String,
    pub department_name: String,
    /// Where citizens apply in person (department or office ids), for the offices' posters.
    pub offices: Vec<String>,
}

/// What the feedback routes need of the catalog: which ids exist and what they are called.
#[derive(Debug, Clone, Default)]
pub struct CatalogInfo {
    pub city: String,
    /// In catalog order.
    pub services: Vec<ServiceInfo>,
    pub situations: HashSet<String>,
    pub index: HashMap<String, usize>,
    /// Department id → its short name, in catalog order.
    pub departments: Vec<(String, String)>,
}

impl CatalogInfo {
    pub fn from_engine(engine: &lifenav_core::Engine) -> CatalogInfo {
        let c = &engine.catalog;
        let short = |id: &str| {
            engine
                .department(id)
                .map(|d| d.short.as_ref().unwrap_or(&d.name).ru.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let services: Vec<ServiceInfo> = c
            .services
            .iter()
            .map(|s| {
                let bodies = std::iter::once(&s.common).chain(s.variants.iter().map(|v| &v.body));
                let mut offices: Vec<String> = bodies
                    .flat_map(|b| b.channels.iter().flatten())
                    .filter(|ch| ch.kind.is_visit())
                    .filter_map(|ch| ch.office.clone())
                    .collect();
                offices.sort();
                offices.dedup();
                ServiceInfo {
                    id: s.id.clone(),
                    title: s.title.ru.clone(),
                    department: s.provider.clone(),
                    department_name: short(&s.provider),
                    offices,
                }
            })
            .collect();
        let index = services.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        CatalogInfo {
            city: c.meta.city.ru.clone(),
            services,
            situations: c.situations.iter().map(|s| s.id.clone()).collect(),
            index,
            departments: c.departments.iter().map(|d| (d.id.clone(), short(&d.id))).collect(),
        }
    }

    pub fn service(&self, id: &str) -> Option<&ServiceInfo> {
        self.index.get(id).map(|&i| &self.services[i])
    }

    pub fn department_name(&self, id: &str) -> String {
        self.departments.iter().find(|(d, _)| d == id).map(|(_, n)| n.clone()).unwrap_or_else(|| id.to_string())
    }
}

/// A published version, compiled.
#[derive(Debug)]
pub struct Published {
    pub number: i64,
    /// The bundle the widget loads (`docs/bundle.schema.json`).
    pub bundle: axum::body::Bytes,
    /// Strong: it changes exactly when the bundle's bytes do.
    pub etag: String,
    /// The first screen's situation index (`SituationIndex::to_text`).
    pub index: String,
    pub info: CatalogInfo,
}

impl Published {
    /// Compiles a version's files. A published version passed the check, so an error
    /// here means the server's own code changed under it: reported, never served half.
    pub fn compile(number: i64, files: Vec<SourceFile>) -> Result<Published, String> {
        let loaded = lifenav_core::source::load_files(super::ROOT, super::under_root(files));
        let catalog = loaded.catalog.ok_or_else(|| format!("version {number} cannot be read"))?;
        let (engine, diags) = lifenav_core::Engine::build(catalog);
        let engine = engine.ok_or_else(|| {
            let first = diags.iter().find(|d| d.is_error()).map(|d| d.to_string()).unwrap_or_default();
            format!("version {number} does not compile: {first}")
        })?;
        let json = serde_json::to_string(&engine.catalog).map_err(|e| e.to_string())?;
        let digest = Sha256::digest(json.as_bytes());
        let etag = format!("\"v{number}-{}\"", hex(&digest[..12]));
        Ok(Published {
            number,
            etag,
            index: SituationIndex::from_catalog(&engine.catalog).to_text(),
            info: CatalogInfo::from_engine(&engine),
            bundle: json.into(),
        })
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Default)]
pub struct CurrentCatalog {
    latest: Mutex<Option<(Instant, Arc<Published>)>>,
    /// Held while compiling, so that many requests meeting a new version compile it once.
    compiling: tokio::sync::Mutex<()>,
    /// When an unknown id last made us look again (at most once a second).
    last_miss: Mutex<Option<Instant>>,
}

impl CurrentCatalog {
    fn cached(&self) -> Option<(Instant, Arc<Published>)> {
        self.latest.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The version in force, looked up in the database when the copy here is older than `max_age`.
    pub async fn get(&self, db: &Db, max_age: Duration) -> AppResult<Arc<Published>> {
        let cached = self.cached();
        if let Some((at, p)) = &cached {
            if at.elapsed() <= max_age && !max_age.is_zero() {
                return Ok(p.clone());
            }
        }
        let number = store::current_number(db, now())
            .await?
            .ok_or_else(|| AppError::Unavailable("no published catalog version".into()))?;
        if let Some((_, p)) = cached.filter(|(_, p)| p.number == number) {
            *self.latest.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), p.clone()));
            return Ok(p);
        }
        let _one_at_a_time = self.compiling.lock().await;
        if let Some((_, p)) = self.cached().filter(|(_, p)| p.number == number) {
            return Ok(p);
        }
        let files = store::version_files(db, number).await?;
        let published = tokio::task::spawn_blocking(move || Published::compile(number, files))
            .await
            .map_err(|e| AppError::Unavailable(e.to_string()))?
            .map_err(AppError::Unavailable)?;
        let published = Arc::new(published);
        *self.latest.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), published.clone()));
        Ok(published)
    }

    /// After an id was not found: the newest version, but looked up at most once a second,
    /// so that a flood of unknown ids costs no more than one query a second.
    pub async fn get_after_miss(&self, db: &Db) -> AppResult<Arc<Published>> {
        let look = {
            let mut last = self.last_miss.lock().unwrap_or_else(|e| e.into_inner());
            let due = last.is_none_or(|t| t.elapsed() >= Duration::from_secs(1));
            if due {
                *last = Some(Instant::now());
            }
            due
        };
        self.get(db, if look { Duration::ZERO } else { Duration::MAX }).await
    }
}
