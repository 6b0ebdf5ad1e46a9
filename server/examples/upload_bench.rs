//! 50 phones uploading a 5 MB photo each at the same moment: wall time, per-upload latency and the server
//! process's peak memory (VmHWM). `bench/uploads` starts the real server binary on a fresh SQLite data
//! directory and passes its address and process id (BENCH_URL, BENCH_PID); this program is the phones.

use std::io::Cursor;
use std::time::Instant;

use server::demo;

const UPLOADS: usize = 50;
const TARGET_BYTES: usize = 5 * 1024 * 1024;

/// Peak resident memory of a process so far, in MiB (Linux).
fn peak_rss_mib(pid: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// A camera-sized JPEG of about 5 MB: noise compresses badly, like a real photo's detail.
fn photo() -> Vec<u8> {
    let (w, h) = (3000u32, 2250u32);
    let mut seed = 12345u32;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let n = (seed >> 16) as u8;
        image::Rgb([n, (x % 256) as u8 ^ n, (y % 256) as u8])
    });
    let mut quality = 90;
    loop {
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), quality);
        img.write_with_encoder(encoder).unwrap();
        if out.len() <= TARGET_BYTES || quality < 40 {
            return out;
        }
        quality -= 5;
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let base = std::env::var("BENCH_URL")?;
    let pid = std::env::var("BENCH_PID")?;
    let database = std::env::var("DATABASE_URL")?;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&database).await?;
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let login = [("username", "demo_lead"), ("password", demo::DEMO_PASSWORD)];
    client.post(format!("{base}/api/accounts/login")).form(&login).send().await?.error_for_status()?;
    let (certificate,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = '物流管理'").fetch_one(&pool).await?;
    let (college,): (i64,) = sqlx::query_as(
        "SELECT c.id FROM colleges c JOIN accounts a ON a.institution_id = c.institution_id \
         WHERE a.username = 'demo_lead' ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&pool)
    .await?;
    let created = client
        .post(format!("{base}/api/declarations/create"))
        .header("Accept", "application/json")
        .form(&[("college_id", college.to_string()), ("offering", format!("{certificate}:junior"))])
        .send()
        .await?
        .text()
        .await?;
    let declaration: i64 = created.trim().parse()?;
    let bytes = photo();
    println!("upload bench: {UPLOADS} concurrent uploads of {:.1} MB each", bytes.len() as f64 / 1024.0 / 1024.0);
    let before = peak_rss_mib(&pid);
    let started = Instant::now();
    let tasks: Vec<_> = (0..UPLOADS)
        .map(|n| {
            let (client, bytes, base) = (client.clone(), bytes.clone(), base.clone());
            tokio::spawn(async move {
                let t = Instant::now();
                let form = reqwest::multipart::Form::new()
                    .part("file", reqwest::multipart::Part::bytes(bytes).file_name("photo.jpg"))
                    .text("category", "venue")
                    .text("caption", "")
                    .text("client_id", format!("bench-{n}"));
                let response = client
                    .post(format!("{base}/api/declarations/{declaration}/photos"))
                    .header("Accept", "application/json")
                    .multipart(form)
                    .send()
                    .await;
                (response.map(|r| r.status().is_success()).unwrap_or(false), t.elapsed())
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut ok = 0;
    for task in tasks {
        let (success, latency) = task.await?;
        ok += usize::from(success);
        latencies.push(latency.as_secs_f64());
    }
    let wall = started.elapsed().as_secs_f64();
    latencies.sort_by(|a, b| a.total_cmp(b));
    println!("  stored: {ok}/{UPLOADS}");
    println!("  wall time: {wall:.1} s ({:.2} uploads/s)", UPLOADS as f64 / wall);
    println!("  latency median {:.1} s, p95 {:.1} s", latencies[UPLOADS / 2], latencies[UPLOADS * 95 / 100]);
    println!("  server peak memory: {:.0} MiB (before the uploads: {before:.0} MiB)", peak_rss_mib(&pid));
    anyhow::ensure!(ok == UPLOADS, "some uploads failed");
    Ok(())
}
