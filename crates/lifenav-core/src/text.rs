//! Texts shown to citizens: Russian is required, English is optional per text.
//!
//! Editors write either a plain string (Russian) or a table `{ ru = "…", en = "…" }`.
//! The bundle keeps the same shape, so a text without a translation costs no extra bytes.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A language the interface and the catalog texts can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language a switch offers from this one.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" | "rus" | "russian" => Some(Lang::Ru),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// `s` safe inside HTML text and quoted attribute values: for every page the project
/// writes as a string (the widget's first screen, the print view, the dashboard).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A citizen-facing text with its Russian original and an optional English translation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Text {
    pub ru: String,
    pub en: Option<String>,
}

impl Text {
    pub fn ru(s: impl Into<String>) -> Text {
        Text { ru: s.into(), en: None }
    }

    pub fn with_en(mut self, en: impl Into<String>) -> Text {
        self.en = Some(en.into());
        self
    }

    /// The text in `lang`, falling back to Russian where no translation exists.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => self.en.as_deref().filter(|s| !s.is_empty()).unwrap_or(&self.ru),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.ru.trim().is_empty()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ru)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.en {
            None => s.serialize_str(&self.ru),
            Some(en) => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("ru", &self.ru)?;
                m.serialize_entry("en", en)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: a string in Russian, or a table { ru = \"…\", en = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::ru(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut ru = None;
                let mut en = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "ru" => ru = Some(map.next_value::<String>()?),
                        "en" => en = Some(map.next_value::<String>()?),
                        other => {
                            return Err(de::Error::custom(format!(
                                "unknown language `{other}` in a text: use `ru` (required) and `en`"
                            )))
                        }
                    }
                }
                let ru = ru.ok_or_else(|| de::Error::custom("a text needs its Russian version `ru`"))?;
                Ok(Text { ru, en })
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A citizen-facing text: a Russian string, or an object with `ru` (required) and `en`.",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "ru": { "type": "string" }, "en": { "type": "string" } },
                    "required": ["ru"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_html_text_and_attributes() {
        assert_eq!(
            super::escape_html(r#"<a href="x">O'Neil & Co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; Co&lt;/a&gt;"
        );
    }

    #[test]
    fn the_language_switch_offers_the_other_language() {
        assert_eq!(super::Lang::Ru.other(), super::Lang::En);
        assert_eq!(super::Lang::En.other(), super::Lang::Ru);
    }

    use super::*;

    #[test]
    fn plain_string_is_russian_and_english_falls_back() {
        let t: Text = serde_json::from_str("\"Паспорт\"").unwrap();
        assert_eq!(t.get(Lang::Ru), "Паспорт");
        assert_eq!(t.get(Lang::En), "Паспорт");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"Паспорт\"");
    }

    #[test]
    fn table_round_trips() {
        let t: Text = serde_json::from_str(r#"{"ru":"Паспорт","en":"Passport"}"#).unwrap();
        assert_eq!(t.get(Lang::En), "Passport");
        let back: Text = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn table_without_russian_is_rejected() {
        let err = serde_json::from_str::<Text>(r#"{"en":"Passport"}"#).unwrap_err();
        assert!(err.to_string().contains("Russian"), "{err}");
    }
}
