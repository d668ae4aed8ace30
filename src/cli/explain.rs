use super::ExplainArgs;

pub fn run(args: &ExplainArgs) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other(
        "`explain` is not implemented yet".into(),
    ))
}
