pub mod bulk;
pub mod kb;
pub mod new_ticket;
pub mod portal;
pub mod queue;
pub mod reports;
pub mod settings;
pub mod ticket;
