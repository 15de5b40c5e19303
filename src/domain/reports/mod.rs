//! What the reports pages compute besides the KPIs themselves: report periods on the desk's
//! days, chart axes and buckets, and the incident report of a group of linked tickets with its
//! Markdown export. Plain data in, plain data out, so all of it is tested natively.

pub mod chart;
pub mod compare;
pub mod incident;
pub mod incident_md;
pub mod period;
pub mod scope;
