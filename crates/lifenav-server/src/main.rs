//! `lifenav-server`: the city's server, one binary.
//!
//! ```text
//! lifenav-server [serve] [--listen …] [--database …] …      serve the navigator, the studio, feedback
//! lifenav-server users add LOGIN --role admin [--name …]     an account; the password from stdin or generated
//! lifenav-server users list
//! lifenav-server catalog import DIR                          a catalog folder becomes the draft
//! lifenav-server catalog export [--version N] -o FILE.zip
//! ```

use clap::{Args, Parser, Subcommand};
use lifenav_server::catalog::{archive, store as catalog_store};
use lifenav_server::db::Db;
use lifenav_server::staff::{accounts, password, roles};
use lifenav_server::{app, audit, Settings};
use std::io::{BufRead, IsTerminal};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "lifenav-server", version, about = "The city's server of the life-situation navigator")]
struct Cli {
    /// sqlite://FILE (created on first start) or postgres://USER@HOST/DB.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://lifenav.db", global = true)]
    database: String,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve (the default).
    Serve,
    /// Staff accounts.
    #[command(subcommand)]
    Users(UsersCommand),
    /// The catalog's folder in and out.
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Creates an account. The password is read from standard input (one line) when it is
    /// not a terminal; otherwise, or when the line is empty, one is generated and printed once.
    Add {
        login: String,
        /// admin, editor, reviewer, responder, analyst (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// The name shown to other staff (default: the login).
        #[arg(long)]
        name: Option<String>,
        /// A department (its id in the catalog) whose ratings a responder answers (repeatable).
        #[arg(long = "department")]
        departments: Vec<String>,
        /// If the account exists, give it a new password and these roles instead of failing.
        #[arg(long)]
        reset: bool,
    },
    /// Lists the accounts.
    List,
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Makes a catalog folder the shared draft (it still goes through review to be published).
    Import { dir: PathBuf },
    /// Writes the draft, or a version, as a .zip with the files under catalog/.
    Export {
        #[arg(long)]
        version: Option<i64>,
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LIFENAV_LISTEN", default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// The catalog folder that becomes version 1 on an empty database (default: the
    /// Irkutsk catalog built into the server).
    #[arg(long, env = "LIFENAV_SEED_CATALOG")]
    seed_catalog: Option<PathBuf>,
    /// An origin allowed to post ratings from the browser (repeatable), e.g. https://admirk.ru
    #[arg(long = "allowed-origin", env = "LIFENAV_ALLOWED_ORIGINS", value_delimiter = ',')]
    allowed_origins: Vec<String>,
    /// The analysts' token for the CSV export and the dashboard (for scripts).
    #[arg(long, env = "LIFENAV_ANALYST_TOKEN", hide_env_values = true)]
    analyst_token: Option<String>,
    /// Requests a minute allowed per client address for feedback (the address is never stored).
    #[arg(long, env = "LIFENAV_RATE_LIMIT", default_value_t = 120)]
    rate_limit: u32,
    /// Burst allowed per client above the steady rate.
    #[arg(long, env = "LIFENAV_RATE_BURST", default_value_t = 60)]
    rate_burst: u32,
    /// A proxy (load balancer) whose X-Forwarded-For is believed (repeatable).
    #[arg(long = "trusted-proxy", env = "LIFENAV_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<IpAddr>,
    /// Serve this folder at / (the demo city page with the widget; studio/ the studio).
    #[arg(long, env = "LIFENAV_STATIC_DIR")]
    static_dir: Option<PathBuf>,
    /// The address staff use, e.g. https://nav.admirk.ru (https makes the session cookie Secure).
    #[arg(long, env = "LIFENAV_PUBLIC_ORIGIN")]
    public_origin: Option<String>,
    /// The city's offset from UTC in hours, for scheduled publishing (Irkutsk: 8).
    #[arg(long, env = "LIFENAV_UTC_OFFSET", default_value_t = 8)]
    utc_offset: i64,
    /// Seconds between the scheduler's looks for versions due to be published.
    #[arg(long, env = "LIFENAV_SCHEDULE_EVERY", default_value_t = 5)]
    schedule_every: u64,
    /// Seconds a connection has to send a request's headers.
    #[arg(long, env = "LIFENAV_HEADER_TIMEOUT", default_value_t = 10.0)]
    header_timeout: f64,
    /// Seconds a request has to send its body.
    #[arg(long, env = "LIFENAV_BODY_TIMEOUT", default_value_t = 30.0)]
    body_timeout: f64,
    /// Connections open at once (more wait in the system's queue).
    #[arg(long, env = "LIFENAV_MAX_CONNECTIONS", default_value_t = 1024)]
    max_connections: usize,
    /// Seconds stopping waits for the requests in flight.
    #[arg(long, env = "LIFENAV_DRAIN_TIMEOUT", default_value_t = 10.0)]
    drain_timeout: f64,
    /// The city page with the widget, for the rating links and QR posters at offices
    /// (default: the public origin, or this server's own address).
    #[arg(long, env = "LIFENAV_WIDGET_PAGE")]
    widget_page: Option<String>,
    /// Target share of satisfied citizens, percent (seed 003: 90).
    #[arg(long, env = "LIFENAV_TARGET_SATISFIED", default_value_t = 90.0)]
    target_satisfied: f64,
    /// Target average minutes waited in the queue (seed 004: 15).
    #[arg(long, env = "LIFENAV_TARGET_WAITING", default_value_t = 15.0)]
    target_waiting_minutes: f64,
    /// Target average number of visits for one service.
    #[arg(long, env = "LIFENAV_TARGET_VISITS", default_value_t = 2.0)]
    target_visits: f64,
    /// Days a department has to answer a low rating with a comment.
    #[arg(long, env = "LIFENAV_ANSWER_WITHIN_DAYS", default_value_t = 30)]
    answer_within_days: i64,
}

/// A failure to report: never a panic, never a backtrace.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LIFENAV_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        None | Some(Command::Serve) => serve(&cli.database, cli.serve).await,
        Some(Command::Users(c)) => users(&cli.database, c).await,
        Some(Command::Catalog(c)) => catalog(&cli.database, c).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("lifenav-server: {message}");
            ExitCode::from(2)
        }
    }
}

fn read_catalog_dir(dir: &std::path::Path) -> Result<Vec<lifenav_core::source::SourceFile>, Failure> {
    let files = lifenav_core::source::read_dir(dir).map_err(|d| Failure(d.to_string()))?;
    let prefix = dir.display().to_string();
    files
        .into_iter()
        .map(|f| {
            let rel =
                f.name.strip_prefix(&prefix).unwrap_or(&f.name).trim_start_matches(['/', '\\']).replace('\\', "/");
            if let Some(problem) = archive::path_problem(&rel) {
                return Err(Failure(format!("{}: {problem}", f.name)));
            }
            Ok(lifenav_core::source::SourceFile { name: rel, text: f.text })
        })
        .collect()
}

async fn serve(database: &str, args: ServeArgs) -> Result<(), Failure> {
    let seed = match &args.seed_catalog {
        Some(dir) => read_catalog_dir(dir)?,
        None => lifenav_server::catalog::embedded_files(),
    };
    let db = Db::connect(database).await?;
    if args.analyst_token.as_deref().is_none_or(str::is_empty) {
        tracing::info!("no --analyst-token: the CSV export and the dashboard are closed");
    }
    let targets = targets(&args)?;
    let settings = Settings {
        seed,
        analyst_token: args.analyst_token.filter(|t| !t.is_empty()),
        allowed_origins: args.allowed_origins.into_iter().filter(|o| !o.is_empty()).collect(),
        rate_per_minute: args.rate_limit,
        rate_burst: args.rate_burst,
        trusted_proxies: args.trusted_proxies,
        static_dir: args.static_dir,
        public_origin: args.public_origin.map(|o| o.trim_end_matches('/').to_string()),
        utc_offset_hours: args.utc_offset,
        schedule_every: std::time::Duration::from_secs(args.schedule_every.max(1)),
        widget_page: args.widget_page.filter(|p| !p.is_empty()),
        targets,
        ..Settings::default()
    };
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| Failure(format!("cannot listen on {}: {e}", args.listen)))?;
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let seconds = |s: f64| std::time::Duration::from_secs_f64(s.max(0.05));
    let limits = lifenav_server::http::serve::Limits {
        header_timeout: seconds(args.header_timeout),
        body_timeout: seconds(args.body_timeout),
        max_connections: args.max_connections,
        drain_timeout: seconds(args.drain_timeout),
    };
    let app = app(db.clone(), settings).await?;
    // Scripts and tests read this line to find the port.
    println!("lifenav-server: listening on http://{address}");
    lifenav_server::http::serve::serve(listener, app.router, limits, shutdown_signal()).await;
    for task in app.background {
        task.abort();
    }
    // The router is gone: the writer drains what was accepted, then the pool closes.
    let _ = app.writer_task.await;
    db.close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}

fn targets(args: &ServeArgs) -> Result<lifenav_server::feedback::indicators::Targets, Failure> {
    if !(0.0..=100.0).contains(&args.target_satisfied) {
        return Err(Failure(format!("--target-satisfied is a percent from 0 to 100, not {}", args.target_satisfied)));
    }
    if args.target_waiting_minutes < 0.0 || args.target_visits < 1.0 {
        return Err(Failure("--target-waiting-minutes must be at least 0 and --target-visits at least 1".into()));
    }
    if !(1..=365).contains(&args.answer_within_days) {
        return Err(Failure(format!("--answer-within-days is from 1 to 365, not {}", args.answer_within_days)));
    }
    Ok(lifenav_server::feedback::indicators::Targets {
        satisfied: args.target_satisfied / 100.0,
        waiting_minutes: args.target_waiting_minutes,
        visits: args.target_visits,
        answer_within_days: args.answer_within_days,
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// The password for a new account: a line from standard input, or generated (and then printed).
fn password_from_stdin() -> Result<(String, bool), Failure> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        let line = line.trim_end_matches(['\n', '\r']).to_string();
        if !line.is_empty() {
            if let Some(problem) = password::weakness(&line) {
                return Err(Failure(format!("пароль со стандартного ввода не подходит: {problem}")));
            }
            return Ok((line, false));
        }
    }
    Ok((password::generate(), true))
}

async fn users(database: &str, command: UsersCommand) -> Result<(), Failure> {
    let db = Db::connect(database).await?;
    match command {
        UsersCommand::Add { login, roles: role_names, name, departments, reset } => {
            if let Some(problem) = accounts::login_problem(&login) {
                return Err(Failure(format!("логин «{login}» не подходит: {problem}")));
            }
            let mut list = Vec::new();
            for r in &role_names {
                list.push(roles::Role::parse(r).ok_or_else(|| {
                    Failure(format!("unknown role `{r}`: use admin, editor, reviewer, responder or analyst"))
                })?);
            }
            let roles = roles::Roles::new(list);
            let name = name.unwrap_or_else(|| login.clone());
            let (password, generated) = password_from_stdin()?;
            match accounts::create(&db, &login, &name, &roles, &departments, &password).await {
                Ok(()) => {
                    audit::record(
                        &db,
                        "cli",
                        "user_created",
                        &format!("user {login}"),
                        &format!("роли: {}", roles.titles()),
                    )
                    .await?
                }
                Err(accounts::CreateError::Exists) if reset => {
                    accounts::set_password(&db, &login, &password).await?;
                    accounts::update(&db, &login, Some(&name), Some(&roles), Some(&departments), Some(false)).await?;
                    let detail = format!("роли: {}", roles.titles());
                    audit::record(&db, "cli", "password_reset", &format!("user {login}"), &detail).await?;
                }
                Err(accounts::CreateError::Exists) => {
                    return Err(Failure(format!("an account `{login}` exists (add --reset to give it a new password)")))
                }
                Err(accounts::CreateError::Db(e)) => return Err(e.into()),
            }
            if generated {
                println!("{login}\t{password}\t({})", roles.to_stored());
            } else {
                println!("{login}\t({})", roles.to_stored());
            }
        }
        UsersCommand::List => {
            for a in accounts::list(&db).await? {
                let state = if a.disabled { "disabled" } else { "active" };
                println!("{}\t{}\t{}\t{state}", a.login, a.name, a.roles.to_stored());
            }
        }
    }
    db.close().await;
    Ok(())
}

async fn catalog(database: &str, command: CatalogCommand) -> Result<(), Failure> {
    let db = Db::connect(database).await?;
    match command {
        CatalogCommand::Import { dir } => {
            let files = read_catalog_dir(&dir)?;
            lifenav_server::catalog::seed_if_empty(&db, &lifenav_server::catalog::embedded_files()).await?;
            let outcome = lifenav_server::catalog::checks::run(lifenav_server::catalog::under_root(files.clone()));
            let detail = format!("загружено из {}: файлов {}", dir.display(), files.len());
            catalog_store::replace_draft(&db, &files, "cli", "draft_imported", &detail).await?;
            println!(
                "{}: {} files are the draft now; errors={} warnings={}; submit it for review in the studio",
                dir.display(),
                files.len(),
                outcome.errors,
                outcome.warnings
            );
        }
        CatalogCommand::Export { version, output } => {
            let files = match version {
                Some(n) => catalog_store::version_files(&db, n).await?,
                None => catalog_store::draft(&db)
                    .await?
                    .into_iter()
                    .map(|f| lifenav_core::source::SourceFile { name: f.path, text: f.text })
                    .collect(),
            };
            if files.is_empty() {
                return Err(Failure("nothing to export: no such version, or an empty draft".into()));
            }
            std::fs::write(&output, archive::pack(&files))
                .map_err(|e| Failure(format!("{}: {e}", output.display())))?;
            println!("{}: {} files under catalog/", output.display(), files.len());
        }
    }
    db.close().await;
    Ok(())
}
