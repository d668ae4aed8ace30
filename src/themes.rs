//! Themes: a graph per Congress agenda item, clustered into themes.

use crate::model::{EntityAnnotations, Recommendation, ThemeGraph};

pub fn build_theme_graph(
    recommendations: &[Recommendation],
    annotations: &EntityAnnotations,
) -> ThemeGraph {
    let _ = (recommendations, annotations);
    unimplemented!("themes::build_theme_graph")
}
