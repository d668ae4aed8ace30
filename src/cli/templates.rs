use super::TemplatesCommand;

pub fn run(args: &TemplatesCommand) -> crate::Result<i32> {
    let _ = args;
    Err(crate::Error::Other(
        "`templates` is not implemented yet".into(),
    ))
}
