use crate::date::PartialDate;
use serde::{Deserialize, Serialize};

/// What kind of named thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, party, institution, agency or other organization.
    Organization,
    /// A city, region or other place that is not a country.
    Place,
    /// A sovereign country or territory with an ISO 3166 code.
    Country,
    /// A named happening: a storm ("Hurricane Milton").
    NamedEvent,
}

impl EntityKind {
    /// The lower-case name used in ids and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Country => "country",
            EntityKind::NamedEvent => "named_event",
        }
    }
}

/// One mention of a named entity in an article, with the canonical entity it was resolved to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    /// Stable id of the canonical entity, the same in every language and spelling
    /// (`country:KR`, `place:1850147`, `person:lee-jae-myung`).
    pub entity: String,
    /// What the entity is.
    pub kind: EntityKind,
    /// The canonical name (`South Korea`, `Tokyo`, `Lee Jae Myung`).
    pub name: String,
    /// The words as written in the article (`Südkoreas`, `Tokio`, `Lees`).
    pub surface: String,
    /// Index of the block in `Article::blocks` the mention is in.
    pub block: u32,
    /// Byte offset of the surface form in that block's text.
    pub offset: u32,
}

/// A date on which the article reports something happening, resolved against the publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// The (first) day, or the month or year when the text is no more precise.
    pub date: PartialDate,
    /// The last day of a span ("from 10 to 12 January"), when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    /// How the date was resolved: `absolute` (a full date in the text), `day_month` (year taken
    /// from the publication date), `weekday_date` (no publication date: the latest year in which the
    /// written weekday falls on that day), `weekday`, `relative` ("yesterday", "einen Tag nach"), `month`.
    pub resolution: String,
    /// The words as written (`am Donnerstag`, `le 8 septembre`).
    pub surface: String,
    /// The sentence it came from.
    pub sentence: String,
    /// Index of the block in `Article::blocks` the sentence is in.
    pub block: u32,
}
