//! Resources whose hydration payload is decoded the way server-function answers are.
//!
//! Leptos's default resource codec decodes with `serde_json::from_str`, while the server-function client
//! decodes with `serde_json::from_slice`. The two readers are different generic instantiations, so every
//! type a page loads had its `Deserialize` compiled into the wasm twice. Decoding the payload from its bytes
//! too keeps one copy (measured in docs/PERFORMANCE.md).

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON, decoded from bytes.
pub struct SliceJson;

impl<T: Serialize> Encoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// A resource of this app (see the module's note).
pub type Res<T> = Resource<T, SliceJson>;

/// `Resource::new` with [`SliceJson`].
#[track_caller]
pub fn resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Res<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}
