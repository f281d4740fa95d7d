//! Rows and the queries that read and write them, one file per table.
//! Plain methods (no database) sit beside the query functions.

pub mod attachment;
pub mod audit_event;
pub mod clause;
pub mod comment;
pub mod comment_order;
pub mod comment_paging;
pub mod commenter;
pub mod disposition;
pub mod draft;
pub mod feedback;
pub mod flag;
pub mod heartbeat;
pub mod kept_draft;
pub mod ledger;
pub mod office_domain;
pub mod outbox;
pub mod page_stamp;
pub mod rate_event;
pub mod redaction;
pub mod review;
pub mod search_doc;
pub mod staff;
pub mod standard;
pub mod subscription;
pub mod tally;
pub mod translation;
pub mod verification;
pub mod version;

pub use attachment::{Attachment, NewAttachment};
pub use audit_event::{AuditEvent, NewAuditEvent};
pub use clause::{ClauseRow, NewClause};
pub use comment::{Author, Comment, CommentKind, CommentStatus, NewComment};
pub use commenter::{Commenter, NewCommenter};
pub use disposition::{DecidedComment, Disposition, NewDisposition, Outcome};
pub use draft::{Draft, DraftAcceptance, NewDraft, NewDraftAcceptance};
pub use flag::CommentFlag;
pub use heartbeat::Heartbeat;
pub use kept_draft::{KeptDraft, NewKeptDraft};
pub use ledger::{CheckpointRow, LedgerRow, NewCheckpoint};
pub use office_domain::OfficeDomain;
pub use outbox::{NewOutboxRow, OutboxRow};
pub use page_stamp::PageStamp;
pub use rate_event::RateEvent;
pub use redaction::{NewRedaction, Redaction};
pub use staff::{LoginFailure, NewStaffUser, Role, StaffUser};
pub use standard::{NewStandard, Standard};
pub use subscription::{NewSubscription, Subscription};
pub use tally::{Tallies, Tally};
pub use translation::{ClauseTranslation, VersionTranslation};
pub use verification::{
    FirstMail, NewVerificationMail, NewVerificationToken, VerificationMail, VerificationToken,
};
pub use version::{NewVersion, Version, VersionStatus};
