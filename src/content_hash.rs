//! Hex SHA-256 content hashes: ingest spots a report given twice by its
//! text's hash, and the draft writer spots a draft edited by hand by its
//! file's hash. One encoding for both, so the two always read alike.

use sha2::{Digest, Sha256};

/// Hex SHA-256 of `bytes`.
pub fn of_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Hex SHA-256 of everything `reader` gives, read in pieces so that a large
/// file is never held whole in memory.
pub fn of_reader(reader: &mut impl std::io::Read) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    std::io::copy(reader, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn bytes_and_reader_give_the_same_known_hash() {
        let known = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(super::of_bytes(b"abc"), known);
        assert_eq!(super::of_reader(&mut &b"abc"[..]).unwrap(), known);
    }
}
