use super::GenerateArgs;

pub fn run(args: &GenerateArgs) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other(
        "`generate` is not implemented yet".into(),
    ))
}
