use super::ExtractArgs;

pub fn run(args: &ExtractArgs) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other(
        "`extract` is not implemented yet".into(),
    ))
}
