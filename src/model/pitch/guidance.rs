//! What to write for each ingredient of a pitch: the hint shown beside its field.
//!
//! Written for a partner manager facing a blank field, so each hint says what the
//! ingredient is for and what a good one contains, in a couple of sentences.

use crate::model::core::vocabulary::Ingredient;

/// The hint for one ingredient.
pub fn guidance(ingredient: Ingredient) -> &'static str {
    match ingredient {
        Ingredient::Vision => {
            "The future you both want, in one sentence someone could repeat after a single \
             hearing. Say who it is for and what changes for them; leave the how for later."
        }
        Ingredient::Challenges => {
            "The problems that hold both companies back, seen from each side. When they read \
             it they should think \"that is our problem too\", not \"that is their problem\"."
        }
        Ingredient::Excitement => {
            "What they built that you honestly find exciting, and why it matters to you. \
             Speak to them about their product, not about yours."
        }
        Ingredient::Incumbent => {
            "The established player you would both like to overtake, by name, and what it \
             does that leaves users underserved. A shared rival turns two companies into a \
             team."
        }
        Ingredient::Core => {
            "The one thing to build first, because everything else depends on it, and what \
             can be added around it afterwards. A small core that works beats a long feature \
             list."
        }
        Ingredient::Product => {
            "What the joint product does, in words a user would use. If it needs a diagram \
             or more than a short paragraph, it is not simple enough yet."
        }
        Ingredient::MutualGoal => {
            "One result both sides want and can measure, such as a number by a date. If the \
             partner already has shared goals recorded, link the one this speaks to."
        }
        Ingredient::FirstStep => {
            "A step they can take on their own, today, without a contract: the public API, \
             the self-serve tools, a sandbox. Starting on the open platform keeps the first \
             yes small."
        }
        Ingredient::ExclusivePath => {
            "What would justify a deeper or exclusive deal later, and the leverage each side \
             would need first. Make it a condition you can check, so exclusivity is earned, \
             not given away."
        }
        Ingredient::Praise => {
            "Credit for something specific they did well: a launch, a design choice, a number, \
             a person's work. Praise that could be sent to any company reads as flattery."
        }
        Ingredient::Beliefs => {
            "A conviction about technology you share with them, and the choice it led both \
             of you to make. Shared beliefs make later trade-offs easier to agree on."
        }
        Ingredient::Close => {
            "End with help they can accept right away: something concrete you will do or \
             send, and when. \"Let me know if I can help\" asks them to do the work."
        }
    }
}
