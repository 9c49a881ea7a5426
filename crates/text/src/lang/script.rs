//! Writing-system classification, so that a block in another script from its article gets its own
//! language detection while same-script blocks can cheaply inherit the article's language.

/// The writing system of a text, coarse enough that one article usually has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin letters, with any diacritics.
    Latin,
    /// Cyrillic letters.
    Cyrillic,
    /// Arabic letters, including the Persian and Urdu extensions.
    Arabic,
    /// Han ideographs and Japanese kana: kept together because Japanese text mixes both.
    Cjk,
    /// Korean Hangul.
    Hangul,
    /// Greek letters.
    Greek,
    /// Letters of any other writing system.
    Other,
}

/// The script of one character, or `None` when it is not a letter (digits, punctuation, spaces).
pub fn script_of(c: char) -> Option<Script> {
    let cp = c as u32;
    let script = match cp {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        // Letters of Latin-1 and the Latin extensions; × and ÷ are the only symbols in that range.
        0xC0..=0x24F if c != '×' && c != '÷' => Script::Latin,
        0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            // Arabic-Indic digits and punctuation share the block; they carry no script signal.
            if matches!(cp, 0x660..=0x66D | 0x6F0..=0x6F9 | 0x60C | 0x61B | 0x61F | 0x6D4) {
                return None;
            }
            Script::Arabic
        }
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => {
            Script::Cjk
        }
        0xFF66..=0xFF9D => Script::Cjk,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    };
    Some(script)
}

/// The script most of a text's letters are written in, or `None` when it has no letters.
pub fn dominant_script(text: &str) -> Option<Script> {
    const ALL: [Script; 7] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Arabic,
        Script::Cjk,
        Script::Hangul,
        Script::Greek,
        Script::Other,
    ];
    let mut counts = [0usize; ALL.len()];
    for c in text.chars() {
        // ASCII is most of the text of most pages: letters are Latin, the rest has no script.
        if c.is_ascii() {
            counts[0] += usize::from(c.is_ascii_alphabetic());
        } else if let Some(s) = script_of(c) {
            counts[ALL.iter().position(|x| *x == s).unwrap_or(ALL.len() - 1)] += 1;
        }
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    (n > 0).then_some(ALL[best])
}

/// The only language among those storyweave detects that is written in `script`, if there is one.
///
/// Hangul is Korean; a script shared by several languages (Latin, Arabic, Cyrillic, Han) has none.
pub fn sole_language(script: Script) -> Option<&'static str> {
    match script {
        Script::Hangul => Some("ko"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_scripts() {
        assert_eq!(dominant_script("Grüße aus Köln"), Some(Script::Latin));
        assert_eq!(dominant_script("Привет, мир"), Some(Script::Cyrillic));
        assert_eq!(dominant_script("یہ ایک جملہ ہے ۲۰۲۵"), Some(Script::Arabic));
        assert_eq!(dominant_script("東京で会談した"), Some(Script::Cjk));
        assert_eq!(dominant_script("서울에서 회담"), Some(Script::Hangul));
        assert_eq!(dominant_script("12.08.2025 — 10:00"), None);
        assert_eq!(dominant_script("Tokyo 東京 東京"), Some(Script::Latin));
    }
}
