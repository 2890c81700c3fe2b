//! The app's views, one file each: loading, error page, the explorer shell, browse results,
//! seed cards and the seed detail page.

pub mod browse;
pub mod card;
pub mod detail;
pub mod error_page;
pub mod explorer;
pub mod labels;
pub mod loading;
