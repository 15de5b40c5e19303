pub mod bulk;
pub mod new_ticket;
pub mod queue;
pub mod settings;
pub mod ticket;
