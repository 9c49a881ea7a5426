//! News agencies whose credit names the origin of a syndicated story.
//!
//! One row per agency: the canonical short name, the spellings a credit line uses (matched as whole
//! words, case-insensitively, except short all-caps acronyms which must keep their case), and the host
//! names the agency publishes under.

/// One news agency.
#[derive(Debug, Clone, Copy)]
pub struct Agency {
    /// The short name reported in groups.
    pub name: &'static str,
    /// Spellings in credit lines; all-caps entries of up to four letters match case-sensitively.
    pub spellings: &'static [&'static str],
    /// Hosts of the agency's own sites (suffix match).
    pub hosts: &'static [&'static str],
}

/// The agencies storyweave recognizes.
pub const AGENCIES: &[Agency] = &[
    Agency {
        name: "AFP",
        spellings: &["AFP", "Agence France-Presse", "Agence France Presse"],
        hosts: &["afp.com"],
    },
    Agency {
        name: "dpa",
        spellings: &["dpa", "Deutsche Presse-Agentur"],
        hosts: &["dpa.com", "dpa-international.com"],
    },
    Agency { name: "Reuters", spellings: &["Reuters"], hosts: &["reuters.com"] },
    Agency { name: "AP", spellings: &["AP", "Associated Press"], hosts: &["apnews.com", "ap.org"] },
    Agency {
        name: "Kyodo",
        spellings: &["Kyodo", "Kyodo News"],
        hosts: &["kyodonews.net", "english.kyodonews.net"],
    },
    Agency {
        name: "VNA",
        spellings: &["VNA", "Vietnam News Agency", "TTXVN"],
        hosts: &["vnanet.vn", "vietnamplus.vn"],
    },
    Agency { name: "Yonhap", spellings: &["Yonhap"], hosts: &["yna.co.kr", "en.yna.co.kr"] },
    Agency { name: "Xinhua", spellings: &["Xinhua"], hosts: &["xinhuanet.com", "news.cn"] },
    Agency { name: "ANSA", spellings: &["ANSA"], hosts: &["ansa.it"] },
    Agency { name: "EFE", spellings: &["EFE"], hosts: &["efe.com"] },
    Agency { name: "APA", spellings: &["APA"], hosts: &["apa.at"] },
    Agency { name: "KNA", spellings: &["KNA"], hosts: &["kna.de"] },
    Agency { name: "epd", spellings: &["epd"], hosts: &["epd.de"] },
    Agency { name: "PAP", spellings: &["PAP"], hosts: &["pap.pl"] },
    Agency { name: "Lusa", spellings: &["Lusa"], hosts: &["lusa.pt"] },
    Agency { name: "TASS", spellings: &["TASS"], hosts: &["tass.com", "tass.ru"] },
];

/// Whether `needle` occurs in `hay` as whole words (no letter or digit on either side).
fn contains_word(hay: &str, needle: &str, case_sensitive: bool) -> bool {
    let (hay, needle) = if case_sensitive {
        (hay.to_string(), needle.to_string())
    } else {
        (hay.to_lowercase(), needle.to_lowercase())
    };
    let mut from = 0;
    while let Some(pos) = hay[from..].find(&needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before_ok = hay[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = start + needle.len().max(1);
    }
    false
}

/// Index into [`AGENCIES`] of the first agency a credit line names.
pub fn agency_in_credit(credit: &str) -> Option<usize> {
    AGENCIES.iter().position(|a| {
        a.spellings.iter().any(|s| {
            let acronym = s.len() <= 4 && s.chars().all(|c| c.is_ascii_uppercase());
            contains_word(credit, s, acronym)
        })
    })
}

/// Index into [`AGENCIES`] of the agency whose own site `host` is.
pub fn agency_of_host(host: &str) -> Option<usize> {
    let host = host.trim_end_matches('.');
    let is_under = |h: &str| {
        host.len() >= h.len()
            && host[host.len() - h.len()..].eq_ignore_ascii_case(h)
            && (host.len() == h.len() || host.as_bytes()[host.len() - h.len() - 1] == b'.')
    };
    AGENCIES.iter().position(|a| a.hosts.iter().any(|h| is_under(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_name_agencies_as_words() {
        assert_eq!(agency_in_credit("Foto: Max Muster/dpa").map(|i| AGENCIES[i].name), Some("dpa"));
        assert_eq!(agency_in_credit("TOKYO (AP) —").map(|i| AGENCIES[i].name), Some("AP"));
        assert_eq!(agency_in_credit("Photo: Capture of a map"), None);
        assert_eq!(agency_in_credit("Laut VNA").map(|i| AGENCIES[i].name), Some("VNA"));
    }

    #[test]
    fn agency_hosts_match_suffixes() {
        assert_eq!(agency_of_host("www.reuters.com").map(|i| AGENCIES[i].name), Some("Reuters"));
        assert_eq!(agency_of_host("example.com"), None);
    }
}
