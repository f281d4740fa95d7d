# comments
# Commenting: the comment form, its answers, the links mailed to
# commenters, the discussion under each clause, and following a standard.

# Shared by the forms.
form-error-prefix = Error:{ " " }
form-breadcrumb = Breadcrumb
form-honeypot = Leave this field empty
form-email = Your email address
comment-go-to-standards = Go to the list of standards

# subscriptions/*.html and the answers of web/subscriptions.rs
sub-form-title = Follow { $title } by email
sub-form-crumb = Follow by email
sub-form-intro = We will email you when a new draft is published and when a comment period opens, closes early or is extended. Nothing else.
sub-form-error-title = You are not subscribed yet: please fix this problem
sub-form-email-hint = Never shown to anyone. We first send a link to confirm it is yours.
sub-back-to = Back to { $title }
sub-go-to = Go to { $title }
sub-confirm-title = Confirm: email me about { $title }
sub-confirm-intro = Someone, probably you, asked for email about { $title }: new drafts, and when a comment period opens, closes early or is extended. Nothing is sent until you confirm here.
sub-confirm-button = Confirm and start the emails
sub-confirm-not-you = If it was not you, close this page: nothing more will be sent.
sub-unsubscribed = Unsubscribed
sub-unsubscribed-text = We will no longer email you about { $title }. To follow it again,
sub-subscribe-again = subscribe again
sub-stop-title = Stop emails about { $title }
sub-stop-question = Stop the notices about new drafts and comment periods of { $title }?
sub-unsubscribe-button = Unsubscribe
sub-check-mail = Check your email
sub-check-mail-sent = If the address is not already following { $title }, we have sent it a link to confirm. Open it within { $hours } hours to start receiving notices.
sub-check-mail-nothing = Nothing is sent until you confirm, and every notice has a link to stop them.
sub-link-broken = This confirmation link does not work
sub-link-broken-text = It may have been mistyped, replaced by a newer link, or the subscription may have ended. Subscribe again from the standard's page to get a new link.
sub-following = You are following this standard
sub-following-text = We will email you about { $title }: new drafts, and when a comment period opens, closes early or is extended. Every message has a link to stop them.
sub-already = Already confirmed
sub-already-text = You already follow { $title }. Nothing more to do.
sub-expired = This confirmation link has expired
sub-expired-text = Links work for { $hours } hours. Subscribe again to get a new one; nothing is sent to you until you confirm.
sub-not-yet = Not confirmed yet
sub-not-yet-text = Press the button on the confirmation page to start the notices.
sub-email-missing = Enter your email address.
sub-email-invalid = Enter an email address in the form name@example.org, without a name or spaces.

# comments/form.html and web/comments/form.rs
form-preview-prefix = Preview:{ " " }
form-reply = Reply
form-comment = Comment
form-comment-on = Comment on { $target }
form-version = Version { $label }
form-reply-title = Reply to a comment
form-context = { $title }, version { $version }.
form-open-window = Comments are open { $window } ({ $zone }).
form-errors-title = Your comment was not sent: please fix { $count ->
    [one] this problem
   *[other] these { $count } problems
}
form-nothing-saved = Nothing was saved. What you wrote is still in the form below.
form-refusal-title = Too many requests: your comment was not sent yet
form-too-many = You have sent as many comments in the last hour as this site accepts from one sender ({ $per_address } from one address; { $per_verified } from a commenter who confirmed their email address, writing from the browser they confirmed it in). You can send it again in { $wait }.
form-resumed = This form holds the draft you saved for later on { $when } ({ $zone }). Sending the comment deletes the saved draft.
form-saved = Saved: this draft is kept on this site for 7 days; open this form again from this browser to continue.
form-replying-to = The comment you are replying to
form-clause-text = The text of { $clause }
form-preview-title = Preview of your comment
form-preview-hint = Not sent yet: this is how your comment will appear once it is sent and confirmed. Change it in the form below, or send it.
form-no-proposal = No new text is proposed for the clause.
form-name = Your name
form-name-hint = (shown with your comment)
form-email-hint = Never shown to anyone. We send a link to it to confirm the comment is yours, then a receipt, and a note when someone replies.
form-organization = Organisation
form-organization-hint = (optional; shown with your name)
form-kind = Type of comment
form-kind-general-hint = about what the clause asks for, or why
form-kind-technical-hint = about whether it can be carried out, or how
form-kind-editorial-hint = about wording, spelling or layout
form-body = Your comment
form-body-hint = Up to { $max } characters. You may use Markdown: *emphasis*, **bold**, lists, and links like [text](https://example.org). HTML is shown as text.
form-optional = (optional)
form-proposed-hint = This box starts with the clause's current text. If you would word the clause differently, edit it here; it is shown with your comment, with the changes marked. Left as it is, it proposes nothing.
form-public-note = Comments are public once confirmed, and stay public: they are not edited afterwards. Moderators may hide a comment that breaks the rules, leaving a note with the reason.
form-send = Send comment
form-preview = Preview
form-keep = Save for later
form-cancel = Cancel
form-buttons-hint = Preview shows your comment without sending anything. Save for later keeps what you typed on this site for 7 days, for this browser only, without sending it.
form-buttons-hint-proposals = Preview shows your comment and the changes your proposed text makes without sending anything. Save for later keeps what you typed on this site for 7 days, for this browser only, without sending it.

# A comment as shown (comments/macros.html, the preview).
comment-kind-general = General
comment-kind-technical = Technical
comment-kind-editorial = Editorial
comment-proposed-label = Proposed text for the clause
comment-proposed-marks = (changes marked: inserted text underlined, deleted text struck through)

# comments/submitted.html, confirm.html, verified.html
comment-check-mail = Check your email
comment-received-title = Comment received
comment-saved-lede = Your comment on { $target } of { $title }, version { $version }, is saved but
comment-not-yet-public = not yet public
comment-tracking-label = Tracking number:
comment-mail-later = We send at most { $per_hour } confirmation emails an hour to one address, and this address has had that many. The email with the link to your comment goes out at { $at } ({ $zone }), together with the links of any other comments waiting for this address. Nothing is lost while it waits.
comment-mail-sent = We sent an email with a link to the address you gave.
comment-open-link = Open the link and press the button on the page it opens to confirm the comment is yours; then it is published (or, if this site reviews comments first, passed to a moderator) and we send you a receipt with its tracking number.
comment-link-until = The link works once, until { $expires } ({ $zone }).
comment-look-in-spam = If no email arrives within a few minutes, look in your spam or junk folder.
comment-mistyped = If the address was mistyped, send the comment again with the right one.
comment-sent-twice = Sending the same comment again from this browser within the hour does not store it twice: you are brought back to this page.
comment-published-title = Your comment is published
comment-received-heading = Your comment is received
comment-confirmed-title = Your comment is confirmed
comment-public-lede = Your comment on { $target } of { $title }, version { $version }, is public:
comment-read-it-here = read it here
comment-receipt-on-its-way = A receipt with the tracking number is on its way to your email.
comment-review-lede = Your comment on { $target } of { $title }, version { $version }, will be shown once a moderator has reviewed it.
comment-back-to = Back to { $target }
comment-confirm-title = Confirm your comment
comment-confirm-comment = Comment
comment-confirm-lede = on { $target } of { $title }, version { $version }, was sent with your email address. It is not shown to anyone until you confirm it.
comment-shown-as = To be shown as
comment-shown-from = Shown from
comment-office-from = Election office: { $office } ({ $domain })
comment-the-comment = The comment
comment-confirm-button = Confirm and send my comment
comment-confirm-until = This link works once, until { $expires } ({ $zone }). If you did not write this comment, close this page: nothing is published without the button.
comment-verified-public = Thank you. Your comment on { $target } of { $title }, version { $version }, is now public:
comment-verified-waits = Thank you. Your comment on { $target } of { $title }, version { $version }, is confirmed and waits for a moderator; it is shown once they have reviewed it. We will write to you when it is published.
comment-receipt-sent = We sent a receipt with the tracking number to your email. Keep it: the editors' decision on your comment will refer to it.

# comments/closed.html, link_problem.html, unsubscribe.html
comment-closed-title = Comments are closed
comment-closed-open-now = Version { $label } of { $title } is open for comment now, until { $closes }:
comment-closed-comment-on = comment on version { $label }
comment-closed-none-open = No version of { $title } is open for comment now.
comment-closed-follow = to hear when a draft opens for comment.
comment-closed-read = Read the comments made
comment-error-status = Error { $status }.
comment-new-link = Send me a new link
reply-stopped-title = Reply notices stopped
reply-stopped-text = We will no longer email you when someone replies to your comments. Receipts for comments you send are still mailed to you.
reply-stop-title = Stop reply notices
reply-stop-question = Stop the emails we send when someone replies to one of your comments?

# The problems found in a comment (comments/submit/form.rs, drafts_kept.rs).
form-err-name-missing = Enter the name to show with your comment.
form-err-name-long = Use a name of at most { $max } characters, on one line.
form-err-name-bidi = Your name contains a hidden text-direction control ({ $code }); remove it and send again.
form-err-email-missing = Enter your email address: we send a link to it to confirm the comment is yours.
form-err-email-invalid = Enter an email address in the form name@example.org.
form-err-organization-long = Use an organisation name of at most { $max } characters, on one line.
form-err-organization-bidi = The organisation contains a hidden text-direction control ({ $code }); remove it and send again.
form-err-kind = Choose the type of comment: general, technical or editorial.
form-err-kind-list = Choose a type of comment from the list.
form-err-body-missing = Write your comment.
form-err-body-long = Your comment is { $length } characters long; the limit is { $max }. Shorten it, or split it into several comments.
form-err-body-control = Your comment contains an invisible control character ({ $code }), often left by copying from another program; remove it and send again.
form-err-proposed-not-here = Replacement text can be proposed only in a comment on a clause.
form-err-proposed-long = The proposed text is { $length } characters long; the limit is { $max }.
form-err-proposed-control = The proposed text contains an invisible control character ({ $code }); remove it and send again.
form-err-too-long = { $what } is { $length } characters long; the limit is { $max }.
form-what-organization = The organisation
form-what-proposed = The proposed text

# web/comments.rs, web/verify.rs, web/flags.rs
comment-closed-period = Its comment period runs from { $from } to { $to }.
comment-closed-no-period = It has no comment period.
comment-closed-not-open = Version { $label } of { $title } is not open for comment now, so nothing was saved.
comment-closed-still-read = You can still read every comment made.
comment-refused-title = Your comment could not be accepted
comment-refused-text = This submission could not be accepted and nothing was saved. If you are a person, please go back, reload the form and send it again.
verify-see-comment = See the comment this link confirmed
verify-see-discussion = See the discussion where the comment will be shown once a moderator publishes it
verify-unknown-title = This link is not valid
verify-unknown-text = This verification link is not one we sent, or it was copied incompletely. Nothing was changed. Open the link from the email again, or copy all of it into the address bar.
verify-expired-title = This link has expired
verify-expired-text = Verification links work for 48 hours, and this one is older. Nothing was changed: your comment is kept but not shown. We can send a new link to the same address.
verify-used-title = This link was already used
verify-used-text = Each verification link works once, and this one has been used to confirm its comment already. Nothing was changed. If it was you who confirmed it, your comment is verified: the receipt we sent has its tracking number.
verify-renewed-text = We sent a new verification link to the address you gave with your comment. It works once, for 48 hours. Your comment is shown once you open it.
flag-thanks = Thank you for the report
flag-queued = Comment { $tracking } is now in the moderators' queue. They will keep it, or hide it with a public reason.
flag-back = Back to the comment

# comments/macros.html, permalink.html and the discussions under clauses
# and versions.
comment-numbered = Comment { $tracking }
comment-in-reply-to = in reply to
comment-office = Election office:
comment-decision = Editors' decision: { $outcome }.
comment-resolved-in = Resolved in
comment-see-changes = See what changed
comment-see-changes-where = in the clause
comment-permalink = Permalink
comment-permalink-to = to comment { $tracking }
comment-reply-to = to
comment-pages-of = Pages of { $what }
comment-first-page = (first page)
comment-carried-heading = On version { $version }, { $clause }: { $heading }
comment-now-numbered = Now numbered { $number }.
comment-see-changes-clause = See what changed in this clause
comment-carried-stay = These comments were made on version { $version } and stay with it.
comment-carried-all = All { $count } comments on version { $version }, { $clause }
comment-permalink-context = On { $target } of { $title }, version { $version }
comment-whole-discussion = See the whole discussion
comment-and-replies = The comment and its replies
comment-direct-replies = { $count ->
    [0] No replies yet.
    [one] 1 direct reply.
   *[other] { $count } direct replies, oldest first.
}
comment-pager-replies = replies
comment-reply-to-this = Reply to this comment
flag-summary = Report this comment to the moderators
flag-reason = What is wrong with it?
flag-button = Report comment { $tracking }
discussion-clause-title = Comments on this clause
discussion-not-open = This version is not open for comment now.
discussion-none-on-page = No comments on this page.
discussion-none-on-clause = No comments on this clause in version { $version } yet.
discussion-pager-clause = comments on this clause
discussion-earlier = Comments on earlier versions of this clause
discussion-version-title = Comments on the whole version
discussion-comment-on-version = Comment on the whole version
discussion-one-clause-hint = (to comment on one clause, use the link under it)
discussion-none-on-version = No comments on the version as a whole yet.
discussion-pager-version = comments on the whole version
discussion-feed = Feed of this version's comments (Atom)
discussion-removed-title = Comments on removed clauses
discussion-removed-text = These clauses of earlier versions are not in version { $version }. Their comments are kept with the version they were made on.

# The signed letter on the comment form.
form-letter-label = Signed letter (PDF, at most 10 MB)
form-letter-optional = (optional)
form-letter-hint = If your office sends its comments as a signed letter, attach it here. It is published with your comment, for anyone to download.

# Commenting on several clauses: the list, sent together and confirmed by one mail.
form-gather = Add to my list
form-gather-hint = Commenting on several clauses? Add each comment to your list, then send them together: one email with one link confirms them all.
form-gather-list = See your list
form-letter-note-preview = Choose the file again before you send the comment: a preview checks the file you chose but does not keep it.
form-letter-note-kept = Choose the file again when you send the comment: a draft saved for later keeps what you typed, not the file you chose.
form-letter-note-not-sent = Choose the file again: the comment was not sent, so the file you chose was not kept.
form-letter-preview = Signed letter (PDF, { $size })
gather-err-closed = The comment period of this version is closed: remove this comment from the list to send the others.
gather-err-full = Your list already holds { $max } comments, the most one email confirms. Send them, then start a new list.
gather-err-letter = A signed letter cannot be added to a list. Send this comment on its own with its letter, or remove the file to add the comment to your list.
gather-title = Your list of comments
gather-empty = Your list is empty.
gather-how = On the form for a comment on a clause or a version, "Add to my list" keeps the comment here, checked but not sent. Gather up to { $max } comments, then send them together from this page: one email with one link confirms them all. The list is kept on this site for 7 days, for this browser only.
gather-lede = { $count ->
    [one] One comment is waiting in your list. It is not sent yet.
   *[other] { $count } comments are waiting in your list. They are not sent yet.
}
gather-problems = Some comments cannot be sent yet. Nothing was sent: correct what is marked below and send the list again.
gather-item-on = On { $target } of { $title }, version { $version }
gather-proposes = proposes new text
gather-edit = Change
gather-remove = Remove from the list
gather-send-title = Send them all
gather-send-hint = The name, email address and organisation below go with every comment in the list. We send one email with one link that confirms them all.
gather-send = { $count ->
    [one] Send the comment
   *[other] Send { $count } comments
}
gather-sent-title = Your comments were received
gather-sent-lede = { $count ->
    [one] Your comment was saved.
   *[other] Your { $count } comments were saved.
}
gather-sent-not-public = They are not public until you confirm them with the link we email you.
gather-sent-mail = We have sent one email with one link that confirms them all. Open it and press the button on the page it opens.
gather-sent-mail-later = This address has had several confirmation emails within the hour, so the one with the link for these comments goes out at { $at }.
gather-sent-tracking = Tracking numbers
verify-list-title = Confirm your comments
verify-list-lede = { $count ->
    [one] This link confirms the comment below, sent with your email address.
   *[other] This link confirms the { $count } comments below, sent together with your email address.
}
verify-list-button = { $count ->
    [one] Confirm the comment
   *[other] Confirm all { $count } comments
}
verify-list-done-title = Your comments are confirmed
verify-list-done-lede = { $count ->
    [one] One comment was confirmed.
   *[other] { $count } comments were confirmed.
}
verify-list-done-waits = waits for a moderator.
verify-list-expired-text = Confirmation links work for 48 hours, and this one is older. Nothing was changed: the comments it was for are kept but not shown. Send them again from their clauses to get a new link.

# A signed letter refused, a form that cannot be read, a comment hidden, a
# comment's clause in a later version, and the office badge.
letter-err-too-large = The file is larger than { $max }, the most a letter may be. Make it smaller (scan at a lower resolution, or save it as a “reduced size” PDF) and choose it again.
letter-err-not-pdf = The file you chose is not a PDF (its contents are not a PDF document, whatever its name). Save or export the letter as a PDF and choose it again.
letter-err-empty = The file you chose is empty. Choose the PDF of your letter again.
form-err-unreadable = The form could not be read: { $what }. Go back, check the fields and send it again.
form-err-too-many-fields = it has too many fields
form-err-not-utf8 = The form could not be read: the field “{ $name }” contains bytes that are not valid UTF-8 text, so nothing was saved. Copy your text into the form again from a program that saves Unicode, and send it again.
comment-hidden-reason = This comment was hidden by a moderator. Reason: { $reason }
comment-hidden-no-reason = none given
comment-removed-spam = This comment was removed as spam.
carry-fate-unchanged = Unchanged in version { $version }
carry-fate-moved = Moved, text unchanged, in version { $version }
carry-fate-revised = Revised in version { $version }
carry-fate-revised-moved = Revised and moved in version { $version }
carry-fate-removed = Removed in version { $version }
office-badge = address confirmed on { $domain }
comment-letter-of = with comment { $tracking }
