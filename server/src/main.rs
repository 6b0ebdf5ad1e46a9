//! `shenbao [serve|migrate|demo|create-secretariat]` — see README for the environment variables.

use std::io::Read;

use anyhow::Context;
use app::accounts::model::NewAccount;
use app::accounts::model::{validate_new_password, validate_username, AccountStatus, Role};
use app::accounts::repo::insert_account;
use app::auth::password::hash_password;
use app::auth::token::generated_password;
use server::{build_state, demo, Config};

/// mimalloc instead of glibc malloc: per-thread heaps without arena locks (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str =
    "usage: shenbao [serve | migrate | demo | backup <new folder> | restore <backup folder> | create-secretariat <username> [--password-stdin] | import-majors <file.csv|file.xlsx>]";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    // `SHENBAO_LOG_FORMAT=json`: one JSON object per line, for a log collector.
    if std::env::var("SHENBAO_LOG_FORMAT").is_ok_and(|f| f == "json") {
        tracing_subscriber::fmt().json().with_current_span(true).with_env_filter(filter).init();
    } else {
        let colours = std::io::IsTerminal::is_terminal(&std::io::stdout());
        tracing_subscriber::fmt().with_ansi(colours).with_env_filter(filter).init();
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = Config::from_env()?;
    match args.first().map(String::as_str).unwrap_or("serve") {
        "serve" => {
            let left = server::clear_upload_spool(&config)?;
            if left > 0 {
                tracing::info!("removed {left} unfinished upload(s) left from an earlier run");
            }
            let state = build_state(&config).await?;
            let (stop_worker, worker_stop) = tokio::sync::watch::channel(false);
            let worker = app::notifications::push::send::spawn_worker(state.clone(), config.push_interval, worker_stop);
            let listener = tokio::net::TcpListener::bind(config.addr)
                .await
                .with_context(|| format!("cannot listen on {}", config.addr))?;
            let stop = server::stop_signal();
            println!("Shenbao listening on http://{}", listener.local_addr()?);
            if state.push.contact.is_none() {
                tracing::warn!("push notifications are off: set SHENBAO_PUSH_CONTACT (mailto: or https:) to send them");
            }
            let pool = state.pool.clone();
            server::serve_until(state, listener, stop).await?;
            // The push worker finishes the message it is sending; then the pool closes (SQLite checkpoints
            // its log), and the process exits 0.
            let _ = stop_worker.send(true);
            let _ = worker.await;
            pool.close().await;
            tracing::info!("stopped");
            Ok(())
        }
        "migrate" => {
            build_state(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        "demo" => {
            let state = build_state(&config).await?;
            demo::seed(&state.pool).await?;
            print!("{}", demo::describe());
            Ok(())
        }
        "backup" => {
            let target = args.get(1).context(USAGE)?;
            let copied = server::backup::backup(&config, std::path::Path::new(target)).await?;
            println!(
                "backup in {target}: database {}, {} photo files, VAPID key {}",
                if copied.database { "copied" } else { "not copied (PostgreSQL: use pg_dump, see README)" },
                copied.photo_files,
                if copied.vapid_key { "copied" } else { "absent" },
            );
            Ok(())
        }
        "restore" => {
            let source = args.get(1).context(USAGE)?;
            let copied = server::backup::restore(&config, std::path::Path::new(source))?;
            println!("restored into {}: {copied:?}", config.data_dir.display());
            Ok(())
        }
        "create-secretariat" => create_secretariat(&config, &args[1..]).await,
        "import-majors" => import_majors(&config, &args[1..]).await,
        _ => anyhow::bail!(USAGE),
    }
}

/// Imports the major catalog from a file, all or nothing; prints the per-row report and fails if any row is bad.
async fn import_majors(config: &Config, args: &[String]) -> anyhow::Result<()> {
    let path = args.first().context(USAGE)?;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
    let state = build_state(config).await?;
    let report =
        app::db::transaction(&state.pool, async |tx| app::catalog::majors::import_file(tx, path, &bytes).await)
            .await
            .map_err(|e| anyhow::anyhow!("{} / {}", e.message().zh, e.message().en))?;
    for row in &report.errors {
        let messages: Vec<String> = row.errors.iter().map(|e| format!("{} ({})", e.message.zh, e.message.en)).collect();
        eprintln!("row {}: {}", row.row, messages.join(" "));
    }
    if !report.errors.is_empty() {
        anyhow::bail!("nothing imported: {} of {} rows have errors", report.errors.len(), report.rows_read);
    }
    println!("majors imported: {} read, {} added, {} updated", report.rows_read, report.inserted, report.updated);
    Ok(())
}

/// Creates a real secretariat account; the password is read from stdin or generated and printed once.
async fn create_secretariat(config: &Config, args: &[String]) -> anyhow::Result<()> {
    let username = args.first().context(USAGE)?;
    validate_username(username).map_err(|e| anyhow::anyhow!(e.message.en))?;
    let (password, generated) = if args.iter().any(|a| a == "--password-stdin") {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input)?;
        let password = input.trim_end_matches(['\r', '\n']).to_string();
        validate_new_password(&password, &password).map_err(|e| anyhow::anyhow!(e.message.en))?;
        (password, false)
    } else {
        (generated_password(), true)
    };
    let state = build_state(config).await?;
    let hash = hash_password(&password).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut conn = state.pool.acquire().await?;
    insert_account(
        &mut conn,
        NewAccount {
            username,
            display_name: "秘书处",
            password_hash: &hash,
            role: Role::Secretariat,
            institution_id: None,
            status: AccountStatus::Active,
            must_change_password: generated,
            mobile: None,
            email: None,
            is_demo: false,
            created_by: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("could not create the account: {}", e.message().en))?;
    println!("secretariat account created: {username}");
    if generated {
        println!("password (shown once; change it at first login): {password}");
    }
    Ok(())
}
