//! Catalog search at catalog scale: 1,000 certificates (with organizations) × 1,349 majors, on a fresh
//! SQLite file (or PostgreSQL with BENCH_DATABASE_URL). Prints the index rebuild time and the median and
//! 95th-percentile time of each kind of query. Run by `bench/search`.

use std::time::{Duration, Instant};

use app::catalog::search::{reindex, search};
use server::{build_state, Config};

const CERTIFICATES: usize = 1_000;
const MAJORS: usize = 1_349;
const ROUNDS: usize = 50;
/// Real words, combined into synthetic names so that queries match some rows and not others.
const WORDS: [&str; 12] =
    ["物流", "管理", "建筑", "信息", "模型", "照护", "网络", "运维", "汽车", "维修", "电子", "商务"];

fn name(n: usize, parts: usize) -> String {
    (0..parts).map(|i| WORDS[(n / 12usize.pow(i as u32) + i) % WORDS.len()]).collect::<String>() + &format!("{n}")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()));
    let config =
        Config { site_root: dir.path().display().to_string(), ..Config::on_loopback(dir.path(), database_url.clone()) };
    let pool = build_state(&config).await?.pool;
    let mut tx = pool.begin().await?;
    for n in 0..CERTIFICATES / 4 {
        sqlx::query("INSERT INTO organizations (name) VALUES ($1)")
            .bind(format!("{}中心", name(n, 3)))
            .execute(&mut *tx)
            .await?;
    }
    for n in 0..CERTIFICATES {
        sqlx::query(
            "INSERT INTO certificates (organization_id, name) SELECT id, $1 FROM organizations WHERE name = $2",
        )
        .bind(name(n + 7, 2))
        .bind(format!("{}中心", name(n % (CERTIFICATES / 4), 3)))
        .execute(&mut *tx)
        .await?;
    }
    for n in 0..MAJORS {
        sqlx::query(
            "INSERT INTO majors (code, name, education_level, category) VALUES ($1, $2, 'higher_vocational', $3)",
        )
        .bind(format!("{:06}", 400_000 + n))
        .bind(name(n + 3, 2))
        .bind(format!("{}大类", WORDS[n % WORDS.len()]))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let started = Instant::now();
    app::db::transaction(&pool, async |tx| reindex(tx).await).await.map_err(|e| anyhow::anyhow!(e.message().en))?;
    let backend = if database_url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" };
    println!("search bench on {backend}: {CERTIFICATES} certificates, {MAJORS} majors");
    println!("  index rebuild: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    for (label, query) in [
        ("2 CJK chars (scan)", "物流"),
        ("4 CJK chars (trigram index)", "建筑信息"),
        ("pinyin initials", "wlgl"),
        ("major code", "400999"),
        ("no match", "不存在的证书"),
        ("empty (list all)", ""),
    ] {
        let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS);
        let mut hits = 0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let results = app::db::read(&pool, async |c| search(c, query, 2026).await)
                .await
                .map_err(|e| anyhow::anyhow!(e.message().en))?;
            times.push(t.elapsed());
            hits = results.certificates.len() + results.majors.len();
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {label:<28} {query:<12} hits {hits:>4}  median {:>6.2} ms  p95 {:>6.2} ms",
            ms(times[ROUNDS / 2]),
            ms(times[ROUNDS * 95 / 100])
        );
    }
    Ok(())
}
