use super::DraftArgs;

pub fn run(args: &DraftArgs) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other("`draft` is not implemented yet".into()))
}
