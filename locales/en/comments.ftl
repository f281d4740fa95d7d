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
