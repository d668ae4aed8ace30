use super::ThemesArgs;

pub fn run(args: &ThemesArgs) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other(
        "`themes` is not implemented yet".into(),
    ))
}
