//! Campaigns of near-duplicate comments (issue 36): placing new comments, rebuilding a
//! consultation's campaigns, and what the Committee does with a campaign at once.

mod place;
pub use place::*;
mod rebuild;
pub use rebuild::*;
mod split;
pub use split::*;
mod endorse;
pub use endorse::*;
mod summaries;
pub use summaries::*;
