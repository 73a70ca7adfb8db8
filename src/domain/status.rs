//! The closed sets of statuses that requests, comments, messages and consultations pass through.

string_enum! {
    /// Where a transition request stands.
    RequestStatus {
        /// Waiting for an approver.
        Pending => "pending",
        /// Approved and applied.
        Approved => "approved",
        /// Rejected with a note.
        Rejected => "rejected",
        /// Overtaken: the procedure moved before anyone decided.
        Stale => "stale",
    }
}

string_enum! {
    /// Where a citizen's comment (or feedback) stands.
    CommentStatus {
        /// Waiting for moderation.
        Received => "received",
        /// Shown to everyone.
        Published => "published",
        /// Withheld by moderation, with a reason.
        Rejected => "rejected",
    }
}

string_enum! {
    /// Where an e-mail of the outbox stands.
    OutboxStatus {
        /// Waiting to be sent (or retried).
        Pending => "pending",
        /// Delivered to the mail server.
        Sent => "sent",
        /// Given up after the last attempt.
        Failed => "failed",
        /// Not sent: its recipient had been sent as many such messages as a day allows.
        Suppressed => "suppressed",
    }
}

string_enum! {
    /// Where a consultation's window stands at a given moment.
    ConsultationStatus {
        /// Not yet open.
        Scheduled => "scheduled",
        /// Receiving comments.
        Open => "open",
        /// Closed.
        Closed => "closed",
    }
}
