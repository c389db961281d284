//! cc-events: lossless typed models of contact-center event pushes.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aliyun_v2;
pub mod ccai_qm;
pub mod common;
pub mod csta;
mod error;
pub mod push_v7;
mod schema;
pub mod wire;

pub use error::{Error, ErrorKind};
pub use schema::Schema;
