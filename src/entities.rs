//! Entities: recognises conventions, bodies, Member States, crime types and
//! topics named in recommendations, from an editable gazetteer.

use crate::model::{EntityAnnotations, EntityMention, Recommendation};

/// The gazetteer: entities with their aliases.
#[derive(Debug, Clone)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The gazetteer embedded in the binary (`data/entities.toml`).
    pub fn embedded() -> Gazetteer {
        unimplemented!("entities::Gazetteer::embedded")
    }

    /// Loads a user's gazetteer file; errors name the file and line.
    pub fn from_path(path: &std::path::Path) -> crate::Result<Gazetteer> {
        let _ = path;
        unimplemented!("entities::Gazetteer::from_path")
    }

    /// Mentions in one text, in order of position.
    pub fn find(&self, text: &str) -> Vec<EntityMention> {
        let _ = text;
        unimplemented!("entities::Gazetteer::find")
    }

    pub fn annotate<'a>(
        &self,
        recommendations: impl IntoIterator<Item = &'a Recommendation>,
    ) -> EntityAnnotations {
        let _ = recommendations.into_iter();
        unimplemented!("entities::Gazetteer::annotate")
    }
}
