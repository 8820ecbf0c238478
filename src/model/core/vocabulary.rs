//! The fixed vocabularies of the model: partner category, market position, lifecycle
//! stage, ladder level, and a key player's role and stance.
//!
//! Each enum is declared once with its stored key and its label, so the file format,
//! the select boxes and the table all read the same fact.

use serde::{Deserialize, Serialize};

/// What every vocabulary offers, so one select box and one filter serve them all.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    fn all() -> &'static [Self];
    fn key(self) -> &'static str;
    fn label(self) -> &'static str;
    fn from_key(key: &str) -> Option<Self>;
}

/// The position in `keys` of the stored key `d` holds. An unknown key is refused as a
/// derived enum refuses it: ``unknown variant `x`, expected one of …``.
fn read_key<'de, D: serde::Deserializer<'de>>(
    d: D,
    keys: &'static [&'static str],
) -> Result<usize, D::Error> {
    struct Key(&'static [&'static str]);
    impl serde::de::Visitor<'_> for Key {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("variant identifier")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<usize, E> {
            self.0
                .iter()
                .position(|k| *k == v)
                .ok_or_else(|| E::unknown_variant(v, self.0))
        }
    }
    d.deserialize_str(Key(keys))
}

macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[cfg_attr(test, derive(schemars::JsonSchema))]
        pub enum $name {
            $(#[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every value, in the order the product presents them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every stored key, in the order of [`Self::ALL`].
            const KEYS: &'static [&'static str] = &[$($key),+];

            /// The key stored in files and used in form values.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// The label shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// The value for a stored key, if it is one.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }

            /// Position in [`Self::ALL`]: the natural sort order.
            pub fn rank(self) -> usize {
                Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
            }
        }

        /// Read by its key through [`read_key`], shared by every vocabulary: a derived
        /// `Deserialize` compiled a matcher of its own per enum (about 1.2 KB each of the
        /// first screen's code, bench/RESULTS.md). Same keys, same refusal of any other.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                read_key(d, Self::KEYS).map(|i| Self::ALL[i])
            }
        }

        impl Choice for $name {
            fn all() -> &'static [Self] { Self::ALL }
            fn key(self) -> &'static str { $name::key(self) }
            fn label(self) -> &'static str { $name::label(self) }
            fn from_key(key: &str) -> Option<Self> { $name::from_key(key) }
        }
    };
}

choice! {
    /// What kind of partnership this is.
    Category {
        Platform => "platform", "Platform";
        Distribution => "distribution", "Distribution";
        TechnologyIntegration => "technology_integration", "Technology integration";
        CoMarketing => "co_marketing", "Co-marketing";
        ResellerAgency => "reseller_agency", "Reseller or agency";
        DeviceTelcoBundle => "device_telco_bundle", "Device or telco bundle";
        Content => "content", "Content";
        Other => "other", "Other";
    }
}

choice! {
    /// Where the partner stands in its market.
    MarketPosition {
        Incumbent => "incumbent", "Incumbent";
        Challenger => "challenger", "Challenger";
        Disruptor => "disruptor", "Disruptor";
        Niche => "niche", "Niche";
    }
}

choice! {
    /// The lifecycle of a partnership, from first research to live or walked away.
    Stage {
        Research => "research", "Research";
        Pitching => "pitching", "Pitching";
        Negotiating => "negotiating", "Negotiating";
        Signed => "signed", "Signed";
        Landing => "landing", "Landing";
        Live => "live", "Live";
        Paused => "paused", "Paused";
        WalkedAway => "walked_away", "Walked away";
    }
}

choice! {
    /// How deep the partnership goes: start on the public platform, earn exclusivity.
    LadderLevel {
        SelfServe => "self_serve", "Self-serve / public API";
        Integration => "integration", "Integration";
        Strategic => "strategic", "Strategic";
        Exclusive => "exclusive", "Exclusive";
    }
}

choice! {
    /// The part a key player takes in the partner's decision.
    DecisionRole {
        DecisionMaker => "decision_maker", "Decision maker";
        Influencer => "influencer", "Influencer";
        Champion => "champion", "Champion";
        Gatekeeper => "gatekeeper", "Gatekeeper";
        OnTheGround => "on_the_ground", "On the ground";
    }
}

choice! {
    /// Where a key player stands on the partnership.
    Stance {
        Champion => "champion", "Champion";
        Supportive => "supportive", "Supportive";
        Neutral => "neutral", "Neutral";
        Skeptical => "skeptical", "Skeptical";
        Blocker => "blocker", "Blocker";
    }
}

choice! {
    /// The twelve ingredients of an outreach pitch, in the order the memo tells them.
    Ingredient {
        Vision => "vision", "Shared vision";
        Challenges => "challenges", "Mutual challenges";
        Excitement => "excitement", "What excites us about their work";
        Incumbent => "incumbent", "The incumbent we both want to disrupt";
        Core => "core", "The core first, then what goes around it";
        Product => "product", "The product pitch";
        MutualGoal => "mutual_goal", "The mutual goal";
        FirstStep => "first_step", "The self-serve first step";
        ExclusivePath => "exclusive_path", "What would earn a more exclusive deal";
        Praise => "praise", "Sincere, specific praise";
        Beliefs => "beliefs", "Shared beliefs about technology";
        Close => "close", "The close: concrete help";
    }
}

choice! {
    /// A five-point reading of a person in a meeting.
    Scale {
        StronglyNegative => "strongly_negative", "Strongly negative";
        Negative => "negative", "Negative";
        Neutral => "neutral", "Neutral";
        Positive => "positive", "Positive";
        StronglyPositive => "strongly_positive", "Strongly positive";
    }
}

choice! {
    /// Whether the partnership gives users the right experience.
    UxVerdict {
        Right => "right", "Right";
        Risky => "risky", "Risky";
        Wrong => "wrong", "Wrong";
    }
}

choice! {
    /// The deal's economics for us.
    Economics {
        Favourable => "favourable", "Favourable";
        Neutral => "neutral", "Neutral";
        Unfavourable => "unfavourable", "Unfavourable";
    }
}

choice! {
    GoalStatus {
        Open => "open", "Open";
        OnTrack => "on_track", "On track";
        AtRisk => "at_risk", "At risk";
        Met => "met", "Met";
        Missed => "missed", "Missed";
    }
}

choice! {
    /// Which side of the partnership owes a commitment.
    Side {
        Us => "us", "Us";
        Partner => "partner", "Partner";
    }
}

choice! {
    CommitmentStatus {
        Open => "open", "Open";
        Delivered => "delivered", "Delivered";
        Late => "late", "Late";
        Dropped => "dropped", "Dropped";
    }
}

choice! {
    DecisionKind {
        Go => "go", "Go";
        Pause => "pause", "Pause";
        Pivot => "pivot", "Pivot";
        WalkAway => "walk_away", "Walk away";
    }
}

choice! {
    WinKind {
        SmallWin => "small_win", "Small win";
        Milestone => "milestone", "Milestone";
        BigTarget => "big_target", "Big target";
    }
}

/// What a choice left open reads as, wherever it is shown (a partner's category or
/// market position before anyone chose one).
pub const NOT_SET: &str = "Not set";

/// The label of a choice that may not be made yet: its own label, or [`NOT_SET`].
pub fn label_or_not_set<T: Choice>(value: Option<T>) -> &'static str {
    value.map_or(NOT_SET, Choice::label)
}

/// The sort rank of a choice that may not be made yet: in the product's order, with
/// the values nobody chose after every chosen one.
pub fn rank_or_last<T: Choice>(value: Option<T>) -> usize {
    value.map_or(usize::MAX, |v| {
        T::all().iter().position(|x| *x == v).unwrap_or(usize::MAX)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        for stage in Stage::ALL {
            assert_eq!(Stage::from_key(stage.key()), Some(*stage));
            let json = serde_json::to_string(stage).unwrap();
            assert_eq!(json, format!("\"{}\"", stage.key()));
        }
        for c in Category::ALL {
            assert_eq!(Category::from_key(c.key()), Some(*c));
        }
        assert_eq!(Stage::ALL.len(), 8);
        assert_eq!(Category::ALL.len(), 8);
        assert_eq!(Stance::from_key("enemy"), None);
    }

    #[test]
    fn a_choice_not_made_reads_not_set_and_sorts_after_every_chosen_one() {
        assert_eq!(label_or_not_set(None::<Category>), "Not set");
        assert_eq!(label_or_not_set(Some(Category::Content)), "Content");
        assert!(rank_or_last(Some(MarketPosition::Niche)) < rank_or_last(None::<MarketPosition>));
        assert!(rank_or_last(Some(Category::Platform)) < rank_or_last(Some(Category::Other)));
    }

    #[test]
    fn rank_follows_the_lifecycle() {
        assert!(Stage::Research.rank() < Stage::Live.rank());
        assert_eq!(Stage::WalkedAway.rank(), 7);
    }
}
