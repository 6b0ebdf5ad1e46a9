//! What a refused plain form gets back with its error (server only): the fields as typed, taken from the
//! form's own input struct so that no field list is written twice. Passwords never come back.

use serde::Serialize;

/// Field name and the text typed into it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Echo(pub(super) Vec<(String, String)>);

impl Echo {
    /// Every text field of `input`, fields of nested structs included under their own names; lists,
    /// numbers and anything named like a password are left out.
    pub fn of<T: Serialize>(input: &T) -> Echo {
        let mut echo = Echo::default();
        if let Ok(value) = serde_json::to_value(input) {
            echo.collect(&value);
        }
        echo
    }

    /// One more field, for values the form posts beside its input struct (a hidden id).
    pub fn with(mut self, name: &str, value: impl ToString) -> Echo {
        self.0.push((name.to_string(), value.to_string()));
        self
    }

    fn collect(&mut self, value: &serde_json::Value) {
        let serde_json::Value::Object(fields) = value else { return };
        for (name, value) in fields {
            match value {
                serde_json::Value::String(text) if !name.contains("password") => {
                    self.0.push((name.clone(), text.clone()))
                }
                serde_json::Value::Object(_) => self.collect(value),
                _ => {}
            }
        }
    }
}

impl From<Vec<(&'static str, String)>> for Echo {
    fn from(fields: Vec<(&'static str, String)>) -> Echo {
        Echo(fields.into_iter().map(|(name, value)| (name.to_string(), value)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Contact {
        contact_name: String,
    }

    #[derive(Serialize)]
    struct Registration {
        institution_id: i64,
        username: String,
        password: String,
        confirm_password: String,
        contact: Contact,
        tags: Vec<String>,
    }

    #[test]
    fn text_fields_come_back_flattened_and_passwords_never() {
        let input = Registration {
            institution_id: 7,
            username: "gx_admin".into(),
            password: "secret".into(),
            confirm_password: "secret".into(),
            contact: Contact { contact_name: "张老师".into() },
            tags: vec!["x".into()],
        };
        let mut fields = Echo::of(&input).with("declaration", 7).0;
        fields.sort();
        let expected = [("contact_name", "张老师"), ("declaration", "7"), ("username", "gx_admin")];
        assert_eq!(fields, expected.map(|(n, v)| (n.to_string(), v.to_string())));
    }
}
