//! cc-events: lossless typed models of contact-center event pushes.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
