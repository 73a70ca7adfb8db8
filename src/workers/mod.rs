//! Work that runs beside the HTTP server: the comments' group-commit writer and the
//! notification timer. Both drive the use cases, like the HTTP handlers do.

pub mod comment_writer;
pub mod daily;
pub mod notify;
pub mod transparency;
