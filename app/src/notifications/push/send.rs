//! Delivering the push queue: each notification is encrypted for its device (RFC 8291, aes128gcm) and
//! signed for the push service (RFC 8292 VAPID, an ES256 JWT), then POSTed to the device's endpoint.
//! Accepted → removed; the device is gone (404/410) → its subscription is removed; the service is busy
//! or unreachable → retried with backoff; refused for good → dropped and logged.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Signer;

use super::endpoint;
use super::vapid::Vapid;
use crate::db::{self, now};
use crate::error::AppError;
use crate::notifications::repo::push;
use crate::state::AppState;

/// How long a push service may keep an undelivered notification (seconds).
const TTL_SECS: i64 = 24 * 3600;
/// How long a worker holds a row it is sending before another may try it.
const LEASE_SECS: i64 = 300;
/// First retry after this many seconds, doubling up to `MAX_BACKOFF_SECS`.
pub const RETRY_BASE_SECS: i64 = 30;
const MAX_BACKOFF_SECS: i64 = 3600;
/// After this many failed attempts a notification is dropped (about a day of tries).
const MAX_ATTEMPTS: i64 = 30;

/// What to do with a queued notification after one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// The browser unsubscribed or the subscription expired: forget the device.
    Gone,
    RetryIn(i64),
    GiveUp,
}

impl Outcome {
    /// The outcome's name in `/metrics`.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Gone => "gone",
            Outcome::RetryIn(_) => "retry",
            Outcome::GiveUp => "dropped",
        }
    }
}

/// What a push service answered: its status and, on 429 or 503, how long it asked us to wait (seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<i64>,
}

/// `answer` is `None` when the push service could not be reached; `attempts` counts the failed attempts
/// before this one. A service that says when to come back (Retry-After) is asked again no sooner, and no
/// later than a day.
pub fn outcome(answer: Option<Answer>, attempts: i64) -> Outcome {
    let asked = answer.and_then(|a| a.retry_after).map(|s| s.clamp(1, TTL_SECS));
    let retry = || {
        if attempts + 1 >= MAX_ATTEMPTS {
            Outcome::GiveUp
        } else {
            let backoff = (RETRY_BASE_SECS << attempts.min(20)).min(MAX_BACKOFF_SECS);
            Outcome::RetryIn(asked.unwrap_or(backoff))
        }
    };
    let status = answer.map(|a| a.status);
    match status {
        Some(200..=299) => Outcome::Sent,
        Some(404 | 410) => Outcome::Gone,
        Some(429 | 500..=599) | None => retry(),
        Some(_) => Outcome::GiveUp,
    }
}

/// The `Authorization` header of RFC 8292: `vapid t=<ES256 JWT for the endpoint's origin>,k=<public key>`
/// (no space after the comma, as the reference implementations send it; some services split on `,k=`).
pub fn vapid_authorization(vapid: &Vapid, endpoint: &str, contact: &str, now: i64) -> Result<String, AppError> {
    let url = reqwest::Url::parse(endpoint).map_err(AppError::internal)?;
    let audience = url.origin().ascii_serialization();
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256"}"#);
    let claims = serde_json::json!({ "aud": audience, "exp": now + 12 * 3600, "sub": contact });
    let signing_input = format!("{header}.{}", URL_SAFE_NO_PAD.encode(claims.to_string()));
    let signature: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(&vapid.secret).sign(signing_input.as_bytes());
    Ok(format!("vapid t={signing_input}.{},k={}", URL_SAFE_NO_PAD.encode(signature.to_bytes()), vapid.public_key))
}

/// Encrypts `payload` for a device's key and auth secret (as the browser gave them, base64url).
pub fn encrypt(payload: &str, p256dh: &str, auth: &str) -> Result<Vec<u8>, AppError> {
    let bad = |what: &str| AppError::internal(format!("stored subscription has a bad {what}"));
    let key = URL_SAFE_NO_PAD.decode(p256dh.trim_end_matches('=')).map_err(|_| bad("p256dh"))?;
    let key = web_push_native::p256::PublicKey::from_sec1_bytes(&key).map_err(|_| bad("p256dh"))?;
    let auth = URL_SAFE_NO_PAD.decode(auth.trim_end_matches('=')).map_err(|_| bad("auth"))?;
    if auth.len() != 16 {
        return Err(bad("auth"));
    }
    web_push_native::encrypt(payload.as_bytes().to_vec(), &key, web_push_native::Auth::from_slice(&auth))
        .map_err(AppError::internal)
}

/// What one pass of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub sent: usize,
    pub retried: usize,
    pub gone: usize,
    pub dropped: usize,
}

/// Sends every notification due at `now` (at most 100 per pass). Each row is claimed first with a
/// conditional update, so two workers (or two servers on one database) never send the same row. Every
/// step is its own short transaction: nothing is held open while a push service answers.
pub async fn deliver_due(state: &AppState, now: i64) -> Result<Report, AppError> {
    let pool = &state.pool;
    let due = db::read(pool, async |conn| push::due(conn, now).await).await?;
    let mut report = Report::default();
    for row in due {
        let claimed =
            db::transaction(pool, async |tx| push::claim(tx, row.id, row.due_at, now + LEASE_SECS).await).await?;
        if !claimed {
            continue;
        }
        let (outcome, error) = match (&state.push.contact, endpoint::check(&row.endpoint, state.push.rule)) {
            (Some(contact), Ok(_)) => {
                let (answer, error) = match post(state, contact, &row, now).await {
                    Ok(answer) => (Some(answer), format!("HTTP {}", answer.status)),
                    Err(error) => (None, error),
                };
                let outcome = outcome(answer, row.attempts);
                if outcome == Outcome::GiveUp {
                    tracing::warn!(endpoint = %row.endpoint, error = %error, "push notification dropped");
                }
                (outcome, error)
            }
            // Stored before the endpoint rule, or push switched off since: never posted to.
            (_, Err(refused)) => {
                tracing::warn!(endpoint = %row.endpoint, why = %refused.message.en, "push endpoint refused; subscription removed");
                (Outcome::Gone, refused.message.en)
            }
            (None, Ok(_)) => (Outcome::GiveUp, String::new()),
        };
        db::transaction(pool, async |tx| match outcome {
            Outcome::Sent | Outcome::GiveUp => push::delete_queued(tx, row.id).await,
            Outcome::Gone => push::delete_subscription(tx, row.subscription).await,
            Outcome::RetryIn(delay) => push::retry_later(tx, row.id, now + delay, &error).await,
        })
        .await?;
        metrics::counter!("shenbao_push_deliveries_total", "outcome" => outcome.label()).increment(1);
        match outcome {
            Outcome::Sent => report.sent += 1,
            Outcome::Gone => report.gone += 1,
            Outcome::RetryIn(_) => report.retried += 1,
            Outcome::GiveUp => report.dropped += 1,
        }
    }
    Ok(report)
}

/// One POST to the push service: its answer, or why it could not be reached.
async fn post(state: &AppState, contact: &str, row: &push::Due, now: i64) -> Result<Answer, String> {
    let body = encrypt(&row.payload, &row.p256dh, &row.auth).map_err(|e| e.to_string())?;
    let authorization = vapid_authorization(&state.vapid, &row.endpoint, contact, now).map_err(|e| e.to_string())?;
    let response = state
        .http
        .post(&row.endpoint)
        .header("TTL", TTL_SECS.to_string())
        .header("Urgency", "normal")
        .header("Content-Encoding", "aes128gcm")
        .header("Content-Type", "application/octet-stream")
        .header("Authorization", authorization)
        .body(body)
        .timeout(Duration::from_secs(15))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let retry_after = response.headers().get(reqwest::header::RETRY_AFTER).and_then(|v| v.to_str().ok());
    Ok(Answer { status: response.status().as_u16(), retry_after: retry_after.and_then(|v| retry_after_secs(v, now)) })
}

/// A `Retry-After` value as seconds from `now`: delay-seconds, or an HTTP date.
pub fn retry_after_secs(value: &str, now: i64) -> Option<i64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<i64>() {
        return Some(seconds.max(0));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let at = at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    Some((at - now).max(0))
}

/// The client the worker posts with (TLS with the system's roots). It follows no redirect (a push service
/// has no reason to send one, and it would lead past the endpoint check) and resolves names to public
/// addresses only ([`endpoint::PublicOnly`]).
pub fn http_client(rule: endpoint::EndpointRule) -> Result<reqwest::Client, AppError> {
    // A push service that never answers must not hold the worker (and a graceful stop) forever.
    reqwest::Client::builder()
        .user_agent("shenbao")
        .redirect(reqwest::redirect::Policy::none())
        .dns_resolver(std::sync::Arc::new(endpoint::PublicOnly(rule)))
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(AppError::internal)
}

/// How often the worker looks for window reminders to queue.
const REMINDER_CHECK: Duration = Duration::from_secs(60);

/// The background worker: every `every`, queues due window reminders, then delivers the queue, until `stop`
/// turns true; the handle ends once the pass under way has finished.
pub fn spawn_worker(
    state: AppState,
    every: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // Reminders are about days, not seconds: look for them about once a minute (and on the first pass).
        let reminder_every = (REMINDER_CHECK.as_secs() / every.as_secs().max(1)).max(1);
        for pass in 0u64.. {
            // A stop ends the wait between passes, never a pass: a message being sent is finished and
            // recorded, so it is neither lost nor sent twice after the restart.
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.wait_for(|stopped| *stopped) => break,
            }
            // Errors are logged where they are made (AppError::internal) and the next pass tries again.
            if pass % reminder_every == 0 {
                let _ = super::reminders::run_due(&state.pool, now()).await;
            }
            let _ = deliver_due(&state, now()).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_follow_the_push_service_answer() {
        let status = |status| Some(Answer { status, retry_after: None });
        assert_eq!(outcome(status(201), 0), Outcome::Sent);
        assert_eq!(outcome(status(410), 3), Outcome::Gone);
        assert_eq!(outcome(status(404), 0), Outcome::Gone);
        assert_eq!(outcome(status(413), 0), Outcome::GiveUp, "too large never gets better");
        assert_eq!(outcome(status(503), 0), Outcome::RetryIn(RETRY_BASE_SECS));
        assert_eq!(outcome(None, 2), Outcome::RetryIn(RETRY_BASE_SECS * 4));
        assert_eq!(outcome(status(429), 12), Outcome::RetryIn(MAX_BACKOFF_SECS));
        assert_eq!(outcome(status(500), MAX_ATTEMPTS - 1), Outcome::GiveUp);
    }

    #[test]
    fn a_busy_service_is_asked_again_when_it_said_to() {
        let busy = |status, after| Some(Answer { status, retry_after: Some(after) });
        assert_eq!(outcome(busy(429, 600), 0), Outcome::RetryIn(600), "later than our first backoff");
        assert_eq!(outcome(busy(503, 5), 10), Outcome::RetryIn(5), "sooner than our backoff");
        assert_eq!(outcome(busy(503, 10 * 86_400), 0), Outcome::RetryIn(TTL_SECS), "never past the TTL");
        assert_eq!(retry_after_secs("120", 0), Some(120));
        assert_eq!(retry_after_secs("Thu, 01 Jan 1970 00:10:00 GMT", 60), Some(540));
        assert_eq!(retry_after_secs("soon", 0), None);
    }

    #[test]
    fn the_vapid_token_is_an_es256_jwt_for_the_endpoint_origin() {
        use p256::ecdsa::signature::Verifier;
        let secret = p256::SecretKey::random(&mut p256::elliptic_curve::rand_core::OsRng);
        let public_key = URL_SAFE_NO_PAD.encode(secret.public_key().to_sec1_bytes());
        let vapid = Vapid { secret, public_key: public_key.clone() };
        let header = vapid_authorization(&vapid, "https://push.example:8443/send/abc", "mailto:a@b.c", 1000).unwrap();
        let (token, key) = header.strip_prefix("vapid t=").unwrap().split_once(",k=").unwrap();
        assert_eq!(key, public_key);
        let (signed, signature) = token.rsplit_once('.').unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(signed.split('.').nth(1).unwrap()).unwrap()).unwrap();
        assert_eq!(claims["aud"], "https://push.example:8443");
        assert_eq!(claims["exp"], 1000 + 12 * 3600);
        let signature = p256::ecdsa::Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).unwrap()).unwrap();
        let verifying = p256::ecdsa::VerifyingKey::from(vapid.secret.public_key());
        assert!(verifying.verify(signed.as_bytes(), &signature).is_ok());
        assert!(verifying.verify(b"something else", &signature).is_err());
    }
}
