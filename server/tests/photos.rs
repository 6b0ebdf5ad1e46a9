//! Evidence photos over HTTP: a real JPEG with EXIF orientation, capture time and a GPS position goes in;
//! an upright copy without metadata comes out, only to people who may read the declaration. Bad uploads
//! (wrong type, HEIC, SVG with script, cut-off JPEG, huge dimensions, too large) are refused with reasons.

mod common;

use std::io::Cursor;

use common::flows::upload_photo;
use common::TestApp;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};

/// One 12-byte IFD entry (big-endian TIFF): tag, type, count, value or offset.
fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
    t.extend(tag.to_be_bytes());
    t.extend(kind.to_be_bytes());
    t.extend(count.to_be_bytes());
    t.extend(value);
}

/// A TIFF/EXIF block: orientation 6 (rotate 90°), DateTimeOriginal, and a GPS IFD with a latitude ref.
fn exif_block() -> Vec<u8> {
    let mut t: Vec<u8> = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    t.extend(3u16.to_be_bytes());
    entry(&mut t, 0x0112, 3, 1, [0, 6, 0, 0]);
    entry(&mut t, 0x8769, 4, 1, 50u32.to_be_bytes());
    entry(&mut t, 0x8825, 4, 1, 88u32.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    t.extend(1u16.to_be_bytes());
    entry(&mut t, 0x9003, 2, 20, 68u32.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    t.extend(b"2026:03:01 09:30:00\x00");
    t.extend(1u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, [b'N', 0, 0, 0]);
    t.extend(0u32.to_be_bytes());
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(((2 + 6 + t.len()) as u16).to_be_bytes());
    segment.extend(b"Exif\x00\x00");
    segment.extend(t);
    segment
}

fn jpeg(width: u32, height: u32, with_exif: bool) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(width, height)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    if with_exif {
        let tail = out.split_off(2);
        out.extend(exif_block());
        out.extend(tail);
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG whose header claims 60,000 × 60,000 pixels, with almost nothing after it.
fn png_bomb() -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    for (kind, data) in [(&b"IDAT"[..], &b"\x78\x9c\x03\x00\x00\x00\x00\x01"[..]), (b"IEND", b"")] {
        let mut chunk = kind.to_vec();
        chunk.extend(data);
        png.extend((data.len() as u32).to_be_bytes());
        png.extend(&chunk);
        png.extend(crc32(&chunk).to_be_bytes());
    }
    png
}

async fn draft(app: &TestApp, lead: &Client) -> String {
    let school = app.institution_id(common::SCHOOL_A).await;
    let college = app.college_ids(school).await[0].to_string();
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = '物流管理'").fetch_one(&app.pool).await.unwrap();
    let offering = format!("{id}:junior");
    let (status, body) = app
        .call(lead, "declarations/create", &[("college_id", college.as_str()), ("offering", offering.as_str())])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.to_string()
}

async fn fetch(app: &TestApp, client: &Client, path: &str) -> (StatusCode, Vec<u8>) {
    let response = client.get(format!("{}{path}", app.base)).send().await.unwrap();
    (response.status(), response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_photo_is_stored_upright_without_metadata_once_and_served_only_within_scope() {
    let app = TestApp::spawn().await;
    let lead = app.login_as("demo_lead").await;
    let id = draft(&app, &lead).await;
    let original = jpeg(800, 600, true);
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let (status, photo) = upload_photo(&app, &lead, &id, original.clone(), "c-1").await;
    assert_eq!(status, StatusCode::OK, "{photo}");
    assert_eq!((photo["width"].as_i64(), photo["height"].as_i64()), (Some(600), Some(800)), "turned upright");
    assert_eq!(photo["captured_at"], 1_772_328_600, "2026-03-01 09:30 Beijing time");
    assert_eq!(photo["category"], "Equipment");

    // A retry of the same upload is the same photo.
    let (_, again) = upload_photo(&app, &lead, &id, original, "c-1").await;
    assert_eq!(again["id"], photo["id"]);
    let (_, d) = app.call(&lead, "declarations/get", &[("id", id.as_str())]).await;
    assert_eq!(d["photos"].as_array().unwrap().len(), 1);

    let photo_path = format!("/api/photos/{}", photo["id"]);
    let (status, served) = fetch(&app, &lead, &photo_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!served.windows(4).any(|w| w == b"Exif"), "no EXIF, so no GPS, in the served copy");
    let decoded = image::load_from_memory(&served).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (600, 800));
    let (status, thumb) = fetch(&app, &lead, &format!("{photo_path}/thumb")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(image::load_from_memory(&thumb).unwrap().height(), 320);

    for (username, expected) in [
        ("demo_coordinator", StatusCode::OK),
        ("demo_secretariat", StatusCode::OK),
        ("demo_lead_b", StatusCode::FORBIDDEN),
        ("demo_coordinator_b", StatusCode::FORBIDDEN),
        ("demo_org", StatusCode::FORBIDDEN),
        ("demo_expert", StatusCode::FORBIDDEN),
    ] {
        let client = app.login_as(username).await;
        assert_eq!(fetch(&app, &client, &photo_path).await.0, expected, "{username}");
    }
    assert_eq!(fetch(&app, &app.client(), &photo_path).await.0, StatusCode::UNAUTHORIZED);
    let other = app.login_as("demo_lead_b").await;
    assert_eq!(upload_photo(&app, &other, &id, jpeg(10, 10, false), "x").await.0, StatusCode::FORBIDDEN);

    // Deleting is for the school while the declaration is editable.
    let photo_id = photo["id"].to_string();
    assert_eq!(
        app.call(&other, "declarations/delete-photo", &[("id", photo_id.as_str())]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.call(&lead, "declarations/delete-photo", &[("id", photo_id.as_str())]).await.0, StatusCode::OK);
    let (_, d) = app.call(&lead, "declarations/get", &[("id", id.as_str())]).await;
    assert!(d["photos"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let lead = app.login_as("demo_lead").await;
    let id = draft(&app, &lead).await;
    let whole = jpeg(400, 300, false);
    let mut heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic".to_vec();
    heic.extend(vec![0u8; 100]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("text named .jpg", b"this is not a photo".to_vec(), "JPG"),
        (
            "svg with script",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec(),
            "JPG",
        ),
        ("heic", heic, "HEIC"),
        ("cut-off jpeg", whole[..whole.len() / 2].to_vec(), "损坏"),
        ("60000x60000 png", png_bomb(), "尺寸过大"),
        ("over 15 MB", vec![0xFF; 15 * 1024 * 1024 + 10], "MB"),
    ];
    for (what, bytes, expected) in cases {
        let (status, body) = upload_photo(&app, &lead, &id, bytes, what).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {body}");
        let message = body["Validation"][0]["message"]["zh"].as_str().unwrap_or_default();
        assert!(message.contains(expected), "{what}: {message}");
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM photos").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 0);

    // With scripts off the form posts as text/html and comes back to the declaration.
    let form =
        Form::new().part("file", Part::bytes(whole).file_name("p.jpg")).text("category", "venue").text("caption", "");
    let response = lead
        .post(format!("{}/api/declarations/{id}/photos", app.base))
        .header("Accept", "text/html")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], format!("/declarations/{id}"));
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM photos").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_lead_whose_password_was_reset_sees_and_adds_no_photo_until_it_is_changed() {
    let app = TestApp::spawn().await;
    let lead = app.login_as("demo_lead").await;
    let id = draft(&app, &lead).await;
    let (status, photo) = upload_photo(&app, &lead, &id, common::flows::plain_jpeg(40, 30), "p-1").await;
    assert_eq!(status, StatusCode::OK, "{photo}");
    let photo_path = format!("/api/photos/{}", photo["id"]);
    assert_eq!(fetch(&app, &lead, &photo_path).await.0, StatusCode::OK);

    let coordinator = app.login_as("demo_coordinator").await;
    let lead_id = app.account_id("demo_lead").await.to_string();
    let (status, issued) = app.call(&coordinator, "accounts/reset-password", &[("account_id", &lead_id)]).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    let reset = app.login_with("demo_lead", issued["password"].as_str().unwrap()).await;

    assert_eq!(fetch(&app, &reset, &photo_path).await.0, StatusCode::FORBIDDEN);
    assert_eq!(fetch(&app, &reset, &format!("{photo_path}/thumb")).await.0, StatusCode::FORBIDDEN);
    let (status, body) = upload_photo(&app, &reset, &id, common::flows::plain_jpeg(40, 30), "p-2").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.to_string().contains("PasswordChangeRequired"), "says why: {body}");
}

/// An EXIF block as many phones and apps write it: orientation `orientation`, and an Exif sub-IFD holding
/// DateTimeOriginal that ends without the next-IFD offset (a strict reader refuses the whole block).
fn exif_block_without_sub_ifd_link(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    t.extend(2u16.to_be_bytes());
    let [high, low] = orientation.to_be_bytes();
    entry(&mut t, 0x0112, 3, 1, [high, low, 0, 0]);
    entry(&mut t, 0x8769, 4, 1, 58u32.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    t.extend(b"2026:03:01 09:30:00\x00");
    t.extend(1u16.to_be_bytes());
    entry(&mut t, 0x9003, 2, 20, 38u32.to_be_bytes());
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(((2 + 6 + t.len()) as u16).to_be_bytes());
    segment.extend(b"Exif\x00\x00");
    segment.extend(t);
    segment
}

#[tokio::test]
async fn photos_whose_exif_has_a_common_flaw_still_come_out_upright_with_their_time() {
    let app = TestApp::spawn().await;
    let lead = app.login_as("demo_lead").await;
    let id = draft(&app, &lead).await;
    for orientation in 1..=8u16 {
        let mut photo = common::flows::plain_jpeg(80, 60);
        let tail = photo.split_off(2);
        photo.extend(exif_block_without_sub_ifd_link(orientation));
        photo.extend(tail);
        let (status, stored) = upload_photo(&app, &lead, &id, photo, &format!("o-{orientation}")).await;
        assert_eq!(status, StatusCode::OK, "orientation {orientation}: {stored}");
        // 5–8 turn the picture a quarter, so width and height trade places.
        let upright = if orientation >= 5 { (60, 80) } else { (80, 60) };
        assert_eq!(
            (stored["width"].as_i64(), stored["height"].as_i64()),
            (Some(upright.0), Some(upright.1)),
            "{orientation}"
        );
        assert_eq!(stored["captured_at"], 1_772_328_600, "orientation {orientation}: the capture time is kept");
    }
    // EXIF as two other writers make it (tests/fixtures, made with Pillow and piexif): turned upright, time
    // kept, and the GPS position and maker gone from what is stored.
    for (name, bytes) in [
        ("pil-orientation-6", &include_bytes!("fixtures/pil-orientation-6.jpg")[..]),
        ("piexif-orientation-8", &include_bytes!("fixtures/piexif-orientation-8.jpg")[..]),
    ] {
        let (status, stored) = upload_photo(&app, &lead, &id, bytes.to_vec(), name).await;
        assert_eq!(status, StatusCode::OK, "{name}: {stored}");
        assert_eq!((stored["width"].as_i64(), stored["height"].as_i64()), (Some(60), Some(80)), "{name}");
        assert_eq!(stored["captured_at"], 1_772_328_600, "{name}");
        let (_, served) = fetch(&app, &lead, &format!("/api/photos/{}", stored["id"])).await;
        assert!(!served.windows(9).any(|w| w == b"TestPhone"), "{name}: metadata stripped");
        assert!(!served.windows(4).any(|w| w == b"Exif"), "{name}: no EXIF kept");
    }
}
