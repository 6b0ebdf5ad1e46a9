//! What a Chinese input method types in place of ASCII: full-width digits, letters and punctuation
//! (`１２３`, `ＡＢ`, `－`, `（`) and the ideographic space. Codes and numbers are folded to ASCII before
//! they are checked, so a person is never told that `１２` is an invalid character.

/// `text` with full-width forms (U+FF01–U+FF5E) as their ASCII twins and the ideographic space as a space.
pub fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold_width;

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(fold_width("１２３ＡＢｃ－（）＋"), "123ABc-()+");
        assert_eq!(fold_width("0771\u{3000}1234567"), "0771 1234567");
        assert_eq!(fold_width("南宁职业技术学院"), "南宁职业技术学院", "Chinese text is left alone");
    }
}
