//! Group commit: requests hand their rating to one writer task, which stores
//! whatever has queued up in a single transaction and answers each request only
//! after the commit. One disk sync serves many ratings, and a 201 still means "on disk".

use super::store::{self, Item, Outcome};
use crate::db::Db;
use tokio::sync::{mpsc, oneshot};

/// Most items per transaction.
const MAX_BATCH: usize = 512;

type Reply = oneshot::Sender<Result<Outcome, String>>;

#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<(Item, Reply)>,
}

/// Today's date in the city's time (UTC+8, Irkutsk): ratings keep the day only.
pub fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    lifenav_core::Date::from_unix_seconds(secs as i64, lifenav_core::Date::IRKUTSK_UTC_OFFSET).to_string()
}

impl Writer {
    /// Starts the writer task; it ends when every `Writer` handle is dropped and the
    /// queue is empty, so shutting down loses nothing that was accepted.
    pub fn start(db: Db, on_commit: impl Fn() + Send + 'static) -> (Writer, tokio::task::JoinHandle<()>) {
        let (tx, mut rx) = mpsc::channel::<(Item, Reply)>(4096);
        let handle = tokio::spawn(async move {
            let mut batch: Vec<(Item, Reply)> = Vec::with_capacity(MAX_BATCH);
            while let Some(first) = rx.recv().await {
                batch.push(first);
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(next) => batch.push(next),
                        Err(_) => break,
                    }
                }
                let items: Vec<Item> = batch.iter().map(|(i, _)| i.clone()).collect();
                let day = today();
                let outcomes = match store::insert_batch(&db, &items, &day).await {
                    Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
                    // One bad row must not fail the others: each alone, in its own transaction.
                    Err(e) => {
                        tracing::warn!(error = %e, items = items.len(), "a group commit failed; storing its ratings one by one");
                        let mut one_by_one = Vec::with_capacity(items.len());
                        for item in &items {
                            one_by_one
                                .push(store::insert_batch(&db, std::slice::from_ref(item), &day).await.map(|o| o[0]));
                        }
                        one_by_one
                    }
                };
                if outcomes.iter().any(Result::is_ok) {
                    on_commit();
                }
                for ((_, reply), outcome) in batch.drain(..).zip(outcomes) {
                    let _ = reply.send(outcome);
                }
            }
        });
        (Writer { tx }, handle)
    }

    /// Stores one item; returns once it is committed.
    pub async fn submit(&self, item: Item) -> Result<Outcome, String> {
        let (reply, answer) = oneshot::channel();
        self.tx.send((item, reply)).await.map_err(|_| "the service is shutting down".to_string())?;
        answer.await.map_err(|_| "the writer stopped".to_string())?
    }
}
