//! The one way this app writes a `<textarea>`.
//!
//! Leptos writes a textarea's content unescaped while rendering on the server (to it the content is raw
//! text, like a script's), so a stored or echoed `</textarea><script>…` would become markup. [`TextBox`]
//! escapes the text for the server's HTML only: the browser's parser reads `&lt;` back as `<`, and hydration
//! or a render in the browser uses the text itself. No other code writes a textarea (a test checks).

use leptos::prelude::*;

use super::FieldMsg;
use crate::error::AppError;
use crate::forms::flash_value;

/// A bare `<textarea>`. Without a `value`, a refused form (scripts off) comes back with what was typed in
/// it; forms that pass their value tell their echo apart themselves (`forms::echoed_values`).
#[component]
pub fn TextBox(
    #[prop(into)] name: String,
    #[prop(default = None, into)] value: Option<String>,
    #[prop(default = 3)] rows: u32,
    #[prop(optional)] required: bool,
    #[prop(optional)] disabled: bool,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let value = value.or_else(|| flash_value(&name)).unwrap_or_default();
    view! { <textarea id=id name=name rows=rows required=required disabled=disabled>{server_html_text(value)}</textarea> }
}

/// A labelled multi-line field with its error underneath (the same shape as [`super::Field`]).
#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    #[prop(default = None, into)] value: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = 3)] rows: u32,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label>
                <span class="label">{label}</span>
                <TextBox name=name value rows required/>
            </label>
            <FieldMsg error field=name/>
        </div>
    }
}

/// The text as the server must write it inside a textarea: escaped, after a newline (the parser drops one
/// newline right after `<textarea>`, which would otherwise eat a leading one of the text).
#[cfg(feature = "ssr")]
fn server_html_text(value: String) -> String {
    if value.is_empty() {
        value
    } else {
        format!("\n{}", html_escape::encode_text(&value))
    }
}

#[cfg(not(feature = "ssr"))]
fn server_html_text(value: String) -> String {
    value
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn textarea_text_is_escaped_for_the_servers_html() {
        let html = server_html_text("</textarea><script>alert(1)</script> & <img src=x onerror=alert(2)>".into());
        assert_eq!(
            html,
            "\n&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;"
        );
        assert_eq!(server_html_text(String::new()), "");
    }

    #[test]
    fn a_rendered_text_box_carries_the_payload_as_text() {
        let owner = Owner::new();
        owner.set();
        let html =
            view! { <TextBox name="venues" value="</textarea><img src=x onerror=alert(1)>".to_string()/> }.to_html();
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>"), "{html}");
    }

    /// The framework leaves the content of textarea, script, style and noscript unescaped, and inner_html
    /// writes markup: the tree writes none of them but here (textarea) and the document's head (a script
    /// tag with only a src).
    #[test]
    fn no_other_code_writes_raw_html() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        visit(&root, &mut |path, text| {
            let rel = path.strip_prefix(&root).unwrap().display().to_string();
            for (n, line) in text.lines().enumerate() {
                let raw = ["<textarea", "inner_html", "<style", "<noscript", "<Style>", "<Style "]
                    .iter()
                    .any(|p| line.contains(p) && !line.trim_start().starts_with("//"));
                let script = line.contains("<script") && !line.contains("<script src=\"/sw-register.js\"");
                // A test's byte string in photos.rs (an SVG the upload check must refuse) is not markup we write.
                let allowed = rel == "ui/text_area.rs" || line.contains("sniff(b\"");
                if (raw || script) && !allowed {
                    offenders.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        });
        assert!(offenders.is_empty(), "raw HTML outside ui/text_area.rs:\n{}", offenders.join("\n"));
    }

    fn visit(dir: &std::path::Path, check: &mut dyn FnMut(&std::path::Path, &str)) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, check);
            } else if path.extension().is_some_and(|e| e == "rs") {
                check(&path, &std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}
