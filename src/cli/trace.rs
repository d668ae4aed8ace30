use super::TraceArgs;

pub fn run(args: &TraceArgs) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other("`trace` is not implemented yet".into()))
}
