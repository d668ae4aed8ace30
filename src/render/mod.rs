//! Render: the synthesis into Markdown, HTML, .docx and JSON through
//! `minijinja` templates that editors can export and override.
