//! Small SVG charts shared by the screens: readable, labelled, and with every number
//! reachable by hover (a `<title>`) or keyboard focus.
pub mod bars;
pub mod line;
pub mod parts;
pub mod scatter;
pub mod sparkline;
