# mail
# Mail to commenters and subscribers. Each mail is written in the language
# its reader used: the confirmation link's in the request's, later notices
# in the one stored with the comment or subscription.

# The confirmation mail of a subscription (subscriptions.rs).
mail-sub-subject = Confirm: email notices about { $title }
mail-sub-asked =
    Someone, probably you, asked to be told by email about "{ $title }":
    new drafts, and when a comment period opens, closes or is extended.
mail-sub-open = To confirm, open this link within { $hours } hours and press the button:
mail-sub-ignore =
    If it was not you, ignore this message: without the confirmation
    nothing more is sent to this address.
mail-sub-standard = Standard: { $page }
# The footer of every notice to a subscriber.
mail-sub-footer = You receive this because you follow "{ $title }" at { $page }.
mail-sub-stop = Stop these emails: { $url }

# Shared by the comment mails.
mail-hello = Hello,
mail-hello-name = Hello { $name },
mail-tracking = Tracking number: { $tracking }
mail-keep-tracking = Keep the tracking number: the editors' decision on your comment will refer to it.
mail-your-comment = Your comment:
mail-place = { $title }, version { $version }

# comments/mail/verify.txt: the confirmation links (confirm_mail.rs).
mail-verify-subject = Confirm your comment
mail-verify-subject-one = Confirm your comment on { $title }
mail-verify-subject-many = Confirm your comments ({ $count } waiting)
mail-verify-one = A comment was submitted with this email address. To confirm that it is yours, open its link within { $hours } hours and press the button on the page:
mail-verify-many = { $count } comments were submitted with this email address. We send at most { $per_hour } of these emails an hour to one address, so they are gathered here. To confirm one that is yours, open its link within { $hours } hours and press the button on the page:
mail-verify-entry = Comment { $tracking } on { $on } of { $title }, version { $version }
mail-verify-shown-as = To be shown as: { $name }
mail-verify-begins = It begins: "{ $excerpt }"
mail-verify-proposes = It also proposes new text for the clause.
mail-verify-confirm = Confirm: { $link }
mail-verify-group = You sent { $count } comments together with this email address. To confirm that they are yours, open the link below within { $hours } hours and press the button on the page: it confirms them all.
mail-verify-confirm-all = Confirm them all: { $link }
mail-verify-once = Each link works once. Until a comment is confirmed it is not shown to anyone. If you did not write it, ignore this message and nothing will be published.

# comments/mail/receipt.txt (notify.rs)
mail-receipt-subject-published = Your comment { $tracking } is published
mail-receipt-subject-pending = Your comment { $tracking } is received and awaits review
mail-receipt-thanks = Thank you for your comment on { $on } of { $title }, version { $version }.
mail-receipt-published = It was published on { $when } ({ $zone }) and can be read here:
mail-receipt-pending = It is received and will be shown once a moderator has reviewed it. We will write again when it is published.

# comments/mail/reply.txt (notify.rs)
mail-reply-subject = { $replier } replied to your comment { $tracking }
mail-reply-heading = { $replier } replied to your comment { $tracking } on { $on } of { $title }, version { $version }:
mail-reply-read = Read the reply and its thread:
mail-reply-why = You receive this because someone replied to your comment. To stop these notices, open:

# comments/mail/moderation.txt (moderation_mail.rs)
mail-moderation-subject-hidden = Your comment { $tracking } has been hidden
mail-moderation-subject-restored = Your comment { $tracking } is shown again
mail-moderation-subject-redacted = Part of your comment { $tracking } has been redacted
mail-moderation-hidden = A moderator has hidden your comment { $tracking } on { $on } of { $place }. Its text is not shown; in its place the page shows this reason:
mail-moderation-restored = A moderator has shown your comment { $tracking } on { $on } of { $place }, again. The reason given:
mail-moderation-redacted = A moderator has redacted part of your comment { $tracking } on { $on } of { $place }. The passage taken out is replaced, wherever the comment is shown, by a note giving this reason:
mail-moderation-now-reads = Your comment now reads:
mail-moderation-page = The comment's page:
mail-moderation-ledger = Every moderation action is recorded in the public integrity ledger. If you think this was a mistake, reply to this message and quote the tracking number { $tracking }.

# comments/mail/disposition.txt (dispositions.rs)
mail-decision-subject = Decision on your comment { $tracking }: { $outcome }
mail-decision-heading = The editors of { $title } have recorded a decision on your comment { $tracking } ({ $on }, version { $version }).
mail-decision-outcome = Outcome: { $outcome }
mail-decision-rationale = Rationale:
mail-decision-resolved = Resolved in: { $where }
mail-decision-resolved-in = version { $version }, { $clause }
mail-decision-resolved-next = the next version, { $clause }
mail-decision-link-changed = What changed in the clause
mail-decision-link-clause = The clause
mail-decision-link-version = The version
mail-decision-permalink = Your comment, with this decision under it:
mail-decision-report = Every comment on version { $version } and its decision, in one report:
mail-decision-why = You receive this because you commented on this version. Decisions are public; your email address is not.
mail-outcome-accepted = Accepted
mail-outcome-accepted-modified = Accepted with modification
mail-outcome-not-accepted = Not accepted
mail-outcome-noted = Noted
mail-outcome-duplicate = Duplicate
mail-outcome-out-of-scope = Out of scope

# Followers told of a change to a comment period.
period-subject-opened = Comment period opened: { $title }, version { $version }
period-subject-closed-early = Comment period closed early: { $title }, version { $version }
period-subject-extended = Comment period extended: { $title }, version { $version }
period-notice-opened = The comment period for { $title } version { $version } is open: comments are accepted from { $opens } until { $closes } ({ $zone }).
period-notice-closed-early = The comment period for { $title } version { $version } was closed early, at { $closed } ({ $zone }). It had been due to close { $due }.
period-notice-extended = The comment period for { $title } version { $version } is extended: comments are now accepted until { $closes } ({ $zone }){ $instead }.
period-notice-instead-of = , instead of { $before }
period-notice-read = Read it and comment: { $link }
