//! Chinese-first UI text with an English switch.
//!
//! The language lives in a `lang` cookie so that server rendering, hydration and JavaScript-off pages all
//! agree. Text is written inline as `t("中文", "English")` next to where it is shown.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A message in both languages, for text that travels (errors, generated notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: &str, en: &str) -> Self {
        Text { zh: zh.to_string(), en: en.to_string() }
    }

    pub fn get(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh.clone(),
            Lang::En => self.en.clone(),
        }
    }
}

/// The language of the current page (provided by the shell).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Picks the text for the current language.
pub fn t(zh: &'static str, en: &'static str) -> &'static str {
    match use_lang() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Renders a bilingual message in the current language.
pub fn tr(text: &Text) -> String {
    text.get(use_lang())
}
