use super::InputArgs;

pub fn run(args: &InputArgs) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other("`check` is not implemented yet".into()))
}
