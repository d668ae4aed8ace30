//! Reading the files the user names (reports, the gazetteer, the plan)
//! without trusting them: regular files only, capped by the bytes actually
//! read. Shared by the stages that read input, so none reaches into another.

/// Reads a regular file of at most `cap` bytes. The type is checked before
/// opening (a FIFO would block the open for ever, a device never ends) and
/// again on the open file; the cap counts the bytes actually read, since
/// files such as `/proc/self/pagemap` report a size they do not hold.
pub fn read_regular_file(path: &std::path::Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let not_regular = || {
        std::io::Error::other(
            "not a regular file (a FIFO, device or socket; expected a regular file)",
        )
    };
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > cap {
        return Err(too_large(meta.len(), cap));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(bytes.len() as u64, cap));
    }
    Ok(bytes)
}

fn too_large(size: u64, cap: u64) -> std::io::Error {
    std::io::Error::other(format!(
        "file is {size} bytes or more, more than the {cap} bytes read at most"
    ))
}
