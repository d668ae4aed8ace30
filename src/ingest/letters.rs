//! Letters of a UN list: `(a)` … `(z)`, then either `(aa)`, `(bb)`, `(cc)`
//! … (letters doubled, tripled) or `(aa)`, `(ab)`, `(ac)` … (counting in
//! letters). Both schemes agree up to `(aa)`; the letter after it tells
//! which one a list uses. Roman numerals `(i)`, `(ii)` … mark sub-items.

/// How letters go on past `(z)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `(aa)`, `(bb)`, … `(zz)`, `(aaa)`, …
    Doubled,
    /// `(aa)`, `(ab)`, … `(az)`, `(ba)`, …
    Counted,
}

/// Longest letter of mixed letters: past `(zzzz)` a list would hold over
/// 450,000 items in the counting scheme.
pub const MAX_LETTER_LEN: usize = 4;

/// Longest doubled letter (`(aaa…)`): 64 rounds of the alphabet, 1,664 items.
pub const MAX_DOUBLED_LEN: usize = 64;

/// Whether `s` can be a list letter: lower-case ASCII letters, mixed up to
/// [`MAX_LETTER_LEN`], one letter repeated up to [`MAX_DOUBLED_LEN`].
pub fn is_letter(s: &str) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false;
    };
    first.is_ascii_lowercase()
        && if s.bytes().all(|b| b == first) {
            s.len() <= MAX_DOUBLED_LEN
        } else {
            s.len() <= MAX_LETTER_LEN && s.bytes().all(|b| b.is_ascii_lowercase())
        }
}

/// The letters that may follow `letter` (one, or two right after `(aa)`-like
/// doubled letters, where the scheme is not yet known).
pub fn successors(letter: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(2);
    if !is_letter(letter) {
        return out;
    }
    let first = letter.as_bytes()[0];
    let doubled = letter.bytes().all(|b| b == first);
    if doubled {
        let next = if first == b'z' {
            "a".repeat(letter.len() + 1)
        } else {
            ((first + 1) as char).to_string().repeat(letter.len())
        };
        out.push(next);
    }
    if (letter.len() > 1 || !doubled) && letter.len() <= MAX_LETTER_LEN {
        let counted = letter_at(ordinal(letter, Scheme::Counted) + 1, Scheme::Counted);
        if !out.contains(&counted) {
            out.push(counted);
        }
    }
    out.retain(|l| is_letter(l));
    out
}

/// Whether `printed` comes a little after `current` (at most `window`
/// places) in a scheme both letters fit: a gap past `(z)` (`(aa)` then
/// `(cc)`) still starts an item, for the lint to report the gap.
pub fn is_shortly_after(current: &str, printed: &str, window: u64) -> bool {
    if !is_letter(current) || !is_letter(printed) {
        return false;
    }
    [Scheme::Doubled, Scheme::Counted]
        .into_iter()
        .any(|scheme| {
            let (from, to) = (ordinal(current, scheme), ordinal(printed, scheme));
            letter_at(to, scheme) == printed
                && letter_at(from, scheme) == current
                && to > from
                && to - from <= window
        })
}

/// The scheme a list's letters show: counted once any letter mixes
/// letters (`ab`), doubled otherwise.
pub fn scheme_of<'a>(letters: impl IntoIterator<Item = &'a str>) -> Scheme {
    let mixed = letters
        .into_iter()
        .any(|l| l.len() > 1 && l.bytes().any(|b| b != l.as_bytes()[0]));
    if mixed {
        Scheme::Counted
    } else {
        Scheme::Doubled
    }
}

/// 1-based place of `letter` in a list of `scheme` (`a` = 1, `z` = 26).
pub fn ordinal(letter: &str, scheme: Scheme) -> u64 {
    let digits = letter.bytes().map(|b| u64::from(b - b'a') + 1);
    match scheme {
        Scheme::Counted => digits.fold(0u64, |n, d| n.saturating_mul(26).saturating_add(d)),
        Scheme::Doubled => {
            let first = digits.take(1).sum::<u64>();
            (letter.len() as u64 - 1) * 26 + first
        }
    }
}

/// The letter at 1-based place `n` of a list of `scheme`.
pub fn letter_at(n: u64, scheme: Scheme) -> String {
    match scheme {
        Scheme::Doubled => {
            let n = n.max(1) - 1;
            let c = (b'a' + (n % 26) as u8) as char;
            c.to_string().repeat((n / 26) as usize + 1)
        }
        Scheme::Counted => {
            let mut n = n.max(1);
            let mut out = Vec::new();
            while n > 0 {
                n -= 1;
                out.push(b'a' + (n % 26) as u8);
                n /= 26;
            }
            out.reverse();
            String::from_utf8(out).unwrap_or_default()
        }
    }
}

/// Value of a lower-case roman numeral (`i` = 1, `iv` = 4, `xii` = 12), for
/// the sub-items of a recommendation.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 {
        return None;
    }
    let value = |c| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        _ => None,
    };
    let digits: Vec<u32> = s.bytes().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(&next) if next > d => total -= d as i64,
            _ => total += d as i64,
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Only the canonical spelling counts: `iiii` or `vx` are not numerals.
    (to_roman(total) == s).then_some(total)
}

/// `n` as a lower-case roman numeral.
pub fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, numeral) in [
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_go_on_past_z_in_either_scheme() {
        assert_eq!(successors("a"), ["b"]);
        assert_eq!(successors("z"), ["aa"]);
        assert_eq!(successors("aa"), ["bb", "ab"]);
        assert_eq!(successors("bb"), ["cc", "bc"]);
        assert_eq!(successors("ab"), ["ac"]);
        assert_eq!(successors("az"), ["ba"]);
        assert_eq!(successors("zz"), ["aaa"]);
        for scheme in [Scheme::Doubled, Scheme::Counted] {
            for n in 1..2000 {
                assert_eq!(ordinal(&letter_at(n, scheme), scheme), n);
            }
        }
        assert_eq!(letter_at(27, Scheme::Doubled), "aa");
        assert_eq!(letter_at(28, Scheme::Doubled), "bb");
        assert_eq!(letter_at(28, Scheme::Counted), "ab");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("i"), Some(1));
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("b"), None);
    }
}
