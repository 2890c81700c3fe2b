//! Which main view is showing, as a plain value: the leaf both the URL state and the UI
//! strings (a view's name) build on.

/// The main views. A seed page (`seed=ID`) opens over any of them and "back" returns to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// Search box, facets and result cards.
    #[default]
    Browse,
    /// The visitor's saved seeds (or a shortlist shared by link).
    Shortlist,
    /// A company's needs statement matched against the catalogue.
    Needs,
    /// Charts of the catalogue: seeds per field, stage and institution.
    Overview,
}

impl View {
    /// Every view, in navigation order.
    pub const ALL: [View; 4] = [View::Browse, View::Overview, View::Needs, View::Shortlist];

    /// The name used in URLs (`view=`).
    pub fn code(self) -> &'static str {
        match self {
            View::Browse => "browse",
            View::Shortlist => "shortlist",
            View::Needs => "needs",
            View::Overview => "overview",
        }
    }

    /// Parses a `view=` value.
    pub fn from_code(code: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.code() == code)
    }
}
