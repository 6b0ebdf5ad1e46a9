//! Enums stored and sent as short codes, each with a bilingual label: one macro writes the enum, its list
//! of values, its code, its reading back from a code, and its label, so no enum spells these out by hand.

/// `coded_enum! { /// doc
///     pub enum Level { Junior = ("junior", "初级", "Junior"), … } }`
/// gives `Level::ALL`, `code()`, `from_code()` (the exact code, as stored), `parse()` (trimmed, the code or
/// the Chinese label, as people and spreadsheets write it) and `label()`.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $zh:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        // The derive comes first so that `$meta` may hold serde's helper attributes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.code() == code)
            }

            pub fn parse(value: &str) -> Option<$name> {
                let value = value.trim();
                $name::ALL.into_iter().find(|v| v.code() == value || v.label().zh == value)
            }

            pub fn label(self) -> $crate::i18n::Text {
                match self {
                    $( $name::$variant => $crate::i18n::Text::new($zh, $en) ),+
                }
            }
        }
    };
}

pub(crate) use coded_enum;

#[cfg(test)]
mod tests {
    coded_enum! {
        /// A test enum.
        pub enum Size {
            Small = ("small", "小", "Small"),
            /// The middle one.
            Large = ("large", "大", "Large"),
        }
    }

    #[test]
    fn codes_and_labels_round_trip() {
        assert_eq!(Size::ALL, [Size::Small, Size::Large]);
        for s in Size::ALL {
            assert_eq!(Size::from_code(s.code()), Some(s));
            assert_eq!(Size::parse(&format!(" {} ", s.label().zh)), Some(s));
        }
        assert_eq!(Size::from_code(" small"), None, "a stored code is exact");
        assert_eq!(Size::parse("medium"), None);
        assert_eq!(Size::Large.label().en, "Large");
    }
}
